// The visitor's journeys through the demo site.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, openContext, waitForKjeks, storageSnapshot, eventually } from './harness.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

const banner = (page) => page.getByRole('region', { name: /informasjonskapsler|cookies/i });

async function firstVisit(path = '/') {
  const ctx = await openContext(site);
  const page = await ctx.newPage();
  await page.goto(site.origin + path);
  await waitForKjeks(page);
  return { ctx, page };
}

test('first visit: banner shown, nothing requested from the beacon or endpoint, nothing optional stored', async () => {
  const { ctx, page } = await firstVisit('/');
  await banner(page).waitFor({ state: 'visible' });
  await page.waitForLoadState('networkidle');
  assert.equal(ctx.beaconRequests().length, 0);
  assert.equal(ctx.collectRequests().length, 0);
  const storage = await storageSnapshot(page);
  assert.deepEqual(storage, { local: {}, session: {}, cookie: '' });
  const accept = page.getByRole('button', { name: /Godta/ });
  const decline = page.getByRole('button', { name: /Avslå/ });
  assert.equal(await accept.count(), 1);
  assert.equal(await decline.count(), 1);
  const [a, d] = [await accept.boundingBox(), await decline.boundingBox()];
  assert.equal(Math.round(a.height), Math.round(d.height));
  assert.deepEqual(await page.evaluate(() => window.Kjeks.consent()), {
    necessary: true, analytics: false, external: false, diagnostics: false,
    services: { booking: false, chat: false, 'portal-diagnostics': false },
  });
  assert.deepEqual(ctx.pageErrors, []);
  await ctx.close();
});

test('accept: beacon loads, a pageview is posted, the record is stored, the banner goes; after reload the beacon loads again', async () => {
  const { ctx, page } = await firstVisit('/');
  const received = site.pageviews.length;
  const pageview = page.waitForRequest((r) => r.url().endsWith('/api/collect') && r.method() === 'POST');
  await page.getByRole('button', { name: /Godta/ }).first().click();
  await pageview;
  const body = await eventually(() => site.pageviews[received], 'the collector received the pageview');
  assert.equal(body.type, 'pageview');
  assert.equal(body.path, '/');
  assert.match(body.id, /^[0-9a-f]{32}$/);
  assert.equal(ctx.beaconRequests().length, 1);
  await banner(page).waitFor({ state: 'detached' });
  const storage = await storageSnapshot(page);
  const record = JSON.parse(storage.local['kjeks.consent']);
  assert.equal(record.choices.analytics, true);
  assert.equal(record.method, 'accept_all');
  assert.equal(storage.local['kjeks.aid'], body.id);

  const again = page.waitForRequest((r) => r.url().endsWith('/api/collect'));
  await page.reload();
  await waitForKjeks(page);
  await again;
  assert.equal(ctx.beaconRequests().length, 2);
  assert.equal(await banner(page).count(), 0);
  await ctx.close();
});

test('decline: no beacon, also after reload and on another page', async () => {
  const { ctx, page } = await firstVisit('/');
  await page.getByRole('button', { name: /Avslå/ }).first().click();
  await banner(page).waitFor({ state: 'detached' });
  const record = JSON.parse((await storageSnapshot(page)).local['kjeks.consent']);
  assert.equal(record.choices.analytics, false);
  assert.equal(record.method, 'decline_all');
  await page.reload();
  await waitForKjeks(page);
  await page.goto(site.origin + '/tjenester/');
  await waitForKjeks(page);
  await page.waitForLoadState('networkidle');
  assert.equal(await banner(page).count(), 0);
  assert.equal(ctx.beaconRequests().length, 0);
  assert.equal(ctx.collectRequests().length, 0);
  await ctx.close();
});

test('footer icon reopens settings; withdrawing stops the beacon at once and deletes its id', async () => {
  const { ctx, page } = await firstVisit('/en/');
  const pageview = page.waitForRequest((r) => r.url().endsWith('/api/collect'));
  await page.getByRole('button', { name: /Accept/ }).first().click();
  await pageview;
  const icon = page.locator('footer').getByRole('button', { name: 'Cookie settings' });
  await icon.click();
  const dialog = page.getByRole('dialog', { name: 'Cookie settings' });
  await dialog.waitFor({ state: 'visible' });
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  const analyticsToggle = dialog.getByRole('switch', { name: /analytics|statistics/i });
  assert.equal(await analyticsToggle.isChecked(), true);
  await dialog.getByRole('button', { name: /Decline all/ }).click();
  await dialog.waitFor({ state: 'detached' });
  await eventually(async () => !(await storageSnapshot(page)).local['kjeks.aid'], 'beacon id deleted');
  const before = ctx.collectRequests().length;
  await page.evaluate(() => history.pushState({}, '', '/en/services/'));
  await page.evaluate(() => history.pushState({}, '', '/en/'));
  await page.waitForLoadState('networkidle');
  assert.equal(ctx.collectRequests().length, before);
  assert.equal((await page.evaluate(() => window.Kjeks.consent())).analytics, false);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Cookie settings');
  await ctx.close();
});

test('Escape, scrolling and clicking elsewhere are not consent', async () => {
  const { ctx, page } = await firstVisit('/en/');
  await banner(page).waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await page.mouse.wheel(0, 1500);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.locator('h1').click();
  await page.keyboard.press('Escape');
  await page.waitForLoadState('networkidle');
  assert.equal(ctx.beaconRequests().length, 0);
  assert.equal(ctx.collectRequests().length, 0);
  assert.deepEqual((await storageSnapshot(page)).local, {});
  assert.equal(await banner(page).isVisible(), true);
  // Opening settings and pressing Escape decides nothing either.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('dialog').waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.deepEqual((await storageSnapshot(page)).local, {});
  assert.equal(await banner(page).isVisible(), true);
  await ctx.close();
});

test('texts follow <html lang>: Norwegian on /, English on /en/', async () => {
  const nb = await firstVisit('/');
  await nb.page.getByRole('button', { name: /Godta/ }).first().waitFor();
  assert.equal(await nb.page.getByRole('button', { name: /Avslå/ }).count(), 1);
  assert.equal(await nb.page.getByRole('button', { name: 'Innstillinger for informasjonskapsler' }).count(), 1);
  await nb.ctx.close();
  const en = await firstVisit('/en/');
  await en.page.getByRole('button', { name: /Accept/ }).first().waitFor();
  assert.equal(await en.page.getByRole('button', { name: /Decline/ }).count(), 1);
  assert.equal(await en.page.getByRole('button', { name: 'Cookie settings' }).count(), 1);
  await en.ctx.close();
});
