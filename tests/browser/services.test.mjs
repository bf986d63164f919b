// The services directory in a real browser, on the shipped site: axe-core on /services/, a
// filter page and a service page (320 and 1280 px, light and dark); the filters without
// JavaScript (pre-built pages) and with it (combined over /services/index.json, fetched on first
// use, kept in the address, reopened from a shared link); keyboard use; nothing fetched from another host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launch } from './helpers.mjs';

const AXE = path.resolve('node_modules/axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PAGES = ['/services/', '/services/category/health/', '/services/camhs/'];
let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(url, options = {}) {
  const context = await browser.newContext({
    viewport: { width: options.width || 1280, height: 900 },
    colorScheme: options.scheme || 'light',
    javaScriptEnabled: options.javaScript !== false,
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(server.url + url, { waitUntil: 'load' });
  return { page, context, requests };
}

const visible = (page) => page.$$eval('.service-card:not([hidden])', (cs) => cs.map((c) => c.dataset.slug));

test('axe-core finds no WCAG 2.2 A/AA problems on the directory, a filter page and a service page', async () => {
  const problems = [];
  for (const url of PAGES) {
    for (const width of [320, 1280]) {
      for (const scheme of ['light', 'dark']) {
        const { page, context } = await open(url, { width, scheme });
        await page.addScriptTag({ path: AXE });
        const result = await page.evaluate(
          (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
          TAGS,
        );
        for (const v of result.violations) {
          problems.push(`${url} @${width}px ${scheme}: ${v.id} ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
        }
        const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
        if (wide) problems.push(`${url} @${width}px ${scheme}: scrolls sideways`);
        await context.close();
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('without JavaScript the filter links lead to pre-built pages of matching services', async () => {
  const { page, context, requests } = await open('/services/', { javaScript: false });
  assert.equal(await page.isVisible('.service-filter-form'), false, 'the script-only form stays hidden');
  const all = await visible(page);
  assert.ok(all.length >= 40, `${all.length} services`);
  await page.click('.filter-group summary >> text=Kind of help');
  await page.click('.filter-links a[href="/services/category/health/"]');
  await page.waitForURL('**/services/category/health/');
  const health = await visible(page);
  assert.ok(health.length > 0 && health.length < all.length, `${health.length} health services`);
  for (const slug of health) {
    const cats = await page.getAttribute(`.service-card[data-slug="${slug}"]`, 'data-categories');
    assert.match(cats, /(^| )health( |$)/, `${slug} is not a health service`);
  }
  assert.equal(await page.getAttribute('.filter-links a[href="/services/category/health/"]', 'aria-current'), 'page');
  assert.deepEqual(requests.filter((u) => !u.startsWith(server.url)), [], 'nothing fetched from another host');
  await context.close();
});

test('with JavaScript filters combine over the whole index, loaded on first use, and the address keeps them', async () => {
  const { page, context, requests } = await open('/services/');
  assert.equal(await page.isVisible('.service-filter-form'), true);
  assert.equal(await page.isVisible('.filter-links'), false);
  const all = await visible(page);
  const index = () => requests.filter((u) => u.endsWith('/services/index.json')).length;
  assert.equal(index(), 0, 'the index is not fetched before a filter is used');
  await page.selectOption('#filter-category', 'health');
  await page.waitForFunction(() => !document.querySelector('.service-list').hasAttribute('aria-busy'));
  assert.equal(index(), 1, 'the first filter fetches the index');
  await page.fill('#filter-age', '3');
  await page.check('#filter-free');
  const shown = await visible(page);
  const expected = await page.evaluate(async () => {
    const data = await (await fetch('/services/index.json')).json();
    return data.services.filter((s) => s.k.includes('health') && s.a <= 3 && s.b >= 3 && s.f === 1).map((s) => s.s);
  });
  assert.deepEqual(shown, expected);
  assert.ok(shown.length > 0 && shown.length < all.length, `${shown.length} shown`);
  assert.equal(index(), 2, 'later filters use the index already loaded (the second fetch is this test\'s own)');
  assert.equal(await page.textContent('.service-count .count-shown'), String(shown.length));
  // Cards made from the index look like the page's own: a link to the service page, its facts.
  const card = await page.$eval('.service-card', (c) => ({
    href: c.querySelector('h3 a').getAttribute('href'), dts: [...c.querySelectorAll('dt')].map((d) => d.textContent),
    cats: c.dataset.categories, kind: c.querySelector('dl div:last-child dd').textContent,
  }));
  assert.equal(card.href, `/services/${shown[0]}/`);
  assert.deepEqual(card.dts, ['Ages', 'Cost', 'Area', 'Kind of help']);
  assert.match(card.cats, /(^| )health( |$)/);
  assert.match(card.kind, /Health/);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('category'), 'health');
  assert.equal(url.searchParams.get('age'), '3');
  assert.equal(url.searchParams.get('free'), '1');
  // A shared link reopens the same view (the index loads at once).
  const again = await context.newPage();
  await again.goto(page.url(), { waitUntil: 'load' });
  await again.waitForFunction((n) => document.querySelectorAll('.service-card').length === n && !document.querySelector('.service-list').hasAttribute('aria-busy'), shown.length);
  assert.deepEqual(await visible(again), shown);
  assert.equal(await again.inputValue('#filter-category'), 'health');
  assert.equal(await again.inputValue('#filter-age'), '3');
  assert.equal(await again.isChecked('#filter-free'), true);
  // Clearing brings back the page's own cards and empties the address query.
  await page.click('button[type="reset"]');
  await page.waitForFunction((n) => document.querySelectorAll('.service-card:not([hidden])').length === n, all.length);
  assert.deepEqual(await visible(page), all);
  assert.equal(new URL(page.url()).search, '');
  // A filter no service matches says so.
  // (Work and training services in the shipped site are for 16 and over.)
  await page.fill('#filter-age', '2');
  await page.selectOption('#filter-category', 'employment-and-training');
  assert.equal((await visible(page)).length, 0);
  assert.equal(await page.isVisible('.service-none'), true);
  assert.deepEqual(requests.filter((u) => !u.startsWith(server.url)), []);
  await context.close();
});

test('the filters and a service card work from the keyboard', async () => {
  const { page, context } = await open('/services/');
  await page.focus('#filter-category');
  await page.keyboard.press('ArrowDown');
  const chosen = await page.inputValue('#filter-category');
  assert.notEqual(chosen, '', 'the arrow key chose a kind of help');
  const first = (await visible(page))[0];
  // Tab on through the form to the first visible card's link.
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate((slug) => document.activeElement?.closest?.(`.service-card[data-slug="${slug}"]`) != null, first);
  }
  assert.ok(reached, 'Tab reaches the first shown service');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused link shows where focus is');
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/services/${first}/`);
  assert.ok(await page.isVisible('a[href^="tel:"]'), 'the service page has a tappable phone number');
  assert.ok(await page.isVisible('.service-report a[href^="mailto:"]'));
  await context.close();
});
