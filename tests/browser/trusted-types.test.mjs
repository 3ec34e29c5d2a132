// Trusted Types: on a page that enforces them, Kjeks injects the beacon and
// runs gated scripts through its own policy, named 'kjeks', with zero
// violations, whether the policy lists `trusted-types kjeks` or names no
// policies at all; a page whose policy does not allow 'kjeks' gets a clear
// error and nothing optional runs; the page's own untrusted assignments stay
// blocked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, openContext, waitForKjeks, eventually } from './harness.mjs';
import { pageHtml, servePage, siteConfig, kjeksErrors } from './fixtures/fail-closed.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

const NONCE = 'tT9xQ2mV7pL4sK1z';
const BASE = `default-src 'self'; script-src 'self' 'nonce-${NONCE}' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'`;
const ENFORCED = `${BASE}; require-trusted-types-for 'script'`;
const KJEKS_ONLY = `${ENFORCED}; trusted-types kjeks`;
const OTHER_ONLY = `${ENFORCED}; trusted-types other`;

// A gated inline script (with the page's nonce, as a strict CSP needs) and a
// gated external one.
const GATED = `<script type="text/plain" data-kjeks-category="analytics" nonce="${NONCE}">window.gatedInlineRan = true;</script>\n` +
  '<script type="text/plain" data-kjeks-category="analytics" src="/kjeks/gated-probe.js"></script>\n';

async function open(csp) {
  const ctx = await openContext(site, { reducedMotion: 'reduce' });
  await ctx.context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  await ctx.context.route(`${site.origin}/kjeks/gated-probe.js`, (route) => route.fulfill({
    status: 200, contentType: 'text/javascript', body: 'window.gatedExternalRan = true;',
  }));
  const url = `${site.origin}/t/trusted-types`;
  await servePage(ctx.context, url, pageHtml({ config: siteConfig(), body: GATED }), { 'content-security-policy': csp });
  const page = await ctx.newPage();
  await page.goto(url);
  const consent = await waitForKjeks(page);
  return { ctx, page, consent };
}

const violations = (page) => page.evaluate(() => window.__violations);

for (const [name, csp] of [['require-trusted-types-for alone', ENFORCED], ['with trusted-types kjeks', KJEKS_ONLY]]) {
  test(`Trusted Types enforced (${name}): Accept loads the beacon and runs gated scripts, zero violations`, async () => {
    const { ctx, page, consent } = await open(csp);
    assert.equal(consent.analytics, false);
    assert.equal(await page.evaluate(() => typeof window.trustedTypes), 'object');
    const pageview = page.waitForRequest((r) => r.url().endsWith('/api/collect'));
    await page.getByRole('button', { name: 'Accept all' }).first().click();
    await pageview;
    await eventually(() => page.evaluate(() => window.gatedInlineRan === true && window.gatedExternalRan === true),
      'both gated scripts ran');
    assert.equal(await page.evaluate(() => typeof window.KjeksBeacon), 'object');
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(kjeksErrors(ctx.consoleErrors), []);
    assert.deepEqual(ctx.pageErrors, []);

    // What the page itself assigns without a policy stays blocked.
    const blocked = await page.evaluate(() => {
      try {
        document.createElement('script').src = '/kjeks/beacon.js';
        return false;
      } catch (e) {
        return e instanceof TypeError;
      }
    });
    assert.equal(blocked, true);
    await ctx.close();
  });
}

test('a policy that does not allow "kjeks": a clear error, nothing optional runs', async () => {
  const { ctx, page } = await open(OTHER_ONLY);
  await page.getByRole('button', { name: 'Accept all' }).first().click();
  await eventually(() => kjeksErrors(ctx.consoleErrors).some((text) => /Trusted Types policy 'kjeks'/.test(text)),
    'Kjeks says why the beacon cannot run');
  await page.waitForLoadState('networkidle');
  assert.equal(ctx.beaconRequests().length, 0);
  assert.equal(ctx.collectRequests().length, 0);
  assert.equal(await page.evaluate(() => window.gatedInlineRan === true || window.gatedExternalRan === true), false);
  // The choice itself still holds and the banner is gone: the page works.
  assert.equal(await page.locator('section.kjeks-banner').count(), 0);
  await ctx.close();
});
