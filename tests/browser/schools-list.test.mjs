// The shipped site's list of schools at council scale and its contacts on a phone: search by
// name or postcode as you type, combined with the filters, a count, the view kept in the address
// (and restored on reload); and on a 320 px screen every phone number and email on a school's
// home is a tap target (tel: in +44 form, mailto:) that fits the screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch } from './helpers.mjs';

test('the list of schools searches by name or postcode as you type and keeps the view in the address', async () => {
  const server = await serve();
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/schools/`);
    const visible = () => page.$$eval('.school-card:not([hidden]) h3', (h) => h.map((e) => e.textContent.trim()));
    const count = () => page.textContent('.count-shown');
    assert.equal((await visible()).length, 4);
    await page.fill('#filter-q', 'oak');
    assert.deepEqual(await visible(), ['Oakfield Primary School']);
    assert.equal(await count(), '1');
    assert.match(page.url(), /\/schools\/\?q=oak$/);
    // A postcode from its start, with or without the space.
    await page.fill('#filter-q', 'an7 3');
    assert.deepEqual(await visible(), ['Riverside Academy']);
    await page.fill('#filter-q', 'AN2');
    assert.deepEqual(await visible(), ['Elmtree Primary School', 'Oakfield Primary School']);
    // Combined with a filter: nothing is both.
    await page.selectOption('#filter-phase', 'secondary');
    assert.deepEqual(await visible(), []);
    assert.equal(await count(), '0');
    assert.match(page.url(), /q=AN2&phase=secondary/);
    // The address restores the view.
    await page.goto(`${server.url}/schools/?phase=special&need=sensory-and-physical`);
    assert.deepEqual(await visible(), ['Willow Bank School']);
    assert.equal(await page.inputValue('#filter-phase'), 'special');
    // A row says whether the school has specialist places.
    await page.goto(`${server.url}/schools/`);
    const riverside = await page.textContent('.school-card[data-name="riverside academy"]');
    assert.match(riverside, /Resourced provision \(12 places\)/);
    assert.match(riverside, /ages 11 to 18/);
    // The school the register import made, with the resourced provision the register lists.
    const elmtree = await page.textContent('.school-card[data-name="elmtree primary school"]');
    assert.match(elmtree, /Resourced provision \(8 places\)/);
  } finally {
    await browser.close();
    await server.close();
  }
});

test('on a phone, every number and email on a school home is a tap target that fits the screen', async () => {
  const server = await serve();
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await page.goto(`${server.url}/schools/oakfield-primary/`);
    const links = await page.$$eval('main a[href^="tel:"], main a[href^="mailto:"]', (as) => as.map((a) => {
      const r = a.getBoundingClientRect();
      return { href: a.getAttribute('href'), text: a.textContent.trim(), right: r.right, height: r.height };
    }));
    const tel = links.filter((l) => l.href.startsWith('tel:'));
    assert.ok(tel.length >= 3, JSON.stringify(links));
    for (const l of tel) assert.match(l.href, /^tel:\+44\d{9,10}$/, l.href);
    assert.ok(links.some((l) => l.href === 'mailto:senco@oakfield-primary.sch.example'));
    assert.ok(links.some((l) => l.href === 'tel:+441234000111' && l.text === '01234 000111'), 'SENDIASS number in the text');
    for (const l of links) assert.ok(l.right <= 320 && l.height > 0, `${l.href} off screen: ${l.right}`);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 320, `the page scrolls sideways: ${wide}`);
    // The SENCO's contacts come before the page's text.
    const order = await page.evaluate(() => {
      const box = document.querySelector('.school-senco-box');
      const prose = document.querySelector('.school-home .prose');
      return box.compareDocumentPosition(prose) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    assert.ok(order);
  } finally {
    await browser.close();
    await server.close();
  }
});
