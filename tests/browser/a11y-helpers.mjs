// Shared by the accessibility tests (a11y-*.test.mjs, keyboard, prominence,
// targets, responsive, preferences): opening the demo in a given state, the
// WCAG contrast formula on rendered colours, focus descriptions, axe-core.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { openContext, waitForKjeks } from './harness.mjs';

export const AXE_PATH = join(dirname(fileURLToPath(import.meta.url)), '../../node_modules/axe-core/axe.min.js');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  mobile: { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  narrow: { viewport: { width: 320, height: 640 } },          // WCAG 1.4.10 reflow width
  zoom200: { viewport: { width: 640, height: 360 }, deviceScaleFactor: 2 },  // 1280x720 at 200%
};

// A fresh context on a page of the demo with the banner shown and Kjeks's
// styles applied and settled (its entry animation finished).
export async function openBanner(site, path = '/en/', contextOptions = {}) {
  const ctx = await openContext(site, contextOptions);
  const page = await ctx.newPage();
  await page.goto(site.origin + path);
  await waitForKjeks(page);
  await page.locator('.kjeks-banner').waitFor({ state: 'visible' });
  await page.locator('[data-kjeks-view="icon"]').waitFor({ state: 'attached' });
  await settle(page);
  await installHelpers(page);
  return { ctx, page };
}

// Opens the settings dialog from the banner's Settings button.
export async function openDialog(page) {
  await page.locator('.kjeks-banner [data-kjeks-action="open_settings"]').click();
  await page.getByRole('dialog').waitFor({ state: 'visible' });
  await settle(page);
}

// Waits until no animation or transition runs and fonts are ready.
export async function settle(page) {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

export async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] }), AXE_TAGS);
}

export function formatViolations(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
    v.nodes.map((n) => `    ${n.target.join(' ')}: ${(n.failureSummary || '').replace(/\s+/g, ' ')}`).join('\n')).join('\n');
}

// In-page helpers on window.kjeksTest: colours are read with getComputedStyle,
// backgrounds composited up the ancestor chain (alpha included) over the
// white canvas, and compared with the WCAG 2 relative luminance formula.
export async function installHelpers(page) {
  await page.evaluate(() => {
    if (window.kjeksTest) return;
    const parse = (text) => {
      const m = /^rgba?\(([^)]*)\)$/.exec(String(text).trim());
      if (!m) throw new Error(`unparsed colour: ${text}`);
      const p = m[1].split(/[\s,/]+/).filter(Boolean).map((v) => (v.endsWith('%') ? parseFloat(v) / 100 : Number(v)));
      return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
    };
    const over = (top, bottom) => {
      const a = top.a + bottom.a * (1 - top.a);
      if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
      const mix = (k) => (top[k] * top.a + bottom[k] * bottom.a * (1 - top.a)) / a;
      return { r: mix('r'), g: mix('g'), b: mix('b'), a };
    };
    const channel = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
    const ratio = (x, y) => {
      const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
      return (hi + 0.05) / (lo + 0.05);
    };
    const opacityOf = (el) => {
      let o = 1;
      for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
      return o;
    };
    // The colour behind el: its own background and its ancestors', composited.
    const backgroundOf = (el, includeSelf = true) => {
      const layers = [];
      for (let e = includeSelf ? el : el.parentElement; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c.a > 0) layers.push(c);
        if (c.a >= 1) break;
      }
      let bg = { r: 255, g: 255, b: 255, a: 1 };
      for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
      return bg;
    };
    const css = (c) => `rgb(${Math.round(c.r)} ${Math.round(c.g)} ${Math.round(c.b)})`;
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 1 && r.height > 1 && s.visibility === 'visible' && s.display !== 'none';
    };
    // Every visible element in root (itself included) with its own text.
    const textElements = (root) => [root, ...root.querySelectorAll('*')].filter((el) =>
      [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()) && visible(el));
    const textContrast = (el) => {
      const bg = backgroundOf(el);
      const fg = over(parse(getComputedStyle(el).color), bg);
      return { text: el.textContent.trim().slice(0, 40), ratio: ratio(fg, bg), fg: css(fg), bg: css(bg), opacity: opacityOf(el) };
    };
    const describe = (el) => {
      if (!el || el === document.body) return { tag: 'body' };
      const r = el.getBoundingClientRect();
      return {
        tag: el.tagName.toLowerCase(),
        name: (el.getAttribute('aria-label') || (el.labels && el.labels[0] ? el.labels[0].textContent : el.textContent) || '')
          .trim().replace(/\s+/g, ' ').slice(0, 50),
        action: el.getAttribute('data-kjeks-action'),
        category: el.getAttribute('data-kjeks-category'),
        inBanner: !!el.closest('.kjeks-banner'),
        inDialog: !!el.closest('[role="dialog"]'),
        isIcon: el.matches('[data-kjeks-view="icon"]'),
        rect: { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height },
      };
    };
    window.kjeksTest = { parse, over, luminance, ratio, backgroundOf, css, visible, textElements, textContrast, describe, opacityOf };
  });
}

export const focused = (page) => page.evaluate(() => window.kjeksTest.describe(document.activeElement));

export async function tab(page, shift = false) {
  await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
  return focused(page);
}

export const storedRecord = (page) => page.evaluate(() => {
  const text = localStorage.getItem('kjeks.consent');
  return text ? JSON.parse(text) : null;
});
