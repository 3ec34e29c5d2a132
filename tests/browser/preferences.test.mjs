// The visitor's preferences and the site's theme:
// prefers-color-scheme: dark gives dark views, prefers-reduced-motion:
// reduce stops every animation and transition, and the look follows the
// CSS custom properties the README documents, set from the site's own
// stylesheet whatever the load order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { startSite } from './harness.mjs';
import { openBanner, openDialog, settle, VIEWPORTS } from './a11y-helpers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const css = ['web/kjeks-banner.css', 'web/kjeks-dialog.css'].map((name) => readFileSync(join(root, name), 'utf8')).join('\n');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

// Background and text luminance of the banner, the dialog and its buttons.
const looks = (page, scope) => page.evaluate((scope) => {
  const t = window.kjeksTest;
  const el = document.querySelector(scope);
  const s = getComputedStyle(el);
  return { bg: t.luminance(t.parse(s.backgroundColor)), text: t.luminance(t.parse(s.color)) };
}, scope);

for (const colorScheme of ['light', 'dark']) {
  test(`prefers-color-scheme: ${colorScheme} gives ${colorScheme} banner and dialog`, async () => {
    const { ctx, page } = await openBanner(site, '/en/', { ...VIEWPORTS.desktop, colorScheme, reducedMotion: 'reduce' });
    const dark = colorScheme === 'dark';
    const check = (l, what) => {
      if (dark) assert.ok(l.bg < 0.05 && l.text > 0.6, `${what} is dark: ${JSON.stringify(l)}`);
      else assert.ok(l.bg > 0.9 && l.text < 0.05, `${what} is light: ${JSON.stringify(l)}`);
    };
    check(await looks(page, '.kjeks-banner'), 'banner');
    await openDialog(page);
    check(await looks(page, '[role="dialog"]'), 'dialog');
    await ctx.close();
  });
}

const motion = (page) => page.evaluate(() => {
  const banner = document.querySelector('.kjeks-banner');
  const overlay = document.querySelector('.kjeks-overlay');
  const toggle = document.querySelector('.kjeks-switch__input');
  return {
    banner: getComputedStyle(banner).animationName,
    overlay: overlay && getComputedStyle(overlay).animationName,
    toggle: toggle && getComputedStyle(toggle).transitionDuration,
    knob: toggle && getComputedStyle(toggle, '::before').transitionDuration,
    running: document.getAnimations().length,
  };
});

test('prefers-reduced-motion: reduce — no animation or transition runs', async () => {
  const { ctx, page } = await openBanner(site, '/en/', { ...VIEWPORTS.desktop, reducedMotion: 'reduce' });
  await page.locator('.kjeks-banner [data-kjeks-action="open_settings"]').click();
  await page.getByRole('dialog').waitFor({ state: 'visible' });
  const opened = await motion(page);
  await page.getByRole('switch', { name: 'Analytics' }).click();
  const toggled = await page.evaluate(() => document.getAnimations().length);
  assert.deepEqual(opened, { banner: 'none', overlay: 'none', toggle: '0s', knob: '0s', running: 0 });
  assert.equal(toggled, 0);
  await ctx.close();
});

test('without that preference the banner and dialog do animate (so the check above can fail)', async () => {
  const { ctx, page } = await openBanner(site, '/en/', { ...VIEWPORTS.desktop, reducedMotion: 'no-preference' });
  await page.locator('.kjeks-banner [data-kjeks-action="open_settings"]').click();
  await page.getByRole('dialog').waitFor({ state: 'visible' });
  const opened = await motion(page);
  assert.equal(opened.banner, 'kjeks-rise');
  assert.equal(opened.overlay, 'kjeks-fade');
  assert.notEqual(opened.toggle, '0s');
  await settle(page);
  await ctx.close();
});

// The properties kjeks.css defines for themes: the light defaults block.
const defined = [...new Set([...css.matchAll(/^\s*(--kjeks-[a-z-]+)\s*:/gm)].map((m) => m[1]))]
  .filter((name) => name !== '--kjeks-banner-height');

test('every theme property is documented in the README, with nothing documented that does not exist', () => {
  assert.ok(defined.length >= 10, `theme properties: ${defined}`);
  const section = /^## Theming\n([\s\S]*?)(?=^## |$(?![\s\S]))/m.exec(readme);
  assert.ok(section, 'README has a "## Theming" section');
  const documented = [...new Set([...section[1].matchAll(/`(--kjeks-[a-z-]+)`/g)].map((m) => m[1]))]
    .filter((name) => name !== '--kjeks-banner-height');  // set by Kjeks, documented for reading
  assert.match(section[1], /`--kjeks-banner-height`/);
  assert.deepEqual(defined.filter((p) => !documented.includes(p)), [], 'undocumented properties');
  assert.deepEqual(documented.filter((p) => !defined.includes(p)), [], 'documented but not defined');
  for (const name of defined) assert.ok(css.includes(`var(${name})`), `${name} is used`);
});

test('a site theme set on .kjeks wins, even from a stylesheet loaded before kjeks.css, in light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { ctx, page } = await openBanner(site, '/en/', { ...VIEWPORTS.desktop, colorScheme, reducedMotion: 'reduce' });
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = '.kjeks { --kjeks-accent: #7a1f5c; --kjeks-accent-text: #ffffff; --kjeks-bg: #fbf8f3; ' +
        '--kjeks-text: #2b2118; --kjeks-radius: 2px; --kjeks-font: Georgia, serif; }';
      document.head.prepend(style);  // before kjeks.css in the cascade
    });
    const themed = await page.evaluate(() => {
      const accept = getComputedStyle(document.querySelector('.kjeks-banner [data-kjeks-action="accept_all"]'));
      const banner = getComputedStyle(document.querySelector('.kjeks-banner'));
      return { accept: accept.backgroundColor, text: accept.color, radius: accept.borderTopLeftRadius,
        bg: banner.backgroundColor, color: banner.color, font: banner.fontFamily };
    });
    assert.deepEqual(themed, { accept: 'rgb(122, 31, 92)', text: 'rgb(255, 255, 255)', radius: '2px',
      bg: 'rgb(251, 248, 243)', color: 'rgb(43, 33, 24)', font: 'Georgia, serif' }, colorScheme);
    await openDialog(page);
    const dialogBg = await page.evaluate(() => getComputedStyle(document.querySelector('[role="dialog"]')).backgroundColor);
    assert.equal(dialogBg, 'rgb(251, 248, 243)');
    await ctx.close();
  }
});
