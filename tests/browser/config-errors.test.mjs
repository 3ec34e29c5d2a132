// A broken site config: one clear console error naming the problem
// and its JSON path, no crash, analytics off; where only texts are broken,
// the site config is kept and the banner works with default texts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, openContext, waitForKjeks, eventually } from './harness.mjs';
import { pageHtml, servePage, siteConfig, kjeksErrors, openSession } from './fixtures/fail-closed.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

const cfg = siteConfig;
const withCategory = (index, patch) => {
  const config = cfg();
  config.categories[index] = { ...config.categories[index], ...patch };
  return config;
};
const withStorage = (patch) => {
  const config = cfg();
  config.categories[1].storage[0] = { ...config.categories[1].storage[0], ...patch };
  return config;
};
const withTexts = (texts) => cfg({ texts });
const deep = (depth) => '['.repeat(depth) + ']'.repeat(depth);

// Errors that make Kjeks fall back to its default config with loading
// disabled: [name, config (object or raw text), expected "path: message"].
const STRUCTURAL = [
  ['invalid JSON (cut off)', '{"revision": "r1", "categories": [', /\(root\): invalid JSON near byte \d+/],
  ['invalid JSON (trailing comma)', JSON.stringify(cfg()).replace(/}$/, ',}'), /\(root\): invalid JSON near byte \d+/],
  ['not an object', '["revision", "r1"]', /\(root\): expected an object/],
  ['a lone surrogate escape', JSON.stringify(cfg()).replace('"test-1"', '"test-1\\ud800"'), /\(root\): invalid JSON near byte \d+/],
  ['empty object', '{}', /revision: missing/],
  ['revision of the wrong type', cfg({ revision: 42 }), /revision: expected a string/],
  ['revision with a space', cfg({ revision: '2026 05' }), /revision: expected 1-64 characters/],
  ['expiryDays as a string', cfg({ expiryDays: '182' }), /expiryDays: expected an integer/],
  ['expiryDays out of range', cfg({ expiryDays: 9999 }), /expiryDays: out of range \(1-400\)/],
  ['unknown language', cfg({ defaultLanguage: 'de' }), /defaultLanguage: not a configured language/],
  ['bad storage key', cfg({ storageKey: 'my key!' }), /storageKey: expected 1-64 characters/],
  ['unknown top-level key', cfg({ tracking: true }), /tracking: unknown key/],
  ['category id not a token', withCategory(1, { id: 'ad tracking' }), /categories\[1\]\.id: expected 1-64 characters/],
  ['open category without a title', withCategory(1, { id: 'chat', title: undefined }), /categories\[1\]\.title: missing/],
  ['first category not necessary', { ...cfg(), categories: [cfg().categories[1]] },
    /categories\[0\]\.id: the first category must be necessary/],
  ['duplicate category', { ...cfg(), categories: [...cfg().categories, cfg().categories[1]] },
    /categories\[2\]\.id: duplicate category/],
  ['categories not an array', cfg({ categories: { necessary: {} } }), /categories: expected an array/],
  ['category title missing', withCategory(1, { title: undefined }), /categories\[1\]\.title: missing/],
  ['optional category marked required', withCategory(1, { required: true }),
    /categories\[1\]\.required: only necessary can be required/],
  ['storage duration of the wrong type', withStorage({ duration: 182 }),
    /categories\[1\]\.storage\[0\]\.duration: expected a string/],
  ['unknown storage kind', withStorage({ kind: 'indexedDB' }),
    /categories\[1\]\.storage\[0\]\.kind: expected cookie, localStorage or sessionStorage/],
  ['javascript: policy URL', cfg({ policyUrl: 'javascript:alert(1)' }), /policyUrl: not a safe URL/],
  ['data: policy URL in one language', cfg({ policyUrl: { nb: '/p', en: 'data:text/html,<b>x</b>' } }),
    /policyUrl\.en: not a safe URL/],
  ['javascript: beacon src', cfg({ beacon: { src: 'javascript:alert(1)' } }), /beacon\.src: not a safe URL/],
  ['ftp: beacon endpoint', cfg({ beacon: { src: 'beacon.js', endpoint: 'ftp://example.com/c' } }),
    /beacon\.endpoint: not a safe URL/],
  ['bad integrity value', cfg({ beacon: { src: 'beacon.js', integrity: 'md5-abc' } }),
    /beacon\.integrity: expected sha256-, sha384- or sha512-/],
  ['beacon for an unconfigured category', cfg({ beacon: { src: 'beacon.js', category: 'marketing' } }),
    /beacon\.category: not an optional configured category/],
  ['consent log endpoint without host', cfg({ consentLog: { endpoint: 'https://' } }),
    /consentLog\.endpoint: not a safe URL/],
  ['controller without name', cfg({ controller: { email: 'a@example.no' } }), /controller\.name: missing/],
  ['bad controller e-mail', cfg({ controller: { name: 'X', email: 'not-an-address' } }),
    /controller\.email: not a valid e-mail address/],
  ['gpc.respect not a boolean', cfg({ gpc: { respect: 'yes' } }), /gpc\.respect: expected a boolean/],
  ['unknown consent mode type', cfg({ consentMode: { enabled: true, types: { analytics: ['tracking_storage'] } } }),
    /consentMode\.types\.analytics\[0\]: unknown consent type/],
  ['duplicate key', JSON.stringify(cfg()).replace('{', '{"revision":"other",'), /revision: duplicate key/],
  ['nested too deeply', JSON.stringify(cfg()).replace(/}$/, `,"extra":${deep(40)}}`), /\(root\): nested too deeply/],
  ['config too large', JSON.stringify(cfg({ controller: { name: 'x'.repeat(300 * 1024) } })), /\(root\): config too large/],
];

// Errors in texts only: the site config is kept (its beacon still works after
// Accept), the broken texts come from the default.
const TEXT_ONLY = [
  ['empty banner title', withTexts({ en: { 'banner.title': '' } }), /texts\.en\.banner\.title: must not be empty/,
    { title: 'We use cookies' }],
  ['unknown text key', withTexts({ en: { 'banner.titel': 'Cookies!' } }), /texts\.en\.banner\.titel: unknown key/],
  ['added language missing text keys', withTexts({ de: { 'banner.title': 'Kekse' } }),
    /texts\.de: missing key banner\.body/, { title: 'We use cookies' }],
  ['text language not a language tag', withTexts({ 'de-AT': { 'banner.title': 'Kekse' } }),
    /texts\.de-AT: expected a language/],
  ['text of the wrong type', withTexts({ en: { 'banner.accept': 5 } }), /texts\.en\.banner\.accept: expected a string/,
    { accept: 'Accept all' }],
  ['embed text without {provider}', withTexts({ en: { 'embed.text': 'Load it' } }),
    /texts\.en\.embed\.text: must contain \{provider\}/],
  ['category title missing a language', withCategory(1, { title: { nb: 'Analyse' } }),
    /categories\[1\]\.title\.en: missing/],
];

async function openWithConfig(config, { tag = '' } = {}) {
  const ctx = await openContext(site);
  const url = `${site.origin}/t/config`;
  await servePage(ctx.context, url, pageHtml({ config, tag }));
  const page = await ctx.newPage();
  await page.goto(url);
  const consent = await waitForKjeks(page);
  return { ctx, page, consent };
}

async function acceptFromBanner(page) {
  const banner = page.locator('section.kjeks-banner');
  await banner.waitFor({ state: 'visible' });
  const changed = page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('kjeks:change', (e) => resolve(e.detail), { once: true });
  }));
  await banner.locator('[data-kjeks-action="accept_all"]').click();
  await banner.waitFor({ state: 'detached' });
  return changed;
}

async function expectOneError(ctx, pattern) {
  await eventually(() => kjeksErrors(ctx.consoleErrors).length > 0, 'a Kjeks console error');
  const errors = kjeksErrors(ctx.consoleErrors);
  assert.equal(errors.length, 1, `exactly one Kjeks console error, got:\n${errors.join('\n')}`);
  assert.match(errors[0], pattern);
  return errors[0];
}

// The cases of a table run as subtests on one page (a new page costs ~300 ms);
// the session clears storage, routes and logs before each.
async function eachCase(t, cases, run) {
  const session = await openSession(site, openContext, { reducedMotion: 'reduce' });
  try {
    for (const entry of cases) {
      await t.test(entry[0], async () => {
        await session.reset();
        await run(session, ...entry.slice(1));
      });
    }
  } finally {
    await session.close();
  }
}

test(`${STRUCTURAL.length} broken configs: one error with the path, banner works, analytics never loads`, async (t) => {
  await eachCase(t, STRUCTURAL, async ({ ctx, page, visit }, config, pattern) => {
    await visit(pageHtml({ config }));
    const consent = await waitForKjeks(page);
    assert.equal(consent.analytics, false);
    const error = await expectOneError(ctx, pattern);
    assert.match(error, /analytics stays off/i);
    // The default texts (English page) stand in for the broken config.
    assert.equal(await page.locator('#kjeks-banner-title').textContent(), 'We use cookies');
    const change = await acceptFromBanner(page);
    assert.equal(change.consent.analytics, false, 'the page is never told analytics is on');
    assert.equal(await page.evaluate(() => window.Kjeks.consent().analytics), false);
    // Effects run in the click's task: a beacon would be in the DOM by now.
    assert.equal(await page.locator('script[src*="beacon"]').count(), 0);
    assert.equal(await page.evaluate(() => window.KjeksBeacon), undefined);
    assert.equal(ctx.beaconRequests().length, 0);
    assert.equal(ctx.collectRequests().length, 0);
    assert.equal(await page.locator('#content').textContent(), 'The page works.');
    assert.deepEqual(ctx.pageErrors, []);
    assert.equal(kjeksErrors(ctx.consoleErrors).length, 1);
  });
});

test(`${TEXT_ONLY.length} configs with text errors only: one error with the path, site config kept, banner works`, async (t) => {
  await eachCase(t, TEXT_ONLY, async ({ ctx, page, visit }, config, pattern, expect = {}) => {
    await visit(pageHtml({ config }));
    await waitForKjeks(page);
    const error = await expectOneError(ctx, pattern);
    assert.match(error, /default texts/i);
    assert.doesNotMatch(error, /analytics stays off/i);
    const banner = page.locator('section.kjeks-banner');
    await banner.waitFor({ state: 'visible' });
    if (expect.title) assert.equal(await page.locator('#kjeks-banner-title').textContent(), expect.title);
    if (expect.accept) {
      assert.equal(await banner.locator('[data-kjeks-action="accept_all"]').textContent(), expect.accept);
    }
    // The site's own controller is shown: the site config is in use.
    await banner.locator('[data-kjeks-action="open_settings"]').click();
    await page.getByRole('dialog').waitFor({ state: 'visible' });
    assert.match(await page.getByRole('dialog').textContent(), /Test Site AS/);
    await page.getByRole('dialog').locator('[data-kjeks-action="close"]').click();
    const pageview = page.waitForRequest((r) => r.url().endsWith('/api/collect'));
    const change = await acceptFromBanner(page);
    assert.equal(change.consent.analytics, true);
    await pageview;
    assert.equal(ctx.beaconRequests().length, 1);
    assert.deepEqual(ctx.pageErrors, []);
  });
});

test('config URL that does not load (404): one error naming the URL, banner works, analytics never loads', async () => {
  const ctx = await openContext(site);
  const url = `${site.origin}/t/config-url`;
  await servePage(ctx.context, url, pageHtml({ tag: 'data-config="/missing-kjeks-config.json"' }));
  const page = await ctx.newPage();
  await page.goto(url);
  await waitForKjeks(page);
  const error = await expectOneError(ctx, /missing-kjeks-config\.json.*HTTP 404/);
  assert.match(error, /analytics (stays )?off/i);
  await acceptFromBanner(page);
  await page.waitForLoadState('networkidle');
  assert.equal(ctx.beaconRequests().length, 0);
  assert.equal(await page.evaluate(() => window.Kjeks.consent().analytics), false);
  assert.equal(kjeksErrors(ctx.consoleErrors).length, 1);
  assert.deepEqual(ctx.pageErrors, []);
  await ctx.close();
});

test('config URL with invalid JSON: one error with the path, analytics never loads', async () => {
  const ctx = await openContext(site);
  const url = `${site.origin}/t/config-url`;
  await servePage(ctx.context, url, pageHtml({ tag: 'data-config="/t/broken-config.json"' }));
  await ctx.context.route(`${site.origin}/t/broken-config.json`, (route) => route.fulfill({
    status: 200, contentType: 'application/json', body: '{"revision": "r1", oops}',
  }));
  const page = await ctx.newPage();
  await page.goto(url);
  await waitForKjeks(page);
  await expectOneError(ctx, /\(root\): invalid JSON near byte/);
  await acceptFromBanner(page);
  await page.waitForLoadState('networkidle');
  assert.equal(ctx.beaconRequests().length, 0);
  assert.deepEqual(ctx.pageErrors, []);
  await ctx.close();
});

test('the valid base config itself loads the beacon after Accept and logs nothing (control)', async () => {
  const { ctx, page } = await openWithConfig(cfg());
  const pageview = page.waitForRequest((r) => r.url().endsWith('/api/collect'));
  const change = await acceptFromBanner(page);
  assert.equal(change.consent.analytics, true);
  await pageview;
  assert.deepEqual(kjeksErrors(ctx.consoleErrors), []);
  await ctx.close();
});
