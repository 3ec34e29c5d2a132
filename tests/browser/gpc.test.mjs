// Global Privacy Control: with navigator.globalPrivacyControl
// true and no stored choice, optional categories stay off and the record says
// why; an explicit later opt-in wins and is recorded with the signal; a site
// can turn this off (gpc.respect: false).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, openContext, waitForKjeks } from './harness.mjs';
import { pageHtml, servePage, siteConfig, kjeksErrors } from './fixtures/fail-closed.mjs';
import { makeRecord, DAY_MS } from './fixtures/records.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

const banner = (page) => page.locator('section.kjeks-banner');
const stored = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('kjeks.consent')));

async function open({ gpc = true, config = siteConfig(), record } = {}) {
  const ctx = await openContext(site, { reducedMotion: 'reduce' });
  await ctx.context.addInitScript((on) => {
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { configurable: true, get: () => on });
  }, gpc);
  if (record) {
    await ctx.context.addInitScript((text) => {
      if (!sessionStorage.getItem('seeded')) {
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem('kjeks.consent', text);
      }
    }, record);
  }
  const url = `${site.origin}/t/gpc`;
  await servePage(ctx.context, url, pageHtml({ config }));
  const page = await ctx.newPage();
  await page.goto(url);
  const consent = await waitForKjeks(page);
  return { ctx, page, consent };
}

async function openSettings(page) {
  await page.locator('footer [data-kjeks-view="icon"]').click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ state: 'visible' });
  return dialog;
}

test('GPC on, no stored choice: analytics off, no banner, the record says browser_signal with gpc', async () => {
  const { ctx, page, consent } = await open();
  assert.equal(await page.evaluate(() => navigator.globalPrivacyControl), true);
  assert.deepEqual(consent, { necessary: true, analytics: false });
  assert.equal(await banner(page).count(), 0);
  const record = await stored(page);
  assert.equal(record.method, 'browser_signal');
  assert.equal(record.gpc, true);
  assert.deepEqual(record.choices, { analytics: false, necessary: true });
  // The settings explain why, and show analytics off.
  const dialog = await openSettings(page);
  assert.equal(await dialog.locator('.kjeks-dialog__gpc').count(), 1);
  assert.equal(await dialog.locator('input[data-kjeks-category="analytics"]').isChecked(), false);
  await page.waitForLoadState('networkidle');
  assert.equal(ctx.beaconRequests().length, 0);
  assert.equal(ctx.collectRequests().length, 0);
  // A reload keeps the signal's record; nothing loads.
  await page.reload();
  assert.equal((await waitForKjeks(page)).analytics, false);
  assert.equal(await page.locator('script[src$="/beacon.js"]').count(), 0);
  assert.deepEqual(kjeksErrors(ctx.consoleErrors), []);
  await ctx.close();
});

test('GPC on, then an explicit opt-in in settings wins, is recorded with gpc, and holds after a reload', async () => {
  const { ctx, page } = await open();
  const dialog = await openSettings(page);
  await dialog.locator('label[for="kjeks-toggle-analytics"]').click();
  const pageview = page.waitForRequest((r) => r.url().endsWith('/api/collect'));
  await dialog.locator('[data-kjeks-action="save"]').click();
  await dialog.waitFor({ state: 'detached' });
  await pageview;
  const record = await stored(page);
  assert.equal(record.method, 'custom');
  assert.equal(record.gpc, true);
  assert.equal(record.choices.analytics, true);
  await page.reload();
  assert.equal((await waitForKjeks(page)).analytics, true);
  assert.equal(await page.locator('script[src$="/beacon.js"]').count(), 1);
  assert.equal(await banner(page).count(), 0);
  await ctx.close();
});

test('GPC on, Accept all from settings is recorded as accept_all with gpc', async () => {
  const { ctx, page } = await open();
  const dialog = await openSettings(page);
  await dialog.locator('[data-kjeks-action="accept_all"]').click();
  await dialog.waitFor({ state: 'detached' });
  const record = await stored(page);
  assert.equal(record.method, 'accept_all');
  assert.equal(record.gpc, true);
  assert.equal(record.choices.analytics, true);
  await ctx.close();
});

test('GPC on, an explicit choice stored earlier is kept (the signal applies only without one)', async () => {
  const now = Date.now();
  const record = makeRecord({ rev: 'test-1', given: now - DAY_MS, updated: now - DAY_MS,
    choices: { necessary: true, analytics: true }, method: 'accept_all', gpc: false });
  const { ctx, page, consent } = await open({ record });
  assert.equal(consent.analytics, true);
  assert.equal((await stored(page)).method, 'accept_all');
  await ctx.close();
});

test('gpc.respect: false: GPC is ignored, the banner asks, and an accept records the signal', async () => {
  const { ctx, page, consent } = await open({ config: siteConfig({ gpc: { respect: false } }) });
  assert.equal(consent.analytics, false);
  await banner(page).waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => localStorage.getItem('kjeks.consent')), null);
  const pageview = page.waitForRequest((r) => r.url().endsWith('/api/collect'));
  await banner(page).locator('[data-kjeks-action="accept_all"]').click();
  await pageview;
  const record = await stored(page);
  assert.equal(record.method, 'accept_all');
  assert.equal(record.gpc, true);
  await ctx.close();
});

test('GPC false: the banner asks as usual (control)', async () => {
  const { ctx, page } = await open({ gpc: false });
  await banner(page).waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => localStorage.getItem('kjeks.consent')), null);
  await ctx.close();
});
