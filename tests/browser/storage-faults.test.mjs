// Storage faults: localStorage missing, throwing on read or
// on write, over quota, cookies blocked. The banner works, the choice holds
// for the page view (in memory), nothing crashes; a lost record is never
// consent on the next page view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, openContext, waitForKjeks } from './harness.mjs';
import { pageHtml, servePage, siteConfig, kjeksErrors } from './fixtures/fail-closed.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

// The analytics category also lists a cookie, so withdrawing deletes one.
const config = siteConfig();
config.categories[1].storage.push({ name: 'test_aid', kind: 'cookie', purpose: 'Visitor id', duration: '1 year' });

// Init scripts that break storage before any page script runs.
const FAULTS = {
  'localStorage missing': () => {
    Object.defineProperty(window, 'localStorage', { configurable: true, get: () => undefined });
  },
  'localStorage access throws (storage disabled)': () => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get: () => { throw new DOMException('Access is denied for this document.', 'SecurityError'); },
    });
  },
  'getItem throws (read fault)': () => {
    Storage.prototype.getItem = () => { throw new DOMException('read failed', 'UnknownError'); };
  },
  'setItem throws (write fault)': () => {
    Storage.prototype.setItem = () => { throw new DOMException('write failed', 'SecurityError'); };
  },
  'cookies blocked and every storage throws (sandboxed frame)': () => {
    const deny = () => { throw new DOMException('The document is sandboxed.', 'SecurityError'); };
    Object.defineProperty(window, 'localStorage', { configurable: true, get: deny });
    Object.defineProperty(window, 'sessionStorage', { configurable: true, get: deny });
    Object.defineProperty(Document.prototype, 'cookie', { configurable: true, get: deny, set: deny });
  },
};

async function open(fault) {
  const ctx = await openContext(site, { reducedMotion: 'reduce' });
  if (fault) await ctx.context.addInitScript(fault);
  const url = `${site.origin}/t/storage`;
  await servePage(ctx.context, url, pageHtml({ config }));
  const page = await ctx.newPage();
  await page.goto(url);
  return { ctx, page, url };
}

const banner = (page) => page.locator('section.kjeks-banner');

// Accept, check the page view runs with analytics, withdraw from the icon,
// check the beacon stopped; then a reload asks again.
async function acceptUseWithdrawReload({ ctx, page }) {
  assert.equal((await waitForKjeks(page)).analytics, false);
  await banner(page).waitFor({ state: 'visible' });
  const pageview = page.waitForRequest((r) => r.url().endsWith('/api/collect'));
  await banner(page).locator('[data-kjeks-action="accept_all"]').click();
  await banner(page).waitFor({ state: 'detached' });
  await pageview;
  assert.equal(await page.evaluate(() => window.Kjeks.consent().analytics), true, 'the choice holds in memory');
  assert.equal(ctx.beaconRequests().length, 1);

  // The settings dialog shows the in-memory choice; declining there stops the beacon.
  await page.locator('footer [data-kjeks-view="icon"]').click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ state: 'visible' });
  assert.equal(await dialog.locator('input[data-kjeks-category="analytics"]').isChecked(), true);
  await dialog.locator('[data-kjeks-action="decline_all"]').click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => window.Kjeks.consent().analytics), false);
  const collected = ctx.collectRequests().length;
  await page.evaluate(() => history.pushState({}, '', '#after-withdrawal'));
  await page.waitForLoadState('networkidle');
  assert.equal(ctx.collectRequests().length, collected, 'no pageview after withdrawal');

  // Accept again, then reload: the choice was not stored, so Kjeks asks again.
  await page.locator('footer [data-kjeks-view="icon"]').click();
  await dialog.locator('[data-kjeks-action="accept_all"]').click();
  await dialog.waitFor({ state: 'detached' });
  await page.reload();
  assert.equal((await waitForKjeks(page)).analytics, false, 'a record that could not be kept is no consent');
  await banner(page).waitFor({ state: 'visible' });
  assert.deepEqual(ctx.pageErrors, []);
  assert.deepEqual(kjeksErrors(ctx.consoleErrors), []);
}

for (const [name, fault] of Object.entries(FAULTS)) {
  test(`${name}: the banner works, the choice holds for the page view, nothing crashes`, async () => {
    const session = await open(fault);
    await acceptUseWithdrawReload(session);
    assert.equal(session.ctx.beaconRequests().length, 1, 'the reload loaded no beacon');
    await session.ctx.close();
  });
}

test('over quota (localStorage really full): the choice holds for the page view, a reload asks again', async () => {
  const session = await open(null);
  const { page } = session;
  await waitForKjeks(page);
  // Fill the origin's quota with real data, so that setItem throws QuotaExceededError.
  const filled = await page.evaluate(() => {
    const chunk = 'x'.repeat(256 * 1024);
    let i = 0;
    try {
      for (; i < 1000; i++) localStorage.setItem('fill.' + i, chunk);
    } catch (e) {
      for (let size = chunk.length >> 1; size > 0; size >>= 1) {
        try { localStorage.setItem('fill.tail.' + size, chunk.slice(0, size)); } catch (e2) { /* full */ }
      }
      try { localStorage.setItem('probe', 'x'); } catch (e3) { return e3.name; }
    }
    return 'not full';
  });
  assert.equal(filled, 'QuotaExceededError');
  await page.reload();
  await acceptUseWithdrawReload(session);
  assert.equal(await page.evaluate(() => localStorage.getItem('kjeks.consent')), null);
  await session.ctx.close();
});

test('without a storage fault the record is stored and a reload keeps it (control)', async () => {
  const { ctx, page } = await open(null);
  await waitForKjeks(page);
  await banner(page).locator('[data-kjeks-action="decline_all"]').click();
  await banner(page).waitFor({ state: 'detached' });
  await page.reload();
  await waitForKjeks(page);
  assert.equal(await banner(page).count(), 0);
  assert.match(await page.evaluate(() => localStorage.getItem('kjeks.consent')), /"method":"decline_all"/);
  await ctx.close();
});
