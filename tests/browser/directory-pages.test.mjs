// The services directory at a size the shipped site does not reach: the shipped site plus 110
// more services (copies of one example, renamed and moved), built by the senpack under test.
// Without JavaScript the directory is 50 cards a page with working page links; with it, "near me"
// sorts every service of the directory, not only the page's own cards, so the nearest service
// comes first even when it is on the last page by name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch } from './helpers.mjs';

const EXTRA = 110;
// Far from every shipped service: only the extra service placed here can be nearest.
const FAR = { latitude: 51.5, longitude: 0.5 };
let dir;
let server;
let browser;
let total;

function buildSite() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'senpack-directory-'));
  const site = path.join(dir, 'site');
  fs.mkdirSync(site);
  for (const part of ['site.yaml', 'content', 'themes']) {
    fs.cpSync(path.resolve(part), path.join(site, part), { recursive: true });
  }
  const services = path.join(site, 'content/services');
  const model = fs.readFileSync(path.join(services, 'anyshire-young-carers.yaml'), 'utf8');
  assert.match(model, /^name: "Anyshire Young Carers"$/m);
  assert.match(model, /latitude: 52\.0655/);
  for (let i = 0; i < EXTRA; i++) {
    const n = String(i).padStart(3, '0');
    // "Zz…" sorts after every shipped service, so the last of these is on the last page.
    const name = i === EXTRA - 1 ? 'Zz Farthest Group' : `Extra Group ${n}`;
    const lat = i === EXTRA - 1 ? FAR.latitude : 52.0655 + i * 0.001;
    const lon = i === EXTRA - 1 ? FAR.longitude : -1.3347;
    const text = model
      .replace(/^name: "Anyshire Young Carers"$/m, `name: "${name}"`)
      .replace('latitude: 52.0655', `latitude: ${lat}`)
      .replace('longitude: -1.3347', `longitude: ${lon}`);
    fs.writeFileSync(path.join(services, `extra-${n}.yaml`), text);
  }
  total = fs.readdirSync(services).filter((f) => f.endsWith('.yaml')).length;
  const out = path.join(dir, 'out');
  execFileSync(process.env.SENPACK_BIN, ['build', '--root', site, '--out', out], {
    env: { ...process.env, SENPACK_TODAY: '2026-11-25' },
    stdio: 'pipe',
  });
  return out;
}

before(async () => {
  server = await serve(buildSite());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function open(url, options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled: options.javaScript !== false,
    geolocation: options.geo,
    permissions: options.geo ? ['geolocation'] : [],
  });
  const page = await context.newPage();
  await page.goto(server.url + url, { waitUntil: 'load' });
  return { page, context };
}

const slugs = (page) => page.$$eval('.service-list .service-card', (cs) => cs.map((c) => c.dataset.slug));

test('without JavaScript the directory is 50 cards a page, and the page links reach every service once', async () => {
  const pages = Math.ceil(total / 50);
  assert.ok(pages >= 4, `${total} services make ${pages} pages`);
  const seen = [];
  let { page, context } = await open('/services/', { javaScript: false });
  for (let n = 1; n <= pages; n++) {
    const here = await slugs(page);
    assert.equal(here.length, n < pages ? 50 : total - 50 * (pages - 1), `cards on page ${n}`);
    seen.push(...here);
    assert.match(await page.textContent('.service-pages [aria-current="page"]'), new RegExp(`Page ${n} of ${pages}`));
    assert.match(await page.textContent('.service-count'), new RegExp(`of ${total} services`));
    const next = await page.$('.service-pages a[rel="next"]');
    if (n === pages) {
      assert.equal(next, null, 'the last page has no next link');
      break;
    }
    await next.click();
    await page.waitForLoadState('load');
    assert.equal(new URL(page.url()).pathname, `/services/page/${n + 1}/`);
  }
  assert.equal(new Set(seen).size, total, 'every service is listed once');
  assert.equal(seen[seen.length - 1], `extra-${String(EXTRA - 1).padStart(3, '0')}`, 'the Zz service is last by name');
  await context.close();
});

test('near me sorts every service of the directory, so the nearest comes first from the last page', async () => {
  const { page, context } = await open('/services/', { geo: FAR });
  const last = `extra-${String(EXTRA - 1).padStart(3, '0')}`;
  assert.ok(!(await slugs(page)).includes(last), 'the nearest service is not on the first page by name');
  await page.click('.near-me-locate');
  await page.waitForSelector('.service-list.by-distance');
  const sorted = await slugs(page);
  assert.equal(sorted[0], last, 'the nearest service comes first');
  assert.match(await page.textContent('.service-card:first-child .service-distance'), /^\d+(\.\d)? miles/);
  assert.ok(await page.isHidden('.service-pages'), 'page links are hidden while sorted by distance');
  assert.ok(await page.isVisible('.service-more button'), 'the rest are a button press away');
  await page.click('.service-more button');
  assert.equal((await slugs(page)).length, 100);
  // A filter keeps the order by distance.
  await page.selectOption('#filter-category', { index: 1 });
  assert.ok(await page.$('.service-list.by-distance'));
  await page.selectOption('#filter-category', '');
  assert.equal((await slugs(page))[0], last);
  await page.click('.near-me-reset');
  assert.ok(!(await page.$('.service-list.by-distance')));
  assert.deepEqual((await slugs(page)).length, 50, 'back to the page\'s own 50 cards by name');
  assert.ok(await page.isVisible('.service-pages'));
  await context.close();
});
