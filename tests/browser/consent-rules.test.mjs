// The consent rules not shown elsewhere: nothing
// pre-ticked and no legitimate-interest switch; each purpose on its own;
// controller, purposes, storage and withdrawal visible before choosing; no
// cookie wall; withdrawal one click in settings, the icon on every page; the
// record's fields and no IP or fingerprint; a lost record is no consent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, openContext, waitForKjeks, eventually } from './harness.mjs';
import { pageHtml, servePage, siteConfig } from './fixtures/fail-closed.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

// Three optional purposes, each with its storage, and a consent log.
function config() {
  const c = siteConfig({ consentLog: { endpoint: '/api/consent' } });
  c.categories.push(
    { id: 'external', title: 'External content', description: 'Booking widget by Timebok.',
      storage: [{ name: 'tb_session', kind: 'cookie', purpose: 'Timebok session', duration: '1 day' }] },
    { id: 'preferences', title: 'Preferences', description: 'Remembers your layout.',
      storage: [{ name: 'layout', kind: 'sessionStorage', purpose: 'Layout choice', duration: 'Session' }] },
  );
  return c;
}

async function open(path = '/t/rules') {
  const ctx = await openContext(site, { reducedMotion: 'reduce' });
  for (const p of ['/t/rules', '/t/other']) await servePage(ctx.context, site.origin + p, pageHtml({ config: config() }));
  const page = await ctx.newPage();
  await page.goto(site.origin + path);
  await waitForKjeks(page);
  return { ctx, page };
}

async function openSettingsFromBanner(page) {
  await page.locator('section.kjeks-banner [data-kjeks-action="open_settings"]').click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ state: 'visible' });
  return dialog;
}

const record = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('kjeks.consent')));

test('settings before any choice: only necessary is on and locked, nothing else pre-ticked, no legitimate-interest switch', async () => {
  const { ctx, page } = await open();
  const dialog = await openSettingsFromBanner(page);
  const switches = await dialog.locator('input[role="switch"]').evaluateAll((els) => els.map((el) => ({
    id: el.getAttribute('data-kjeks-category'), checked: el.checked, disabled: el.disabled,
  })));
  assert.deepEqual(switches, [
    { id: 'necessary', checked: true, disabled: true },
    { id: 'analytics', checked: false, disabled: false },
    { id: 'external', checked: false, disabled: false },
    { id: 'preferences', checked: false, disabled: false },
  ]);
  assert.equal(await dialog.locator('input[type="checkbox"]').count(), 4, 'one switch per purpose, nothing else');
  assert.doesNotMatch(await dialog.textContent(), /legitimate interest|berettiget interesse|object to/i);
  assert.equal(await page.evaluate(() => localStorage.getItem('kjeks.consent')), null, 'opening settings decides nothing');
  await ctx.close();
});

test('each optional purpose is chosen on its own', async () => {
  const { ctx, page } = await open();
  const dialog = await openSettingsFromBanner(page);
  await dialog.locator('label[for="kjeks-toggle-external"]').click();
  await dialog.locator('[data-kjeks-action="save"]').click();
  await dialog.waitFor({ state: 'detached' });
  const first = await record(page);
  assert.deepEqual(first.choices, { analytics: false, external: true, necessary: true, preferences: false });
  assert.equal(first.method, 'custom');
  assert.deepEqual(await page.evaluate(() => window.Kjeks.consent()),
    { necessary: true, analytics: false, external: true, preferences: false });
  assert.equal(ctx.beaconRequests().length, 0, 'external alone does not start analytics');

  await page.locator('footer [data-kjeks-view="icon"]').click();
  await dialog.locator('label[for="kjeks-toggle-external"]').click();
  await dialog.locator('label[for="kjeks-toggle-preferences"]').click();
  await dialog.locator('[data-kjeks-action="save"]').click();
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual((await record(page)).choices, { analytics: false, external: false, necessary: true, preferences: true });
  await ctx.close();
});

test('before choosing, settings show the controller, each purpose, every storage item with purpose, duration and kind, and how to withdraw', async () => {
  const { ctx, page } = await open();
  const c = config();
  const dialog = await openSettingsFromBanner(page);
  const controller = await dialog.locator('.kjeks-dialog__controller').textContent();
  for (const part of [c.controller.name, c.controller.email, c.controller.phone]) assert.ok(controller.includes(part), part);
  assert.match(await dialog.locator('.kjeks-dialog__withdraw').textContent(), /withdraw/i);
  const en = (v) => (typeof v === 'string' ? v : v.en);
  for (const category of c.categories) {
    const section = dialog.locator('section.kjeks-category', { has: page.locator(`#kjeks-cat-${category.id}-title`) });
    assert.equal(await section.locator('h3').textContent(), en(category.title));
    assert.equal(await section.locator('.kjeks-category__desc').textContent(), en(category.description));
    const rows = await section.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
    const kinds = { cookie: 'Cookie', localStorage: 'Local storage', sessionStorage: 'Session storage' };
    assert.equal(rows.length, category.storage.length, category.id);
    category.storage.forEach((item, i) => {
      assert.equal(rows[i][0], item.name);
      assert.equal(rows[i][1], en(item.purpose));
      assert.equal(rows[i][2], en(item.duration));
      assert.match(rows[i][3], new RegExp(kinds[item.kind].split(' ')[0], 'i'));
    });
  }
  await ctx.close();
});

test('no cookie wall: with the banner open and after Decline the page scrolls, its links work, nothing is inert', async () => {
  const { ctx, page } = await open();
  const wall = () => page.evaluate(() => ({
    inert: document.querySelectorAll('[inert]').length,
    overflow: [getComputedStyle(document.documentElement).overflow, getComputedStyle(document.body).overflow],
  }));
  assert.deepEqual(await wall(), { inert: 0, overflow: ['visible', 'visible'] });
  await page.locator('section.kjeks-banner [data-kjeks-action="decline_all"]').click();
  await page.locator('section.kjeks-banner').waitFor({ state: 'detached' });
  assert.deepEqual(await wall(), { inert: 0, overflow: ['visible', 'visible'] });
  assert.equal(await page.locator('.kjeks-overlay').count(), 0);
  await page.locator('#next').click();
  await page.waitForURL(/\/t\/next$/);
  await ctx.close();
});

test('withdrawal: the icon is on every page, opens settings, and Decline all there is one click, like Accept all', async () => {
  const { ctx, page } = await open();
  await page.locator('section.kjeks-banner [data-kjeks-action="accept_all"]').click();
  await page.goto(`${site.origin}/t/other`);
  await waitForKjeks(page);
  const icon = page.locator('footer [data-kjeks-view="icon"]');
  assert.equal(await icon.count(), 1);
  await icon.click();
  await page.getByRole('dialog').locator('[data-kjeks-action="decline_all"]').click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.equal((await record(page)).method, 'decline_all');
  assert.equal(await page.evaluate(() => window.Kjeks.consent().analytics), false);
  // Every demo page has the icon too.
  for (const path of ['/', '/tjenester/', '/informasjonskapsler/', '/en/', '/en/services/', '/en/cookies/']) {
    await page.goto(site.origin + path);
    await waitForKjeks(page);
    assert.equal(await page.locator('[data-kjeks-view="icon"]').count(), 1, path);
  }
  await ctx.close();
});

test('the record: random id, timestamps, revision, language, every category, method; no IP address or fingerprint is sent', async () => {
  const { ctx, page } = await open();
  const proofs = site.proofs.length;
  const pageviews = site.pageviews.length;
  const before = Date.now();
  await page.locator('section.kjeks-banner [data-kjeks-action="accept_all"]').click();
  const stored = await record(page);
  assert.match(stored.id, /^[0-9a-f]{32}$/);
  assert.ok(stored.given >= before - 1000 && stored.given <= Date.now() + 1000);
  assert.equal(stored.updated, stored.given);
  assert.equal(stored.rev, 'test-1');
  assert.equal(stored.lang, 'en');
  assert.deepEqual(stored.choices, { analytics: true, external: true, necessary: true, preferences: true });
  assert.equal(stored.method, 'accept_all');
  // Another visitor gets another id.
  const other = await open();
  await other.page.locator('section.kjeks-banner [data-kjeks-action="accept_all"]').click();
  assert.notEqual((await record(other.page)).id, stored.id);
  await other.ctx.close();

  await eventually(() => site.proofs.length > proofs && site.pageviews.length > pageviews, 'proof and pageview arrived');
  const proof = site.proofs[proofs];
  assert.deepEqual(Object.keys(proof).sort(),
    ['choices', 'consentId', 'givenAt', 'gpc', 'language', 'method', 'revision', 'schema', 'updatedAt']);
  assert.equal(proof.consentId, stored.id);
  assert.deepEqual(Object.keys(site.pageviews[pageviews]).sort(), ['id', 'path', 'referrer', 'screen', 'type']);
  // Only Kjeks's own files, the beacon, its endpoint and the consent log were requested.
  const paths = new Set(ctx.requests.map((r) => new URL(r.url).pathname));
  for (const path of paths) {
    assert.match(path, /^\/(t\/rules|kjeks\/(kjeks\.js|kjeks-core(\.[a-z]+)?\.js|kjeks-json\.js|kjeks\.css|beacon\.js)|api\/(collect|consent))$/, path);
  }
  await ctx.close();
});

test('a lost record (storage deleted, as Safari does after 7 days) is never consent: the banner asks again', async () => {
  const { ctx, page } = await open();
  await page.locator('section.kjeks-banner [data-kjeks-action="accept_all"]').click();
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  assert.equal((await waitForKjeks(page)).analytics, false);
  await page.locator('section.kjeks-banner').waitFor({ state: 'visible' });
  assert.equal(await page.locator('script[src$="/beacon.js"]').count(), 0);
  await ctx.close();
});
