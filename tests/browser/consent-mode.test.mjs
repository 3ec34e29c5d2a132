// Google Consent Mode v2: with consentMode enabled in the config,
// gtag('consent', 'default', {every type denied, wait_for_update}) is in
// dataLayer before anything Kjeks loads (the beacon, gated scripts such as
// gtag.js), and gtag('consent', 'update', …) follows each change and each
// page view with a stored choice. The mapping is configurable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, openContext, waitForKjeks, eventually } from './harness.mjs';
import { defaultConfig, fixturePage, serve, serveScript, pathOf } from './fixtures/ecosystem.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

const TYPES = ['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage',
  'functionality_storage', 'personalization_storage', 'security_storage'];
const consentTypes = (granted = []) => Object.fromEntries(TYPES.map((t) => [t, granted.includes(t) ? 'granted' : 'denied']));
const DEFAULT = ['consent', 'default', { ...consentTypes(), wait_for_update: 500 }];
const update = (...granted) => ['consent', 'update', consentTypes(granted)];

// A site that loads gtag.js through Kjeks (gated by analytics) and configures it inline.
const HEAD = `<script>window.dataLayer = window.dataLayer || []; function gtag() { dataLayer.push(arguments); }</script>
<script type="text/plain" data-kjeks-category="analytics" src="/fx/gtag.js"></script>
<script type="text/plain" data-kjeks-category="analytics">gtag('config', 'G-TEST');</script>`;
const BODY = '<iframe id="w" title="W" data-kjeks-category="external" data-kjeks-src="/fx/widget" data-kjeks-provider="Widget"></iframe>';
// gtag.js and the beacon record what dataLayer held when they ran.
const SNAPSHOT = 'window.dataLayer.map(function (e) { return Array.prototype.slice.call(e); })';

function config(consentMode) {
  const c = defaultConfig();
  c.beacon = { src: '/fx/beacon-probe.js', endpoint: '/api/collect', category: 'analytics' };
  if (consentMode) c.consentMode = consentMode;
  return c;
}

async function open(consentMode = { enabled: true }) {
  const ctx = await openContext(site);
  await serve(ctx, `${site.origin}/fx/consent-mode`, fixturePage({ config: config(consentMode), head: HEAD, body: BODY }));
  await serveScript(ctx, `${site.origin}/fx/gtag.js`, `window.__gtagSaw = ${SNAPSHOT}; dataLayer.push(['gtag.js ran']);`);
  await serveScript(ctx, `${site.origin}/fx/beacon-probe.js`, `window.__beaconSaw = ${SNAPSHOT};`);
  await serve(ctx, `${site.origin}/fx/widget`, '<!doctype html><title>widget</title>');
  const page = await ctx.newPage();
  await page.goto(`${site.origin}/fx/consent-mode`);
  await waitForKjeks(page);
  return { ctx, page };
}

// dataLayer as plain arrays, and whether each entry is an arguments object
// (what gtag.js expects; a plain array is not read as a command).
const dataLayer = (page) => page.evaluate(() => (window.dataLayer || []).map((e) => Array.prototype.slice.call(e)));
const argumentsKinds = (page) => page.evaluate(() => (window.dataLayer || [])
  .filter((e) => e[0] === 'consent').map((e) => Object.prototype.toString.call(e)));

async function clickBanner(page, action) {
  const banner = page.locator('section.kjeks-banner');
  await banner.waitFor({ state: 'visible' });
  await banner.locator(`[data-kjeks-action="${action}"]`).click();
  await banner.waitFor({ state: 'detached' });
}

test('first visit: only the default (every type denied, wait_for_update), as a gtag arguments object', async () => {
  const { ctx, page } = await open();
  await page.locator('section.kjeks-banner').waitFor({ state: 'visible' });
  await page.waitForLoadState('networkidle');
  assert.deepEqual(await dataLayer(page), [DEFAULT]);
  assert.deepEqual(await argumentsKinds(page), ['[object Arguments]']);
  assert.equal(ctx.requests.filter((r) => pathOf(r).startsWith('/fx/') && pathOf(r).endsWith('.js')).length, 0);
  await ctx.close();
});

test('Accept: default, then update, then gated gtag.js and its config; the beacon and gtag.js saw the default first', async () => {
  const { ctx, page } = await open();
  await clickBanner(page, 'accept_all');
  await eventually(async () => (await dataLayer(page)).some((e) => e[0] === 'config'), 'the gated config ran');
  await eventually(() => page.evaluate(() => !!window.__beaconSaw), 'the beacon ran');
  const entries = await dataLayer(page);
  assert.deepEqual(entries, [DEFAULT, update('analytics_storage'), ['gtag.js ran'], ['config', 'G-TEST']]);
  assert.deepEqual(await argumentsKinds(page), ['[object Arguments]', '[object Arguments]']);
  assert.deepEqual(await page.evaluate(() => window.__gtagSaw), [DEFAULT, update('analytics_storage')]);
  const beaconSaw = await page.evaluate(() => window.__beaconSaw);
  assert.deepEqual(beaconSaw.slice(0, 2), [DEFAULT, update('analytics_storage')]);

  // Every page view with a stored choice: default, then update, then the rest.
  await page.reload();
  await waitForKjeks(page);
  await eventually(async () => (await dataLayer(page)).some((e) => e[0] === 'config'), 'the gated config ran again');
  assert.deepEqual(await dataLayer(page), [DEFAULT, update('analytics_storage'), ['gtag.js ran'], ['config', 'G-TEST']]);

  // Each change: withdrawing pushes an update with everything denied.
  await page.evaluate(() => window.Kjeks.declineAll());
  const after = await dataLayer(page);
  assert.deepEqual(after.at(-1), update());
  assert.equal(after.filter((e) => e[0] === 'consent').length, 3);
  assert.deepEqual(ctx.pageErrors, []);
  await ctx.close();
});

test('Decline: default, then an update with everything denied; nothing gated runs', async () => {
  const { ctx, page } = await open();
  await clickBanner(page, 'decline_all');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(await dataLayer(page), [DEFAULT, update()]);
  await page.reload();
  await waitForKjeks(page);
  await page.waitForLoadState('networkidle');
  assert.deepEqual(await dataLayer(page), [DEFAULT, update()]);
  await ctx.close();
});

test('the category -> consent type mapping comes from the config', async () => {
  const { ctx, page } = await open({
    enabled: true,
    types: { analytics: ['analytics_storage'], external: ['ad_storage', 'ad_user_data', 'ad_personalization'] },
  });
  await page.getByRole('group', { name: 'Widget' }).getByRole('button').click();
  await eventually(async () => (await dataLayer(page)).length === 2, 'the update');
  assert.deepEqual(await dataLayer(page), [DEFAULT, update('ad_storage', 'ad_user_data', 'ad_personalization')]);
  await ctx.close();
});

test('without consentMode in the config, Kjeks writes nothing to dataLayer', async () => {
  const { ctx, page } = await open(null);
  await clickBanner(page, 'accept_all');
  await eventually(async () => (await dataLayer(page)).some((e) => e[0] === 'config'), 'the gated config ran');
  assert.deepEqual(await dataLayer(page), [['gtag.js ran'], ['config', 'G-TEST']]);
  await ctx.close();
});
