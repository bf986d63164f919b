// The list of schools, on the shipped site and at council scale, and its contacts on a phone.
// Shipped site: search by name or postcode as you type, combined with the filters, a count, the
// view kept in the address (and restored on reload); on a 320 px screen every phone number and
// email on a school's home is a tap target that fits the screen. Council scale (the shipped site
// plus 120 schools, copies of one example, renamed, built by the senpack under test): without
// JavaScript the page links reach every school once and the letter form opens a letter's page;
// with it, search and filters cover every school (not only the 50 on the page), keep the view in
// the address, and clearing brings page 1 back; axe-core finds nothing at 320 and 1280 px; the
// list at 320 px stays well under 20,000 px tall.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch } from './helpers.mjs';

const AXE = path.resolve('node_modules/axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const EXTRA = 120;
// The shipped site's own schools.
const SHIPPED = 4;
// The last school by name before those filed under #: on page 3 of the list, alone in having
// a postcode that starts AN99.
const LATE = 'Yew School 119';
const LATE_POSTCODE = 'AN99 9YY';
let dir;
let big;
let browser;

function name(i) {
  const words = ['Ashfield', 'Beech', 'Cedar', 'Elm', 'Hazel', 'Maple', 'Oak', 'Pine', 'Rowan', "St Anne's", 'Thorn', 'Yew'];
  if (i === 7) return '3 Rivers School 007';
  if (i === 8) return 'Élan School 008';
  return `${words[i % words.length]} School ${String(i).padStart(3, '0')}`;
}

function buildBig() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'senpack-schools-'));
  const site = path.join(dir, 'site');
  fs.mkdirSync(site);
  for (const part of ['site.yaml', 'content', 'themes']) {
    fs.cpSync(path.resolve(part), path.join(site, part), { recursive: true });
  }
  const schools = path.join(site, 'content/schools');
  const model = fs.readFileSync(path.join(schools, 'oakfield-primary.yaml'), 'utf8');
  for (let i = 0; i < EXTRA; i++) {
    const postcode = name(i) === LATE ? LATE_POSTCODE : `AN${10 + (i % 20)} ${i % 10}ZZ`;
    const text = model.split('\n').map((l) => {
      if (l.startsWith('name: ')) return `name: "${name(i)}"`;
      if (l.startsWith('urn: ')) return `urn: "${910000 + i}"`;
      if (l.startsWith('phase: ')) return `phase: ${['primary', 'secondary', 'special'][i % 3]}`;
      if (l.startsWith('area: ')) return `area: "${['Northbridge', 'Southmere', 'Eastwick'][Math.floor(i / 3) % 3]}"`;
      if (l.startsWith('postcode: ')) return `postcode: "${postcode}"`;
      return l;
    }).join('\n');
    fs.writeFileSync(path.join(schools, `extra-${String(i).padStart(3, '0')}.yaml`), text);
  }
  const out = path.join(dir, 'out');
  execFileSync(process.env.SENPACK_BIN, ['build', '--root', site, '--out', out], {
    env: { ...process.env, SENPACK_TODAY: '2026-11-25' },
    stdio: 'pipe',
  });
  return out;
}

before(async () => {
  big = await serve(buildBig());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await big?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function open(server, url, options = {}) {
  const context = await browser.newContext({
    viewport: { width: options.width || 1280, height: 900 },
    javaScriptEnabled: options.javaScript !== false,
  });
  const page = await context.newPage();
  await page.goto(server.url + url, { waitUntil: 'load' });
  return { page, context };
}

const visible = (page) => page.$$eval('.school-list .school-card:not([hidden]) h4', (h) => h.map((e) => e.textContent.trim()));
const count = (page) => page.textContent('.count-shown');

// Waits until `get()` deep-equals `want` (cards from the index arrive after a fetch).
async function until(get, want, what) {
  let last;
  for (let i = 0; i < 100; i++) {
    last = await get();
    try {
      assert.deepEqual(last, want);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  assert.deepEqual(last, want, what);
}

test('the list of schools searches by name or postcode as you type and keeps the view in the address', async () => {
  const server = await serve();
  try {
    const { page, context } = await open(server, '/schools/');
    assert.equal((await visible(page)).length, 4);
    await page.fill('#filter-q', 'oak');
    await until(() => visible(page), ['Oakfield Primary School']);
    assert.equal(await count(page), '1');
    assert.match(page.url(), /\/schools\/\?q=oak$/);
    // A postcode from its start, with or without the space.
    await page.fill('#filter-q', 'an7 3');
    await until(() => visible(page), ['Riverside Academy']);
    await page.fill('#filter-q', 'AN2');
    await until(() => visible(page), ['Elmtree Primary School', 'Oakfield Primary School']);
    // Combined with a filter: nothing is both.
    await page.selectOption('#filter-phase', 'secondary');
    await until(() => visible(page), []);
    assert.equal(await count(page), '0');
    assert.ok(await page.isVisible('.school-none'), 'says that nothing matches');
    assert.match(page.url(), /q=AN2&phase=secondary/);
    // The address restores the view.
    await page.goto(`${server.url}/schools/?phase=special&need=sensory-and-physical`);
    await until(() => visible(page), ['Willow Bank School']);
    assert.equal(await page.inputValue('#filter-phase'), 'special');
    assert.equal(await page.$('.school-card[data-name="riverside academy"]'), null, 'Riverside is not a special school');
    // A row says whether the school has specialist places, made from the index as on the page.
    await page.goto(`${server.url}/schools/`);
    const own = await page.textContent('.school-card[data-name="riverside academy"]');
    assert.match(own, /Resourced provision \(12 places\)/);
    assert.match(own, /ages 11 to 18/);
    // The school the register import made, with the resourced provision the register lists.
    const elmtree = await page.textContent('.school-card[data-name="elmtree primary school"]');
    assert.match(elmtree, /Resourced provision \(8 places\)/);
    const ownHtml = await page.$eval('.school-card[data-name="riverside academy"]', (c) => c.outerHTML.replace(/\s+/g, ''));
    await page.fill('#filter-q', 'riverside');
    await until(() => visible(page), ['Riverside Academy']);
    const made = await page.$eval('.school-card[data-name="riverside academy"]', (c) => c.outerHTML.replace(/\s+/g, ''));
    assert.equal(made, ownHtml, 'a card made from the index is the same markup as the pre-built card');
    await context.close();
  } finally {
    await server.close();
  }
});

test('without JavaScript the page links reach every school once, and the letter form opens a letter', async () => {
  const { page, context } = await open(big, '/schools/', { javaScript: false });
  const seen = [];
  for (let n = 1; ; n++) {
    const here = await visible(page);
    assert.equal(here.length, n < 3 ? 50 : EXTRA + SHIPPED - 100, `cards on page ${n}`);
    seen.push(...here);
    assert.match(await page.textContent('.school-pages [aria-current="page"]'), new RegExp(`Page ${n} of 3`));
    const next = await page.$('.school-pages a[rel="next"]');
    if (!next) break;
    await next.click();
    await page.waitForLoadState('load');
    assert.equal(new URL(page.url()).pathname, `/schools/page/${n + 1}/`);
  }
  assert.equal(seen.length, EXTRA + SHIPPED);
  assert.equal(new Set(seen).size, EXTRA + SHIPPED, 'every school once');
  assert.ok(seen.indexOf(LATE) >= 100, `${LATE} is on page 3`);
  // The letter form, by keyboard: letters with no school are not offered.
  await page.goto(`${big.url}/schools/`);
  const letters = await page.$$eval('.letter-form button', (bs) => bs.map((b) => b.textContent.trim()));
  assert.ok(letters.includes('T') && !letters.includes('Z'), letters.join(' '));
  await page.focus('.letter-form button[formaction="/schools/a-z/t/"]');
  await Promise.all([page.waitForURL(/\/schools\/a-z\/t\//), page.keyboard.press('Enter')]);
  assert.equal(new URL(page.url()).pathname, '/schools/a-z/t/');
  const thorn = await visible(page);
  assert.equal(thorn.length, 10);
  assert.ok(thorn.every((n) => n.startsWith('Thorn School')), thorn.join(', '));
  assert.equal(await page.getAttribute('.letter-form button[aria-current="page"]', 'formaction'), '/schools/a-z/t/');
  await context.close();
});

test('with JavaScript, search and filters cover every school, keep the view in the address, and clearing restores page 1', async () => {
  const { page, context } = await open(big, '/schools/');
  const first = await visible(page);
  assert.equal(first.length, 50);
  assert.ok(!first.includes(LATE));
  // By name, then by the start of its postcode: a page-3 school found from page 1.
  await page.fill('#filter-q', 'yew school 119');
  await until(() => visible(page), [LATE]);
  assert.equal(await count(page), '1');
  assert.ok(await page.isHidden('.school-pages'), 'page links hide while searching');
  assert.ok(await page.isHidden('.school-az'), 'the A–Z hides while searching');
  await page.fill('#filter-q', 'an99 9');
  await until(() => visible(page), [LATE]);
  await page.fill('#filter-q', 'AN99');
  await until(() => visible(page), [LATE]);
  // Every match is shown, not only 50.
  await page.fill('#filter-q', 'school');
  await until(async () => (await visible(page)).length, EXTRA + 3);
  assert.equal(await count(page), String(EXTRA + 3), 'all but Riverside Academy');
  // Two filters combined: secondary schools in Southmere (13 made here and Riverside Academy).
  await page.fill('#filter-q', '');
  await page.selectOption('#filter-phase', 'secondary');
  await page.selectOption('#filter-area', 'southmere');
  await until(() => count(page), '14');
  const both = await visible(page);
  assert.equal(both.length, 14);
  assert.ok(both.includes('Riverside Academy') && both.includes('Yew School 119') === false);
  assert.ok(both.includes('Thorn School 022'), 'a school from page 3 is among them');
  assert.match(await page.textContent('.school-count'), new RegExp(`Showing 14 of ${EXTRA + SHIPPED} schools`));
  assert.match(page.url(), /\/schools\/\?phase=secondary&area=southmere$/);
  // The cards sit under their letters' headings.
  const headings = await page.$$eval('.school-list .school-letter-title', (h) => h.map((e) => e.textContent));
  assert.deepEqual(headings, [...new Set(both.map((n) => n[0].toUpperCase()))]);
  // Reload keeps the view.
  await page.reload({ waitUntil: 'load' });
  await until(() => visible(page), both);
  assert.equal(await page.inputValue('#filter-area'), 'southmere');
  // Clearing brings back page 1's own cards and its page links.
  await page.click('.filter-form button[type="reset"]');
  await until(() => visible(page), first);
  assert.ok(await page.isVisible('.school-pages'));
  assert.equal(new URL(page.url()).search, '');
  assert.match(await page.textContent('.school-count'), new RegExp(`Showing 1–50 of ${EXTRA + SHIPPED} schools`));
  await context.close();
});

test('axe-core finds no WCAG 2.2 A/AA problems on the list, and at 320 px it is not too tall', async () => {
  const problems = [];
  for (const width of [320, 1280]) {
    for (const url of ['/schools/', '/schools/?q=school', '/schools/page/3/', '/schools/a-z/s/', '/schools/phase/primary/']) {
      const { page, context } = await open(big, url, { width });
      if (url.includes('?')) await page.waitForFunction(() => document.querySelectorAll('.school-card').length > 100);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
      if (wide) problems.push(`${url} ${width}px scrolls sideways`);
      if (url === '/schools/' && width === 320) {
        const tall = await page.evaluate(() => document.documentElement.scrollHeight);
        assert.ok(tall < 20000, `/schools/ is ${tall} px tall at 320 px`);
      }
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
        TAGS,
      );
      for (const v of result.violations) problems.push(`${url} ${width}px: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`);
      await context.close();
    }
  }
  assert.deepEqual(problems, []);
});

test('on a phone, every number and email on a school home is a tap target that fits the screen', async () => {
  const server = await serve();
  try {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await page.goto(`${server.url}/schools/oakfield-primary/`);
    const links = await page.$$eval('main a[href^="tel:"], main a[href^="mailto:"]', (as) => as.map((a) => {
      const r = a.getBoundingClientRect();
      return { href: a.getAttribute('href'), text: a.textContent.trim(), right: r.right, height: r.height };
    }));
    const tel = links.filter((l) => l.href.startsWith('tel:'));
    assert.ok(tel.length >= 3, JSON.stringify(links));
    for (const l of tel) assert.match(l.href, /^tel:\+44\d{9,10}$/, l.href);
    assert.ok(links.some((l) => l.href === 'mailto:senco@oakfield-primary.sch.example'));
    assert.ok(links.some((l) => l.href === 'tel:+441234000111' && l.text === '01234 000111'), 'SENDIASS number in the text');
    for (const l of links) assert.ok(l.right <= 320 && l.height > 0, `${l.href} off screen: ${l.right}`);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 320, `the page scrolls sideways: ${wide}`);
    // The SENCO's contacts come before the page's text.
    const order = await page.evaluate(() => {
      const box = document.querySelector('.school-senco-box');
      const prose = document.querySelector('.school-home .prose');
      return box.compareDocumentPosition(prose) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    assert.ok(order);
    await page.close();
  } finally {
    await server.close();
  }
});
