// The header on a large site: a site of 20 top-level sections keeps a one-row header at 1280 px
// (the header lists site.yaml's `nav:`, or the first five sections, never every section), while the
// footer and the home page still reach every section.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch } from './helpers.mjs';

const bin = process.env.SENPACK_BIN;
const skip = !bin && 'SENPACK_BIN is not set (run through cargo test --test browser)';
let server; let browser;

const page = (title, body = 'Some words about this.') =>
  `---\ntitle: "${title}"\ndescription: "A page about ${title.toLowerCase()}."\n---\n${body}\n`;

before(async () => {
  if (skip) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'senpack-header-'));
  fs.cpSync(path.resolve('themes/default'), path.join(dir, 'themes/default'), { recursive: true });
  const write = (file, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write('site.yaml', 'title: "Twenty sections of help with special educational needs"\ndescription: A big site.\nbase_url: https://big.example\n');
  write('content/_index.md', page('Home'));
  for (let i = 1; i <= 20; i += 1) {
    const n = String(i).padStart(2, '0');
    write(`content/section-${n}/_index.md`, `---\ntitle: "Section number ${i} with a longer name"\ndescription: "Section ${i}."\nweight: ${i}\n---\nWords.\n`);
    write(`content/section-${n}/a-page.md`, page(`Page in section ${i}`));
  }
  const out = path.join(dir, 'out');
  execFileSync(bin, ['build', '--root', dir, '--out', out], { stdio: 'pipe', env: { ...process.env, SENPACK_TODAY: '2026-11-25' } });
  server = await serve(out);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('a 20-section site keeps the header to one row at 1280 px', { skip }, async () => {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await tab.goto(`${server.url}/section-07/a-page/`);
  const tops = await tab.$$eval('.nav-row li', (ls) => ls.map((l) => Math.round(l.getBoundingClientRect().top)));
  assert.ok(tops.length > 0 && tops.length <= 5, `${tops.length} header links`);
  assert.equal(new Set(tops).size, 1, `one row: ${tops}`);
  const bar = await tab.$eval('.site-nav', (el) => el.getBoundingClientRect().height);
  assert.ok(bar <= 60, `the navigation bar is ${bar} px tall`);
  const h1 = await tab.$eval('main h1', (el) => el.getBoundingClientRect().top);
  assert.ok(h1 < 320, `the page starts at ${h1} px`);
  // Everything else is still reached: every section from the footer and the home page.
  const footer = await tab.$$eval('.site-footer a', (as) => as.map((a) => a.getAttribute('href')));
  for (let i = 1; i <= 20; i += 1) assert.ok(footer.includes(`/section-${String(i).padStart(2, '0')}/`), `footer links section ${i}`);
  await tab.goto(`${server.url}/`);
  const cards = await tab.$$eval('#everything + .cards a', (as) => as.length);
  assert.equal(cards, 20);
  await tab.close();
});
