// Browsers without scheduler.postTask (Safari, older Firefox) run the start's
// steps as MessageChannel tasks; Chromium has the scheduler, so these tests
// take it away before any script runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, openContext, waitForKjeks, eventually } from './harness.mjs';
import { demoConsent } from './fixtures/records.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

async function withoutScheduler() {
  const ctx = await openContext(site);
  await ctx.context.addInitScript(() => {
    Object.defineProperty(window, 'scheduler', { value: undefined, configurable: true });
  });
  const page = await ctx.newPage();
  return { ctx, page };
}

test('without scheduler.postTask: the banner shows, nothing optional loads before a choice', async () => {
  const { ctx, page } = await withoutScheduler();
  await page.goto(site.origin + '/');
  assert.equal(await page.evaluate(() => window.scheduler), undefined);
  const consent = await waitForKjeks(page);
  assert.deepEqual(consent, demoConsent(false, false));
  await page.getByRole('region', { name: /informasjonskapsler/i }).waitFor({ state: 'visible' });
  await page.getByRole('button', { name: 'Innstillinger for informasjonskapsler' }).waitFor({ state: 'visible' });
  assert.equal(ctx.beaconRequests().length, 0);
  assert.deepEqual(ctx.pageErrors, []);
  assert.deepEqual(ctx.consoleErrors, []);
  await ctx.close();
});

test('without scheduler.postTask: accepting loads the beacon, and a returning visit loads it again', async () => {
  const { ctx, page } = await withoutScheduler();
  await page.goto(site.origin + '/');
  await waitForKjeks(page);
  await page.getByRole('button', { name: /Godta/ }).first().click();
  await eventually(() => ctx.beaconRequests().length === 1 || undefined, 'the beacon loads after acceptance');
  await page.reload();
  assert.deepEqual(await waitForKjeks(page), demoConsent(true, true, true));
  await eventually(() => ctx.beaconRequests().length === 2 || undefined, 'the beacon loads on the next page view');
  assert.equal(await page.getByRole('region', { name: /informasjonskapsler/i }).count(), 0);
  assert.deepEqual(ctx.pageErrors, []);
  await ctx.close();
});
