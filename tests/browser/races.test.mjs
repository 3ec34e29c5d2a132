// Races: double clicks, a decision right before navigating away, and pages
// restored from the back/forward cache. No duplicate records, and never a
// beacon before consent. (This file's browser keeps the back/forward cache
// on, which Playwright turns off by default.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, openContext, waitForKjeks, eventually } from './harness.mjs';
import { pageHtml, servePage, siteConfig, kjeksErrors } from './fixtures/fail-closed.mjs';

let site;
before(async () => { site = await startSite({ launch: { ignoreDefaultArgs: ['--disable-back-forward-cache'] } }); });
after(async () => { await site.close(); });

const config = siteConfig({ consentLog: { endpoint: '/api/consent' } });
const banner = (page) => page.locator('section.kjeks-banner');

// A context that counts record writes (across page loads, in sessionStorage)
// and, whenever the beacon is requested, checks that an accepting record was
// already stored: a beacon before consent is recorded as a violation.
async function openGuarded({ pages = {} } = {}) {
  const ctx = await openContext(site, { reducedMotion: 'reduce' });
  await ctx.context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (this === window.localStorage && key === 'kjeks.consent') {
        sessionStorage.setItem('test.writes', String(Number(sessionStorage.getItem('test.writes') || 0) + 1));
      }
      return setItem.call(this, key, value);
    };
    window.addEventListener('pageshow', (e) => { window.__persisted = e.persisted; });
  });
  const violations = [];
  await ctx.context.route('**/kjeks/beacon.js', async (route) => {
    const state = await ctx.context.storageState();
    const record = state.origins.flatMap((o) => o.localStorage).find((item) => item.name === 'kjeks.consent');
    if (!record || !/"analytics":true/.test(record.value)) violations.push(route.request().url());
    await route.continue();
  });
  for (const [path, html] of Object.entries(pages)) await servePage(ctx.context, site.origin + path, html);
  const page = await ctx.newPage();
  const writes = () => page.evaluate(() => Number(sessionStorage.getItem('test.writes') || 0));
  const proofs = () => ctx.requests.filter((r) => r.url.endsWith('/api/consent')).length;
  return { ctx, page, violations, writes, proofs };
}

const twoPages = () => ({ '/t/a': pageHtml({ config }), '/t/b': pageHtml({ config, title: 'Page B' }) });

test('a double click on Accept makes one record, one proof, one beacon', async () => {
  const { ctx, page, violations, writes, proofs } = await openGuarded({ pages: twoPages() });
  await page.goto(`${site.origin}/t/a`);
  await waitForKjeks(page);
  await page.evaluate(() => {
    window.__changes = 0;
    document.addEventListener('kjeks:change', () => { window.__changes++; });
  });
  const pageview = page.waitForRequest((r) => r.url().endsWith('/api/collect'));
  await banner(page).locator('[data-kjeks-action="accept_all"]').dblclick();
  await pageview;
  await page.waitForLoadState('networkidle');
  assert.equal(await writes(), 1);
  assert.equal(proofs(), 1);
  assert.equal(await page.evaluate(() => window.__changes), 1);
  assert.equal(await page.locator('script[src$="/beacon.js"]').count(), 1);
  assert.equal(ctx.collectRequests().length, 1);
  assert.deepEqual(violations, []);
  await ctx.close();
});

test('Accept and Decline clicked in the same task, and a double click on Save: one decision each', async () => {
  const { ctx, page, violations, writes, proofs } = await openGuarded({ pages: twoPages() });
  await page.goto(`${site.origin}/t/a`);
  await waitForKjeks(page);
  await page.evaluate(() => {
    const b = document.querySelector('section.kjeks-banner');
    b.querySelector('[data-kjeks-action="accept_all"]').click();
    b.querySelector('[data-kjeks-action="decline_all"]').click();
  });
  assert.equal(await writes(), 1);
  assert.equal(await page.evaluate(() => window.Kjeks.consent().analytics), true, 'the first click decided');
  // Settings: switch analytics off and double-click Save.
  await page.locator('footer [data-kjeks-view="icon"]').dblclick();
  assert.equal(await page.getByRole('dialog').count(), 1, 'one dialog');
  await page.locator('label[for="kjeks-toggle-analytics"]').click();
  await page.locator('[role="dialog"] [data-kjeks-action="save"]').dblclick();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.equal(await writes(), 2);
  await eventually(() => proofs() === 2, 'two proofs');
  assert.equal(await page.evaluate(() => window.Kjeks.consent().analytics), false);
  assert.deepEqual(violations, []);
  assert.deepEqual(ctx.pageErrors, []);
  await ctx.close();
});

test('Accept and navigate away in the same task: one record, one decision proved, the next page loads the beacon', async () => {
  const { ctx, page, violations, writes } = await openGuarded({ pages: twoPages() });
  const proofsBefore = site.proofs.length;
  await page.goto(`${site.origin}/t/a`);
  await waitForKjeks(page);
  const nextPage = page.waitForURL(`${site.origin}/t/b`);
  await page.evaluate(() => {
    document.querySelector('section.kjeks-banner [data-kjeks-action="accept_all"]').click();
    location.href = '/t/b';
  });
  await nextPage;
  assert.equal((await waitForKjeks(page)).analytics, true);
  assert.equal(await banner(page).count(), 0);
  await eventually(() => ctx.collectRequests().length >= 1, 'a pageview from page B');
  assert.equal(await writes(), 1);
  await page.waitForLoadState('networkidle');
  // A proof still under way when the page went may be sent again from the
  // outbox (at least once); every copy is the same decision.
  await eventually(() => site.proofs.length > proofsBefore, 'the proof arrived');
  const decisions = new Set(site.proofs.slice(proofsBefore).map((p) => `${p.consentId} ${p.updatedAt} ${p.method}`));
  assert.equal(decisions.size, 1, [...decisions].join('\n'));
  assert.deepEqual(violations, []);
  await ctx.close();
});

test('Decline and navigate away at once: no banner on the next page, no beacon anywhere', async () => {
  const { ctx, page, violations, writes } = await openGuarded({ pages: twoPages() });
  await page.goto(`${site.origin}/t/a`);
  await waitForKjeks(page);
  const nextPage = page.waitForURL(`${site.origin}/t/b`);
  await page.evaluate(() => {
    document.querySelector('section.kjeks-banner [data-kjeks-action="decline_all"]').click();
    location.href = '/t/b';
  });
  await nextPage;
  assert.equal((await waitForKjeks(page)).analytics, false);
  assert.equal(await banner(page).count(), 0);
  await page.waitForLoadState('networkidle');
  assert.equal(await writes(), 1);
  assert.equal(ctx.beaconRequests().length, 0);
  assert.deepEqual(violations, []);
  await ctx.close();
});

// The back/forward cache: the demo pages, served by the demo server.
// Chromium runs the storage events a page missed while it was cached once it
// is restored; other browsers do not, so Kjeks also re-reads the record on
// pageshow. The tests keep storage events from Kjeks to check that path.
async function withoutStorageEvents(ctx) {
  await ctx.context.addInitScript(() => {
    window.addEventListener('storage', (e) => e.stopImmediatePropagation(), true);
  });
}

async function restoredByBack(page) {
  await page.goBack({ waitUntil: 'commit' });
  await page.waitForFunction(() => window.__persisted !== undefined);
  return page.evaluate(() => window.__persisted);
}

test('withdrawn on another page, then Back: the restored page stops its beacon', async () => {
  const { ctx, page, violations, writes } = await openGuarded();
  await withoutStorageEvents(ctx);
  await page.goto(`${site.origin}/en/`);
  await waitForKjeks(page);
  const pageview = page.waitForRequest((r) => r.url().endsWith('/api/collect'));
  await banner(page).locator('[data-kjeks-action="accept_all"]').click();
  await pageview;
  await page.evaluate(() => { window.__marker = 'kept'; });

  await page.goto(`${site.origin}/en/services/`);
  await waitForKjeks(page);
  await page.locator('footer [data-kjeks-view="icon"]').click();
  await page.locator('[role="dialog"] [data-kjeks-action="decline_all"]').click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });

  assert.equal(await restoredByBack(page), true, 'restored from the back/forward cache');
  assert.equal(await page.evaluate(() => window.__marker), 'kept');
  await page.waitForFunction(() => window.Kjeks.consent().analytics === false);
  const collected = ctx.collectRequests().length;
  await page.evaluate(() => history.pushState({}, '', '/en/#after-back'));
  await page.waitForLoadState('networkidle');
  assert.equal(ctx.collectRequests().length, collected, 'the restored page sends no pageview');
  assert.equal(await banner(page).count(), 0);
  assert.equal(await writes(), 2, 'accept and decline, nothing more');
  assert.deepEqual(violations, []);
  assert.deepEqual(kjeksErrors(ctx.consoleErrors), []);
  await ctx.close();
});

test('accepted on another page, then Back to the undecided page: banner goes, beacon starts, no second record', async () => {
  const { ctx, page, violations, writes } = await openGuarded();
  await withoutStorageEvents(ctx);
  await page.goto(`${site.origin}/en/`);
  await waitForKjeks(page);
  await banner(page).waitFor({ state: 'visible' });
  await page.goto(`${site.origin}/en/services/`);
  await waitForKjeks(page);
  const pageview = page.waitForRequest((r) => r.url().endsWith('/api/collect'));
  await banner(page).locator('[data-kjeks-action="accept_all"]').click();
  await pageview;

  const beacons = ctx.beaconRequests().length;
  assert.equal(await restoredByBack(page), true, 'restored from the back/forward cache');
  await banner(page).waitFor({ state: 'detached' });
  await page.waitForFunction(() => window.Kjeks.consent().analytics === true);
  await eventually(() => ctx.beaconRequests().length > beacons, 'the restored page loads the beacon');
  assert.equal(await writes(), 1);
  assert.deepEqual(violations, []);
  await ctx.close();
});
