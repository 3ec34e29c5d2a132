// Script gating: <script type="text/plain" data-kjeks-category=…>
// runs once its category is granted, once only, in document order, keeping
// its attributes, nonce and place; scripts added later are handled too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, openContext, waitForKjeks, eventually } from './harness.mjs';
import { fixturePage, serve, serveScript, pathOf } from './fixtures/ecosystem.mjs';
import { makeRecord } from './fixtures/records.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

const HEAD = `<script>window.__order = [];</script>
<script type="text/plain" data-kjeks-category="analytics" src="/fx/a.js" id="a" class="gated" data-extra="one" referrerpolicy="no-referrer"></script>
<script type="text/plain" data-kjeks-category="analytics" src="/fx/f.js" id="f"></script>`;
const BODY = `<p id="before-b">before</p>
<script type="text/plain" data-kjeks-category="analytics" id="b">window.__order.push('B:' + document.currentScript.id);</script>
<script type="text/plain" data-kjeks-category="external" id="x">window.__order.push('X');</script>
<script type="text/plain" data-kjeks-category="analytics" src="/fx/c.js" id="c"></script>
<script type="text/plain" data-kjeks-category="analytics" id="d">window.__order.push('D');</script>
<script type="text/plain" data-kjeks-category="analytics" src="/fx/e.js" id="e" async></script>
<script type="text/plain" data-kjeks-category="marketing" id="m">window.__order.push('M');</script>
<p id="after-m">after</p>`;

// A slow first script: document order must not depend on download order.
async function openFixture({ html = fixturePage({ head: HEAD, body: BODY }), headers = {}, stored = null } = {}) {
  const ctx = await openContext(site);
  if (stored) {
    await ctx.context.addInitScript((record) => {
      if (!localStorage.getItem('kjeks.consent')) localStorage.setItem('kjeks.consent', record);
    }, stored);
  }
  await serve(ctx, `${site.origin}/fx/page`, html, { headers });
  await serveScript(ctx, `${site.origin}/fx/a.js`, "window.__order.push('A');", { delay: 600 });
  await serveScript(ctx, `${site.origin}/fx/c.js`, "window.__order.push('C');");
  await serveScript(ctx, `${site.origin}/fx/f.js`, "window.__order.push('F');");
  await serveScript(ctx, `${site.origin}/fx/e.js`, "window.__order.push('E');");
  const page = await ctx.newPage();
  await page.goto(`${site.origin}/fx/page`);
  const consent = await waitForKjeks(page);
  return { ctx, page, consent };
}

const gatedRequests = (ctx) => ctx.requests.filter((r) => /^\/fx\/[acef]\.js$/.test(pathOf(r)));
const order = (page) => page.evaluate(() => window.__order.slice());

async function clickBanner(page, action) {
  const banner = page.locator('section.kjeks-banner');
  await banner.waitFor({ state: 'visible' });
  await banner.locator(`[data-kjeks-action="${action}"]`).click();
  await banner.waitFor({ state: 'detached' });
}

test('before consent and after Decline: no gated script runs or is even requested', async () => {
  const { ctx, page, consent } = await openFixture();
  assert.equal(consent.analytics, false);
  await page.locator('section.kjeks-banner').waitFor({ state: 'visible' });
  await page.waitForLoadState('networkidle');
  assert.deepEqual(await order(page), []);
  assert.deepEqual(gatedRequests(ctx), []);
  await clickBanner(page, 'decline_all');
  await page.reload();
  await waitForKjeks(page);
  await page.waitForLoadState('networkidle');
  assert.deepEqual(await order(page), []);
  assert.deepEqual(gatedRequests(ctx), []);
  assert.equal(await page.locator('script[type="text/plain"][data-kjeks-category]').count(), 8);
  assert.deepEqual(ctx.pageErrors, []);
  await ctx.close();
});

test('after Accept: every granted script runs once, in document order, with its attributes and place', async () => {
  const { ctx, page } = await openFixture();
  await clickBanner(page, 'accept_all');
  await eventually(async () => (await order(page)).length >= 7, 'seven gated scripts ran');
  await page.waitForLoadState('networkidle');
  const ran = await order(page);
  // E is async (no order promised); the others keep document order even though A loads slowest.
  assert.deepEqual(ran.filter((name) => name !== 'E'), ['A', 'F', 'B:b', 'X', 'C', 'D']);
  assert.equal(ran.filter((name) => name === 'E').length, 1);
  assert.ok(!ran.includes('M'), 'a category that is not configured never runs');
  assert.equal(gatedRequests(ctx).length, 4);

  const scripts = await page.evaluate(() => [...document.querySelectorAll('script[data-kjeks-category]')].map((s) => ({
    id: s.id, type: s.getAttribute('type'), parent: s.parentElement.tagName, cls: s.className,
    extra: s.getAttribute('data-extra'), referrer: s.getAttribute('referrerpolicy'), src: s.getAttribute('src'),
    prev: s.previousElementSibling && s.previousElementSibling.id,
  })));
  const byId = Object.fromEntries(scripts.map((s) => [s.id, s]));
  assert.deepEqual(scripts.map((s) => s.id), ['a', 'f', 'b', 'x', 'c', 'd', 'e', 'm'], 'each in its original place');
  assert.deepEqual(byId.a, { id: 'a', type: null, parent: 'HEAD', cls: 'gated', extra: 'one', referrer: 'no-referrer', src: '/fx/a.js', prev: byId.a.prev });
  assert.equal(byId.b.parent, 'MAIN');
  assert.equal(byId.b.prev, 'before-b');
  assert.equal(byId.b.type, null);
  assert.equal(byId.m.type, 'text/plain', 'the unconfigured category stays inert');
  assert.equal(await page.evaluate(() => document.getElementById('e').async), true);
  assert.deepEqual(ctx.pageErrors, []);
  await ctx.close();
});

test('once only: withdrawing and granting again runs nothing twice; scripts added later run when, and only when, granted', async () => {
  const { ctx, page } = await openFixture();
  await clickBanner(page, 'accept_all');
  await eventually(async () => (await order(page)).length >= 7, 'seven gated scripts ran');
  const first = await order(page);

  await page.evaluate(() => window.Kjeks.declineAll());
  await page.evaluate(() => window.Kjeks.acceptAll());
  const add = (id, category) => page.evaluate(({ id, category }) => {
    const s = document.createElement('script');
    s.type = 'text/plain';
    s.id = id;
    s.setAttribute('data-kjeks-category', category);
    s.text = `window.__order.push('${id}:' + window.Kjeks.consent().${category})`;
    document.body.appendChild(s);
  }, { id, category });
  await add('late1', 'analytics');
  await eventually(async () => (await order(page)).includes('late1:true'), 'a script added after start ran');
  assert.deepEqual((await order(page)).slice(0, first.length), first);
  assert.equal((await order(page)).length, first.length + 1, 'nothing ran twice');

  await page.evaluate(() => window.Kjeks.declineAll());
  await add('late2', 'analytics');
  await add('late3', 'external');
  // Later, a granted one: it must run alone.
  await page.evaluate(() => window.Kjeks.acceptAll());
  await eventually(async () => (await order(page)).includes('late3:true'), 'late3 ran after Accept');
  const ran = await order(page);
  assert.ok(ran.includes('late2:true'), 'late2 waited for consent');
  assert.ok(!ran.some((entry) => entry.endsWith(':false')), 'nothing ran before its category was granted');
  assert.equal(ran.length, first.length + 3);
  assert.deepEqual(ctx.pageErrors, []);
  await ctx.close();
});

test('a stored choice runs the granted category\'s scripts on the next page view, and only those', async () => {
  const stored = makeRecord({ choices: { necessary: true, analytics: true, external: false, diagnostics: false } });
  const { ctx, page, consent } = await openFixture({ stored });
  assert.deepEqual(consent, {
    necessary: true, analytics: true, external: false, diagnostics: false,
    services: { booking: false, chat: false, 'portal-diagnostics': false },
  });
  await eventually(async () => (await order(page)).length >= 6, 'analytics scripts ran');
  await page.waitForLoadState('networkidle');
  const ran = await order(page);
  assert.deepEqual(ran.filter((name) => name !== 'E'), ['A', 'F', 'B:b', 'C', 'D']);
  assert.equal(await page.locator('section.kjeks-banner').count(), 0);
  assert.equal(await page.locator('#x').getAttribute('type'), 'text/plain');
  await ctx.close();
});

test('under a nonce CSP, gated scripts keep the nonce and run; one without it stays blocked', async () => {
  const nonce = 'R4nd0mN0nce';
  const html = fixturePage({
    nonce,
    head: `<script nonce="${nonce}">window.__order = [];</script>
<script type="text/plain" data-kjeks-category="analytics" src="/fx/a.js" id="a" nonce="${nonce}"></script>`,
    body: `<script type="text/plain" data-kjeks-category="analytics" id="b" nonce="${nonce}">window.__order.push('B:' + document.currentScript.id);</script>
<script type="text/plain" data-kjeks-category="analytics" id="n">window.__order.push('no nonce');</script>
<script type="text/plain" data-kjeks-category="analytics" src="/fx/c.js" id="c" nonce="${nonce}"></script>`,
  });
  const csp = `script-src 'nonce-${nonce}' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'`;
  const { ctx, page } = await openFixture({ html, headers: { 'content-security-policy': csp } });
  await clickBanner(page, 'accept_all');
  await eventually(async () => (await order(page)).length >= 3, 'the nonced scripts ran');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(await order(page), ['A', 'B:b', 'C']);
  const nonces = await page.evaluate(() => ['a', 'b', 'c'].map((id) => document.getElementById(id).nonce));
  assert.deepEqual(nonces, [nonce, nonce, nonce]);
  assert.deepEqual(ctx.pageErrors, []);
  await ctx.close();
});

test('fail closed: with a broken config nothing gated runs, even after Accept', async () => {
  const html = fixturePage({ head: HEAD, body: BODY, config: { revision: 5 } });
  const { ctx, page } = await openFixture({ html });
  await clickBanner(page, 'accept_all');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(await order(page), []);
  assert.deepEqual(gatedRequests(ctx), []);
  assert.equal(await page.locator('script[type="text/plain"][data-kjeks-category]').count(), 8);
  await ctx.close();
});

test('scripts marked necessary run once the runtime runs, before any decision', async () => {
  const html = fixturePage({
    head: '<script>window.__order = [];</script>',
    body: '<script type="text/plain" data-kjeks-category="necessary" id="n">window.__order.push("N");</script>',
  });
  const { ctx, page, consent } = await openFixture({ html });
  assert.equal(consent.analytics, false);
  await eventually(async () => (await order(page)).length === 1, 'the necessary script ran');
  assert.deepEqual(await order(page), ['N']);
  await ctx.close();
});
