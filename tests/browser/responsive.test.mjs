// Responsive: at 320 px width and at 200% zoom
// nothing scrolls sideways and every control can be reached by Tab and is
// fully visible; the banner never hides the focused element (WCAG 2.4.11);
// the runtime causes no layout shift (CLS 0, measured with a
// PerformanceObserver).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, openContext, waitForKjeks } from './harness.mjs';
import { openBanner, settle, tab, VIEWPORTS } from './a11y-helpers.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

// Sideways overflow of the page and of Kjeks's own boxes.
const sideways = (page) => page.evaluate(() => {
  const out = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) out.push(`page ${root.scrollWidth} > ${root.clientWidth}`);
  for (const el of document.querySelectorAll('.kjeks-banner, .kjeks-overlay, .kjeks-dialog, .kjeks-dialog__body')) {
    if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.className} ${el.scrollWidth} > ${el.clientWidth}`);
  }
  return out;
});

// The focused element: fully inside the viewport, and what is drawn at its
// centre (of its first line box, for a link that wraps) is the element
// itself: nothing covers it.
const focusedInView = (page) => page.evaluate(() => {
  const el = document.activeElement;
  const r = el.getBoundingClientRect();
  const box = el.getClientRects()[0];
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {
    name: window.kjeksTest.describe(el).name || el.tagName,
    inView: r.top >= -0.5 && r.left >= -0.5 && r.bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5,
    onTop: !!hit && (hit === el || el.contains(hit)),
  };
});

// Tabs through a view's controls from outside it, checking each one.
async function tabThrough(page, scope, expected) {
  const seen = [];
  for (let i = 0; i < expected + 6 && seen.length < expected; i++) {
    await page.keyboard.press('Tab');
    if (!(await page.evaluate((scope) => !!document.activeElement.closest(scope), scope))) continue;
    seen.push(await focusedInView(page));
  }
  return seen;
}

for (const size of ['narrow', 'zoom200']) {
  for (const path of ['/', '/en/cookies/']) {
    test(`${size} ${path}: no sideways scrolling; every banner and dialog control reachable and visible`, async () => {
      const { ctx, page } = await openBanner(site, path, { ...VIEWPORTS[size], reducedMotion: 'reduce' });
      assert.deepEqual(await sideways(page), [], 'with the banner');
      const bannerControls = await page.locator('.kjeks-banner a[href], .kjeks-banner button').count();
      const banner = await tabThrough(page, '.kjeks-banner', bannerControls);
      assert.equal(banner.length, bannerControls, 'every banner control is reached by Tab');
      assert.deepEqual(banner.filter((c) => !c.inView || !c.onTop), [], 'banner controls fully visible');

      await page.locator('.kjeks-banner [data-kjeks-action="open_settings"]').focus();
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').waitFor({ state: 'visible' });
      await settle(page);
      assert.deepEqual(await sideways(page), [], 'with the dialog');
      const dialogControls = await page.locator('[role="dialog"] a[href], [role="dialog"] button, [role="dialog"] input:not(:disabled)').count();
      const first = await focusedInView(page);
      const dialog = [first, ...(await tabThrough(page, '[role="dialog"]', dialogControls - 1))];
      assert.equal(dialog.length, dialogControls, 'every dialog control is reached by Tab');
      assert.deepEqual(dialog.filter((c) => !c.inView || !c.onTop), [], 'dialog controls fully visible');

      await page.getByRole('dialog').getByRole('button', { name: /Avslå alle|Decline all/ }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      assert.deepEqual(await sideways(page), [], 'the page after the choice');
      await ctx.close();
    });
  }
}

for (const size of ['desktop', 'narrow', 'zoom200']) {
  test(`${size}: the banner never hides the focused element, from the skip link to the footer icon`, async () => {
    const { ctx, page } = await openBanner(site, '/en/', { ...VIEWPORTS[size], reducedMotion: 'reduce' });
    const stops = [];
    for (let i = 0; i < 60; i++) {
      const f = await tab(page);
      const check = await page.evaluate(() => {
        const el = document.activeElement;
        const r = el.getBoundingClientRect();
        const b = document.querySelector('.kjeks-banner').getBoundingClientRect();
        const overlap = Math.max(0, Math.min(r.bottom, b.bottom) - Math.max(r.top, b.top)) *
          Math.max(0, Math.min(r.right, b.right) - Math.max(r.left, b.left));
        return { overlap, inView: r.top >= -0.5 && r.bottom <= innerHeight + 0.5 };
      });
      stops.push({ ...f, ...check });
      if (f.isIcon) break;
    }
    assert.equal(stops.at(-1).isIcon, true, 'Tab reached the footer icon');
    const page_ = stops.filter((s) => !s.inBanner);
    assert.ok(page_.length >= 8, `page stops: ${page_.length}`);
    const hidden = page_.filter((s) => s.overlap > 0 || !s.inView).map((s) => `${s.name} (${JSON.stringify(s.rect)})`);
    assert.deepEqual(hidden, [], 'focused elements clear of the banner and in view');
    await ctx.close();
  });
}

// Records every layout shift from the first moment of the page. Stricter
// than CLS: shifts flagged hadRecentInput count too (the test gives no
// input, but the browser may report an early one of its own).
const CLS_OBSERVER = () => {
  window.kjeksShifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      window.kjeksShifts.push({ value: entry.value, sources: entry.sources.map((s) => s.node ? (s.node.className || s.node.nodeName) : '?') });
    }
  }).observe({ type: 'layout-shift', buffered: true });
};

async function measureCls(contextOptions, path, decided) {
  const ctx = await openContext(site, contextOptions);
  await ctx.context.addInitScript(CLS_OBSERVER);
  const page = await ctx.newPage();
  await page.goto(site.origin + path);
  if (decided) {
    // A visitor who declined earlier: no banner, only the footer icon.
    await waitForKjeks(page);
    await page.evaluate(() => window.Kjeks.declineAll());
    await page.reload();
  }
  await waitForKjeks(page);
  await page.locator('[data-kjeks-view="icon"]').waitFor({ state: 'attached' });
  if (!decided) await page.locator('.kjeks-banner').waitFor({ state: 'visible' });
  else assert.equal(await page.locator('.kjeks-banner').count(), 0);
  await settle(page);
  const shifts = await page.evaluate(() => window.kjeksShifts);
  // The observer is live: a box moved on purpose is seen.
  await page.evaluate(async () => {
    const probe = document.createElement('div');
    probe.style.cssText = 'position: absolute; top: 10px; left: 10px; width: 120px; height: 120px; background: #c00';
    document.body.appendChild(probe);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    probe.style.top = '200px';
  });
  await page.waitForFunction(() => window.kjeksShifts.length > 0, null, { timeout: 5000 });
  await ctx.close();
  return shifts;
}

for (const [size, options] of [['desktop', VIEWPORTS.desktop], ['mobile', VIEWPORTS.mobile]]) {
  test(`${size}: no layout shift while Kjeks starts, shows the banner and places the icon (CLS 0)`, async () => {
    for (const path of ['/', '/tjenester/', '/en/cookies/']) {
      const shifts = await measureCls(options, path, false);
      assert.deepEqual(shifts, [], `${path}: layout shifts`);
    }
    const decided = await measureCls(options, '/tjenester/', true);
    assert.deepEqual(decided, [], 'returning visitor: layout shifts');
  });
}

// The room below the page's end is the banner's height, and follows it when
// the banner grows (a narrower window wraps its text).
test('the room below the page follows the banner\'s height as the window narrows', async () => {
  const { ctx, page } = await openBanner(site, '/en/', { viewport: { width: 1280, height: 800 } });
  const room = () => page.evaluate(() => ({
    set: document.documentElement.style.getPropertyValue('--kjeks-banner-height'),
    banner: document.querySelector('.kjeks-banner').offsetHeight,
  }));
  await page.waitForFunction(() => document.documentElement.style.getPropertyValue('--kjeks-banner-height') !== '');
  const wide = await room();
  assert.equal(wide.set, wide.banner + 'px');
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForFunction((before) => document.querySelector('.kjeks-banner').offsetHeight !== before &&
    document.documentElement.style.getPropertyValue('--kjeks-banner-height') ===
    document.querySelector('.kjeks-banner').offsetHeight + 'px', wide.banner);
  const narrow = await room();
  assert.ok(narrow.banner > wide.banner, `the banner grew: ${wide.banner} -> ${narrow.banner}`);
  await ctx.close();
});
