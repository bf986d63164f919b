// Glossary terms in a real browser: Tab to the first linked term and its definition appears in
// place (no JavaScript), is named as the link's description, and stays on screen at 320 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, artifacts } from './helpers.mjs';

const repo = path.resolve('.');

/** A small site using the default theme, built with the senpack binary under test. */
function buildFixture() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'senpack-glossary-'));
  fs.cpSync(path.join(repo, 'themes/default'), path.join(root, 'themes/default'), { recursive: true });
  const write = (p, text) => {
    fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    fs.writeFileSync(path.join(root, p), text);
  };
  write('site.yaml', 'title: Test\ndescription: A test.\nbase_url: https://test.example\n');
  write('content/glossary.yaml', [
    '- term: "Education, Health and Care plan"',
    '  abbr: EHCP',
    '  definition: "A legal document that says what help a child must get."',
  ].join('\n') + '\n');
  write('content/_index.md', '---\ntitle: Home\ndescription: Home.\nreviewed: 2026-11-01\n---\n'
    + 'Start here. Your child may get an EHCP if they need a lot of help at school.\n');
  const out = path.join(root, 'output');
  execFileSync(process.env.SENPACK_BIN, ['build', '--root', root, '--out', out], { stdio: 'pipe' });
  return out;
}

test('a glossary definition appears on keyboard focus', async () => {
  const dir = buildFixture();
  const server = await serve(dir);
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    await page.goto(`${server.url}/`);
    await page.waitForLoadState('networkidle');
    const def = page.locator('.term-def').first();
    const width = async () => (await def.boundingBox())?.width ?? 0;
    assert.ok(await width() <= 2, 'the definition is hidden before focus');

    // Tab from the top of the page until the glossary term has focus.
    let focused = '';
    for (let i = 0; i < 30 && focused !== 'term-link'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.className ?? '');
    }
    assert.equal(focused, 'term-link', 'Tab reaches the glossary term');
    assert.ok(await width() > 100, 'the definition is shown on focus');
    assert.match(await def.innerText(), /A legal document that says what help a child must get\./);
    const described = await page.evaluate(() => {
      const a = document.activeElement;
      return document.getElementById(a.getAttribute('aria-describedby'))?.textContent;
    });
    assert.match(described, /^Education, Health and Care plan \(EHCP\): A legal document/);
    const href = await page.evaluate(() => document.activeElement.getAttribute('href'));
    assert.equal(href, '/glossary/#education-health-and-care-plan');
    await page.screenshot({ path: path.join(artifacts, 'glossary-focus.png') });

    // At 320 px the definition stays inside the screen.
    await page.setViewportSize({ width: 320, height: 640 });
    const box = await def.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 320, `inside the screen: ${JSON.stringify(box)}`);

    // Moving focus away hides it again; hovering shows it.
    await page.keyboard.press('Tab');
    await page.setViewportSize({ width: 1000, height: 700 });
    assert.ok(await width() <= 2, 'hidden again after focus leaves');
    await page.hover('.term-link');
    assert.ok(await width() > 100, 'shown on hover');
    // Escape puts it away without moving the pointer (WCAG 1.4.13); it returns on the next hover.
    await page.keyboard.press('Escape');
    assert.ok(await width() <= 2, 'Escape hides the definition under the pointer');
    await page.mouse.move(5, 5);
    await page.hover('.term-link');
    assert.ok(await width() > 100, 'shown again on the next hover');
    await page.mouse.move(5, 5);
    await page.focus('.term-link');
    assert.ok(await width() > 100, 'shown on focus');
    await page.keyboard.press('Escape');
    assert.ok(await width() <= 2, 'Escape hides the definition of the focused term');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'term-link', 'focus stays on the term');

    // The link leads to the entry on the glossary page.
    await page.click('.term-link');
    await page.waitForURL(/\/glossary\/#education-health-and-care-plan$/);
    assert.equal(await page.locator('#education-health-and-care-plan dfn').innerText(), 'Education, Health and Care plan');
  } finally {
    await browser.close();
    await server.close();
  }
});

test('on a touch screen the first tap shows the definition and the second follows the link', async () => {
  const dir = buildFixture();
  const server = await serve(dir);
  const browser = await launch();
  try {
    const context = await browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 360, height: 700 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    assert.ok(await page.evaluate(() => matchMedia('(hover: none)').matches), 'emulates a touch screen');
    const def = page.locator('.term-def').first();
    const link = await page.locator('.term-link').boundingBox();
    const tap = () => page.touchscreen.tap(link.x + link.width / 2, link.y + link.height / 2);
    await tap();
    await page.waitForTimeout(300);
    assert.equal(new URL(page.url()).pathname, '/', 'the first tap stays on the page');
    const box = await def.boundingBox();
    assert.ok(box && box.width > 100 && box.x >= 0 && box.x + box.width <= 360, `shown in place: ${JSON.stringify(box)}`);
    await page.screenshot({ path: path.join(artifacts, 'glossary-tap.png') });
    await tap();
    await page.waitForURL(/\/glossary\/#education-health-and-care-plan$/);
  } finally {
    await browser.close();
    await server.close();
  }
});
