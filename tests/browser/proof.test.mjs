// Proof of consent: with consentLog in the config,
// every decision's record (id, timestamps, revision, language, choices,
// method; no IP, no fingerprint) is POSTed there with fetch keepalive; a
// failed send is kept and retried on the next page view. The demo collector
// appends the records to a JSON Lines file; the dialog shows the consent id.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, openContext, waitForKjeks, storageSnapshot, eventually } from './harness.mjs';
import { fixturePage, serve, pathOf } from './fixtures/ecosystem.mjs';
import { demoChoices } from './fixtures/records.mjs';

const logFile = join(mkdtempSync(join(tmpdir(), 'kjeks-proof-')), 'consent-log.jsonl');
let site;
before(async () => { site = await startSite({ consentLog: logFile }); });
after(async () => { await site.close(); });

const RECORD_KEYS = ['schema', 'consentId', 'givenAt', 'updatedAt', 'revision', 'language', 'choices', 'services', 'method', 'gpc'];
const OUTBOX = 'kjeks.consent.outbox';

const logLines = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);
const proofRequests = (ctx) => ctx.requests.filter((r) => pathOf(r) === '/api/consent');

async function open(path, init) {
  const ctx = await openContext(site);
  // Records how Kjeks calls fetch, to see the keepalive flag.
  await ctx.context.addInitScript(() => {
    const original = window.fetch;
    window.__fetches = [];
    window.fetch = function (url, options) {
      window.__fetches.push({ url: String(url), method: options && options.method, keepalive: !!(options && options.keepalive) });
      return original.apply(this, arguments);
    };
  });
  if (init) await ctx.context.addInitScript(init);
  const page = await ctx.newPage();
  await page.goto(site.origin + path);
  await waitForKjeks(page);
  return { ctx, page };
}

async function clickBanner(page, action) {
  const banner = page.locator('section.kjeks-banner');
  await banner.waitFor({ state: 'visible' });
  await banner.locator(`[data-kjeks-action="${action}"]`).click();
  await banner.waitFor({ state: 'detached' });
}

const received = (id, count = 1) => eventually(() => {
  const mine = site.proofs.filter((p) => p.consentId === id);
  return mine.length >= count && mine;
}, `${count} proof(s) for ${id}`);

test('Accept: the record goes to the collector with fetch keepalive, lands in the JSON Lines file, and the dialog shows its id', async () => {
  const { ctx, page } = await open('/en/');
  await page.locator('section.kjeks-banner').waitFor({ state: 'visible' });
  await page.waitForLoadState('networkidle');
  assert.equal(proofRequests(ctx).length, 0, 'nothing is sent before a decision');

  const request = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/consent');
  await clickBanner(page, 'accept_all');
  const sent = await request;
  assert.equal(sent.method(), 'POST');
  assert.match(sent.headers()['content-type'], /^application\/json/);
  const stored = JSON.parse((await storageSnapshot(page)).local['kjeks.consent']);
  const [proof] = await received(stored.id);

  assert.deepEqual(Object.keys(proof), RECORD_KEYS, 'exactly the record: no IP, user agent or fingerprint');
  assert.equal(proof.schema, 1);
  assert.match(proof.consentId, /^[0-9a-f]{32}$/);
  assert.equal(proof.givenAt, stored.given);
  assert.equal(proof.updatedAt, stored.updated);
  assert.equal(proof.revision, '2026-04');
  assert.equal(proof.language, 'en');
  assert.deepEqual(proof.choices, demoChoices(true, true, true));
  assert.deepEqual(proof.services, { booking: true, chat: true, 'portal-diagnostics': true });
  assert.equal(proof.method, 'accept_all');
  assert.equal(proof.gpc, false);
  assert.deepEqual(JSON.parse(sent.postData()), proof);
  const calls = await page.evaluate(() => window.__fetches.filter((f) => f.url.endsWith('/api/consent')));
  assert.deepEqual(calls, [{ url: '/api/consent', method: 'POST', keepalive: true }]);

  const line = logLines().find((l) => l.consentId === proof.consentId);
  assert.ok(line, 'the collector appended the record to the JSON Lines file');
  assert.deepEqual(Object.keys(line), ['receivedAt', ...RECORD_KEYS]);
  assert.ok(!Number.isNaN(Date.parse(line.receivedAt)));

  await eventually(async () => !(OUTBOX in (await storageSnapshot(page)).local), 'nothing waits in the outbox');
  await page.locator('footer').getByRole('button', { name: 'Cookie settings' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ state: 'visible' });
  assert.equal(await dialog.locator('.kjeks-dialog__id code').textContent(), proof.consentId);
  assert.match(await dialog.locator('.kjeks-dialog__id').textContent(), /Consent ID/);
  await ctx.close();
});

test('every decision is sent: a later custom choice keeps the consent id with a new timestamp', async () => {
  const { ctx, page } = await open('/');
  await clickBanner(page, 'decline_all');
  const id = JSON.parse((await storageSnapshot(page)).local['kjeks.consent']).id;
  const [first] = await received(id);
  assert.equal(first.method, 'decline_all');
  assert.deepEqual(first.choices, demoChoices(false, false));

  await page.locator('footer').getByRole('button', { name: 'Innstillinger for informasjonskapsler' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ state: 'visible' });
  await dialog.locator('#kjeks-toggle-analytics').check();
  await dialog.locator('[data-kjeks-action="save"]').click();
  await dialog.waitFor({ state: 'detached' });
  const proofs = await received(id, 2);
  assert.equal(proofs.length, 2);
  const second = proofs[1];
  assert.equal(second.method, 'custom');
  assert.equal(second.language, 'nb');
  assert.deepEqual(second.choices, demoChoices(true, false));
  assert.equal(second.givenAt, first.givenAt);
  assert.ok(second.updatedAt >= first.updatedAt);
  await ctx.close();
});

test('a failed send waits in the outbox and is retried on the next page view, until it is delivered', async () => {
  const { ctx, page } = await open('/en/');
  await ctx.context.route(`${site.origin}/api/consent`, (route) => route.fulfill({ status: 503, body: '' }));
  await clickBanner(page, 'accept_all');
  const id = JSON.parse((await storageSnapshot(page)).local['kjeks.consent']).id;
  const outbox = async () => JSON.parse((await storageSnapshot(page)).local[OUTBOX] || '[]');
  await eventually(async () => (await outbox()).length === 1, 'the record waits in the outbox');
  assert.equal(JSON.parse((await outbox())[0]).consentId, id);
  assert.equal(site.proofs.filter((p) => p.consentId === id).length, 0);

  // Next page view: the network fails; the record stays.
  await ctx.context.unroute(`${site.origin}/api/consent`);
  await ctx.context.route(`${site.origin}/api/consent`, (route) => route.abort('internetdisconnected'));
  const attempts = proofRequests(ctx).length;
  await page.goto(`${site.origin}/en/services/`);
  await waitForKjeks(page);
  await eventually(() => proofRequests(ctx).length > attempts, 'a retry was attempted');
  await page.waitForLoadState('networkidle');
  await eventually(async () => (await outbox()).length === 1, 'still waiting after a network error');

  // The page view after that: delivered once, and the outbox is gone.
  await ctx.context.unroute(`${site.origin}/api/consent`);
  await page.goto(`${site.origin}/en/`);
  await waitForKjeks(page);
  const [proof] = await received(id);
  assert.equal(proof.method, 'accept_all');
  await eventually(async () => !(OUTBOX in (await storageSnapshot(page)).local), 'the outbox is emptied');
  await page.reload();
  await waitForKjeks(page);
  // A retry is sent while Kjeks starts, before it is ready: none this time.
  assert.deepEqual(await page.evaluate(() => window.__fetches.filter((f) => f.url.endsWith('/api/consent'))), []);
  assert.equal(site.proofs.filter((p) => p.consentId === id).length, 1, 'delivered exactly once');
  assert.deepEqual(ctx.pageErrors, []);
  await ctx.close();
});

test('Global Privacy Control: the browser-signal record is sent too', async () => {
  const { ctx, page } = await open('/en/', () => {
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
  });
  const id = await eventually(async () => {
    const text = (await storageSnapshot(page)).local['kjeks.consent'];
    return text && JSON.parse(text).id;
  }, 'the GPC record');
  const [proof] = await received(id);
  assert.equal(proof.method, 'browser_signal');
  assert.equal(proof.gpc, true);
  assert.deepEqual(proof.choices, demoChoices(false, false));
  await ctx.close();
});

test('without consentLog in the config nothing is sent', async () => {
  const ctx = await openContext(site);
  await serve(ctx, `${site.origin}/fx/no-log`, fixturePage());
  const page = await ctx.newPage();
  await page.goto(`${site.origin}/fx/no-log`);
  await waitForKjeks(page);
  await clickBanner(page, 'accept_all');
  await page.evaluate(() => window.Kjeks.declineAll());
  await page.waitForLoadState('networkidle');
  assert.equal(proofRequests(ctx).length, 0);
  assert.ok(!(OUTBOX in (await storageSnapshot(page)).local));
  await ctx.close();
});
