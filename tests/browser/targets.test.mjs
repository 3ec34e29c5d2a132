// Target size (WCAG 2.5.8): every Kjeks control is at least
// 24 x 24 CSS px, the footer icon included; links count only as inline
// links inside a sentence (the 2.5.8 inline exception). Desktop and 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite } from './harness.mjs';
import { openBanner, openDialog, VIEWPORTS } from './a11y-helpers.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

const MIN = 24;

// Sizes of the controls in the view, and how its links sit.
const measure = (page, scope) => page.evaluate((scope) => {
  const view = document.querySelector(scope);
  const all = view.matches('button') ? [view] : [...view.querySelectorAll('button, input, a[href]')];
  return all.map((el) => {
    const r = el.getBoundingClientRect();
    const parent = el.parentElement;
    const sentence = parent.textContent.replace(el.textContent, '').trim().length > 0;
    return {
      control: el.getAttribute('aria-label') || el.textContent.trim() || el.id, tag: el.tagName,
      width: r.width, height: r.height, display: getComputedStyle(el).display, inSentence: sentence && parent.tagName === 'P',
    };
  });
}, scope);

function assertTargets(list, where) {
  const controls = list.filter((c) => c.tag !== 'A');
  assert.ok(controls.length > 0, `${where}: controls found`);
  const small = controls.filter((c) => !(c.width >= MIN && c.height >= MIN));
  assert.deepEqual(small, [], `${where}: controls smaller than ${MIN}x${MIN}`);
  const links = list.filter((c) => c.tag === 'A');
  const notInline = links.filter((l) => !(l.display === 'inline' && l.inSentence) && !(l.width >= MIN && l.height >= MIN));
  assert.deepEqual(notInline, [], `${where}: links are inline in a sentence or big enough`);
}

for (const size of ['desktop', 'narrow']) {
  test(`${size}: banner, dialog and footer icon targets are at least 24 x 24`, async () => {
    const { ctx, page } = await openBanner(site, '/', { ...VIEWPORTS[size], reducedMotion: 'reduce' });
    const banner = await measure(page, '.kjeks-banner');
    assert.equal(banner.filter((c) => c.tag === 'BUTTON').length, 3);
    assertTargets(banner, 'banner');
    const icon = await measure(page, '[data-kjeks-view="icon"]');
    assert.equal(icon.length, 1);
    assertTargets(icon, 'footer icon');
    await openDialog(page);
    const dialog = await measure(page, '[role="dialog"]');
    assert.equal(dialog.filter((c) => c.tag === 'INPUT').length, 7, 'seven switches: four categories, three services');
    assertTargets(dialog, 'dialog');
    await ctx.close();
  });
}

test('the check catches a small target', async () => {
  const { ctx, page } = await openBanner(site, '/en/', VIEWPORTS.desktop);
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('.kjeks-icon { width: 20px; height: 20px; min-width: 0; min-height: 0; }');
    document.adoptedStyleSheets = [sheet];
  });
  assert.throws(() => assertTargets([{ control: 'x', tag: 'BUTTON', width: 20, height: 30 }], 'probe'));
  const icon = await measure(page, '[data-kjeks-view="icon"]');
  assert.throws(() => assertTargets(icon, 'shrunken icon'));
  await ctx.close();
});
