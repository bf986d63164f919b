// The default theme in a real browser: axe-core on one page of every kind (320 px and 1280 px,
// light and dark), keyboard journeys, display options, "listen to this page", JavaScript off,
// print, no third-party requests, the Nu HTML Checker, and screenshots for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, artifacts, siteDir } from './helpers.mjs';

/** One page of every kind in the shipped site. Add new kinds here when they are merged. */
export const PAGES = [
  { kind: 'home', url: '/' },
  { kind: 'section', url: '/parents/' },
  { kind: 'nested section', url: '/parents/meetings/' },
  { kind: 'guide', url: '/parents/sen-support/' },
  { kind: 'guide with a table', url: '/parents/ehc-needs-assessment/' },
  { kind: 'step-by-step route', url: '/complaints/' },
  { kind: 'step page', url: '/complaints/senco/' },
  { kind: 'code of practice', url: '/code-of-practice/principles/' },
  { kind: 'not found', url: '/404.html' },
  { kind: 'glossary', url: '/glossary/' },
  { kind: 'search', url: '/search/' },
  { kind: 'list of schools', url: '/schools/' },
  { kind: 'schools filtered by phase', url: '/schools/phase/primary/' },
  { kind: 'school home', url: '/schools/oakfield-primary/' },
  { kind: 'SEN information report', url: '/schools/oakfield-primary/sen-information-report/' },
  { kind: 'parent information pack', url: '/schools/oakfield-primary/pack/' },
  { kind: 'school page', url: '/schools/oakfield-primary/raising-a-concern/' },
];

/** Pages photographed at 320 px and 1280 px. */
export const SCREENSHOTS = [
  { name: 'home', url: '/' },
  { name: 'guide', url: '/parents/sen-support/' },
  { name: 'complaints', url: '/complaints/' },
  { name: 'step-page', url: '/complaints/senco/' },
  { name: 'school', url: '/schools/oakfield-primary/' },
  { name: 'school-report', url: '/schools/oakfield-primary/sen-information-report/' },
];

const WIDTHS = [320, 1280];
const SCHEMES = ['light', 'dark'];
const AXE = path.resolve('node_modules/axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

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

/** A fresh page; every request it makes is recorded so tests can prove nothing leaves the machine. */
async function open(url, options = {}) {
  const context = await browser.newContext({
    viewport: { width: options.width || 1280, height: options.height || 900 },
    colorScheme: options.scheme || 'light',
    javaScriptEnabled: options.javaScript !== false,
    reducedMotion: 'reduce',
  });
  if (options.init) await context.addInitScript(options.init);
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const response = await page.goto(server.url + url, { waitUntil: 'load' });
  return { page, context, requests, response };
}

function exists(url) {
  const clean = decodeURIComponent(url.split('#')[0]);
  const file = clean.endsWith('/') ? path.join(siteDir, clean, 'index.html') : path.join(siteDir, clean);
  return fs.existsSync(file);
}

test('every page kind exists in the built site', () => {
  for (const { kind, url } of PAGES) assert.ok(exists(url), `${kind}: ${url} was not built`);
});

test('axe-core finds no WCAG 2.2 A/AA problems at 320 and 1280 px, light and dark', async () => {
  const problems = [];
  for (const { kind, url } of PAGES) {
    for (const width of WIDTHS) {
      for (const scheme of SCHEMES) {
        const { page, context } = await open(url, { width, scheme });
        await page.addScriptTag({ path: AXE });
        const result = await page.evaluate(
          (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
          TAGS,
        );
        for (const v of result.violations) {
          const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
          problems.push(`${kind} ${url} @${width}px ${scheme}: ${v.id} (${v.nodes.length}) ${v.help} — ${where}`);
        }
        await context.close();
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('the display options panel also passes axe when open, in every colour choice', async () => {
  const problems = [];
  const { page, context } = await open('/parents/sen-support/', { width: 320 });
  await page.click('.display-toggle');
  for (const tint of ['white', 'cream', 'blue', 'yellow', 'green', 'grey', 'dark']) {
    await page.check(`input[name="display-tint"][value="${tint}"]`);
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      TAGS,
    );
    for (const v of result.violations) problems.push(`${tint}: ${v.id} ${v.help} — ${v.nodes[0].target.join(' ')}`);
  }
  await context.close();
  assert.deepEqual(problems, []);
});

test('keyboard: the first Tab shows the skip link, and Enter moves focus to the main content', async () => {
  const { page, context } = await open('/parents/sen-support/');
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => ({
    text: document.activeElement.textContent.trim(),
    href: document.activeElement.getAttribute('href'),
    top: document.activeElement.getBoundingClientRect().top,
  }));
  assert.equal(first.href, '#main');
  assert.ok(first.top >= 0, 'the skip link is on screen when focused');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  await context.close();
});

test('keyboard: display options open, change, close with Escape and return focus, and are remembered', async () => {
  const { page, context } = await open('/parents/sen-support/');
  const toggle = page.locator('.display-toggle');
  assert.equal(await toggle.isVisible(), true);
  // Tab to the toggle from the top of the page (past the search box and the navigation).
  for (let i = 0; i < 20; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement.classList.contains('display-toggle'))) break;
  }
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('display-toggle')), true);
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator('#display-options').isVisible(), true);
  // Into the panel: first radio group is text size; arrow keys pick "Large".
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'display-size');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.size), 'large');
  const fontSize = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  assert.equal(fontSize, '18px');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#display-options').isVisible(), false);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('display-toggle')), true);
  // Remembered on the next page, and applied before the page is shown.
  await page.goto(server.url + '/complaints/');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.size), 'large');
  // The close button works too.
  await page.click('.display-toggle');
  await page.click('[data-display-close]');
  assert.equal(await page.locator('#display-options').isVisible(), false);
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('display-toggle')), true);
  await context.close();
});

test('display options change spacing and colours, and reset puts everything back', async () => {
  const { page, context } = await open('/parents/sen-support/', { scheme: 'dark' });
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await bg(), 'rgb(18, 20, 23)', 'dark scheme follows the device');
  await page.click('.display-toggle');
  await page.check('input[name="display-tint"][value="cream"]');
  assert.equal(await bg(), 'rgb(251, 245, 230)');
  await page.check('input[name="display-spacing"][value="wider"]');
  await page.check('input[name="display-letters"][value="wider"]');
  const p = page.locator('.prose p').first();
  const style = await p.evaluate((el) => {
    const s = getComputedStyle(el);
    return { line: parseFloat(s.lineHeight) / parseFloat(s.fontSize), letters: parseFloat(s.letterSpacing) / parseFloat(s.fontSize) };
  });
  assert.ok(style.line >= 2, `line height ${style.line}`);
  assert.ok(style.letters >= 0.12, `letter spacing ${style.letters}`);
  await page.click('[data-display-reset]');
  assert.equal(await bg(), 'rgb(18, 20, 23)');
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-spacing')), null);
  assert.equal(await page.isChecked('input[name="display-tint"][value="auto"]'), true);
  await context.close();
});

test('keyboard: follow the complaint route from step 1 to its page, which says "You are here"', async () => {
  const { page, context } = await open('/complaints/');
  await page.keyboard.press('Tab'); // skip link
  await page.keyboard.press('Enter');
  const firstStep = page.locator('.steps .step').first().locator('a').first();
  const target = await firstStep.getAttribute('href');
  let reached = false;
  for (let i = 0; i < 40 && !reached; i += 1) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate((href) => document.activeElement.getAttribute('href') === href, target);
  }
  assert.ok(reached, 'Tab reaches the link of step 1');
  await Promise.all([page.waitForURL(`**${target}`), page.keyboard.press('Enter')]);
  const current = page.locator('.step[aria-current="step"]');
  assert.equal(await current.count(), 1);
  assert.match(await current.innerText(), /You are here/);
  assert.match(await page.locator('.step-position').innerText(), /Step 1 of \d+/);
  await context.close();
});

test('keyboard: the header search box is reachable when the site has one', async (t) => {
  const { page, context } = await open('/');
  const box = page.locator('header input[type="search"]');
  if ((await box.count()) === 0) {
    t.skip('no search box in the header yet');
    await context.close();
    return;
  }
  let reached = false;
  for (let i = 0; i < 10 && !reached; i += 1) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement.matches('header input[type="search"]'));
  }
  assert.ok(reached, 'Tab reaches the search box');
  await context.close();
});

test('phone first: at 320 × 640 the page\'s heading starts in the first 400 px, on every kind of page', async () => {
  const problems = [];
  for (const { kind, url } of PAGES.filter((p) => p.url !== '/404.html')) {
    for (const javaScript of [true, false]) {
      const { page, context } = await open(url, { width: 320, height: 640, javaScript });
      // A dated announcement from site.yaml (a council's own notice, on every page while it runs)
      // comes on top of the theme's header; the theme's own part must leave the heading in 400 px.
      const top = await page.evaluate(() => document.querySelector('main h1').getBoundingClientRect().top
        - (document.querySelector('.announcements')?.getBoundingClientRect().height || 0));
      if (top >= 400) problems.push(`${kind} ${url}${javaScript ? '' : ' (no JavaScript)'}: <h1> at ${Math.round(top)} px`);
      await context.close();
    }
  }
  assert.deepEqual(problems, []);
});

test('phone first: the navigation sits behind a Menu control that opens without JavaScript', async () => {
  const { page, context } = await open('/parents/sen-support/', { width: 320, height: 640, javaScript: false });
  const menu = page.locator('.nav-menu > summary');
  assert.equal(await menu.innerText(), 'Menu');
  assert.equal(await page.locator('.nav-menu a').first().isVisible(), false, 'closed at first');
  assert.equal(await page.locator('.nav-row').isVisible(), false, 'the one-row list is for wider screens');
  await menu.click();
  const links = await page.locator('.nav-menu a').evaluateAll((as) => as.filter((a) => a.offsetParent).map((a) => a.textContent));
  assert.ok(links.length >= 3, `links shown: ${links}`);
  const box = await page.locator('.nav-menu a').first().boundingBox();
  assert.ok(box.height >= 44, `menu links are ${box.height} px tall`);
  assert.equal(await page.locator('#header-q').isVisible(), true, 'search stays on screen');
  await context.close();
  const wide = await open('/parents/sen-support/', { width: 1280, javaScript: false });
  assert.equal(await wide.page.locator('.nav-menu').isVisible(), false);
  const tops = await wide.page.locator('.nav-row li').evaluateAll((ls) => ls.map((l) => Math.round(l.getBoundingClientRect().top)));
  assert.equal(new Set(tops).size, 1, `the header links are one row at 1280 px: ${tops}`);
  await wide.context.close();
});

test('header search: label for screen readers, a 44 px field with its button attached, nothing wraps', async () => {
  for (const width of [320, 1280]) {
    const { page, context } = await open('/parents/', { width });
    const m = await page.evaluate(() => {
      const box = (el) => el.getBoundingClientRect();
      const input = document.querySelector('#header-q');
      const button = document.querySelector('.header-search button');
      const label = document.querySelector('label[for="header-q"]');
      return {
        input: box(input), button: box(button), labelHidden: box(label).width <= 1,
        buttonLines: Math.round(box(button).height / parseFloat(getComputedStyle(button).lineHeight || 20)),
        named: label.textContent.trim(),
      };
    });
    assert.ok(m.labelHidden, `${width}px: the label is visually hidden (the field shows it)`);
    assert.ok(m.named.length > 0);
    assert.ok(m.input.height >= 44 && m.button.height >= 44, `${width}px: ${m.input.height} / ${m.button.height} px tall`);
    assert.ok(Math.abs(m.button.left - m.input.right) < 1, `${width}px: the button is attached to the field`);
    assert.equal(Math.round(m.button.top), Math.round(m.input.top), `${width}px: field and button on one line`);
    assert.ok(m.input.width >= 150, `${width}px: the field is ${m.input.width} px wide`);
    await context.close();
  }
});

test('breadcrumbs start at "Home", dates read "20 November 2026", an overdue page says so', async () => {
  const { page, context } = await open('/parents/sen-support/');
  assert.equal(await page.locator('.breadcrumbs li a').first().innerText(), 'Home');
  const dates = await page.locator('.review-dates time').allInnerTexts();
  assert.ok(dates.length > 0 && dates.every((d) => /^\d{1,2} [A-Z][a-z]+ \d{4}$/.test(d)), dates.join(' | '));
  assert.equal(await page.locator('.review-notice').count(), 0, 'a page within its review date has no notice');
  await context.close();
  // Nothing in the built site prints a bare YYYY-MM-DD date as page text (outside code samples).
  const bare = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.html')) {
        // Code samples (the school file guide's `reviewed: 2026-09-01`) show the file's own format.
        const text = fs.readFileSync(full, 'utf8').replace(/<(script|style|code)[\s\S]*?<\/\1>/g, '').replace(/<[^>]*>/g, ' ');
        const hit = text.match(/\b20\d\d-[01]\d-[0-3]\d\b(?! (letter|email))/);
        if (hit && !/letter from council/.test(text.slice(Math.max(0, hit.index - 5), hit.index + 40))) bare.push(`${path.relative(siteDir, full)}: ${hit[0]}`);
      }
    }
  };
  walk(siteDir);
  assert.deepEqual(bare.slice(0, 10), []);
});

test('focus is always visible and never hidden under anything', async () => {
  const { page, context } = await open('/parents/sen-support/', { width: 320, height: 640 });
  for (let i = 0; i < 25; i += 1) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
      const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
      const hit = document.elementFromPoint(x, y);
      return {
        what: el.outerHTML.slice(0, 80),
        styled: s.outlineStyle !== 'none' || s.boxShadow !== 'none' || s.backgroundColor !== 'rgba(0, 0, 0, 0)',
        onTop: !!hit && (el === hit || el.contains(hit) || hit.contains(el)),
        height: r.height,
      };
    });
    assert.ok(info.styled, `no focus style on ${info.what}`);
    assert.ok(info.onTop, `focus hidden under something: ${info.what}`);
    assert.ok(info.height >= 24 || /<a /.test(info.what), `target under 24 px: ${info.what}`);
  }
  await context.close();
});

test('text is at least 16 px on phones and 19 px on large screens, lines about 70 characters', async () => {
  for (const [width, min] of [[320, 16], [1280, 19]]) {
    const { page, context } = await open('/parents/sen-support/', { width });
    const m = await page.locator('.prose p').first().evaluate((el) => {
      const s = getComputedStyle(el);
      const probe = document.createElement('span');
      probe.textContent = 'abcdefghijklmnopqrstuvwxyz'.repeat(4);
      probe.style.whiteSpace = 'nowrap';
      el.appendChild(probe);
      const perChar = probe.getBoundingClientRect().width / 104;
      probe.remove();
      return { size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight) / parseFloat(s.fontSize), chars: el.getBoundingClientRect().width / perChar };
    });
    assert.ok(m.size >= min, `${width}px: body text ${m.size}px`);
    assert.ok(m.line >= 1.5, `${width}px: line height ${m.line}`);
    if (width === 1280) assert.ok(m.chars >= 55 && m.chars <= 85, `line length ${Math.round(m.chars)} characters`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${width}px: page scrolls sideways by ${overflow}px`);
    await context.close();
  }
});

test('largest text with the widest spacing still fits 320 px without sideways scrolling', async () => {
  const biggest = () => localStorage.setItem('senpack-display', JSON.stringify({ size: 'largest', spacing: 'wider', letters: 'wider' }));
  const problems = [];
  for (const { url } of PAGES) {
    const { page, context } = await open(url, { width: 320, init: biggest });
    assert.equal(await page.evaluate(() => document.documentElement.dataset.size), 'largest');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) problems.push(`${url} scrolls sideways by ${overflow}px`);
    await context.close();
  }
  assert.deepEqual(problems, []);
});

test('listen to this page reads the main content in order, with pause, resume and stop', async () => {
  // A stand-in speech engine that records what it is asked to say and ends each block at once.
  const fake = () => {
    const said = [];
    window.__said = said;
    const synth = {
      speaking: false, paused: false,
      speak(u) { said.push(u.text); setTimeout(() => { if (!synth.paused && u.onend) u.onend({}); }, 5); },
      cancel() { said.push('<cancel>'); }, pause() { synth.paused = true; }, resume() { synth.paused = false; },
      getVoices() { return []; },
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    window.SpeechSynthesisUtterance = function SpeechSynthesisUtterance(text) { this.text = text; };
  };
  const { page, context } = await open('/complaints/senco/', { init: fake });
  const play = page.locator('[data-listen-play]');
  assert.equal(await play.isVisible(), true);
  assert.match(await play.innerText(), /Listen to this page/);
  await play.click();
  await page.waitForFunction(() => window.__said.length > 5);
  await page.waitForFunction(() => document.querySelector('[data-listen-label]').textContent === 'Listen to this page');
  const said = await page.evaluate(() => window.__said.filter((s) => s !== '<cancel>'));
  assert.ok(said.slice(0, 2).some((s) => /Step 2: talk to the special educational needs co-ordinator/.test(s)), said.slice(0, 3).join(" / "));
  assert.ok(said.some((s) => /Every mainstream school must have/.test(s)));
  assert.ok(!said.some((s) => /^On this page$/.test(s)), 'the contents list is not read');
  assert.ok(!said.some((s) => /Display options/.test(s)), 'nothing outside <main> is read');
  await context.close();

  // Pause and resume change the button; stop puts it back.
  const slow = () => {
    window.speechSynthesis = undefined;
    const synth = { speak() {}, cancel() {}, pause() { window.__paused = true; }, resume() { window.__paused = false; } };
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    window.SpeechSynthesisUtterance = function SpeechSynthesisUtterance(text) { this.text = text; };
  };
  const second = await open('/parents/sen-support/', { init: slow });
  const p2 = second.page;
  await p2.click('[data-listen-play]');
  assert.equal(await p2.locator('[data-listen-label]').innerText(), 'Pause');
  assert.equal(await p2.locator('[data-listen-stop]').isVisible(), true);
  assert.equal(await p2.locator('.listen-current').count(), 1, 'the block being read is marked');
  await p2.click('[data-listen-play]');
  assert.equal(await p2.evaluate(() => window.__paused), true);
  assert.equal(await p2.locator('[data-listen-label]').innerText(), 'Resume');
  await p2.click('[data-listen-play]');
  assert.equal(await p2.evaluate(() => window.__paused), false);
  await p2.click('[data-listen-stop]');
  assert.equal(await p2.locator('[data-listen-label]').innerText(), 'Listen to this page');
  assert.equal(await p2.locator('[data-listen-stop]').isVisible(), false);
  assert.equal(await p2.locator('.listen-current').count(), 0);
  await second.context.close();
});

test('listen controls stay hidden where speech synthesis is missing', async () => {
  const none = () => { delete window.speechSynthesis; delete window.SpeechSynthesisUtterance; window.speechSynthesis = undefined; };
  const { page, context } = await open('/parents/sen-support/', { init: none });
  assert.equal(await page.locator('[data-listen]').isVisible(), false);
  await context.close();
});

test('with JavaScript off the page is complete and no dead controls show', async () => {
  const { page, context } = await open('/complaints/', { javaScript: false });
  assert.equal(await page.locator('.display-toggle').isVisible(), false);
  assert.equal(await page.locator('#display-options').isVisible(), false);
  assert.equal(await page.locator('[data-listen]').isVisible(), false);
  assert.ok((await page.locator('.steps .step').count()) >= 5);
  assert.equal(await page.locator('h1').isVisible(), true);
  await context.close();
});

test('with CSS off the page reads in a sensible order and the steps keep their numbers', async () => {
  const { page, context } = await open('/complaints/', { javaScript: false });
  await page.evaluate(() => document.querySelectorAll('link[rel="stylesheet"]').forEach((l) => l.remove()));
  const text = await page.evaluate(() => document.body.innerText);
  // The site's title comes from site.yaml, so it is read off the built page.
  const title = await page.evaluate(() => document.querySelector('.site-title').textContent.trim());
  assert.ok(title.length > 0, 'the header names the site');
  const order = ['Skip to main content', title, 'How to complain, step by step', 'In short', 'Step 1: Talk to your child', 'Who', 'Step 2:'];
  if (await page.locator('header input[type="search"]').count()) {
    // The header's search box comes after the site's name and before the page's own heading.
    const label = await page.evaluate(() => document.querySelector('header label[for="header-q"]').textContent.trim());
    order.splice(2, 0, label);
  }
  let at = -1;
  for (const words of order) {
    const i = text.indexOf(words, at + 1);
    assert.ok(i > at, `"${words}" is out of order or missing`);
    at = i;
  }
  assert.ok(!text.includes('Display options'), 'the display options (JavaScript only) stay hidden');
  await context.close();
});

test('no request leaves the site, on every page kind', async () => {
  for (const { url } of PAGES) {
    const { requests, context } = await open(url);
    const outside = requests.filter((r) => !r.startsWith(server.url));
    assert.deepEqual(outside, [], `${url} asked another host`);
    await context.close();
  }
});

test('print: no navigation, link addresses shown, steps kept readable', async () => {
  const { page, context } = await open('/complaints/senco/');
  await page.emulateMedia({ media: 'print' });
  for (const sel of ['.site-nav', '.breadcrumbs', '.pager', '.header-tools', '.skip-link']) {
    const shown = await page.locator(sel).first().evaluate((el) => getComputedStyle(el).display !== 'none');
    assert.equal(shown, false, `${sel} is printed`);
  }
  const after = await page.locator('.prose a[href^="http"]').first().evaluate((el) => getComputedStyle(el, '::after').content);
  assert.match(after, /https?:\/\//);
  // The site's own links print in full, with the address from site.yaml (--site-url on <body>).
  const base = await page.evaluate(() => getComputedStyle(document.body).getPropertyValue('--site-url').trim().replace(/^"|"$/g, ''));
  assert.match(base, /^https?:\/\/[^/]+/);
  const inner = await page.locator('.prose a[href^="/"]:not(.term-link)').first().evaluate((el) => getComputedStyle(el, '::after').content);
  assert.ok(inner.includes(`${base}/`), `${inner} shows the full address on ${base}`);
  // Glossary terms print as plain words: no address and no definition in the middle of a sentence.
  const terms = page.locator('.prose .term-link');
  if (await terms.count()) {
    assert.equal(await terms.first().evaluate((el) => getComputedStyle(el, '::after').content), 'none');
    assert.equal(await page.locator('.prose .term-def').first().isVisible(), false);
  }
  for (const sel of ['.header-search', '.display-options', '[data-listen]']) {
    if (await page.locator(sel).count()) assert.equal(await page.locator(sel).first().isVisible(), false, `${sel} is printed`);
  }
  assert.equal(await page.locator('.step-current').first().isVisible(), true);
  await page.pdf({ path: path.join(artifacts, 'step-page.pdf'), format: 'A4' });
  await context.close();
});

test('forced colours keep focus and the current step visible', async () => {
  const { page, context } = await open('/complaints/senco/');
  await page.emulateMedia({ forcedColors: 'active' });
  const outline = await page.locator('.step-current > .step-title').evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.equal(outline, 'solid');
  await page.screenshot({ path: path.join(artifacts, 'step-page-forced-colours-1280.png'), fullPage: true });
  await context.close();
});

test('screenshots at 320 px and 1280 px for a person to look at', async () => {
  for (const { name, url, optional } of SCREENSHOTS) {
    if (!exists(url)) {
      assert.ok(optional, `${url} was not built`);
      continue;
    }
    for (const width of WIDTHS) {
      for (const scheme of ['light', 'dark']) {
        const { page, context } = await open(url, { width, scheme });
        const suffix = scheme === 'dark' ? '-dark' : '';
        await page.screenshot({ path: path.join(artifacts, `${name}-${width}${suffix}.png`), fullPage: true });
        await context.close();
      }
    }
  }
  const { page, context } = await open('/parents/sen-support/', { width: 1280 });
  await page.click('.display-toggle');
  await page.check('input[name="display-tint"][value="cream"]');
  await page.screenshot({ path: path.join(artifacts, 'display-options-1280.png') });
  await context.close();
  assert.ok(fs.existsSync(path.join(artifacts, 'home-320.png')));
});

test('the Nu HTML Checker finds no errors in the built site', () => {
  const jar = path.resolve('node_modules/vnu-jar/build/dist/vnu.jar');
  const java = fs.existsSync('/usr/bin/java') ? '/usr/bin/java' : 'java';
  let output = '';
  try {
    execFileSync(java, ['-jar', jar, '--errors-only', '--skip-non-html', siteDir], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    output = `${e.stdout || ''}${e.stderr || ''}`;
  }
  assert.equal(output.trim(), '', output);
});
