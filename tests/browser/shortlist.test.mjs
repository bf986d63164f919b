// The shortlist ("pinboard") and "near me" in a real browser, on the shipped site: saving and
// unsaving by keyboard (aria-pressed and the visible label), the shortlist page listing what was
// saved with tel:/mailto: links, the copied link reopening the list in a fresh browser context,
// print hiding the controls, no-JS keeping the buttons hidden; near me sorting by distance from a
// mocked geolocation and from a postcode district; axe on the shortlist page; nothing fetched
// from another host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launch } from './helpers.mjs';

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

async function context(options = {}) {
  const ctx = await browser.newContext({
    viewport: { width: options.width || 1280, height: 900 },
    javaScriptEnabled: options.javaScript !== false,
    reducedMotion: 'reduce',
    ...(options.geo ? { geolocation: options.geo, permissions: ['geolocation'] } : {}),
  });
  const requests = [];
  ctx.on('request', (r) => requests.push(r.url()));
  return { ctx, requests };
}

const offsite = (requests) => requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:'));

/** Tabs until `selector` has focus (at most `max` presses). */
async function tabTo(page, selector, max = 400) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
  }
  throw new Error(`never reached ${selector} by Tab`);
}

const saveButton = (slug) => `.service-card[data-slug="${slug}"] .save-toggle`;

test('save and unsave by keyboard, then the shortlist page lists the saved services with contacts', async () => {
  const { ctx, requests } = await context();
  const page = await ctx.newPage();
  await page.goto(server.url + '/services/', { waitUntil: 'load' });
  const slugs = await page.$$eval('.service-card', (cs) => cs.slice(0, 3).map((c) => c.dataset.slug));
  const first = saveButton(slugs[0]);
  assert.equal(await page.getAttribute(first, 'aria-pressed'), 'false');
  const offLabel = (await page.textContent(first)).trim();
  await tabTo(page, first);
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute(first, 'aria-pressed'), 'true');
  assert.notEqual((await page.textContent(first)).trim(), offLabel, 'the visible label changes when saved');
  assert.ok(await page.isVisible(`.service-card[data-slug="${slugs[0]}"] .save-note a`), 'a saved card links to the shortlist');
  assert.ok(!(await page.isVisible(`.service-card[data-slug="${slugs[1]}"] .save-note`)), 'an unsaved card does not');
  await tabTo(page, saveButton(slugs[1]));
  await page.keyboard.press('Space');
  await tabTo(page, saveButton(slugs[2]));
  await page.keyboard.press('Space');
  await page.keyboard.press('Space'); // unsave the third again
  assert.equal(await page.getAttribute(saveButton(slugs[2]), 'aria-pressed'), 'false');
  assert.equal((await page.textContent(saveButton(slugs[2]))).trim(), offLabel);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('senpack-shortlist')));
  assert.deepEqual(stored, slugs.slice(0, 2));

  // A service page shows the same state and can add to the list.
  await page.goto(server.url + '/services/camhs/', { waitUntil: 'load' });
  const own = '.service-page .save-toggle';
  assert.equal(await page.getAttribute(own, 'aria-pressed'), slugs.includes('camhs') ? 'true' : 'false');
  if (!slugs.includes('camhs')) {
    await page.focus(own);
    await page.keyboard.press('Enter');
  }

  await page.goto(server.url + '/services/shortlist/', { waitUntil: 'load' });
  await page.waitForSelector('.shortlist-item');
  const listed = await page.$$eval('.shortlist-item', (ls) => ls.map((l) => l.dataset.slug));
  const want = [...new Set([...slugs.slice(0, 2), 'camhs'])];
  assert.deepEqual(listed, want);
  const data = await (await page.request.get(server.url + '/services/shortlist.json')).json();
  for (const slug of want) {
    const item = `.shortlist-item[data-slug="${slug}"]`;
    assert.equal((await page.textContent(`${item} h2`)).trim(), data.services[slug].name);
    const phone = data.services[slug].contacts?.find((c) => c.tel);
    if (phone) assert.ok(await page.$(`${item} a[href="${phone.tel}"]`), `${slug}: a tel: link`);
    const mail = data.services[slug].contacts?.find((c) => c.mailto);
    if (mail) assert.ok(await page.$(`${item} a[href="${mail.mailto}"]`), `${slug}: a mailto: link`);
    const loc = data.services[slug].locations?.[0];
    if (loc) assert.match(await page.textContent(`${item} .shortlist-address`), new RegExp(loc.postcode));
  }
  assert.ok(await page.isHidden('.shortlist-nojs'));

  // Removing one by keyboard keeps the rest.
  await page.focus(`.shortlist-item[data-slug="${want[0]}"] .shortlist-remove`);
  await page.keyboard.press('Enter');
  assert.deepEqual(await page.$$eval('.shortlist-item', (ls) => ls.map((l) => l.dataset.slug)), want.slice(1));
  assert.deepEqual(offsite(requests), []);
  await ctx.close();
});

test('the copied link reopens the same shortlist in a fresh browser context', async () => {
  const one = await context();
  await one.ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await one.ctx.newPage();
  await page.goto(server.url + '/services/', { waitUntil: 'load' });
  await page.evaluate(() => localStorage.setItem('senpack-shortlist', JSON.stringify(['sendiass', 'camhs'])));
  await page.goto(server.url + '/services/shortlist/', { waitUntil: 'load' });
  await page.waitForSelector('.shortlist-item');
  await page.click('.shortlist-copy');
  const link = await page.inputValue('.shortlist-link');
  assert.match(link, /#s=sendiass,camhs$/);
  // The status is written when the clipboard's promise settles, which may be after the click.
  await page.waitForFunction(() => /\S/.test(document.querySelector('.shortlist-status').textContent));
  assert.match(await page.textContent('.shortlist-status'), /\S/);
  await one.ctx.close();

  const two = await context();
  const fresh = await two.ctx.newPage();
  await fresh.goto(link, { waitUntil: 'load' });
  await fresh.waitForSelector('.shortlist-item');
  assert.deepEqual(await fresh.$$eval('.shortlist-item', (ls) => ls.map((l) => l.dataset.slug)), ['sendiass', 'camhs']);
  assert.ok(await fresh.isVisible('.shortlist-shared'), 'a shared list says so');
  // Keeping it stores it in this browser.
  await fresh.click('.shortlist-keep');
  assert.deepEqual(await fresh.evaluate(() => JSON.parse(localStorage.getItem('senpack-shortlist'))), ['sendiass', 'camhs']);
  await two.ctx.close();
});

test('print shows a clean list: no buttons, the contacts kept', async () => {
  const { ctx } = await context();
  const page = await ctx.newPage();
  await page.goto(server.url + '/services/', { waitUntil: 'load' });
  await page.evaluate(() => localStorage.setItem('senpack-shortlist', JSON.stringify(['camhs'])));
  await page.goto(server.url + '/services/shortlist/', { waitUntil: 'load' });
  await page.waitForSelector('.shortlist-item');
  await page.emulateMedia({ media: 'print' });
  for (const sel of ['.shortlist-actions', '.shortlist-remove', '.shortlist-copy', '.site-nav']) {
    const el = await page.$(sel);
    if (el) assert.ok(!(await el.isVisible()), `${sel} is hidden in print`);
  }
  assert.ok(await page.isVisible('.shortlist-item h2'));
  assert.ok(await page.isVisible('.shortlist-item a[href^="tel:"]'));
  await page.goto(server.url + '/services/', { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  assert.ok(!(await page.isVisible('.service-save')), 'save buttons are hidden in print');
  assert.ok(!(await page.isVisible('.near-me')), 'near me is hidden in print');
  await ctx.close();
});

test('without JavaScript the save buttons and near me stay hidden and the shortlist page explains', async () => {
  const { ctx } = await context({ javaScript: false });
  const page = await ctx.newPage();
  await page.goto(server.url + '/services/', { waitUntil: 'load' });
  assert.equal(await page.$$eval('.service-save', (bs) => bs.filter((b) => !b.hidden).length), 0);
  assert.ok(!(await page.isVisible('.near-me')));
  await page.goto(server.url + '/services/shortlist/', { waitUntil: 'load' });
  assert.ok(await page.isVisible('.shortlist-nojs'));
  assert.ok(!(await page.isVisible('.shortlist-actions')));
  await ctx.close();
});

test('where the browser cannot keep a list, the button shows disabled with the reason', async () => {
  const { ctx } = await context();
  await ctx.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  const page = await ctx.newPage();
  await page.goto(server.url + '/services/camhs/', { waitUntil: 'load' });
  const button = '.service-page .save-toggle';
  assert.ok(await page.isVisible(button));
  assert.ok(await page.isDisabled(button));
  const note = await page.getAttribute(button, 'aria-describedby');
  assert.match(await page.textContent(`#${note}`), /cannot keep a shortlist/);
  assert.ok(await page.isVisible(`#${note}`));
  await ctx.close();
});

const order = (page) => page.$$eval('.service-list .service-card', (cs) => cs.map((c) => ({
  slug: c.dataset.slug,
  lat: c.dataset.lat ? Number(c.dataset.lat) : null,
  lon: c.dataset.lon ? Number(c.dataset.lon) : null,
  distance: c.querySelector('.service-distance')?.textContent || '',
})));

function km(a, b) {
  const r = Math.PI / 180;
  const h = Math.sin((b[0] - a[0]) * r / 2) ** 2 + Math.cos(a[0] * r) * Math.cos(b[0] * r) * Math.sin((b[1] - a[1]) * r / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(h));
}

function assertSortedFrom(cards, from) {
  const placed = cards.filter((c) => c.lat !== null);
  const firstUnplaced = cards.findIndex((c) => c.lat === null);
  assert.ok(placed.length > 1, 'some services have coordinates');
  if (firstUnplaced !== -1) {
    assert.ok(cards.slice(firstUnplaced).every((c) => c.lat === null), 'services without coordinates come last');
  }
  const d = placed.map((c) => km(from, [c.lat, c.lon]));
  for (let i = 1; i < d.length; i++) assert.ok(d[i - 1] <= d[i] + 1e-9, `sorted by distance at ${placed[i].slug}`);
  assert.match(placed[0].distance, /^\d+(\.\d)? miles/);
  const miles = Number(placed[0].distance.split(' ')[0]);
  assert.ok(Math.abs(miles - d[0] / 1.609344) < 0.06 + d[0] * 0.001, `${miles} miles for ${d[0]} km`);
}

test('near me: the location button sorts by distance from a mocked geolocation, asked only on press', async () => {
  // Far to the north-east of Anyshire: the order differs from by-name.
  const here = { latitude: 52.339, longitude: -1.05 };
  const { ctx, requests } = await context({ geo: here });
  const page = await ctx.newPage();
  let asked = 0;
  await page.exposeFunction('__asked', () => { asked += 1; });
  await page.addInitScript(() => {
    const real = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
    navigator.geolocation.getCurrentPosition = (...a) => { window.__asked(); return real(...a); };
  });
  await page.goto(server.url + '/services/', { waitUntil: 'load' });
  const byName = await order(page);
  assert.equal(asked, 0, 'the location is not asked for on load');
  await page.focus('.near-me-locate');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.service-list.by-distance');
  assert.equal(asked, 1);
  const cards = await order(page);
  assertSortedFrom(cards, [here.latitude, here.longitude]);
  assert.notDeepEqual(cards.map((c) => c.slug), byName.map((c) => c.slug));
  assert.match(await page.textContent('.near-me-status'), /distance/);
  await page.click('.near-me-reset');
  assert.deepEqual((await order(page)).map((c) => c.slug), byName.map((c) => c.slug));
  assert.deepEqual(offsite(requests), []);
  await ctx.close();
});

test('near me: a postcode district typed in sorts by distance from it; an unknown one says so', async () => {
  const { ctx } = await context({ width: 320 });
  const page = await ctx.newPage();
  await page.goto(server.url + '/services/', { waitUntil: 'load' });
  await page.waitForSelector('.near-me-postcode:not([hidden])');
  const table = await (await page.request.get(server.url + '/services/postcodes.json')).json();
  await page.fill('#near-me-district', 'zz9');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('#near-me-district', 'aria-invalid'), 'true');
  assert.ok(!(await page.$('.service-list.by-distance')));
  await page.fill('#near-me-district', 'an9');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.service-list.by-distance');
  assertSortedFrom(await order(page), table.districts.AN9);
  await page.fill('#near-me-district', 'AN5 2XY');
  await page.keyboard.press('Enter');
  assertSortedFrom(await order(page), table.districts.AN5);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 320, `no sideways scrolling at 320 px (${wide})`);
  await ctx.close();
});

test('axe-core finds no WCAG 2.2 A/AA problems on the shortlist page, empty and full, and on the sorted directory', async () => {
  const problems = [];
  for (const width of [320, 1280]) {
    for (const saved of [[], ['camhs', 'sendiass']]) {
      const { ctx } = await context({ width });
      const page = await ctx.newPage();
      await page.goto(server.url + '/services/', { waitUntil: 'load' });
      await page.evaluate((s) => localStorage.setItem('senpack-shortlist', JSON.stringify(s)), saved);
      await page.goto(server.url + '/services/shortlist/', { waitUntil: 'load' });
      await page.waitForSelector(saved.length ? '.shortlist-item' : '.shortlist-empty:not([hidden])');
      if (saved.length) await page.click('.shortlist-copy').catch(() => {});
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
        TAGS,
      );
      for (const v of result.violations) problems.push(`shortlist ${width}px ${saved.length}: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`);
      await ctx.close();
    }
    const { ctx } = await context({ width });
    const page = await ctx.newPage();
    await page.goto(server.url + '/services/', { waitUntil: 'load' });
    await page.waitForSelector('.near-me-postcode:not([hidden])');
    await page.fill('#near-me-district', 'AN1');
    await page.keyboard.press('Enter');
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      TAGS,
    );
    for (const v of result.violations) problems.push(`directory ${width}px: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`);
    await ctx.close();
  }
  assert.deepEqual(problems, []);
});

test('cards the filters build in the browser get a working save button too', async () => {
  const { ctx } = await context();
  const page = await ctx.newPage();
  await page.goto(server.url + '/services/', { waitUntil: 'load' });
  await page.selectOption('#filter-category', 'health');
  await page.waitForFunction(() => document.querySelectorAll('.service-card').length > 0
    && [...document.querySelectorAll('.service-card')].every((c) => c.dataset.categories.split(' ').includes('health')));
  const slug = await page.$eval('.service-card', (c) => c.dataset.slug);
  const button = saveButton(slug);
  await page.waitForSelector(button, { state: 'visible' });
  assert.equal(await page.getAttribute(button, 'aria-pressed'), 'false');
  assert.equal(await page.getAttribute(`.service-card[data-slug="${slug}"] .save-note`, 'id'), `save-note-${slug}`);
  await page.click(button);
  assert.equal(await page.getAttribute(button, 'aria-pressed'), 'true');
  const saved = await page.evaluate(() => Object.values(localStorage).join(' '));
  assert.ok(saved.includes(slug), saved);
  await ctx.close();
});
