// The parent information pack printed to PDF by `senpack pack --pdf` through the local Chromium,
// and the Local Offer list filtered instantly with JavaScript. Builds its own small fixture site
// with the binary at SENPACK_BIN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch } from './helpers.mjs';

const bin = process.env.SENPACK_BIN;
const ITEMS = ['kinds_of_need', 'identifying_needs', 'evaluating_provision', 'reviewing_progress', 'teaching_approach',
  'adapting_curriculum', 'additional_support', 'activities', 'wellbeing', 'senco_contact', 'staff_expertise',
  'equipment_and_facilities', 'involving_parents', 'involving_young_people', 'complaints', 'working_with_others',
  'support_services', 'transitions', 'local_offer', 'admissions', 'fair_treatment', 'access_facilities', 'accessibility_plan'];

function school(name, urn, phase, area, need) {
  const report = ITEMS.map((k) => `  ${k}: "About ${k}. Ask the local SENDIASS."`).join('\n');
  return `name: "${name}"\nurn: "${urn}"\nphase: ${phase}\ntype: "Community school"\narea: "${area}"\n` +
    `headteacher: { name: "Ms A Head" }\nsenco:\n  name: "Mr B Senco"\n  email: "senco@school.example"\n` +
    `needs: [${need}]\nreport:\n  reviewed: 2026-09-01\n${report}\n`;
}

function fixture() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'senpack-pack-'));
  const write = (p, text) => { fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true }); fs.writeFileSync(path.join(dir, p), text); };
  fs.cpSync(path.resolve('themes/default'), path.join(dir, 'themes/default'), { recursive: true });
  const page = (title, body) => `---\ntitle: "${title}"\ndescription: "About ${title}."\n---\n${body}`;
  write('site.yaml', 'title: Pack test\ndescription: A test.\nbase_url: https://test.example\npack:\n  - guide.md\n');
  write('content/_index.md', page('Home', 'Welcome.\n'));
  write('content/guide.md', page('A guide for parents', '## Meetings\n\nRead [the official guidance](https://www.gov.uk/).\n'));
  write('content/schools/oak-primary.yaml', school('Oak Primary', '100001', 'primary', 'Northbridge', 'cognition-and-learning'));
  write('content/schools/elm-high.yaml', school('Elm High', '100002', 'secondary', 'South Vale', 'sensory-and-physical'));
  write('content/schools/ash-special.yaml', school('Ash Special', '100003', 'special', 'Northbridge', 'sensory-and-physical'));
  write('content/school-pages/sen-information-report.md', '---\ntitle: SEN information report\ndescription: Our report.\ntemplate: sen-report.html\n---\n');
  return dir;
}

test('senpack pack --pdf prints the pack through Chromium', () => {
  const dir = fixture();
  const pdf = path.join(dir, 'oak-pack.pdf');
  const out = execFileSync(bin, ['pack', '--root', dir, '--school', 'oak-primary', '--pdf', pdf],
    { env: { ...process.env, SENPACK_TODAY: '2026-11-25' }, encoding: 'utf8' });
  assert.match(out, /Printed the parent information pack of oak-primary/);
  assert.ok(fs.existsSync(pdf), 'the PDF exists');
  const bytes = fs.readFileSync(pdf);
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(bytes.length > 5000, `a real document (${bytes.length} bytes)`);
  fs.rmSync(dir, { recursive: true, force: true });
});

// The text of a PDF, page by page, from poppler's pdftotext (pages end with a form feed).
function pdfPages(pdf) {
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1);
}

test("the shipped school's pack prints as a PDF with page numbers, whole glossary terms and each address once", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'senpack-pdf-'));
  const pdf = path.join(dir, 'oakfield.pdf');
  execFileSync(bin, ['pack', '--root', process.cwd(), '--school', 'oakfield-primary', '--pdf', pdf],
    { env: { ...process.env, SENPACK_TODAY: '2026-11-25' }, encoding: 'utf8' });
  const pages = pdfPages(pdf);
  const n = pages.length;
  assert.ok(n > 5, `a pack of several pages (${n})`);
  // Every page carries "Page i of n" at its foot.
  pages.forEach((text, i) => assert.match(text, new RegExp(`Page ${i + 1} of ${n}\\s*$`), `page ${i + 1}`));
  // Each glossary term is kept on the same page as the start of its definition.
  const html = fs.readFileSync(path.join(process.env.SITE_DIR, 'schools/oakfield-primary/pack/index.html'), 'utf8');
  const glossary = html.slice(html.indexOf('id="pack-glossary"'));
  const terms = [...glossary.matchAll(/<dt>([^<]+)<\/dt><dd>([^<]+)<\/dd>/g)]
    .map((m) => [m[1], m[2]].map((t) => t.replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&')));
  assert.ok(terms.length >= 5, `the pack has a glossary (${terms.length} terms)`);
  const first = pages.findIndex((p) => /^\s*Glossary\s*$/m.test(p));
  assert.ok(first > 0, 'the glossary has its own page');
  const flat = (t) => t.replace(/\s+/g, ' ');
  for (const [term, definition] of terms) {
    const start = definition.split(' ').slice(0, 3).join(' ');
    const at = pages.slice(first).findIndex((p) => flat(p).includes(`${term} ${start}`) ||
      (flat(p).includes(term) && flat(p).includes(start)));
    assert.ok(at >= 0, `"${term}" and "${start}…" on one page`);
  }
  // Each web address is printed once, however many links lead to it.
  const all = pages.join('').replace(/\s+/g, '');
  const printed = [...all.matchAll(/\((https?:\/\/[^)]+)\)/g)].map((m) => m[1]);
  assert.ok(printed.length > 5, `addresses are printed (${printed.length})`);
  assert.equal(new Set(printed).size, printed.length, `no address twice: ${printed.join(' ')}`);
  const linked = [...html.matchAll(/href="(https:\/\/www\.gov\.uk\/government\/publications\/send-code-of-practice[^"]*)"/g)];
  assert.ok(linked.length > 1, 'the pack links the Code of Practice more than once');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the Local Offer list filters instantly with JavaScript', async () => {
  const dir = fixture();
  execFileSync(bin, ['build', '--root', dir], { env: { ...process.env, SENPACK_TODAY: '2026-11-25' } });
  const server = await serve(path.join(dir, 'output'));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/schools/`);
    assert.equal(await page.locator('.filter-form').isVisible(), true, 'the script shows the form');
    assert.equal(await page.locator('.school-card:visible').count(), 3);
    // The first filter fetches the list's index; the matching cards are made from it.
    await page.selectOption('#filter-area', 'northbridge');
    await page.waitForFunction(() => document.querySelector('.count-shown').textContent === '2');
    assert.equal(await page.locator('.school-card:visible').count(), 2);
    await page.selectOption('#filter-need', 'sensory-and-physical');
    assert.deepEqual(await page.locator('.school-card:visible h4').allTextContents(), ['Ash Special']);
    assert.equal(await page.locator('.count-shown').textContent(), '1');
    // Without JavaScript the filter links lead to pre-built pages.
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const plain = await ctx.newPage();
    await plain.goto(`${server.url}/schools/`);
    assert.equal(await plain.locator('.filter-form').isVisible(), false);
    await plain.click('a[href="/schools/phase/secondary/"]');
    assert.deepEqual(await plain.locator('.school-card h4').allTextContents(), ['Elm High']);
    await ctx.close();
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
