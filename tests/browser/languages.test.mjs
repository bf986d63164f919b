// Translations in a real browser (issue 20), on the fixture site tests/fixtures/translated-site
// built with the senpack binary under test: the language switcher by keyboard and as a screen
// reader reads it; the Arabic and Urdu pages mirrored at 320 and 1280 px (axe clean, screenshots in the
// artefacts folder); search finding a Polish page from a misspelt Polish query and an Arabic page
// from a misspelt Arabic one; the Nu HTML Checker on every translated page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, artifacts } from './helpers.mjs';

const repo = path.resolve('.');
const bin = process.env.SENPACK_BIN;
const skip = !bin && 'SENPACK_BIN is not set (run through cargo test --test browser)';
const AXE = path.resolve('node_modules/axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The fixture site with the default theme, built; returns the output folder. */
function buildFixture() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'senpack-languages-'));
  fs.cpSync(path.join(repo, 'tests/fixtures/translated-site'), root, { recursive: true });
  fs.cpSync(path.join(repo, 'themes/default'), path.join(root, 'themes/default'), { recursive: true });
  const pictures = path.join(root, 'themes/default/static/easy-read');
  fs.mkdirSync(pictures, { recursive: true });
  for (const name of ['school', 'help']) {
    const p = path.join(pictures, `${name}.svg`);
    if (!fs.existsSync(p)) {
      fs.writeFileSync(p, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#17385a"/></svg>\n');
    }
  }
  const out = path.join(root, 'output');
  execFileSync(bin, ['build', '--root', root, '--out', out], { stdio: 'pipe', env: { ...process.env, SENPACK_TODAY: '2026-11-25' } });
  return out;
}

let dir;
let server;
let browser;
before(async () => {
  if (skip) return;
  dir = buildFixture();
  server = await serve(dir);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(url, width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}${url}`);
  await page.waitForLoadState('networkidle');
  return { page, context };
}

test('the language switcher is read with each language named in its own script, and works by keyboard', { skip }, async () => {
  const { page, context } = await open('/pl/parents/sen-support/');
  const nav = page.locator('nav.language-switcher');
  assert.equal(
    (await nav.ariaSnapshot()).trim(),
    [
      '- navigation "Ta strona w innych językach":', // the Polish page's own words (i18n/pl.yaml)
      '  - list:',
      '    - listitem:',
      '      - link "English":',
      '        - /url: /parents/sen-support/',
      '    - listitem:',
      '      - link "Polski":',
      '        - /url: /pl/parents/sen-support/',
      '    - listitem:',
      '      - link "العربية":',
      '        - /url: /ar/parents/sen-support/',
      '    - listitem:',
      '      - link "اردو":',
      '        - /url: /ur/parents/sen-support/',
      '    - listitem:',
      '      - link "Easy Read":',
      '        - /url: /easy-read/parents/sen-support/',
    ].join('\n'),
  );
  // Each name is marked with its language, so a screen reader speaks it in that language.
  const langs = await nav.locator('a').evaluateAll((as) => as.map((a) => [a.lang, a.dir, a.getAttribute('aria-current')]));
  assert.deepEqual(langs, [['en', 'ltr', null], ['pl', 'ltr', 'page'], ['ar', 'rtl', null], ['ur', 'rtl', null], ['en', 'ltr', null]]);
  // Tab from the top of the page reaches the switcher before the main content, then Enter follows.
  const seen = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(() => {
      const a = document.activeElement;
      return a && a.closest('nav.language-switcher') ? a.textContent : (a && a.closest('main') ? '#main' : null);
    });
    if (here === '#main') break;
    if (here) seen.push(here);
    if (here === 'العربية') break;
  }
  assert.deepEqual(seen.slice(0, 3), ['English', 'Polski', 'العربية'], `switcher links in tab order: ${seen}`);
  const focused = await page.evaluate(() => {
    const a = document.activeElement;
    const s = getComputedStyle(a);
    return { outline: s.outlineStyle, shadow: s.boxShadow, bg: s.backgroundColor };
  });
  assert.ok(focused.outline !== 'none' || focused.shadow !== 'none' || focused.bg !== 'rgba(0, 0, 0, 0)', `focus is visible: ${JSON.stringify(focused)}`);
  await Promise.all([page.waitForURL((u) => u.pathname === '/ar/parents/sen-support/'), page.keyboard.press('Enter')]);
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  await context.close();
});

test('the Arabic and Urdu pages are mirrored and axe-clean at 320 and 1280 px (screenshots saved)', { skip }, async () => {
  const problems = [];
  for (const [lang, width] of [['ar', 320], ['ar', 1280], ['ur', 320], ['ur', 1280]]) {
    const { page, context } = await open(`/${lang}/parents/sen-support/`, width);
    await page.screenshot({ path: path.join(artifacts, `rtl-${lang}-sen-support-${width}.png`), fullPage: true });
    const layout = await page.evaluate(() => {
      const h1 = document.querySelector('h1').getBoundingClientRect();
      const main = document.querySelector('main').getBoundingClientRect();
      const notice = getComputedStyle(document.querySelector('.translation-notice'));
      return {
        dir: getComputedStyle(document.body).direction,
        h1Right: main.right - h1.right,
        h1Left: h1.left - main.left,
        noticeRight: parseFloat(notice.borderRightWidth),
        noticeLeft: parseFloat(notice.borderLeftWidth),
        scroll: document.documentElement.scrollWidth,
      };
    });
    assert.equal(layout.dir, 'rtl');
    assert.ok(layout.h1Right < 2, `the heading starts at the right edge at ${width} px: ${JSON.stringify(layout)}`);
    assert.ok(layout.noticeRight > 0 && layout.noticeLeft === 0, `the notice's rule is on its start (right) side: ${JSON.stringify(layout)}`);
    assert.ok(layout.scroll <= width, `no sideways scrolling at ${width} px (${layout.scroll})`);
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      TAGS,
    );
    for (const v of result.violations) problems.push(`${lang} ${width}px ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    await context.close();
  }
  for (const url of ['/pl/parents/sen-support/', '/easy-read/parents/sen-support/', '/pl/search/']) {
    const { page, context } = await open(url, 320);
    await page.screenshot({ path: path.join(artifacts, `languages${url.replaceAll('/', '-').replace(/-$/, '')}-320.png`), fullPage: true });
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      TAGS,
    );
    for (const v of result.violations) problems.push(`${url} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    await context.close();
  }
  assert.deepEqual(problems, []);
  assert.ok(fs.existsSync(path.join(artifacts, 'rtl-ar-sen-support-320.png')));
});

test('Easy Read text is at least 19 px with 1.5 line spacing, a picture beside each idea', { skip }, async () => {
  const { page, context } = await open('/easy-read/parents/sen-support/', 320);
  const style = await page.evaluate(() => {
    const p = document.querySelector('main .prose p');
    const img = p.querySelector('img');
    const s = getComputedStyle(p);
    const box = img.getBoundingClientRect();
    const lefts = [...p.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim()).map((n) => {
      const range = document.createRange();
      range.selectNodeContents(n);
      return range.getBoundingClientRect();
    });
    return { size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight) / parseFloat(s.fontSize),
      beside: lefts.every((r) => r.left >= box.right) && lefts[0].top < box.bottom, brs: p.querySelectorAll('br').length };
  });
  assert.ok(style.size >= 19, `text size ${style.size}px`);
  assert.ok(style.line >= 1.5, `line spacing ${style.line}`);
  assert.ok(style.beside, `the picture is beside its lines: ${JSON.stringify(style)}`);
  assert.ok(style.brs >= 1, 'each idea on its own line');
  await context.close();
});

test('search finds a Polish page from a misspelt Polish query, and an Arabic one from a misspelt Arabic query', { skip }, async () => {
  // [search page, misspelt query, the page it must find, whether that page must come first]
  for (const [url, q, want, first] of [
    ['/pl/search/', 'wspracie', '/pl/parents/sen-support/', false], // also on the Polish home page
    ['/pl/search/', 'decyduej', '/pl/parents/sen-support/', true],
    ['/ar/search/', 'مدرسه', '/ar/parents/sen-support/', true],
  ]) {
    const { page, context } = await open(`${url}?q=${encodeURIComponent(q)}`);
    await page.locator('#search-results li a').first().waitFor({ timeout: 5000 });
    const found = (await page.locator('#search-results li > a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
      .map((h) => h.split('#')[0]);
    assert.ok(first ? found[0] === want : found.includes(want), `${q} on ${url}: ${found}`);
    assert.ok(found.every((h) => h.startsWith(url.slice(0, 4))), `only pages in the page's language: ${found}`);
    // English results are offered for the same words.
    const english = await page.locator('#search-english').getAttribute('href');
    assert.equal(english, `/search/?q=${encodeURIComponent(q)}`);
    await context.close();
  }
});

test('the Nu HTML Checker finds no errors in the translated and Easy Read pages', { skip }, () => {
  const jar = path.resolve('node_modules/vnu-jar/build/dist/vnu.jar');
  const java = fs.existsSync('/usr/bin/java') ? '/usr/bin/java' : 'java';
  const files = ['pl/index.html', 'pl/parents/sen-support/index.html', 'ar/parents/sen-support/index.html',
    'easy-read/parents/sen-support/index.html', 'pl/search/index.html', 'ar/search/index.html', 'parents/sen-support/index.html']
    .map((f) => path.join(dir, f));
  let output = '';
  try {
    execFileSync(java, ['-jar', jar, '--errors-only', ...files], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    output = `${e.stdout || ''}${e.stderr || ''}`;
  }
  assert.equal(output.trim(), '', output);
});
