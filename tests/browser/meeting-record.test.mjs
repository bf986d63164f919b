// The meeting record and the "keep a record" log on the shipped site: typed in on screen, kept
// by the browser (localStorage) across a reload and into the school's pack, printed filled in
// on ruled lines, with nothing sent anywhere; "Clear" forgets it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch } from './helpers.mjs';

test('the meeting record is kept in the browser, prints filled in and sends nothing', async () => {
  const server = await serve();
  const browser = await launch();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/parents/meetings/meeting-record/`);
    await page.waitForLoadState('networkidle');
    const sent = [];
    page.on('request', (r) => sent.push(`${r.method()} ${r.url()}`));
    await page.fill('#mr-date', '2026-11-20');
    await page.fill('#mr-who', 'Me, the class teacher and the SENCO');
    await page.fill('#mr-explore', 'Reading at home and at school.');
    await page.fill('#mr-focus', 'Reading is slow and tiring.');
    await page.fill('#mr-plan', 'Reading group three times a week, Miss Lee, from Monday.');
    await page.fill('#mr-review', 'Meet again before half term.');
    assert.deepEqual(sent, [], 'typing sends nothing');
    // Kept across a reload.
    await page.reload();
    assert.equal(await page.inputValue('#mr-focus'), 'Reading is slow and tiring.');
    assert.equal(await page.inputValue('#mr-date'), '2026-11-20');
    // On paper: the ruled lines carry what was typed; the fields and buttons are not printed.
    await page.emulateMedia({ media: 'print' });
    const paper = await page.$eval('[data-copy-of="plan"]', (e) => ({ text: e.textContent, shown: getComputedStyle(e).display, lines: getComputedStyle(e).backgroundImage }));
    assert.equal(paper.text, 'Reading group three times a week, Miss Lee, from Monday.');
    assert.equal(paper.shown, 'block');
    assert.match(paper.lines, /repeating-linear-gradient/);
    assert.equal(await page.$eval('#mr-plan', (e) => getComputedStyle(e).display), 'none');
    assert.equal(await page.$eval('.record-actions', (e) => getComputedStyle(e).display), 'none');
    await page.emulateMedia({ media: 'screen' });
    // The same record is in a school's pack.
    await page.goto(`${server.url}/schools/oakfield-primary/pack/`);
    assert.equal(await page.inputValue('#mr-who'), 'Me, the class teacher and the SENCO');
    assert.ok(await page.$('.pack-contents a[href="#mr-title"]'));
    // Clear forgets it.
    await page.click('.record-clear');
    await page.reload();
    assert.equal(await page.inputValue('#mr-who'), '');
    assert.equal(await page.evaluate(() => localStorage.getItem('senpack:meeting-record')), null);
    // Without a network request from any of it.
    assert.ok(sent.every((s) => s.startsWith(`GET ${server.url}/`)), sent.join('\n'));
  } finally {
    await browser.close();
    await server.close();
  }
});

test('the keep-a-record log is a printable table kept in the browser', async () => {
  const server = await serve();
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await page.goto(`${server.url}/parents/meetings/keep-a-record/`);
    const heads = await page.$$eval('.record-log th', (t) => t.map((e) => e.textContent));
    assert.deepEqual(heads, ['Date', 'Who I spoke to', 'What was said', 'What happens next']);
    assert.equal(await page.$$eval('.record-log tbody tr', (r) => r.length), 8);
    await page.fill('textarea[name="who-1"]', 'Mr Okafor, SENCO');
    await page.reload();
    assert.equal(await page.inputValue('textarea[name="who-1"]'), 'Mr Okafor, SENCO');
    // At 320 px the table scrolls in its own box, not the page.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 320);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.$eval('[data-copy-of="who-1"]', (e) => e.textContent), 'Mr Okafor, SENCO');
  } finally {
    await browser.close();
    await server.close();
  }
});
