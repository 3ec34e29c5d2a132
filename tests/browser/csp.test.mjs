// Strict Content Security Policy: Kjeks works under
// default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self';
// connect-src 'self' with zero violations; the nonce of the Kjeks tag goes to
// the beacon script it injects; an integrity value from the config is set on it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { startSite, openContext, waitForKjeks } from './harness.mjs';
import { pageHtml, servePage, siteConfig, kjeksErrors } from './fixtures/fail-closed.mjs';

let site;
let beaconIntegrity;
before(async () => {
  site = await startSite();
  const beacon = await readFile(new URL('../../dist/beacon.js', import.meta.url));
  beaconIntegrity = 'sha384-' + createHash('sha384').update(beacon).digest('base64');
});
after(async () => { await site.close(); });

const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";
const NONCE = 'k7Qw2ZpX9rT4sV1y';
const NONCE_ONLY = `default-src 'self'; script-src 'nonce-${NONCE}' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'`;

// A page under the given policy; every securitypolicyviolation is recorded.
async function open({ csp, config = siteConfig(), tag = '' }) {
  const ctx = await openContext(site, { reducedMotion: 'reduce' });
  await ctx.context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const url = `${site.origin}/t/csp`;
  await servePage(ctx.context, url, pageHtml({ config, tag }), { 'content-security-policy': csp });
  const page = await ctx.newPage();
  await page.goto(url);
  const consent = await waitForKjeks(page);
  return { ctx, page, consent };
}

const violations = (page) => page.evaluate(() => window.__violations);
const cspMessages = (ctx) => ctx.consoleErrors.filter((text) => /Content Security Policy/i.test(text));

test('the whole journey under a strict CSP: zero violations', async () => {
  const config = siteConfig({ consentLog: { endpoint: '/api/consent' } });
  const { ctx, page, consent } = await open({ csp: STRICT, config });
  assert.equal(consent.analytics, false);
  const banner = page.locator('section.kjeks-banner');
  await banner.waitFor({ state: 'visible' });
  // Kjeks's stylesheet applied (a blocked one would leave the banner unstyled).
  assert.equal(await banner.evaluate((el) => getComputedStyle(el).position), 'fixed');

  await banner.locator('[data-kjeks-action="open_settings"]').click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ state: 'visible' });
  await dialog.locator('label[for="kjeks-toggle-analytics"]').click();
  const pageview = page.waitForRequest((r) => r.url().endsWith('/api/collect'));
  const proof = page.waitForRequest((r) => r.url().endsWith('/api/consent'));
  await dialog.locator('[data-kjeks-action="save"]').click();
  await dialog.waitFor({ state: 'detached' });
  await Promise.all([pageview, proof]);
  assert.equal(await page.evaluate(() => typeof window.KjeksBeacon), 'object');

  // Withdraw from the footer icon, then accept again.
  await page.locator('footer [data-kjeks-view="icon"]').click();
  await dialog.locator('[data-kjeks-action="decline_all"]').click();
  await dialog.waitFor({ state: 'detached' });
  await page.locator('footer [data-kjeks-view="icon"]').click();
  await dialog.locator('[data-kjeks-action="accept_all"]').click();
  await dialog.waitFor({ state: 'detached' });
  await page.waitForLoadState('networkidle');

  assert.deepEqual(await violations(page), []);
  assert.deepEqual(cspMessages(ctx), []);
  assert.deepEqual(kjeksErrors(ctx.consoleErrors), []);
  assert.deepEqual(ctx.pageErrors, []);
  await ctx.close();
});

test('a nonce-only script-src: the nonce of the Kjeks tag is given to the beacon, which runs', async () => {
  const { ctx, page } = await open({ csp: NONCE_ONLY, tag: `nonce="${NONCE}"` });
  const pageview = page.waitForRequest((r) => r.url().endsWith('/api/collect'));
  await page.locator('section.kjeks-banner [data-kjeks-action="accept_all"]').click();
  await pageview;
  const beacon = page.locator('script[src$="/beacon.js"]');
  assert.equal(await beacon.evaluate((el) => el.nonce), NONCE);
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(cspMessages(ctx), []);
  await ctx.close();
});

test('a nonce-only script-src and a Kjeks tag without the nonce: Kjeks is blocked, nothing optional runs (control)', async () => {
  const { ctx, page } = await (async () => {
    const c = await openContext(site);
    const url = `${site.origin}/t/csp`;
    await servePage(c.context, url, pageHtml({ config: siteConfig() }), { 'content-security-policy': NONCE_ONLY });
    const p = await c.newPage();
    await p.goto(url);
    await p.waitForLoadState('networkidle');
    return { ctx: c, page: p };
  })();
  assert.equal(await page.evaluate(() => typeof window.Kjeks), 'undefined');
  assert.equal(ctx.beaconRequests().length, 0);
  assert.equal(cspMessages(ctx).length, 1);
  await ctx.close();
});

test('an integrity value from the config is set on the beacon script, which runs when it matches', async () => {
  const config = siteConfig({ beacon: { src: 'beacon.js', integrity: beaconIntegrity } });
  const { ctx, page } = await open({ csp: STRICT, config });
  const pageview = page.waitForRequest((r) => r.url().endsWith('/api/collect'));
  await page.locator('section.kjeks-banner [data-kjeks-action="accept_all"]').click();
  await pageview;
  const beacon = page.locator('script[src$="/beacon.js"]');
  assert.equal(await beacon.getAttribute('integrity'), beaconIntegrity);
  assert.equal(await beacon.getAttribute('crossorigin'), 'anonymous');
  assert.deepEqual(await violations(page), []);
  await ctx.close();
});

test('a beacon that does not match its integrity value is not run', async () => {
  const wrong = 'sha384-' + createHash('sha384').update('something else').digest('base64');
  const config = siteConfig({ beacon: { src: 'beacon.js', integrity: wrong } });
  const { ctx, page } = await open({ csp: STRICT, config });
  const blocked = page.waitForEvent('console', (m) => m.type() === 'error' && /integrity/i.test(m.text()));
  await page.locator('section.kjeks-banner [data-kjeks-action="accept_all"]').click();
  await blocked;
  assert.equal(await page.locator('script[src$="/beacon.js"]').getAttribute('integrity'), wrong);
  await page.waitForLoadState('networkidle');
  assert.equal(await page.evaluate(() => typeof window.KjeksBeacon), 'undefined');
  assert.equal(ctx.collectRequests().length, 0);
  await ctx.close();
});
