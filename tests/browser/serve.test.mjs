// `senpack serve` in a real browser: an edit reloads the page by itself, a stylesheet edit swaps
// the stylesheet without a reload, and a broken file shows the error page until it is fixed.
import { test } from 'node:test';
import assert from 'node:assert';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { launch } from './helpers.mjs';

const bin = process.env.SENPACK_BIN;
const page = (title, body) =>
  `---\ntitle: "${title}"\ndescription: "About ${title}."\nreviewed: 2026-11-01\n---\n${body}`;

function fixture() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'senpack-serve-'));
  fs.cpSync(path.resolve('themes/default'), path.join(root, 'themes/default'), { recursive: true });
  fs.writeFileSync(path.join(root, 'site.yaml'), 'title: Test site\ndescription: A test site.\nbase_url: https://test.example\n');
  fs.mkdirSync(path.join(root, 'content/parents'), { recursive: true });
  fs.writeFileSync(path.join(root, 'content/_index.md'), page('Home', 'Welcome.\n'));
  fs.writeFileSync(path.join(root, 'content/parents/_index.md'), page('For parents', 'Guides.\n'));
  fs.writeFileSync(path.join(root, 'content/parents/meetings.md'), page('Meetings', 'Old words.\n'));
  return root;
}

/** Starts the server; resolves to { url, stop }. */
function start(root) {
  const child = spawn(bin, ['serve', '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve did not start')), 20000);
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const m = line.match(/Serving the site at (http:\/\/[\d.:]+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop: () => child.kill('SIGINT') });
      }
    });
  });
}

test('serve reloads pages, swaps stylesheets and shows build errors', { skip: !bin, timeout: 60000 }, async () => {
  const root = fixture();
  const server = await start(root);
  const browser = await launch();
  try {
    const tab = await browser.newPage();
    await tab.goto(`${server.url}/parents/meetings/`);
    assert.match(await tab.textContent('main'), /Old words\./);
    await tab.evaluate(() => { window.senpackMarker = 'still here'; });
    await new Promise((r) => setTimeout(r, 300));

    // A stylesheet edit: the link gets a fresh address, the page is not reloaded.
    fs.appendFileSync(path.join(root, 'themes/default/static/css/site.css'), '\nmain { outline: 3px solid rgb(1, 2, 3); }\n');
    await tab.waitForFunction(() => [...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href.includes('senpack=')), null, { timeout: 10000 });
    assert.strictEqual(await tab.evaluate(() => window.senpackMarker), 'still here');
    await tab.waitForFunction(() => getComputedStyle(document.querySelector('main')).outlineColor === 'rgb(1, 2, 3)', null, { timeout: 10000 });

    // A text edit: the page reloads by itself.
    fs.writeFileSync(path.join(root, 'content/parents/meetings.md'), page('Meetings', 'New words.\n'));
    await tab.waitForFunction(() => document.body.textContent.includes('New words.'), null, { timeout: 10000 });
    assert.strictEqual(await tab.evaluate(() => window.senpackMarker), undefined);

    // A broken file: the error page, with the file and line; fixing it brings the page back.
    fs.writeFileSync(path.join(root, 'content/parents/meetings.md'), '---\ntitle: Meetings\ndescription: x\ncolour: red\n---\nBody.\n');
    await tab.waitForFunction(() => document.body.textContent.includes('content/parents/meetings.md:4'), null, { timeout: 10000 });
    assert.match(await tab.textContent('h1'), /The site has errors/);
    fs.writeFileSync(path.join(root, 'content/parents/meetings.md'), page('Meetings', 'Fixed words.\n'));
    await tab.waitForFunction(() => document.body.textContent.includes('Fixed words.'), null, { timeout: 10000 });
  } finally {
    await browser.close();
    server.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
