// A stored consent record that is corrupt, tampered with, of the wrong types,
// from another schema or another site's key, or huge counts as no decision:
// banner shown, analytics off, nothing crashes; the next
// decision replaces it with a valid record.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, openContext, waitForKjeks } from './harness.mjs';
import { pageHtml, siteConfig, kjeksErrors, openSession } from './fixtures/fail-closed.mjs';
import { makeRecord, recordBody, seal, DAY_MS } from './fixtures/records.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

const KEY = 'kjeks.consent';
const config = siteConfig();  // revision test-1, categories necessary + analytics
const now = Date.now();
const base = { rev: config.revision, given: now - 2 * DAY_MS, updated: now - DAY_MS,
  choices: { necessary: true, analytics: true }, method: 'accept_all' };
const accepted = makeRecord(base);
const declined = makeRecord({ ...base, choices: { necessary: true, analytics: false }, method: 'decline_all' });
// A body with a correct "sum", so that only the check under test can reject it.
const sealed = (fields) => seal(recordBody({ ...base, ...fields }));
const sealedText = (body) => seal(body);
const canonical = JSON.parse(accepted);

const CASES = [
  ['truncated to half', accepted.slice(0, accepted.length >> 1)],
  ['missing the closing brace', accepted.slice(0, -1)],
  ['choice flipped to true without a new checksum', declined.replace('"analytics":false', '"analytics":true')],
  ['checksum changed in one digit', accepted.replace(/"sum":"(.)/, (m, c) => `"sum":"${c === '0' ? '1' : '0'}`)],
  ['checksum missing', recordBody(base)],
  ['checksum in upper case', accepted.replace(/"sum":"([0-9a-f]+)"/, (m, s) => `"sum":"${s.toUpperCase()}"`)],
  ['schema as a string', sealed({ v: '1' })],
  ['timestamp as a string', sealed({ given: String(base.given) })],
  ['choices as an array', sealed({ choices: ['necessary', 'analytics'] })],
  ['choice as a string', sealed({ choices: { necessary: true, analytics: 'yes' } })],
  ['gpc as a string', sealed({ gpc: 'false' })],
  ['future schema', sealed({ v: 2 })],
  ['old schema', sealed({ v: 0 })],
  ['from another site\'s storage key', makeRecord(base, 'other-site.consent')],
  ['an extra key', sealedText(recordBody(base).replace(/}$/, ',"admin":true}'))],
  ['a duplicate key', sealedText(recordBody({ ...base, choices: { necessary: true, analytics: false } })
    .replace('"method"', '"choices":{"analytics":true,"necessary":true},"method"'))],
  ['pretty-printed', JSON.stringify(canonical, null, 2)],
  ['a byte order mark', '\ufeff' + accepted],
  ['a unicode escape', sealedText(recordBody(base).replace('"rev":"test-1"', '"rev":"test\\u002d1"'))],
  ['necessary off', sealed({ choices: { necessary: false, analytics: true } })],
  ['unknown method', sealed({ method: 'forced' })],
  ['consent id not hex', sealed({ id: 'ZZZZ456789abcdef0123456789abcdef' })],
  ['language not a language tag', sealed({ lang: 'DE' })],
  ['language with a region', sealed({ lang: 'nb-NO' })],
  ['given after updated', sealed({ given: now - DAY_MS, updated: now - 2 * DAY_MS })],
  ['from the future', sealed({ given: now + 30 * DAY_MS, updated: now + 30 * DAY_MS })],
  ['negative timestamps', sealed({ given: -5, updated: -5 })],
  ['a category this site does not have', sealed({ choices: { necessary: true, analytics: true, marketing: true } })],
  ['a category missing', sealed({ choices: { necessary: true } })],
  ['huge value (1 MB)', accepted.replace(/}$/, ',"pad":"' + 'x'.repeat(1 << 20) + '"}')],
  ['huge revision, sealed', sealed({ rev: 'r'.repeat(100000) })],
  ['padded past the size limit', accepted.replace('{', '{' + ' '.repeat(5000))],
  ['a NUL byte', accepted.replace('"lang"', '"la\u0000ng"')],
  ['a lone surrogate (invalid UTF-8 for the core)', accepted.replace('"lang":"nb"', '"lang":"n\ud800"')],
  ['the record as a JSON string', JSON.stringify(accepted)],
  ['not JSON', 'accepted'],
  ['JSON true', 'true'],
  ['JSON null', 'null'],
  ['an empty object', '{}'],
  ['an empty string', ''],
  ['[object Object]', '[object Object]'],
];

const banner = (page) => page.locator('section.kjeks-banner');

test(`a valid stored record (control): no banner, the beacon loads`, async () => {
  const session = await openSession(site, openContext);
  await session.store(KEY, accepted);
  const pageview = session.page.waitForRequest((r) => r.url().endsWith('/api/collect'));
  await session.visit(pageHtml({ config }));
  const consent = await waitForKjeks(session.page);
  assert.equal(consent.analytics, true);
  await pageview;
  assert.equal(await banner(session.page).count(), 0);
  await session.close();
});

test(`${CASES.length} corrupt stored records are no decision: banner, analytics off, then a valid record`, async (t) => {
  const session = await openSession(site, openContext, { reducedMotion: 'reduce' });
  const { ctx, page } = session;
  try {
    for (const [name, stored] of CASES) {
      await t.test(name, async () => {
        await session.reset();
        await session.store(KEY, stored);
        assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), stored, 'stored as given');
        await session.visit(pageHtml({ config }));
        const consent = await waitForKjeks(page);
        assert.deepEqual(consent, { necessary: true, analytics: false });
        await banner(page).waitFor({ state: 'visible' });
        assert.equal(await page.locator('script[src*="beacon"]').count(), 0);
        assert.equal(ctx.beaconRequests().length, 0);
        // Deciding replaces the corrupt text with a valid record.
        await banner(page).locator('[data-kjeks-action="decline_all"]').click();
        await banner(page).waitFor({ state: 'detached' });
        const record = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
        assert.equal(record.method, 'decline_all');
        assert.equal(record.rev, config.revision);
        assert.deepEqual(record.choices, { analytics: false, necessary: true });
        assert.equal(ctx.beaconRequests().length, 0);
        assert.deepEqual(ctx.pageErrors, []);
        assert.deepEqual(kjeksErrors(ctx.consoleErrors), []);
      });
    }
  } finally {
    await session.close();
  }
});

test('a valid record only under another site\'s key is no decision here', async () => {
  const session = await openSession(site, openContext);
  await session.store('other-site.consent', makeRecord(base, 'other-site.consent'));
  await session.visit(pageHtml({ config }));
  assert.equal((await waitForKjeks(session.page)).analytics, false);
  await banner(session.page).waitFor({ state: 'visible' });
  assert.equal(session.ctx.beaconRequests().length, 0);
  await session.close();
});
