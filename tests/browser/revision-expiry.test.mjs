// Revision and expiry: a new policy revision asks again; an
// expired choice asks again; until then a stored choice, a decline too, is
// respected on every page view. Time comes from Playwright's clock
// (Date.now), never from real waiting.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, openContext, waitForKjeks } from './harness.mjs';
import { pageHtml, servePage, siteConfig, kjeksErrors } from './fixtures/fail-closed.mjs';
import { DAY_MS } from './fixtures/records.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

const T0 = Date.parse('2026-03-01T12:00:00Z');
const HOUR_MS = 3600000;
const banner = (page) => page.locator('section.kjeks-banner');

// A context whose clock is fixed at T0, and a page at /t/policy with config.
async function open(config) {
  const ctx = await openContext(site, { reducedMotion: 'reduce' });
  await ctx.context.clock.setFixedTime(T0);
  const url = `${site.origin}/t/policy`;
  await servePage(ctx.context, url, pageHtml({ config }));
  const page = await ctx.newPage();
  await page.goto(url);
  await waitForKjeks(page);
  return { ctx, page, url };
}

async function choose(page, action) {
  await banner(page).locator(`[data-kjeks-action="${action}"]`).click();
  await banner(page).waitFor({ state: 'detached' });
  return JSON.parse(await page.evaluate(() => localStorage.getItem('kjeks.consent')));
}

// Opens the page again at a time; resolves with what the visitor sees. The
// start's effects (banner, beacon tag) are applied before Kjeks.ready resolves.
async function visitAt(ctx, page, time, url) {
  await ctx.context.clock.setFixedTime(time);
  await page.goto(url);
  const consent = await waitForKjeks(page);
  return {
    asked: await banner(page).isVisible(),
    analytics: consent.analytics,
    beaconLoaded: await page.locator('script[src$="/beacon.js"]').count() === 1,
  };
}

test('a revision bump asks again, with analytics off until the visitor accepts the new revision', async () => {
  const { ctx, page, url } = await open(siteConfig({ revision: '2026-01' }));
  const first = await choose(page, 'accept_all');
  assert.equal(first.rev, '2026-01');
  assert.deepEqual(await visitAt(ctx, page, T0 + HOUR_MS, url), { asked: false, analytics: true, beaconLoaded: true });

  await ctx.context.unroute(url);
  await servePage(ctx.context, url, pageHtml({ config: siteConfig({ revision: '2026-02' }) }));
  assert.deepEqual(await visitAt(ctx, page, T0 + 2 * HOUR_MS, url), { asked: true, analytics: false, beaconLoaded: false });
  const second = await choose(page, 'accept_all');
  assert.equal(second.rev, '2026-02');
  assert.equal(second.given, T0 + 2 * HOUR_MS, 'a new decision, not the old one carried over');
  assert.deepEqual(kjeksErrors(ctx.consoleErrors), []);
  await ctx.close();
});

test('the default expiry (182 days): respected the day before, asked again the day after', async () => {
  const { ctx, page, url } = await open(siteConfig());
  const record = await choose(page, 'accept_all');
  assert.equal(record.updated, T0);
  assert.deepEqual(await visitAt(ctx, page, T0 + 181 * DAY_MS, url), { asked: false, analytics: true, beaconLoaded: true });
  assert.deepEqual(await visitAt(ctx, page, T0 + 182 * DAY_MS + 60000, url), { asked: true, analytics: false, beaconLoaded: false });
  await ctx.close();
});

test('a configured expiry (expiryDays: 1): respected after 23 hours, asked again after 25', async () => {
  const { ctx, page, url } = await open(siteConfig({ expiryDays: 1 }));
  await choose(page, 'accept_all');
  assert.deepEqual(await visitAt(ctx, page, T0 + 23 * HOUR_MS, url), { asked: false, analytics: true, beaconLoaded: true });
  assert.deepEqual(await visitAt(ctx, page, T0 + 25 * HOUR_MS, url), { asked: true, analytics: false, beaconLoaded: false });
  await ctx.close();
});

test('a stored decline is respected on every page view until it expires: no nagging', async () => {
  const { ctx, page, url } = await open(siteConfig());
  await choose(page, 'decline_all');
  for (const days of [0, 1, 30, 100, 181]) {
    assert.deepEqual(await visitAt(ctx, page, T0 + days * DAY_MS + HOUR_MS, url),
      { asked: false, analytics: false, beaconLoaded: false }, `day ${days}`);
  }
  assert.deepEqual(await visitAt(ctx, page, T0 + 183 * DAY_MS, url), { asked: true, analytics: false, beaconLoaded: false });
  await ctx.close();
});

test('a choice that expires while the page is open is asked again when the page is shown, and the beacon stops', async () => {
  const { ctx, page } = await open(siteConfig({ expiryDays: 1 }));
  const pageview = page.waitForRequest((r) => r.url().endsWith('/api/collect'));
  const first = await choose(page, 'accept_all');
  await pageview;
  await ctx.context.clock.setFixedTime(T0 + 2 * DAY_MS);
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await banner(page).waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => window.Kjeks.consent().analytics), false);
  const collected = ctx.collectRequests().length;
  await page.evaluate(() => history.pushState({}, '', '#later'));
  await page.waitForLoadState('networkidle');
  assert.equal(ctx.collectRequests().length, collected, 'the beacon sent nothing after expiry');
  // The choice asked again is a new decision: a new random consent id.
  const second = await choose(page, 'decline_all');
  assert.match(second.id, /^[0-9a-f]{32}$/);
  assert.notEqual(second.id, first.id);
  assert.equal(second.given, T0 + 2 * DAY_MS);
  await ctx.close();
});
