// The council's duties in a real browser: the "Was this page useful?" form by keyboard, with and
// without JavaScript, on the shipped site (no `feedback.action`: it opens an email with the page's
// title and address) and on a copy built with `feedback.action` (it posts there; the post is
// caught here and never leaves the machine); the error shown and focused when no answer is chosen;
// the announcement banner; the events list, an event's page and its calendar file, the archive;
// axe-core on those pages at 320 px and 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch } from './helpers.mjs';

const AXE = path.resolve('node_modules/axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const ACTION = 'https://forms.anyshire.example/local-offer-feedback';
let server;
let posting;
let browser;
let tmp;

before(async () => {
  // The shipped site again, with `feedback.action` set.
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'senpack-feedback-'));
  for (const part of ['content', 'themes']) fs.cpSync(path.resolve(part), path.join(tmp, part), { recursive: true });
  const yaml = fs.readFileSync(path.resolve('site.yaml'), 'utf8')
    .replace('feedback:\n  email: "localoffer@anyshire.example"', `feedback:\n  action: "${ACTION}"`);
  assert.ok(yaml.includes(ACTION), 'site.yaml has the feedback block this test rewrites');
  fs.writeFileSync(path.join(tmp, 'site.yaml'), yaml);
  execFileSync(process.env.SENPACK_BIN, ['build', '--root', tmp, '--out', path.join(tmp, 'out')], {
    env: { ...process.env, SENPACK_TODAY: '2026-11-25' },
  });
  server = await serve();
  posting = await serve(path.join(tmp, 'out'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await posting?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function context(options = {}) {
  const ctx = await browser.newContext({
    viewport: { width: options.width || 1280, height: 900 },
    javaScriptEnabled: options.javaScript !== false,
    reducedMotion: 'reduce',
  });
  const requests = [];
  ctx.on('request', (r) => requests.push(r.url()));
  return { ctx, requests };
}

async function tabTo(page, selector, max = 400) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
  }
  throw new Error(`never reached ${selector} by Tab`);
}

const focused = (page) => page.evaluate(() => document.activeElement?.getAttribute('name') + '=' + document.activeElement?.getAttribute('value'));

test('with JavaScript, no answer shows the error in words and focuses the question; an answer writes the email', async () => {
  const { ctx, requests } = await context();
  const page = await ctx.newPage();
  await page.goto(server.url + '/parents/transport/', { waitUntil: 'load' });
  await tabTo(page, '.feedback-form button[type="submit"]');
  await page.keyboard.press('Enter');
  assert.equal(await page.isVisible('#feedback-error'), true, 'the error is shown');
  assert.match(await page.textContent('#feedback-error'), /Choose Yes or No/);
  assert.equal(await page.getAttribute('.feedback-form input[type="radio"] >> nth=0', 'aria-invalid'), 'true');
  assert.match(await focused(page), /^subject=.*Yes: Travel to school and college/);
  await page.keyboard.press('Space');
  assert.equal(await page.isVisible('#feedback-error'), false, 'choosing clears the error');
  await tabTo(page, '#feedback-comment');
  await page.keyboard.type('The bus part was clear.');
  await tabTo(page, '.feedback-form button[type="submit"]');
  await page.keyboard.press('Enter');
  const href = await page.getAttribute('.feedback-form', 'data-mailto');
  assert.ok(href.startsWith('mailto:localoffer@anyshire.example?subject='), href);
  const query = new URLSearchParams(href.split('?')[1]);
  assert.equal(query.get('subject'), 'Feedback on the Local Offer. Page useful? Yes: Travel to school and college');
  assert.equal(query.get('body'), `${server.url.replace(/.*/, 'https://send.anyshire.example')}/parents/transport/\n\nThe bus part was clear.`);
  assert.deepEqual(requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('mailto:')), [], 'nothing fetched from another host');
  await ctx.close();
});

test('without JavaScript, the email form carries the title, address and comment, and the browser asks for an answer', async () => {
  const { ctx } = await context({ javaScript: false });
  const page = await ctx.newPage();
  await page.goto(server.url + '/parents/transport/', { waitUntil: 'load' });
  assert.equal(await page.getAttribute('.feedback-form', 'action'), 'mailto:localoffer@anyshire.example');
  assert.equal(await page.evaluate(() => document.querySelector('.feedback-form').checkValidity()), false, 'no answer: the browser stops it');
  await tabTo(page, '.feedback-form input[type="radio"]');
  await page.keyboard.press('ArrowRight');
  assert.match(await focused(page), /No: Travel to school and college/);
  await tabTo(page, '#feedback-comment');
  await page.keyboard.type('Too long.');
  const fields = await page.evaluate(() => {
    const form = document.querySelector('.feedback-form');
    return { valid: form.checkValidity(), query: new URLSearchParams(new FormData(form)).toString() };
  });
  assert.equal(fields.valid, true);
  const query = new URLSearchParams(fields.query);
  assert.equal(query.get('subject'), 'Feedback on the Local Offer. Page useful? No: Travel to school and college (https://send.anyshire.example/parents/transport/)');
  assert.equal(query.get('body'), 'Too long.');
  await ctx.close();
});

for (const javaScript of [true, false]) {
  test(`with feedback.action and ${javaScript ? '' : 'no '}JavaScript, the form posts the answer, comment and page to the council's address`, async () => {
    const { ctx } = await context({ javaScript });
    const posted = [];
    await ctx.route(ACTION, (route) => {
      posted.push(route.request().postData());
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><html lang="en"><title>Thank you</title><p>Thank you</p></html>' });
    });
    const page = await ctx.newPage();
    await page.goto(posting.url + '/parents/transport/', { waitUntil: 'load' });
    assert.match(await page.textContent('.feedback-form'), /anonymous unless you add your name or contact details/);
    await tabTo(page, '.feedback-form input[name="useful"]');
    await page.keyboard.press('Space');
    await tabTo(page, '#feedback-comment');
    await page.keyboard.type('Helpful, thanks');
    await tabTo(page, '.feedback-form button[type="submit"]');
    await Promise.all([page.waitForURL(ACTION), page.keyboard.press('Enter')]);
    assert.equal(posted.length, 1);
    const body = new URLSearchParams(posted[0]);
    assert.equal(body.get('useful'), 'yes');
    assert.equal(body.get('comment'), 'Helpful, thanks');
    assert.equal(body.get('page_title'), 'Travel to school and college');
    assert.equal(body.get('page_url'), 'https://send.anyshire.example/parents/transport/');
    await ctx.close();
  });
}

test('the banner shows the current announcement on every page, with its link', async () => {
  const { ctx } = await context();
  const page = await ctx.newPage();
  for (const url of ['/', '/events/', '/services/']) {
    await page.goto(server.url + url, { waitUntil: 'load' });
    const text = await page.textContent('.announcements');
    assert.match(text, /consultation on short breaks is open until 31 January 2027/, url);
  }
  await tabTo(page, '.announcements a');
  await Promise.all([page.waitForURL('**/parents/social-care-and-short-breaks/'), page.keyboard.press('Enter')]);
  await ctx.close();
});

test('the events list, an event page, its calendar file and the archive work by keyboard', async () => {
  const { ctx } = await context();
  const page = await ctx.newPage();
  await page.goto(server.url + '/events/', { waitUntil: 'load' });
  const listed = await page.$$eval('main .prose li a', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(listed.includes('/events/autism-coffee-morning/'));
  assert.ok(!listed.includes('/events/tribunal-talk/'), 'past events are in the archive');
  await tabTo(page, 'a[href="/events/autism-coffee-morning/"]');
  await Promise.all([page.waitForURL('**/events/autism-coffee-morning/'), page.keyboard.press('Enter')]);
  assert.match(await page.textContent('main'), /Wednesday 9 December 2026, 10:00 to 12:00/);
  assert.match(await page.textContent('main'), /Step-free access/);
  const ics = await page.getAttribute('a[href$=".ics"]', 'href');
  const res = await page.request.get(server.url + ics);
  assert.equal(res.status(), 200);
  assert.match(await res.text(), /^BEGIN:VCALENDAR\r\n/);
  await page.goto(server.url + '/events/archive/', { waitUntil: 'load' });
  const months = await page.$$eval('main .prose h2', (hs) => hs.map((h) => h.textContent));
  assert.deepEqual(months.slice(0, 3), ['November 2026', 'October 2026', 'September 2026']);
  await ctx.close();
});

test('axe-core finds no WCAG 2.2 A/AA problems on pages with the banner, the form and events', async () => {
  const problems = [];
  for (const width of [320, 1280]) {
    for (const [site, url] of [[server, '/'], [server, '/events/autism-coffee-morning/'], [server, '/you-said-we-did/'], [posting, '/parents/transport/']]) {
      const { ctx } = await context({ width });
      const page = await ctx.newPage();
      await page.goto(site.url + url, { waitUntil: 'load' });
      if (url === '/parents/transport/') {
        await page.click('.feedback-form button[type="submit"]');
        await page.waitForSelector('#feedback-error:not([hidden])');
      }
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
      if (wide) problems.push(`${url} ${width}px scrolls sideways`);
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
        TAGS,
      );
      for (const v of result.violations) problems.push(`${url} ${width}px: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`);
      await ctx.close();
    }
  }
  assert.deepEqual(problems, []);
});
