// Search on the shipped site (SITE_DIR), with the exact queries parents type: the page about free,
// independent help comes first for each of them and for its own title; glossary entries answer a
// term (or a misspelling of it) with the definition first; services and schools say what they
// are; excerpts keep list items apart; one search box; a real page without JavaScript (the query
// form and an A–Z list); and fast typing never mixes one search's results into the next.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, siteDir } from './helpers.mjs';

let server; let browser;
const FREE_HELP = '/parents/free-help/';

before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens /search/, types `q`, waits for the count; returns the tab and the results' links and labels. */
async function ask(q, { width = 1000 } = {}) {
  const tab = await browser.newPage({ viewport: { width, height: 800 } });
  await tab.goto(`${server.url}/search/`);
  await tab.fill('#search-q', q);
  await tab.waitForFunction((want) => document.querySelector('#search-status').textContent.includes(`“${want}”`), q);
  const results = await tab.$$eval('#search-results > li', (ls) => ls.filter((l) => l.querySelector('a')).map((l) => ({
    title: l.querySelector('a').textContent,
    href: l.querySelector('a').getAttribute('href'),
    label: l.querySelector('.result-label')?.textContent || '',
    text: l.querySelector('p')?.textContent || '',
  })));
  return { tab, results };
}

const title = () => {
  const html = fs.readFileSync(path.join(siteDir, 'parents/free-help/index.html'), 'utf8');
  return html.match(/<h1>([^<]+)<\/h1>/)[1].replace(/&#39;/g, "'").replace(/&amp;/g, '&');
};

for (const q of ['free help', 'who can help me for free', 'independent help', 'Getting free independent help']) {
  test(`"${q}" puts the page on free, independent help first`, async () => {
    const { tab, results } = await ask(q);
    assert.ok(results.length > 0, 'some results');
    assert.equal(results[0].href.split('#')[0], FREE_HELP, results.slice(0, 5).map((r) => r.title).join(' | '));
    await tab.close();
  });
}

test('typing a page\'s exact title ranks that page first', async () => {
  const exact = title();
  for (const [q, url] of [[exact, FREE_HELP], ['How to complain, step by step', '/complaints/']]) {
    const { tab, results } = await ask(q);
    assert.equal(results[0].href.split('#')[0], url, `${q}: ${results.slice(0, 3).map((r) => r.title).join(' | ')}`);
    await tab.close();
  }
});

test('a glossary term, its abbreviation or a misspelling shows the definition first, linked to the glossary', async () => {
  for (const [q, want] of [['SENDIASS', /SENDIASS/], ['sendias', /SENDIASS/], ['ehcp', /Education, Health and Care plan/], ['dislexia', /Dyslexia/]]) {
    const { tab, results } = await ask(q);
    const first = results[0];
    assert.match(first.title, want, `${q}: ${results.slice(0, 3).map((r) => r.title).join(' | ')}`);
    assert.equal(first.label, 'Meaning');
    assert.match(first.href, /^\/glossary\/#[a-z0-9-]+$/);
    assert.ok(first.text.length > 20, `${q}: the definition is shown: ${first.text}`);
    const anchor = first.href.split('#')[1];
    assert.ok(fs.readFileSync(path.join(siteDir, 'glossary/index.html'), 'utf8').includes(`id="${anchor}"`), `${anchor} is on the glossary page`);
    await tab.close();
  }
});

test('services and schools are labelled by kind', async () => {
  const { tab, results } = await ask('senco');
  const school = results.find((r) => r.href.startsWith('/schools/'));
  assert.ok(school, 'a school page is found');
  assert.match(school.label, /^School: [a-z0-9-]+$/);
  await tab.close();
  const services = await ask('short breaks');
  const service = services.results.find((r) => r.href.startsWith('/services/'));
  assert.ok(service, 'a service is found');
  assert.equal(service.label, 'Service');
  await services.tab.close();
});

test('excerpts keep list items apart', async () => {
  const { tab } = await ask('cognition and learning');
  const texts = await tab.$$eval('#search-results p', (ps) => ps.map((p) => p.textContent));
  assert.ok(texts.length > 0);
  for (const t of texts) assert.ok(!/autism cognition/i.test(t), t);
  const excerpts = fs.readdirSync(path.join(siteDir, 'search/e')).map((f) => fs.readFileSync(path.join(siteDir, 'search/e', f), 'utf8')).join('\n');
  assert.ok(!excerpts.includes('autism cognition'), 'list items are not run together in the index');
  await tab.close();
});

test('the search page has one search box', async () => {
  const tab = await browser.newPage();
  await tab.goto(`${server.url}/search/`);
  assert.equal(await tab.locator('input[type="search"]').count(), 1);
  await tab.goto(`${server.url}/parents/`);
  assert.equal(await tab.locator('input[type="search"]').count(), 1, 'other pages keep the header box');
  await tab.close();
});

test('without JavaScript, /search/?q= has the form and an A–Z list of every page and word', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const tab = await context.newPage();
  await tab.goto(`${server.url}/search/?q=free+help`);
  assert.equal(await tab.locator('form.search-form[method="get"][action$="/search/"]').count(), 1);
  assert.equal(await tab.isVisible('#search-q'), true);
  assert.equal(await tab.isVisible('.search-az'), true);
  const links = await tab.$$eval('.search-az .az-list a', (as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
  const hrefs = new Set(links.map((l) => l[1]));
  assert.ok(hrefs.has(FREE_HELP), 'the free help page is listed');
  assert.ok(hrefs.has('/complaints/'));
  assert.ok([...hrefs].some((h) => h.startsWith('/glossary/#')), 'glossary words are listed');
  const letters = await tab.$$eval('.az-letters a', (as) => as.map((a) => a.textContent));
  assert.deepEqual(letters, [...letters].sort(), 'letters in order');
  // The form sends the query back to the same page.
  await tab.fill('#search-q', 'tribunal');
  await Promise.all([tab.waitForURL(/\/search\/\?q=tribunal/), tab.press('#search-q', 'Enter')]);
  await context.close();
});

test('fast typing: each search cancels the last, so results never mix', async () => {
  const tab = await browser.newPage();
  // The first search's excerpts arrive late, after a later search has finished.
  let slow = true;
  await tab.route('**/search/e/*.json', async (route) => {
    if (slow) await new Promise((r) => setTimeout(r, 400));
    await route.continue();
  });
  await tab.goto(`${server.url}/search/`);
  await tab.waitForFunction(() => window.senpackSearch);
  await tab.evaluate(() => { window.senpackSearch.run('dysl'); });
  await new Promise((r) => setTimeout(r, 50));
  slow = false;
  await tab.evaluate(() => window.senpackSearch.run('tribunal'));
  await new Promise((r) => setTimeout(r, 800));
  const status = await tab.textContent('#search-status');
  assert.match(status, /“tribunal”/);
  const titles = await tab.$$eval('#search-results > li > a', (as) => as.map((a) => a.textContent));
  assert.ok(titles.length > 0 && titles.length <= 10, `${titles.length} results shown`);
  assert.ok(!titles.some((t) => /dyslexia/i.test(t)), `an older search added its results: ${titles.join(' | ')}`);
  assert.equal(new Set(titles).size, titles.length, 'no result twice');
  // And through the box, typing letter by letter.
  await tab.fill('#search-q', '');
  for (const ch of 'mediation') await tab.type('#search-q', ch, { delay: 15 });
  await tab.waitForFunction(() => document.querySelector('#search-status').textContent.includes('“mediation”'));
  await new Promise((r) => setTimeout(r, 500));
  const last = await tab.$$eval('#search-results > li > a', (as) => as.map((a) => a.textContent));
  assert.equal(new Set(last).size, last.length, 'no result twice');
  assert.ok(last.length <= 10);
  await tab.close();
});
