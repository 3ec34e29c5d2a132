// Equal prominence and contrast, measured from the rendered colours:
// Accept and Decline share height, width, font
// size, weight and contrast; text >= 4.5:1; control borders, toggle states
// and focus rings >= 3:1. Light and dark, banner, dialog and footer icon.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, openContext } from './harness.mjs';
import { openBanner, openDialog, settle, tab, VIEWPORTS } from './a11y-helpers.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

// Computed look of Accept and Decline in one view.
const choiceButtons = (page, scope) => page.evaluate((scope) => {
  const view = document.querySelector(scope);
  const look = (action) => {
    const el = view.querySelector(`[data-kjeks-action="${action}"]`);
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const t = window.kjeksTest;
    return {
      height: Math.round(r.height), width: Math.round(r.width), fontSize: s.fontSize, fontWeight: s.fontWeight,
      fontFamily: s.fontFamily, color: s.color, background: s.backgroundColor, border: `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor}`,
      padding: s.padding, contrast: t.textContrast(el).ratio.toFixed(2), tag: el.tagName,
    };
  };
  return { accept: look('accept_all'), decline: look('decline_all') };
}, scope);

// Every text in the view: its contrast on the composited background.
const textContrasts = (page, scope) => page.evaluate((scope) =>
  window.kjeksTest.textElements(document.querySelector(scope)).map((el) => window.kjeksTest.textContrast(el)), scope);

// Each control's boundary: a visible border against what surrounds the
// control, or for a borderless icon button its glyph against its background.
const controlBoundaries = (page, scope) => page.evaluate((scope) => {
  const t = window.kjeksTest;
  const view = document.querySelector(scope);
  const controls = view.matches('button, input') ? [view] : [...view.querySelectorAll('button, input')];
  return controls.map((el) => {
    const s = getComputedStyle(el);
    const around = t.backgroundOf(el, false);
    const border = t.parse(s.borderTopColor);
    const hasBorder = parseFloat(s.borderTopWidth) >= 1 && border.a > 0;
    const part = hasBorder ? t.over(border, around) : t.over(t.parse(s.color), t.backgroundOf(el));
    return { control: el.getAttribute('aria-label') || el.textContent.trim() || el.id, kind: hasBorder ? 'border' : 'glyph',
      ratio: t.ratio(part, hasBorder ? around : t.backgroundOf(el)) };
  });
}, scope);

// A switch's parts: track edge and fill against the dialog, knob against the track.
const switchParts = (page, category) => page.evaluate((category) => {
  const t = window.kjeksTest;
  const input = document.querySelector(`[data-kjeks-action="toggle"][data-kjeks-category="${category}"]`);
  const s = getComputedStyle(input);
  const knob = getComputedStyle(input, '::before');
  const around = t.backgroundOf(input, false);
  const track = t.over(t.parse(s.backgroundColor), around);
  return {
    checked: input.checked,
    edge: t.ratio(t.over(t.parse(s.borderTopColor), around), around),
    fill: t.ratio(track, around),
    knob: t.ratio(t.over(t.parse(knob.backgroundColor), track), track),
    knobAt: knob.transform,
    track: t.css(track),
  };
}, category);

function assertAll(list, min, what) {
  assert.ok(list.length > 0, `something to check for ${what}`);
  const low = list.filter((x) => !(x.ratio >= min) || (x.opacity !== undefined && x.opacity < 1));
  assert.deepEqual(low, [], `${what} below ${min}:1`);
}

// Tabs through the view's controls and measures each focus ring.
async function focusRings(page, scope, count) {
  const rings = [];
  for (let i = 0; i < count; i++) {
    await tab(page);
    rings.push(await page.evaluate((scope) => {
      const el = document.activeElement;
      if (!el.closest(scope)) return null;
      const t = window.kjeksTest;
      const s = getComputedStyle(el);
      const around = t.backgroundOf(el, false);
      return { control: el.getAttribute('aria-label') || el.textContent.trim() || el.id, style: s.outlineStyle,
        width: parseFloat(s.outlineWidth), ratio: t.ratio(t.over(t.parse(s.outlineColor), around), around) };
    }, scope));
  }
  return rings.filter(Boolean);
}

test('the contrast formula gives the WCAG reference values', async () => {
  const { ctx, page } = await openBanner(site, '/en/', VIEWPORTS.desktop);
  const [bw, grey, half] = await page.evaluate(() => {
    const t = window.kjeksTest;
    const white = t.parse('rgb(255, 255, 255)');
    return [t.ratio(t.parse('rgb(0, 0, 0)'), white), t.ratio(t.parse('rgb(118, 118, 118)'), white),
      t.ratio(t.over(t.parse('rgba(0, 0, 0, 0.5)'), white), white)];
  });
  assert.equal(bw.toFixed(2), '21.00');
  assert.equal(grey.toFixed(2), '4.54');
  assert.ok(half > 3.9 && half < 4.1, `50% black on white: ${half}`);
  await ctx.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`${colorScheme}: banner — equal Accept and Decline, text 4.5:1, borders and focus rings 3:1`, async () => {
    const { ctx, page } = await openBanner(site, '/en/', { ...VIEWPORTS.desktop, colorScheme, reducedMotion: 'reduce' });
    const { accept, decline } = await choiceButtons(page, '.kjeks-banner');
    assert.equal(accept.tag, 'BUTTON');
    assert.deepEqual(decline, accept, 'Decline looks exactly like Accept');
    assert.ok(Number(accept.contrast) >= 4.5);
    assertAll(await textContrasts(page, '.kjeks-banner'), 4.5, 'banner text');
    assertAll(await controlBoundaries(page, '.kjeks-banner'), 3, 'banner control boundaries');
    const rings = await focusRings(page, '.kjeks-banner', 5);
    assert.equal(rings.length, 4, 'policy link and three buttons take focus');
    for (const ring of rings) {
      assert.notEqual(ring.style, 'none', `${ring.control} shows focus`);
      assert.ok(ring.width >= 2, `${ring.control} focus ring is at least 2px`);
    }
    assertAll(rings, 3, 'banner focus rings');
    await ctx.close();
  });

  test(`${colorScheme}: dialog — equal choices, text 4.5:1, borders, toggle states and focus rings 3:1`, async () => {
    const { ctx, page } = await openBanner(site, '/en/', { ...VIEWPORTS.desktop, colorScheme, reducedMotion: 'reduce' });
    await openDialog(page);
    const { accept, decline } = await choiceButtons(page, '[role="dialog"]');
    assert.deepEqual(decline, accept, 'Decline all looks exactly like Accept all');
    assertAll(await textContrasts(page, '[role="dialog"]'), 4.5, 'dialog text');
    assertAll(await controlBoundaries(page, '[role="dialog"]'), 3, 'dialog control boundaries');

    const off = await switchParts(page, 'analytics');
    assert.equal(off.checked, false);
    assert.ok(off.edge >= 3, `off switch edge ${off.edge}`);
    assert.ok(off.knob >= 3, `off switch knob ${off.knob}`);
    await page.getByRole('switch', { name: 'Analytics' }).click();
    await settle(page);
    const on = await switchParts(page, 'analytics');
    assert.equal(on.checked, true);
    assert.ok(on.fill >= 3, `on switch fill ${on.fill}`);
    assert.ok(on.knob >= 3, `on switch knob ${on.knob}`);
    assert.notEqual(on.knobAt, off.knobAt, 'the knob moves');
    assert.notEqual(on.track, off.track, 'the track fills');
    const locked = await switchParts(page, 'necessary');
    assert.equal(locked.checked, true);
    assert.ok(locked.fill >= 3 && locked.knob >= 3, `locked switch ${JSON.stringify(locked)}`);

    const count = await page.evaluate(() => document.querySelectorAll('[role="dialog"] a[href], [role="dialog"] button, [role="dialog"] input:not(:disabled)').length);
    const rings = await focusRings(page, '[role="dialog"]', count);
    assert.equal(rings.length, count, 'every dialog control takes focus');
    for (const ring of rings) {
      assert.notEqual(ring.style, 'none', `${ring.control} shows focus`);
      assert.ok(ring.width >= 2, `${ring.control} focus ring is at least 2px`);
    }
    assertAll(rings, 3, 'dialog focus rings');
    await ctx.close();
  });

  test(`${colorScheme}: the footer icon's border, glyph and focus ring on the footer`, async () => {
    const { ctx, page } = await openBanner(site, '/en/', { ...VIEWPORTS.desktop, colorScheme, reducedMotion: 'reduce' });
    await page.getByRole('button', { name: 'Decline all' }).click();
    await page.locator('.kjeks-banner').waitFor({ state: 'detached' });
    const boundary = await controlBoundaries(page, '[data-kjeks-view="icon"]');
    const icon = await page.evaluate(() => {
      const t = window.kjeksTest;
      const el = document.querySelector('[data-kjeks-view="icon"]');
      const s = getComputedStyle(el);
      const bg = t.backgroundOf(el);
      return { glyph: t.ratio(t.over(t.parse(s.color), bg), bg) };
    });
    assertAll(boundary, 3, 'icon border');
    assert.ok(icon.glyph >= 3, `icon glyph ${icon.glyph}`);
    await page.locator('[data-kjeks-view="icon"]').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const t = window.kjeksTest;
      const el = document.activeElement;
      const s = getComputedStyle(el);
      const around = t.backgroundOf(el, false);
      return { icon: el.matches('[data-kjeks-view="icon"]'), style: s.outlineStyle, width: parseFloat(s.outlineWidth),
        ratio: t.ratio(t.over(t.parse(s.outlineColor), around), around) };
    });
    assert.equal(ring.icon, true);
    assert.notEqual(ring.style, 'none');
    assert.ok(ring.width >= 2 && ring.ratio >= 3, `icon focus ring ${JSON.stringify(ring)}`);
    await ctx.close();
  });
}

// The banner's entrance only slides it: in the first frame that has it, it
// is already fully opaque, so "visible" (here and in scripts/bench) means
// readable, not a faint first step of a fade.
test('the banner is fully opaque from its first frame, with motion on', async () => {
  const ctx = await openContext(site, { reducedMotion: 'no-preference' });
  await ctx.context.addInitScript(() => {
    const frame = () => {
      const banner = document.querySelector('.kjeks-banner');
      if (!banner) return requestAnimationFrame(frame);
      let opacity = 1;
      for (let el = banner; el; el = el.parentElement) opacity *= Number(getComputedStyle(el).opacity);
      window.firstBannerFrame = { opacity, animation: getComputedStyle(banner).animationName };
    };
    requestAnimationFrame(frame);
  });
  const page = await ctx.newPage();
  await page.goto(site.origin + '/en/');
  await page.waitForFunction(() => window.firstBannerFrame);
  const first = await page.evaluate(() => window.firstBannerFrame);
  assert.equal(first.animation, 'kjeks-rise', 'the banner does have its entrance');
  assert.equal(first.opacity, 1);
  await ctx.close();
});
