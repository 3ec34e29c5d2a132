// Cross-tab: accepting or withdrawing in one tab applies in
// the other open tabs of the origin within 200 ms (the storage event): the
// beacon starts or stops, the banner and dialog follow.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, openContext, waitForKjeks } from './harness.mjs';
import { pageHtml, servePage, siteConfig, kjeksErrors } from './fixtures/fail-closed.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

const LIMIT_MS = 200;
const banner = (page) => page.locator('section.kjeks-banner');

// Two tabs of the same site in one browser context.
async function openTabs() {
  const ctx = await openContext(site, { reducedMotion: 'reduce' });
  const url = `${site.origin}/t/tabs`;
  await servePage(ctx.context, url, pageHtml({ config: siteConfig() }));
  const tabs = [];
  for (let i = 0; i < 2; i++) {
    const page = await ctx.newPage();
    await page.goto(url);
    await waitForKjeks(page);
    await banner(page).waitFor({ state: 'visible' });
    tabs.push(page);
  }
  return { ctx, a: tabs[0], b: tabs[1] };
}

// In tab b, the wall-clock time of the next kjeks:change and its detail.
function nextChange(page) {
  return page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('kjeks:change', (e) => resolve({ at: Date.now(), detail: e.detail }), { once: true });
  }));
}

// In tab a, clicks a Kjeks control; resolves with the wall-clock time of the click.
function clickAt(page, selector) {
  return page.evaluate((s) => {
    const at = Date.now();
    document.querySelector(s).click();
    return at;
  }, selector);
}

test(`accepting in one tab applies in the other within ${LIMIT_MS} ms: banner goes, beacon starts`, async () => {
  const { ctx, a, b } = await openTabs();
  const changed = nextChange(b);
  const pageviewInB = b.waitForRequest((r) => r.url().endsWith('/api/collect'));
  const clickedAt = await clickAt(a, 'section.kjeks-banner [data-kjeks-action="accept_all"]');
  const { at, detail } = await changed;
  assert.ok(at - clickedAt < LIMIT_MS, `applied after ${at - clickedAt} ms`);
  assert.equal(detail.consent.analytics, true);
  assert.equal(detail.method, 'accept_all');
  await banner(b).waitFor({ state: 'detached' });
  await pageviewInB;
  assert.equal(await b.evaluate(() => window.Kjeks.consent().analytics), true);
  assert.equal(await b.locator('footer [data-kjeks-view="icon"]').count(), 1);
  // The other tab adopts the record; it does not write one of its own.
  const ids = await Promise.all([a, b].map((p) => p.evaluate(() => JSON.parse(localStorage.getItem('kjeks.consent')).id)));
  assert.equal(ids[0], ids[1]);
  assert.deepEqual(ctx.pageErrors, []);
  await ctx.close();
});

test(`withdrawing in one tab stops the beacon in the other within ${LIMIT_MS} ms and closes its open dialog`, async () => {
  const { ctx, a, b } = await openTabs();
  const pageviewInB = b.waitForRequest((r) => r.url().endsWith('/api/collect'));
  await banner(a).locator('[data-kjeks-action="accept_all"]').click();
  await pageviewInB;
  await banner(b).waitFor({ state: 'detached' });
  // Tab b has its settings open; tab a withdraws from its own settings.
  await b.locator('footer [data-kjeks-view="icon"]').click();
  await b.getByRole('dialog').waitFor({ state: 'visible' });
  await a.locator('footer [data-kjeks-view="icon"]').click();
  await a.getByRole('dialog').waitFor({ state: 'visible' });
  const changed = nextChange(b);
  const clickedAt = await clickAt(a, '[role="dialog"] [data-kjeks-action="decline_all"]');
  const { at, detail } = await changed;
  assert.ok(at - clickedAt < LIMIT_MS, `applied after ${at - clickedAt} ms`);
  assert.equal(detail.consent.analytics, false);
  assert.equal(detail.method, 'decline_all');
  await b.getByRole('dialog').waitFor({ state: 'detached' });
  assert.equal(await b.evaluate(() => localStorage.getItem('kjeks.aid')), null, 'the beacon id is deleted');
  const collected = ctx.collectRequests().length;
  await b.evaluate(() => history.pushState({}, '', '#after'));
  await b.waitForLoadState('networkidle');
  assert.equal(ctx.collectRequests().length, collected, 'the beacon in tab b sends nothing after withdrawal');
  assert.equal(await banner(b).count(), 0, 'a decline is a decision: no banner');
  await ctx.close();
});

test('the record removed in another tab (storage cleared): the banner asks again and the beacon stops', async () => {
  const { ctx, a, b } = await openTabs();
  const pageviewInB = b.waitForRequest((r) => r.url().endsWith('/api/collect'));
  await banner(a).locator('[data-kjeks-action="accept_all"]').click();
  await pageviewInB;
  const changed = nextChange(b);
  const clearedAt = await a.evaluate(() => { const at = Date.now(); localStorage.clear(); return at; });
  const { at, detail } = await changed;
  assert.ok(at - clearedAt < LIMIT_MS, `applied after ${at - clearedAt} ms`);
  assert.equal(detail.decided, false);
  assert.equal(detail.consent.analytics, false);
  await banner(b).waitFor({ state: 'visible' });
  await ctx.close();
});

test('a corrupt record written by another tab is no decision: the other tab stops analytics and asks', async () => {
  const { ctx, a, b } = await openTabs();
  const pageviewInB = b.waitForRequest((r) => r.url().endsWith('/api/collect'));
  await banner(a).locator('[data-kjeks-action="accept_all"]').click();
  await pageviewInB;
  const changed = nextChange(b);
  await a.evaluate(() => {
    const text = localStorage.getItem('kjeks.consent');
    localStorage.setItem('kjeks.consent', text.replace('"method":"accept_all"', '"method":"custom"'));
  });
  const { detail } = await changed;
  assert.equal(detail.consent.analytics, false);
  await banner(b).waitFor({ state: 'visible' });
  assert.equal(await b.evaluate(() => window.Kjeks.consent().analytics), false);
  assert.deepEqual(kjeksErrors(ctx.consoleErrors), []);
  await ctx.close();
});

// The start runs in two tasks (web/loader.js): the core decides, then the
// page gets the nodes. A decision from another tab that lands in between is
// carried out after the start's own commands, so the banner it closes does
// not come back.
test('a decision from another tab between the start\'s two tasks is applied after the start\'s own', async () => {
  const url = `${site.origin}/t/tabs`;
  const first = await openContext(site, { reducedMotion: 'reduce' });
  await servePage(first.context, url, pageHtml({ config: siteConfig() }));
  const page = await first.newPage();
  await page.goto(url);
  await waitForKjeks(page);
  await page.click('section.kjeks-banner [data-kjeks-action="accept_all"]');
  const key = 'kjeks.consent';  // the config's storageKey (the default's)
  const record = await page.evaluate((k) => localStorage.getItem(k), key);
  assert.ok(record, 'the consent record is stored');
  await first.close();

  const ctx = await openContext(site, { reducedMotion: 'reduce' });
  await servePage(ctx.context, url, pageHtml({ config: siteConfig() }));
  await ctx.context.addInitScript(({ key, record }) => {
    let startRead = false;
    const getItem = Storage.prototype.getItem;
    Storage.prototype.getItem = function (k) {
      if (k === key) startRead = true;
      return getItem.call(this, k);
    };
    const postTask = scheduler.postTask.bind(scheduler);
    scheduler.postTask = (fn, options) => {
      if (!startRead || window.otherTabDecided) return postTask(fn, options);
      window.otherTabDecided = 'posted';
      return postTask(() => {
        localStorage.setItem(key, record);
        window.dispatchEvent(new StorageEvent('storage', { key }));
        window.otherTabDecided = 'delivered';
        fn();
      }, options);
    };
  }, { key, record });
  const tab = await ctx.newPage();
  await tab.goto(url);
  const consent = await waitForKjeks(tab);
  assert.equal(await tab.evaluate(() => window.otherTabDecided), 'delivered');
  assert.equal(consent.analytics, true);
  assert.equal(await banner(tab).count(), 0, 'the banner stays closed');
  assert.equal(await tab.locator('footer [data-kjeks-view="icon"]').count(), 1);
  await ctx.close();
});
