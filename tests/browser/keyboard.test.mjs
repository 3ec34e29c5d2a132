// Keyboard only: the banner early in the focus order
// and trapping nothing; Accept, Decline and Settings with Enter and Space;
// the dialog takes focus, wraps Tab and Shift+Tab, toggles with Space,
// closes with Escape without deciding and gives focus back to its opener.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite } from './harness.mjs';
import { openBanner, tab, focused, storedRecord, VIEWPORTS } from './a11y-helpers.mjs';
import { demoConsent } from './fixtures/records.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

const open = (path = '/en/') => openBanner(site, path, { ...VIEWPORTS.desktop, reducedMotion: 'reduce' });

// Tabs until the focused element matches, at most `limit` times.
async function tabTo(page, match, limit = 40) {
  for (let i = 1; i <= limit; i++) {
    const f = await tab(page);
    if (match(f)) return i;
  }
  throw new Error('never reached by Tab');
}

test('semantics: real buttons, native switches with state, a labelled region, a named modal dialog, a named icon', async () => {
  const { ctx, page } = await open('/en/');
  const banner = await page.evaluate(() => {
    const b = document.querySelector('.kjeks-banner');
    const title = document.getElementById(b.getAttribute('aria-labelledby'));
    return {
      tag: b.tagName, role: b.getAttribute('role'), modal: b.getAttribute('aria-modal'),
      title: title && b.contains(title) ? title.textContent : null,
      controls: [...b.querySelectorAll('[data-kjeks-action]')].map((c) => c.tagName + ':' + c.type),
    };
  });
  assert.equal(banner.tag, 'SECTION');
  assert.equal(banner.role, null);
  assert.equal(banner.modal, null);
  assert.equal(banner.title, 'We use cookies');
  assert.deepEqual(banner.controls, ['BUTTON:button', 'BUTTON:button', 'BUTTON:button']);
  assert.equal(await page.getByRole('region', { name: 'We use cookies' }).count(), 1);
  assert.equal(await page.locator('footer').getByRole('button', { name: 'Cookie settings' }).count(), 1);

  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Cookie settings' });
  await dialog.waitFor();
  const d = await page.evaluate(() => {
    const box = document.querySelector('[role="dialog"]');
    const heading = document.getElementById(box.getAttribute('aria-labelledby'));
    return {
      modal: box.getAttribute('aria-modal'),
      heading: heading && box.contains(heading) && heading.tagName === 'H2' && heading.getBoundingClientRect().height > 0,
      controls: [...box.querySelectorAll('[data-kjeks-action]')].map((c) => c.tagName + ':' + c.type + ':' + (c.getAttribute('role') || '')),
    };
  });
  assert.equal(d.modal, 'true');
  assert.equal(d.heading, true, 'aria-labelledby names the visible heading');
  assert.deepEqual(d.controls.filter((c) => !c.startsWith('BUTTON:button:')),
    Array(7).fill('INPUT:checkbox:switch'));  // 4 categories, 3 services
  assert.equal(await dialog.getByRole('switch', { name: 'Analytics' }).isChecked(), false);
  assert.equal(await dialog.getByRole('switch', { name: /Always on/ }).isChecked(), true);
  assert.equal(await dialog.getByRole('switch', { name: /Always on/ }).isDisabled(), true);
  await ctx.close();
});

test('Tab reaches the banner right after the skip link, before the page itself', async () => {
  const { ctx, page } = await open('/en/');
  const first = await tab(page);
  assert.equal(first.name, 'Skip to content');
  const second = await tab(page);
  assert.equal(second.inBanner, true, `second Tab stop is in the banner, got ${JSON.stringify(second)}`);
  // Shift+Tab goes back out of the banner: it holds nothing.
  assert.equal((await tab(page, true)).name, 'Skip to content');
  await ctx.close();
});

test('the non-modal banner traps nothing: Tab runs through it into the page and on to the footer icon', async () => {
  const { ctx, page } = await open('/en/');
  const stops = [];
  for (let i = 0; i < 40; i++) {
    const f = await tab(page);
    stops.push(f);
    if (f.isIcon) break;
  }
  const inBanner = stops.map((s) => s.inBanner);
  const firstIn = inBanner.indexOf(true);
  const lastIn = inBanner.lastIndexOf(true);
  assert.ok(firstIn >= 0, 'the banner is reached');
  assert.deepEqual(stops.slice(firstIn, lastIn + 1).map((s) => s.action || s.tag),
    ['a', 'accept_all', 'decline_all', 'open_settings'], 'the policy link and the three buttons, in order');
  assert.ok(stops.length > lastIn + 3, 'Tab leaves the banner for the page');
  assert.equal(stops.at(-1).isIcon, true, 'Tab reaches the footer icon');
  // And backwards from the page into and out of the banner.
  let back;
  for (let i = 0; i < 40; i++) {
    back = await tab(page, true);
    if (back.name === 'Skip to content') break;
  }
  assert.equal(back.name, 'Skip to content', 'Shift+Tab passes back through the banner');
  assert.deepEqual(ctx.pageErrors, []);
  await ctx.close();
});

for (const key of ['Enter', 'Space']) {
  for (const [action, method] of [['accept_all', 'accept_all'], ['decline_all', 'decline_all']]) {
    test(`${action} works with ${key}; focus then lands on the footer icon`, async () => {
      const { ctx, page } = await open('/en/');
      await tabTo(page, (f) => f.action === action && f.inBanner);
      await page.keyboard.press(key);
      await page.locator('.kjeks-banner').waitFor({ state: 'detached' });
      assert.equal((await storedRecord(page))?.method, method);
      assert.equal((await focused(page)).isIcon, true, 'focus is not lost when the banner goes');
      await ctx.close();
    });
  }
  test(`Settings works with ${key}: the dialog opens with focus inside`, async () => {
    const { ctx, page } = await open('/');
    await tabTo(page, (f) => f.action === 'open_settings' && f.inBanner);
    await page.keyboard.press(key);
    await page.getByRole('dialog').waitFor({ state: 'visible' });
    assert.equal((await focused(page)).inDialog, true);
    assert.equal(await storedRecord(page), null);
    await ctx.close();
  });
}

test('dialog: focus moves in, Tab and Shift+Tab wrap inside, Space toggles, Enter on Save decides, focus returns to the icon', async () => {
  const { ctx, page } = await open('/en/');
  await page.locator('[data-kjeks-view="icon"]').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor({ state: 'visible' });
  const order = await page.evaluate(() => {
    const box = document.querySelector('[role="dialog"]');
    return [...box.querySelectorAll('a[href],button,input')]
      .filter((el) => !el.disabled && el.getClientRects().length)
      .map((el) => window.kjeksTest.describe(el).name + '|' + (el.getAttribute('data-kjeks-action') || el.tagName));
  });
  assert.ok(order.length >= 7, `dialog controls: ${order}`);
  const key = (f) => f.name + '|' + (f.action || f.tag.toUpperCase());
  const start = await focused(page);
  assert.equal(start.inDialog, true, 'focus moved into the dialog');
  assert.equal(key(start), order[0], 'on its first control');
  // Forward twice around: every stop in order, wrapping from last to first.
  for (let i = 1; i <= order.length * 2; i++) {
    const f = await tab(page);
    assert.equal(f.inDialog, true);
    assert.equal(key(f), order[i % order.length], `Tab stop ${i}`);
  }
  // Backward once around: from the first to the last, and on.
  for (let i = 1; i <= order.length; i++) {
    const f = await tab(page, true);
    assert.equal(f.inDialog, true);
    assert.equal(key(f), order[(order.length * 2 - i) % order.length], `Shift+Tab stop ${i}`);
  }
  // Space on the analytics switch, then Save with Enter.
  await tabTo(page, (f) => f.category === 'analytics' && f.action === 'toggle', order.length);
  const analytics = page.getByRole('switch', { name: 'Analytics' });
  assert.equal(await analytics.isChecked(), false);
  await page.keyboard.press('Space');
  assert.equal(await analytics.isChecked(), true);
  await page.keyboard.press('Space');
  assert.equal(await analytics.isChecked(), false);
  await page.keyboard.press('Space');
  assert.equal(await analytics.isChecked(), true);
  await tabTo(page, (f) => f.action === 'save', order.length);
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  const record = await storedRecord(page);
  assert.equal(record.method, 'custom');
  assert.deepEqual(record.choices, { necessary: true, analytics: true, external: false, diagnostics: false });
  assert.equal((await focused(page)).isIcon, true, 'focus is back on the footer icon');
  await ctx.close();
});

test('Escape closes the dialog without deciding; focus returns to the footer icon, or to Settings in the banner', async () => {
  const { ctx, page } = await open('/');
  const icon = page.locator('[data-kjeks-view="icon"]');
  await icon.focus();
  await page.keyboard.press('Space');
  await page.getByRole('dialog').waitFor({ state: 'visible' });
  await tabTo(page, (f) => f.action === 'toggle', 10);
  await page.keyboard.press('Space');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.equal(await storedRecord(page), null, 'Escape records nothing');
  assert.deepEqual(await page.evaluate(() => window.Kjeks.consent()), demoConsent(false, false));
  assert.equal(await page.locator('.kjeks-banner').isVisible(), true, 'the banner still asks');
  const back = await focused(page);
  assert.equal(back.isIcon, true, `focus returned to the footer icon, got ${JSON.stringify(back)}`);

  // Opened from the banner, Escape gives focus back to its Settings button.
  await page.locator('.kjeks-banner [data-kjeks-action="open_settings"]').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  const settings = await focused(page);
  assert.equal(settings.inBanner && settings.action, 'open_settings');
  assert.equal(await storedRecord(page), null);
  assert.equal(ctx.beaconRequests().length, 0);
  await ctx.close();
});
