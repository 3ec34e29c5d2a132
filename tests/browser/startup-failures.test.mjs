// The runtime cannot start: the first-visit module kjeks.js carries, the
// core module kjeks-core.<lang>.js (the page's language) or kjeks-core.js
// (every language, for a JSON config) carries or the JSON config reader kjeks-json.js
// carries is corrupt or cut off, the compiled config cannot be read,
// WebAssembly is blocked by CSP or missing, compiling or instantiating fails,
// kjeks.js or kjeks-json.js is missing or cut off. The page keeps
// working, analytics never loads (not even when a site script calls
// Kjeks.acceptAll()), and one clear console error says why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startSite, openContext, waitForKjeks } from './harness.mjs';
import { pageHtml, servePage, siteConfig, kjeksErrors, openSession } from './fixtures/fail-closed.mjs';
import { encodeModuleText } from '../../wasm/module-text.js';

let site;
const files = {};
before(async () => {
  site = await startSite();
  for (const name of ['kjeks.js', 'kjeks-core.js', 'kjeks-core.en.js', 'kjeks-json.js']) {
    files[name] = await readFile(new URL(`../../dist/${name}`, import.meta.url), 'utf8');
  }
});
after(async () => { await site.close(); });

const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";
// kjeks-core.js and kjeks-json.js carry their modules as the base64 of their gzip, which begins
// with the gzip magic number (1f 8b 08: "H4sI"); kjeks.js carries its module
// as text (wasm/module-text.js), which begins with the wasm magic number's.
const MAGIC = '"H4sI';
const WASM_MAGIC = '"' + encodeModuleText(Uint8Array.of(0, 0x61, 0x73, 0x6d));

// The file with its embedded module changed by `change` (a function of the
// literal's text after the opening quote).
function withModule(name, magic, change) {
  return {
    file: name,
    route: (route) => {
      const bundle = files[name];
      const at = bundle.indexOf(magic);
      assert.ok(at > 0, `${name} carries the module`);
      let end = at + 1;
      while (bundle[end] !== '"') end += bundle[end] === '\\' ? 2 : 1;
      const literal = bundle.slice(at + 1, end);
      route.fulfill({ status: 200, contentType: 'text/javascript', body: bundle.slice(0, at + 1) + change(literal) + bundle.slice(end) });
    },
  };
}

// The module's first bytes made invalid, or the module cut off.
const corrupt = (literal) => 'X' + literal.slice(1);
const cutOff = (literal) => literal.slice(0, (literal.length >> 3) << 2);

// A page that gives its config as JSON, which kjeks-json.js reads.
const JSON_CONFIG = { config: siteConfig() };

// name -> { route for a file, init script, headers for the page, the page's options, expected error }
const FAILURES = {
  'the first-visit module in kjeks.js is corrupt': {
    ...withModule('kjeks.js', WASM_MAGIC, corrupt),
    error: /the WebAssembly core did not compile/,
  },
  'the first-visit module in kjeks.js is cut off': {
    ...withModule('kjeks.js', WASM_MAGIC, cutOff),
    error: /the WebAssembly core did not compile/,
  },
  'the core module in kjeks-core.en.js is corrupt': {
    ...withModule('kjeks-core.en.js', MAGIC, corrupt),
    error: /the WebAssembly core did not compile/,
  },
  'the core module in kjeks-core.en.js is cut off': {
    ...withModule('kjeks-core.en.js', MAGIC, cutOff),
    error: /the WebAssembly core did not compile/,
  },
  'the core module in kjeks-core.js is corrupt, on a page with a JSON config': {
    ...withModule('kjeks-core.js', MAGIC, corrupt),
    page: JSON_CONFIG,
    error: /the WebAssembly core did not compile/,
  },
  'the JSON config reader in kjeks-json.js is corrupt': {
    ...withModule('kjeks-json.js', MAGIC, corrupt),
    page: JSON_CONFIG,
    error: /the JSON config reader did not compile/,
  },
  'the JSON config reader in kjeks-json.js is cut off': {
    ...withModule('kjeks-json.js', MAGIC, cutOff),
    page: JSON_CONFIG,
    error: /the JSON config reader did not compile/,
  },
  'kjeks-json.js missing (404) on a page with a JSON config': {
    file: 'kjeks-json.js',
    route: (route) => route.fulfill({ status: 404, body: '' }),
    page: JSON_CONFIG,
    error: /kjeks-json\.js could not be loaded/,
  },
  'the compiled config in kjeks-core.en.js is of another version': {
    file: 'kjeks-core.en.js',
    route: (route) => {
      const body = files['kjeks-core.en.js'];
      assert.equal(body.split('KJEKS-CONFIG 1\\n').length, 2, 'kjeks-core.en.js carries one compiled config');
      route.fulfill({ status: 200, contentType: 'text/javascript', body: body.replace('KJEKS-CONFIG 1\\n', 'KJEKS-CONFIG 2\\n') });
    },
    error: /the compiled config cannot be read/,
  },
  'WebAssembly blocked by CSP (no wasm-unsafe-eval)': {
    headers: { 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'" },
    error: /the WebAssembly core did not compile/,
  },
  'no DecompressionStream (an old browser)': {
    init: () => { delete window.DecompressionStream; },
    error: /no DecompressionStream/,
  },
  'WebAssembly undefined (old browser)': {
    init: () => { delete window.WebAssembly; },
    error: /no (native wasm|WebAssembly) support/,
  },
  'compiling the first-visit module fails (out of memory)': {
    init: () => { WebAssembly.Module = function () { throw new WebAssembly.CompileError('Out of memory'); }; },
    error: /the WebAssembly core did not compile \(Out of memory\)/,
  },
  'WebAssembly.compile fails (out of memory)': {
    init: () => { WebAssembly.compile = () => Promise.reject(new RangeError('Out of memory')); },
    error: /the WebAssembly core did not compile \(Out of memory\)/,
  },
  'instantiating fails': {
    init: () => { WebAssembly.instantiate = () => Promise.reject(new Error('instantiate refused')); },
    error: /instantiate refused/,
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
        if (failure.route) await c.context.route(`${site.origin}/kjeks/${failure.file}`, failure.route);
        const url = `${site.origin}/t/startup-${encodeURIComponent(name)}`;
        await servePage(c.context, url, pageHtml(failure.page), failure.headers || {});
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

test('kjeks.js cut off (a syntax error): the page works, nothing optional loads', async () => {
  const ctx = await openContext(site);
  await ctx.context.route(`${site.origin}/kjeks/kjeks.js`, (route) => route.fulfill({
    status: 200, contentType: 'text/javascript', body: files['kjeks.js'].slice(0, files['kjeks.js'].length >> 1),
  }));
  const url = `${site.origin}/t/startup-cut`;
  await servePage(ctx.context, url, pageHtml());
  const page = await ctx.newPage();
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  assert.equal(await page.evaluate(() => typeof window.Kjeks), 'undefined');
  assert.equal(await page.locator('#content').textContent(), 'The page works.');
  assert.equal(ctx.requests.filter((r) => /\/kjeks-core(\.[a-z]+)?\.js$/.test(r.url)).length, 0);
  assert.equal(ctx.beaconRequests().length, 0);
  assert.equal(ctx.collectRequests().length, 0);
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

test('kjeks-core.en.js cut off (a syntax error): one clear error, no banner, nothing optional loads', async () => {
  const ctx = await openContext(site);
  const core = files['kjeks-core.en.js'];
  await ctx.context.route(`${site.origin}/kjeks/kjeks-core.en.js`, (route) => route.fulfill({
    status: 200, contentType: 'text/javascript', body: core.slice(0, core.length >> 1),
  }));
  const url = `${site.origin}/t/startup-core-cut`;
  await servePage(ctx.context, url, pageHtml());
  const page = await ctx.newPage();
  await page.goto(url);
  await expectOneStartError(ctx, page, /kjeks-core\.en\.js could not be loaded/);
  await expectPageWorksWithoutAnalytics(ctx, page);
  await ctx.close();
});
