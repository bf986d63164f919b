// Measures search on a built benchmark site in headless Chromium: gzip bytes a first query
// fetches (script included), query time once shards are loaded, and how many of 20 misspelt
// queries put the intended page in the top 5 — for senpack and, when its output is present
// (OUT/pagefind/), for Pagefind on the same pages. Usage: node measure.mjs OUT TARGETS.json
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch } from '../../tests/browser/helpers.mjs';

const [out, targetsFile] = process.argv.slice(2);
const targets = JSON.parse(fs.readFileSync(targetsFile, 'utf8'));
const TYPOS = {
  dyslexia: 'dislexia', tribunal: 'tribunel', mediation: 'mediaton', transport: 'transprot',
  physiotherapy: 'physiotheraphy', wheelchair: 'wheelchiar', audiology: 'audiolgy', ombudsman: 'ombudsmen',
  apprenticeship: 'aprenticeship', safeguarding: 'safegaurding', occupational: 'ocupational',
  medication: 'medicaton', exclusion: 'exlusion', attendance: 'attendence', bereavement: 'bereavment',
  epilepsy: 'epilepsey', diabetes: 'diabeties', autism: 'autsim', speech: 'speach', hearing: 'hearring',
};
const gz = new Map();
const gzipSize = (file) => {
  if (!gz.has(file)) { const b = fs.readFileSync(file); gz.set(file, Math.min(b.length, zlib.gzipSync(b, { level: 9 }).length)); }
  return gz.get(file);
};
let served = [];
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  let file = path.join(out, decodeURIComponent(url.pathname));
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) { res.writeHead(404); return res.end(); }
  served.push([url.pathname, gzipSize(file)]);
  const type = { '.js': 'text/javascript', '.json': 'application/json', '.html': 'text/html', '.css': 'text/css', '.wasm': 'application/wasm' }[path.extname(file)] || 'application/octet-stream';
  res.writeHead(200, { 'content-type': type });
  res.end(fs.readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// senpack: page id → URL from the excerpt files.
const urls = [];
const egroups = fs.readdirSync(path.join(out, 'search/e')).map((f) => Number(f.split('.')[0])).sort((a, b) => a - b);
for (const g of egroups) for (const p of JSON.parse(fs.readFileSync(path.join(out, `search/e/${g}.json`)))) urls.push(p[1]);

async function senpack() {
  const bytes = []; const times = []; let found = 0;
  for (const word of Object.keys(targets)) {
    const ctx = await browser.newContext();
    const tab = await ctx.newPage();
    served = [];
    await tab.goto(`${origin}/search/`);
    await tab.fill('#search-q', word);
    await tab.waitForFunction((w) => document.querySelector('#search-status').textContent.includes(w), word);
    bytes.push(served.filter(([p]) => p === '/js/search.js' || (p.startsWith('/search/') && p.endsWith('.json')))
      .reduce((s, [, n]) => s + n, 0));
    const ms = await tab.evaluate(async (q) => { const t = performance.now(); await window.senpackSearch.rank(q); return performance.now() - t; }, word);
    times.push(ms);
    const typo = TYPOS[word];
    const top = await tab.evaluate(async (q) => (await window.senpackSearch.rank(q)).results.slice(0, 5).map((r) => r.p), typo);
    if (top.map((p) => urls[p]).includes(targets[word])) found++;
    else console.log(`  senpack missed ${typo} → ${targets[word]}: ${top.map((p) => urls[p]).join(' ')}`);
    await ctx.close();
  }
  return { bytes, times, found };
}

async function pagefind() {
  if (!fs.existsSync(path.join(out, 'pagefind/pagefind.js'))) return null;
  const bytes = []; const times = []; let found = 0;
  for (const word of Object.keys(targets)) {
    const ctx = await browser.newContext();
    const tab = await ctx.newPage();
    await tab.goto(`${origin}/404.html`);
    served = [];
    await tab.evaluate(async (q) => {
      window.pf = await import('/pagefind/pagefind.js');
      const r = await window.pf.search(q);
      await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
    }, word);
    bytes.push(served.filter(([p]) => p.startsWith('/pagefind/')).reduce((s, [, n]) => s + n, 0));
    const ms = await tab.evaluate(async (q) => { const t = performance.now(); await window.pf.search(q); return performance.now() - t; }, word);
    times.push(ms);
    const top = await tab.evaluate(async (q) => {
      const r = await window.pf.search(q);
      return Promise.all(r.results.slice(0, 5).map(async (x) => (await x.data()).url));
    }, TYPOS[word]);
    if (top.map((u) => u.replace(/index\.html$/, '')).includes(targets[word])) found++;
    await ctx.close();
  }
  return { bytes, times, found };
}

const dirSize = (d) => fs.readdirSync(d, { recursive: true }).map((f) => path.join(d, f))
  .filter((f) => fs.statSync(f).isFile()).reduce((s, f) => [s[0] + fs.statSync(f).size, s[1] + gzipSize(f)], [0, 0]);
const s = await senpack();
const [raw, packed] = dirSize(path.join(out, 'search'));
console.log(`senpack: first query fetches median ${kb(median(s.bytes))}, max ${kb(Math.max(...s.bytes))} (gzip, script included); total ${kb(s.bytes.reduce((a, b) => a + b))} for 20 queries`);
console.log(`senpack: index ${kb(raw)} raw, ${kb(packed)} gzip; root ${kb(gzipSize(path.join(out, 'search/index.json')))} gzip; script ${kb(gzipSize(path.join(out, 'js/search.js')))} gzip`);
console.log(`senpack: query after shards load median ${median(s.times).toFixed(1)} ms, max ${Math.max(...s.times).toFixed(1)} ms`);
console.log(`senpack: misspelt queries with the intended page in the top 5: ${s.found}/20`);
const p = await pagefind();
if (p) {
  const [praw, ppacked] = dirSize(path.join(out, 'pagefind'));
  console.log(`pagefind: first query fetches median ${kb(median(p.bytes))}, max ${kb(Math.max(...p.bytes))} (gzip); total ${kb(p.bytes.reduce((a, b) => a + b))} for 20 queries`);
  console.log(`pagefind: index ${kb(praw)} raw, ${kb(ppacked)} gzip; query median ${median(p.times).toFixed(1)} ms`);
  console.log(`pagefind: misspelt queries with the intended page in the top 5: ${p.found}/20`);
} else {
  console.log('pagefind: no OUT/pagefind/ folder; run bench/search.sh to make one');
}
await browser.close();
server.close();
