// Services directory benchmark in Chromium (issue 15, "Scale and speed"): serves a built site with
// thousands of services over loopback HTTP and measures
//   - what the directory page downloads before it shows results (bytes raw and gzip, with
//     JavaScript on; the index /services/index.json is not among them: it loads on first use),
//   - the first filter change (fetching and parsing the index, then showing matches),
//   - later filter changes (target: under 50 ms for 5,000 services): the time from the change
//     event to the cards being in the page ("apply") and to the next frame painted ("frame").
//
// Build the 5,000-service site first, kept by the build benchmark:
//   cargo bench --bench build -- --sizes 1000 --runs 1 --no-hugo --no-disk --keep
// then:
//   node bench/services-filter.mjs [SITE_OUT_DIR]
// SITE_OUT_DIR defaults to /dev/shm/senpack-bench/council-+-5-000-services/senpack-out.
// Chromium is Debian's /usr/bin/chromium (CHROMIUM to change it), kept off the network.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

const dir = path.resolve(process.argv[2] || '/dev/shm/senpack-bench/council-+-5-000-services/senpack-out');
const RUNS = Number(process.env.RUNS || 20);
if (!fs.existsSync(path.join(dir, 'services/index.html'))) {
  console.error(`no built directory at ${dir}/services/index.html (see the header of this file)`);
  process.exit(2);
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.svg': 'image/svg+xml' };
const sent = [];
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  let file = path.join(dir, decodeURIComponent(url.pathname));
  if (!file.startsWith(dir)) { res.writeHead(403); return res.end(); }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) { res.writeHead(404); return res.end(); }
  const body = fs.readFileSync(file);
  sent.push({ path: url.pathname, raw: body.length, gzip: zlib.gzipSync(body, { level: 6 }).length });
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
  res.end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-quic', '--no-first-run'],
});
const kb = (n) => (n / 1024).toFixed(1);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/services/`, { waitUntil: 'load' });
  await page.waitForSelector('.service-card');
  const before = sent.splice(0);
  const raw = before.reduce((a, f) => a + f.raw, 0);
  const gz = before.reduce((a, f) => a + f.gzip, 0);
  const cards = await page.$$eval('.service-card', (cs) => cs.length);
  const total = await page.textContent('.service-count .count-total');
  console.log(`directory first page: ${cards} cards shown of ${total}; downloaded before results: ${kb(raw)} KB (${kb(gz)} KB gzip) in ${before.length} files`);
  for (const f of before) console.log(`  ${f.path} ${kb(f.raw)} KB (${kb(f.gzip)} KB gzip)`);

  // One change: set a form field and wait until the list is updated and a frame painted.
  const change = (kind, value) => page.evaluate(async ([kind, value]) => {
    const form = document.querySelector('.service-filter-form');
    const list = document.querySelector('.service-list');
    const el = form.elements[kind];
    const t0 = performance.now();
    let applied = 0;
    const seen = new Promise((resolve) => {
      const done = () => { applied = performance.now(); resolve(); };
      list.addEventListener('services:cards', done, { once: true });
    });
    if (el.type === 'checkbox') el.checked = value === '1'; else el.value = value;
    el.dispatchEvent(new Event(el.type === 'number' ? 'input' : 'change', { bubbles: true }));
    await seen;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return { apply: applied - t0, frame: performance.now() - t0, shown: list.children.length, matching: document.querySelector('.count-total').textContent };
  }, [kind, value]);

  const categories = await page.$$eval('#filter-category option', (os) => os.map((o) => o.value).filter(Boolean));
  const needs = await page.$$eval('#filter-need option', (os) => os.map((o) => o.value).filter(Boolean));
  const first = await change('category', categories[0]);
  const index = sent.splice(0).find((f) => f.path.endsWith('index.json'));
  console.log(`first filter use (fetch + parse the index, then show): ${first.frame.toFixed(1)} ms; index ${index ? `${kb(index.raw)} KB (${kb(index.gzip)} KB gzip)` : 'not fetched?'}`);

  const applies = [];
  const frames = [];
  for (let i = 0; i < RUNS; i++) {
    const steps = [
      ['category', categories[(i + 1) % categories.length]],
      ['need', i % 2 ? needs[i % needs.length] : ''],
      ['age', String(i % 19)],
      ['free', i % 2 ? '1' : ''],
    ];
    for (const [kind, value] of steps) {
      const r = await change(kind, value);
      applies.push(r.apply);
      frames.push(r.frame);
    }
  }
  console.log(`filter change over ${total} services, ${applies.length} changes: apply median ${median(applies).toFixed(1)} ms, max ${Math.max(...applies).toFixed(1)} ms; to next frame median ${median(frames).toFixed(1)} ms, max ${Math.max(...frames).toFixed(1)} ms (target < 50 ms)`);

  // A shared URL reopens the view and loads the index at once.
  const shared = await context.newPage();
  const t0 = Date.now();
  await shared.goto(`${base}/services/?category=${categories[0]}&free=1`, { waitUntil: 'load' });
  await shared.waitForFunction(() => document.querySelector('.service-list').getAttribute('aria-busy') === null && document.querySelector('.service-pages')?.hidden !== false);
  console.log(`shared filtered URL to results: ${Date.now() - t0} ms`);
  await context.close();
} finally {
  await browser.close();
  server.close();
}
