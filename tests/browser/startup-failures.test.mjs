// The runtime cannot start (requirement 24): kjeks.wasm missing, served with
// the wrong type, corrupt or cut off, blocked by CSP, no WebAssembly at all.
// The page keeps working, analytics never loads (not even when a site script
// calls Kjeks.acceptAll()), and one clear console error says why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startSite, openContext, waitForKjeks } from './harness.mjs';
import { pageHtml, servePage, kjeksErrors, openSession } from './fixtures/fail-closed.mjs';

let site;
let wasm;
before(async () => {
  site = await startSite();
  wasm = await readFile(new URL('../../dist/kjeks.wasm', import.meta.url));
});
after(async () => { await site.close(); });

const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";

// name -> { setup(ctx) before the page opens, headers for the page, expected error }
const FAILURES = {
  'kjeks.wasm answers 404': {
    route: (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }),
    error: /kjeks\.wasm did not load/,
  },
  'kjeks.wasm served as text/plain': {
    route: (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: wasm }),
    error: /kjeks\.wasm did not load.*MIME/i,
  },
  'kjeks.wasm is corrupt': {
    route: (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('not wasm at all') }),
    error: /kjeks\.wasm did not load/,
  },
  'kjeks.wasm is cut off': {
    route: (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: wasm.subarray(0, wasm.length >> 1) }),
    error: /kjeks\.wasm did not load/,
  },
  'kjeks.wasm fails on the network': {
    route: (route) => route.abort('connectionreset'),
    error: /kjeks\.wasm did not load/,
  },
  'WebAssembly blocked by CSP (no wasm-unsafe-eval)': {
    headers: { 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'" },
    error: /kjeks\.wasm did not load/,
  },
  'WebAssembly undefined (old browser)': {
    init: () => { delete window.WebAssembly; },
    error: /no (native wasm|WebAssembly) support/,
  },
};

async function expectPageWorksWithoutAnalytics(ctx, page) {
  // A site script that accepts through the API gets a rejection, not analytics.
  const accepted = await page.evaluate(() => window.Kjeks.acceptAll().then(() => 'accepted', (e) => 'rejected: ' + e.message));
  assert.match(accepted, /^rejected: /);
  assert.equal(await page.locator('.kjeks-banner').count(), 0);
  assert.equal(await page.locator('script[src*="beacon"]').count(), 0);
  // The page itself works: its content is there.
  assert.equal(await page.locator('#content').textContent(), 'The page works.');
  await page.waitForLoadState('networkidle');
  assert.equal(ctx.beaconRequests().length, 0);
  assert.equal(ctx.collectRequests().length, 0);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
  assert.deepEqual(ctx.pageErrors, [], 'no uncaught exception');
}

async function expectOneStartError(ctx, page, pattern) {
  const result = await waitForKjeks(page);
  assert.ok(result.failed, 'Kjeks.ready rejects');
  const errors = kjeksErrors(ctx.consoleErrors);
  assert.equal(errors.length, 1, `one Kjeks console error, got:\n${errors.join('\n')}`);
  assert.match(errors[0], /^Kjeks could not start, so no optional cookies or analytics are used: /);
  assert.match(errors[0], pattern);
}

// The cases run on one page (a session): each gets its own routes, headers
// and a clean storage; init scripts cannot be taken back, so the case that
// needs one opens its own context.
test(`${Object.keys(FAILURES).length} ways the runtime cannot start: the page works, analytics never loads, one clear console error`, async (t) => {
  const session = await openSession(site, openContext);
  const { ctx, page } = session;
  try {
    for (const [name, failure] of Object.entries(FAILURES)) {
      // A runtime that neither starts nor reports failing would leave Kjeks.ready pending.
      await t.test(name, { timeout: 30000 }, async () => {
        let own = null;
        if (failure.init) {
          own = await openContext(site);
          await own.context.addInitScript(failure.init);
        } else {
          await session.reset();
        }
        const c = own || ctx;
        const p = own ? await own.newPage() : page;
        if (failure.route) await c.context.route(`${site.origin}/kjeks/kjeks.wasm`, failure.route);
        const url = `${site.origin}/t/startup-${encodeURIComponent(name)}`;
        await servePage(c.context, url, pageHtml(), failure.headers || {});
        await p.goto(url);
        await expectOneStartError(c, p, failure.error);
        await expectPageWorksWithoutAnalytics(c, p);
        assert.equal(kjeksErrors(c.consoleErrors).length, 1, 'still one error after the API call');
        if (own) await own.close();
      });
    }
  } finally {
    await session.close();
  }
});

test('kjeks.js itself missing (404): the page works, nothing optional loads', async () => {
  const ctx = await openContext(site);
  await ctx.context.route(`${site.origin}/kjeks/kjeks.js`, (route) => route.fulfill({ status: 404, body: '' }));
  const url = `${site.origin}/t/startup`;
  await servePage(ctx.context, url, pageHtml());
  const page = await ctx.newPage();
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  assert.equal(await page.evaluate(() => typeof window.Kjeks), 'undefined');
  await page.locator('#next').click();
  await page.waitForURL(/\/t\/next$/);
  assert.equal(ctx.beaconRequests().length, 0);
  assert.equal(ctx.collectRequests().length, 0);
  assert.deepEqual(ctx.pageErrors, []);
  await ctx.close();
});

test('the same page with a working runtime shows the banner and logs nothing (control)', async () => {
  const ctx = await openContext(site);
  const url = `${site.origin}/t/startup`;
  await servePage(ctx.context, url, pageHtml(), { 'content-security-policy': STRICT });
  const page = await ctx.newPage();
  await page.goto(url);
  const result = await waitForKjeks(page);
  assert.equal(result.failed, undefined);
  await page.locator('.kjeks-banner').waitFor({ state: 'visible' });
  assert.deepEqual(kjeksErrors(ctx.consoleErrors), []);
  await ctx.close();
});
