// Search in a real browser: builds a small fixture site with the senpack binary (SENPACK_BIN), then
// types queries into /search/ and checks the first result, the announced count, "Did you mean",
// the keyboard path, filters, 320 px width and that nothing is fetched from another host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch } from './helpers.mjs';

const bin = process.env.SENPACK_BIN;
const skip = !bin && 'SENPACK_BIN is not set (run through cargo test --test browser)';
let server; let browser; let out; let root;

const page = (file, title, description, body, audience = 'parents') => [file,
  `---\ntitle: "${title}"\ndescription: "${description}"\naudience: ${audience}\n---\n${body}\n`];
const FILES = [
  ['site.yaml', 'title: Search test\ndescription: A site for search tests.\nbase_url: https://test.example\n'],
  page('_index.md', 'Home', 'Help with SEND.', 'Welcome. You can [search](/search/) this site.', 'everyone'),
  page('parents/_index.md', 'For parents', 'Guides for parents and carers.', 'Guides for families.'),
  page('parents/ehc-plans.md', 'Education, Health and Care plans', 'What the plan is and how to get one.',
    '## What the plan says\n\nAn Education, Health and Care plan sets out needs and the help your child must get.\n\n## Reviews\n\nThe plan is reviewed every year.'),
  page('parents/dyslexia.md', 'Dyslexia', 'Help for children who find reading hard.',
    '## Signs\n\nDyslexia makes reading and spelling hard.\n\n## Getting help\n\nAsk the school for an assessment.'),
  page('parents/complaints.md', 'How to complain', 'Making a complaint about support at school.',
    '## Talk first\n\nMost complaints are sorted out by talking to the class teacher.\n\n## Tribunal\n\nYou can appeal about an EHCP to the tribunal.'),
  page('parents/senco.md', 'Talking to the SENCO', 'The special educational needs co-ordinator helps plan support.',
    '## Before you meet\n\nWrite down your questions for the SENCO and bring the plan.'),
  page('staff/_index.md', 'For schools', 'Guidance for school staff.', 'Duties of schools.', 'schools'),
  page('staff/senco-role.md', 'The SENCO role', 'What the law asks of a SENCO.',
    '## Duties\n\nThe SENCO plans support across the school.', 'schools'),
  ['content/glossary.yaml', '- term: "Education, Health and Care plan"\n  abbr: "EHCP"\n  also: ["EHC plan"]\n  definition: "A legal document."\n'],
];

before(async () => {
  if (skip) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'senpack-search-'));
  fs.cpSync(path.resolve('themes/default'), path.join(dir, 'themes/default'), { recursive: true });
  for (const [file, text] of FILES) {
    const full = path.join(dir, file.startsWith('site.yaml') || file.startsWith('content/') ? file : `content/${file}`);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }
  out = path.join(dir, 'out');
  execFileSync(bin, ['build', '--root', dir, '--out', out], { stdio: 'pipe' });
  root = JSON.parse(fs.readFileSync(path.join(out, 'search/index.json'), 'utf8'));
  server = await serve(out);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens /search/, types `q` and waits for the announced count; returns { tab, status, titles }. */
async function ask(q, { width = 1000 } = {}) {
  const tab = await browser.newPage({ viewport: { width, height: 800 } });
  const hosts = new Set();
  tab.on('request', (r) => hosts.add(new URL(r.url()).host));
  await tab.goto(`${server.url}/search/`);
  await tab.waitForLoadState('networkidle');
  const top = () => tab.$eval('#search-results', (el) => el.getBoundingClientRect().top);
  const before = await top();
  await tab.fill('#search-q', q);
  await tab.waitForFunction((want) => document.querySelector('#search-status').textContent.includes(`“${want}”`), q);
  const status = await tab.textContent('#search-status');
  const titles = await tab.$$eval('#search-results li > a', (as) => as.map((a) => a.textContent));
  assert.deepEqual([...hosts], [new URL(server.url).host], 'no request to another host');
  assert.equal(await top(), before, 'the results list does not move when results or "Did you mean" appear');
  return { tab, status, titles };
}

test('an exact word finds its page first and the count is announced politely', { skip }, async () => {
  const { tab, status, titles } = await ask('dyslexia');
  assert.equal(titles[0], 'Dyslexia');
  assert.equal(status, `${titles.length} result${titles.length === 1 ? '' : 's'} for “dyslexia”`);
  assert.equal(await tab.getAttribute('#search-status', 'aria-live'), 'polite');
  const marks = await tab.$$eval('#search-results mark', (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.includes('Dyslexia'), `matched words are highlighted: ${marks}`);
  await tab.close();
});

test('an abbreviation finds its page', { skip }, async () => {
  const { tab, titles, status } = await ask('SENCO');
  assert.ok(['Talking to the SENCO', 'The SENCO role'].includes(titles[0]), titles.join(' | '));
  assert.equal(status, '2 results for “SENCO”');
  await tab.close();
});

test('an abbreviation finds pages with the long form (glossary synonyms)', { skip }, async (t) => {
  if (!root.syn.length) return t.skip('the glossary is not wired into the search index in this build');
  const { tab, titles } = await ask('ehcp');
  // The glossary's entry answers first (with its definition), then the pages.
  assert.equal(titles[0], 'Education, Health and Care plan (EHCP)');
  assert.equal(titles[1], 'Education, Health and Care plans');
  assert.ok(titles.includes('How to complain'));
  await tab.close();
});

test('a misspelling still finds the page and offers "Did you mean"', { skip }, async () => {
  const { tab, titles, status } = await ask('dislexia');
  assert.equal(titles[0], 'Dyslexia');
  assert.match(status, /^1 result for/);
  assert.equal(await tab.textContent('.search-suggest a'), 'dyslexia');
  assert.equal(await tab.isVisible('.search-suggest'), true);
  const typo = await ask('complaint tribnal');
  assert.equal(typo.titles[0], 'How to complain');
  await typo.tab.close();
  await tab.close();
});

test('prefixes match as the user types', { skip }, async () => {
  const { tab, titles } = await ask('dysl');
  assert.equal(titles[0], 'Dyslexia');
  await tab.close();
});

test('arrow keys move through results and Enter opens one', { skip }, async () => {
  const { tab, titles } = await ask('plan');
  assert.ok(titles.length >= 2, titles.join(' | '));
  await tab.focus('#search-q');
  await tab.keyboard.press('ArrowDown');
  assert.equal(await tab.evaluate(() => document.activeElement.textContent), titles[0]);
  await tab.keyboard.press('ArrowDown');
  assert.equal(await tab.evaluate(() => document.activeElement.textContent), titles[1]);
  await tab.keyboard.press('ArrowUp');
  await tab.keyboard.press('ArrowUp');
  assert.equal(await tab.evaluate(() => document.activeElement.id), 'search-q');
  await tab.keyboard.press('ArrowDown');
  const href = await tab.evaluate(() => document.activeElement.getAttribute('href'));
  await Promise.all([tab.waitForURL((u) => u.pathname === href.split('#')[0]), tab.keyboard.press('Enter')]);
  await tab.close();
});

test('the header box is a plain GET form the script answers', { skip }, async () => {
  const tab = await browser.newPage();
  await tab.goto(`${server.url}/parents/`);
  await tab.fill('#header-q', 'complain');
  await Promise.all([tab.waitForURL(/\/search\/\?q=complain/), tab.press('#header-q', 'Enter')]);
  await tab.waitForFunction(() => document.querySelector('#search-status').textContent.includes('complain'));
  assert.equal(await tab.inputValue('#search-q'), 'complain');
  assert.equal(await tab.textContent('#search-results li > a'), 'How to complain');
  await tab.close();
});

test('the audience filter keeps only matching pages', { skip }, async () => {
  const tab = await browser.newPage();
  await tab.goto(`${server.url}/search/?q=senco&for=s`);
  await tab.waitForFunction(() => document.querySelector('#search-status').textContent.includes('senco'));
  const titles = await tab.$$eval('#search-results li > a', (as) => as.map((a) => a.textContent));
  assert.deepEqual(titles, ['The SENCO role']);
  await tab.close();
});

test('works at 320 px without sideways scrolling and answers within 50 ms once loaded', { skip }, async () => {
  const { tab, titles } = await ask('support plan', { width: 320 });
  assert.ok(titles.length > 0);
  const wide = await tab.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 320, `page is ${wide}px wide`);
  const ms = await tab.evaluate(async () => {
    const t = performance.now();
    await window.senpackSearch.rank('support plan');
    return performance.now() - t;
  });
  assert.ok(ms < 50, `query took ${ms} ms`);
  await tab.close();
});
