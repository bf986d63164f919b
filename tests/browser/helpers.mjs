// Shared helpers for browser tests: serve a built site folder over loopback HTTP and drive
// Debian's Chromium with playwright-core (never a downloaded browser).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.xml': 'application/xml',
  '.txt': 'text/plain', '.woff2': 'font/woff2', '.gz': 'application/gzip', '.pdf': 'application/pdf',
};

/** The built site to test: SITE_DIR, set by tests/browser.rs. */
export const siteDir = process.env.SITE_DIR;

/** Serves `dir` on 127.0.0.1 at a free port; resolves to { url, close, bytes() }. */
export function serve(dir = siteDir) {
  let sent = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir)) { res.writeHead(403); return res.end(); }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      return res.end(fs.existsSync(path.join(dir, '404.html')) ? fs.readFileSync(path.join(dir, '404.html')) : 'not found');
    }
    const body = fs.readFileSync(file);
    sent += body.length;
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => server.close(r)),
    bytes: () => sent,
  })));
}

/** Launches headless Chromium from /usr/bin/chromium, kept off the network. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

/** Folder for screenshots and other artefacts a person may look at (not committed). */
export const artifacts = process.env.ARTIFACTS_DIR || path.resolve('tests/browser/artifacts');
fs.mkdirSync(artifacts, { recursive: true });
