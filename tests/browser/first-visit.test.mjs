// The two-step start: kjeks.js shows the banner (or starts the beacon for a
// returning visitor) from the first-visit module and the compiled config it
// carries, then imports kjeks-core.<lang>.js (the full core with the
// texts of the language the first-visit module picked), which takes over; a
// page with a JSON config imports kjeks-core.js (every language). The core is
// requested right after the banner, before any click; clicks that come
// before it wait for it; a site's own config compiled with
// `kjeks-check build` is what its banner shows; a compiled config kjeks.js
// cannot read leaves the start to the core, and a core that cannot load
// fails closed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSite, openContext, waitForKjeks, storageSnapshot, eventually } from './harness.mjs';
import { pageHtml, servePage, siteConfig, kjeksErrors } from './fixtures/fail-closed.mjs';
import { demoConsent } from './fixtures/records.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const checker = process.env.KJEKS_CHECK || join(root, 'build', 'native', 'kjeks-check');

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

const banner = (page) => page.getByRole('region', { name: /cookies/i });
const path = (request) => new URL(request.url).pathname;

// A page with the one tag and no config: the compiled default config.
async function open(url = '/t/first', html = pageHtml({ tag: 'async' })) {
  const ctx = await openContext(site);
  await servePage(ctx.context, site.origin + url, html);
  const page = await ctx.newPage();
  return { ctx, page, url: site.origin + url };
}

// Holds the core (kjeks-core.en.js: the pages are in English) until release() is called.
async function holdCore(ctx) {
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  const core = readFileSync(join(root, 'dist', 'kjeks-core.en.js'), 'utf8');
  await ctx.context.route(`${site.origin}/kjeks/kjeks-core.en.js`, async (route) => {
    await released;
    route.fulfill({ status: 200, contentType: 'text/javascript', body: core });
  });
  return () => release();
}

test('the banner comes from kjeks.js alone; kjeks-core.en.js is requested after it, before any click', async () => {
  const { ctx, page, url } = await open();
  const release = await holdCore(ctx);
  await page.goto(url);
  await banner(page).waitFor({ state: 'visible' });
  assert.deepEqual(await page.evaluate(() => window.Kjeks.consent()), demoConsent(false, false));
  await eventually(() => ctx.requests.some((r) => path(r) === '/kjeks/kjeks-core.en.js'), 'the core is prefetched');
  const kjeks = ctx.requests.filter((r) => path(r).startsWith('/kjeks/')).map(path);
  assert.deepEqual(kjeks, ['/kjeks/kjeks.js', '/kjeks/kjeks-core.en.js'], 'no other file: no separate wasm or css');
  await page.evaluate(() => { document.querySelector('section.kjeks-banner').kjeksFirstVisit = true; });
  release();
  assert.deepEqual(await waitForKjeks(page), demoConsent(false, false));
  // The core took over the banner as it was (the same view: nothing rebuilt),
  // one banner, and its buttons work.
  await page.locator('.kjeks-icon').waitFor({ state: 'attached' });
  assert.equal(await page.locator('section.kjeks-banner').count(), 1);
  assert.equal(await page.evaluate(() => document.querySelector('section.kjeks-banner').kjeksFirstVisit), true,
    'the first-visit banner element is kept');
  assert.equal(await page.locator('.kjeks-icon').count(), 1);
  const requested = ctx.requests.length;
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('dialog').waitFor({ state: 'visible' });
  assert.equal(ctx.requests.length, requested, 'opening the dialog fetches nothing');
  assert.deepEqual(kjeksErrors(ctx.consoleErrors), []);
  await ctx.close();
});

// The core a visit loads carries the texts of the page's language only.
const coreRequests = (ctx) => ctx.requests.map(path).filter((p) => /^\/kjeks\/kjeks-(core|json)/.test(p));

test('the core of the page\'s language: nn-NO loads kjeks-core.nn.js alone, and its dialog is in Nynorsk', async () => {
  const { ctx, page, url } = await open('/t/first-nn', pageHtml({ tag: 'async', lang: 'nn-NO' }));
  await page.goto(url);
  const region = page.getByRole('region', { name: 'Vi brukar informasjonskapslar' });
  await region.waitFor({ state: 'visible' });
  await waitForKjeks(page);
  await region.getByRole('button', { name: 'Innstillingar', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Innstillingar for informasjonskapslar' });
  await dialog.waitFor({ state: 'visible' });
  assert.equal(await dialog.getByRole('button', { name: 'Lagre val' }).count(), 1);
  assert.deepEqual(coreRequests(ctx), ['/kjeks/kjeks-core.nn.js']);
  await dialog.getByRole('button', { name: 'Lagre val' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(JSON.parse((await storageSnapshot(page)).local['kjeks.consent']).lang, 'nn');
  assert.deepEqual(kjeksErrors(ctx.consoleErrors), []);
  await ctx.close();
});

test('the core of the page\'s language: nb loads kjeks-core.nb.js; a page with a JSON config loads kjeks-core.js, every language', async () => {
  const nb = await open('/t/first-nb', pageHtml({ tag: 'async', lang: 'nb' }));
  await nb.page.goto(nb.url);
  await nb.page.getByRole('region', { name: 'Vi bruker informasjonskapsler' }).waitFor({ state: 'visible' });
  await waitForKjeks(nb.page);
  assert.deepEqual(coreRequests(nb.ctx), ['/kjeks/kjeks-core.nb.js']);
  await nb.ctx.close();

  const json = await open('/t/first-json', pageHtml({ tag: 'async', lang: 'nb', config: siteConfig() }));
  await json.page.goto(json.url);
  await waitForKjeks(json.page);
  await json.page.locator('section.kjeks-banner').waitFor({ state: 'visible' });
  assert.deepEqual(coreRequests(json.ctx).sort(), ['/kjeks/kjeks-core.js', '/kjeks/kjeks-json.js']);
  assert.deepEqual(kjeksErrors(json.ctx.consoleErrors), []);
  await json.ctx.close();
});

test('a click on the banner before the core is there is carried out once it is', async () => {
  const { ctx, page, url } = await open();
  const release = await holdCore(ctx);
  await page.goto(url);
  await page.getByRole('button', { name: 'Accept all' }).click();
  assert.equal(ctx.beaconRequests().length, 0, 'nothing loads before the core decides');
  release();
  await banner(page).waitFor({ state: 'detached' });
  await eventually(() => ctx.beaconRequests().length === 1, 'the beacon loads after the accept');
  const record = JSON.parse((await storageSnapshot(page)).local['kjeks.consent']);
  assert.equal(record.method, 'accept_all');
  assert.equal(record.choices.analytics, true);
  await ctx.close();
});

test('the settings button before the core is there opens the dialog once it is, with focus in it', async () => {
  const { ctx, page, url } = await open();
  const release = await holdCore(ctx);
  await page.goto(url);
  await page.getByRole('button', { name: 'Settings', exact: true }).focus();
  await page.keyboard.press('Enter');
  release();
  await page.getByRole('dialog').waitFor({ state: 'visible' });
  await eventually(() => page.evaluate(() => !!document.activeElement.closest('[role="dialog"]')), 'focus is in the dialog');
  await ctx.close();
});

test('a returning visitor who accepted: kjeks.js starts the beacon before the core is there, and the core keeps it', async () => {
  const { ctx, page, url } = await open();
  const before = site.pageviews.length;
  await page.goto(url);
  await page.getByRole('button', { name: 'Accept all' }).click();
  await eventually(() => site.pageviews.length === before + 1, 'the first page view\'s pageview');
  const release = await holdCore(ctx);
  const pageviews = site.pageviews.length;
  await page.reload();
  await eventually(() => site.pageviews.length === pageviews + 1, 'the pageview comes before the core');
  assert.deepEqual(await page.evaluate(() => window.Kjeks.consent()), demoConsent(true, true, true));
  assert.equal(await page.locator('section.kjeks-banner').count(), 0);
  release();
  await waitForKjeks(page);
  await page.waitForLoadState('networkidle');
  assert.equal(site.pageviews.length, pageviews + 1, 'one pageview: the core does not add the beacon again');
  assert.equal(await page.evaluate(() => document.querySelectorAll('script[src$="beacon.js"]').length), 1);
  await ctx.close();
});

// When the module compiles: for a returning visitor while kjeks.js runs (a
// classic script's evaluation is the one task with document.currentScript
// set), so that its beacon is in the page before the page's own
// DOMContentLoaded handlers run; on a first visit in a task of its own.
for (const [name, tag] of [['defer', ''], ['a plain tag', 'data-plain']]) {
  test(`${name}: a returning visitor's module compiles while kjeks.js runs, its beacon before the page's DOMContentLoaded handlers; a first visit's in a task of its own`, async () => {
    const head = '<script>document.addEventListener("DOMContentLoaded", () => { window.beaconAtDomReady = ' +
      '!!document.querySelector(\'script[src$="beacon.js"]\'); });</script>\n';
    let html = pageHtml({ tag, head: '' });
    if (tag) html = html.replace(' defer data-plain', '');
    html = html.replace('</head>', head + '</head>');
    const { ctx, page, url } = await open('/t/compile-task', html);
    await ctx.context.addInitScript(() => {
      window.compiledIn = [];
      const Module = WebAssembly.Module;
      WebAssembly.Module = function (bytes) {
        // The first-visit module, not its few hundred bytes of decoder.
        if (bytes.byteLength > 4096) {
          const script = document.currentScript;
          window.compiledIn.push(script && /kjeks\.js$/.test(script.src) ? 'kjeks.js' : 'another task');
        }
        return new Module(bytes);
      };
      WebAssembly.Module.prototype = Module.prototype;
    });
    await page.goto(url);
    await banner(page).waitFor({ state: 'visible' });
    assert.deepEqual(await page.evaluate(() => window.compiledIn), ['another task']);
    assert.equal(await page.evaluate(() => window.beaconAtDomReady), false);
    const before = site.pageviews.length;
    await page.getByRole('button', { name: 'Accept all' }).click();
    await eventually(() => site.pageviews.length === before + 1, 'the first page view\'s pageview');
    await page.reload();
    await eventually(() => site.pageviews.length === before + 2, 'the returning visitor\'s pageview');
    assert.deepEqual(await page.evaluate(() => window.compiledIn), ['kjeks.js']);
    assert.equal(await page.evaluate(() => window.beaconAtDomReady), true);
    assert.deepEqual(kjeksErrors(ctx.consoleErrors), []);
    await ctx.close();
  });
}

test('an engine that refuses to compile synchronously (a RangeError, as Chromium once did above 4 KB): the same banner, and a returning visitor\'s beacon before the core', async () => {
  const { ctx, page, url } = await open();
  await ctx.context.addInitScript(() => {
    window.refusedCompiles = 0;
    const Module = WebAssembly.Module;
    WebAssembly.Module = function (bytes) {
      if (bytes.byteLength <= 4096) return new Module(bytes);
      window.refusedCompiles++;
      throw new RangeError('WebAssembly.Compile is disallowed on the main thread, if the buffer size is larger than 4KB');
    };
    WebAssembly.Module.prototype = Module.prototype;
  });
  await page.goto(url);
  await banner(page).waitFor({ state: 'visible' });
  assert.ok(await page.evaluate(() => window.refusedCompiles) >= 1, 'kjeks.js tried the synchronous compile');
  assert.equal(ctx.beaconRequests().length, 0);
  const before = site.pageviews.length;
  await page.getByRole('button', { name: 'Accept all' }).click();
  await eventually(() => site.pageviews.length === before + 1, 'the first page view\'s pageview');
  const release = await holdCore(ctx);
  await page.reload();
  await eventually(() => site.pageviews.length === before + 2, 'the pageview comes before the core');
  assert.equal(await banner(page).count(), 0);
  release();
  assert.deepEqual(await waitForKjeks(page), demoConsent(true, true, true));
  assert.deepEqual(kjeksErrors(ctx.consoleErrors), []);
  await ctx.close();
});

test('a core that cannot load: one clear error, nothing optional in force, no banner that nothing would answer', async () => {
  const { ctx, page, url } = await open();
  await page.goto(url);
  await page.getByRole('button', { name: 'Accept all' }).click();
  await eventually(() => ctx.beaconRequests().length === 1, 'accepted');
  await ctx.context.route(`${site.origin}/kjeks/kjeks-core.en.js`, (route) => route.fulfill({ status: 404, body: '' }));
  await page.reload();
  assert.match((await waitForKjeks(page)).failed, /kjeks-core\.en\.js could not be loaded/);
  assert.deepEqual(await page.evaluate(() => window.Kjeks.consent()), demoConsent(false, false));
  await page.waitForLoadState('networkidle');
  const pageviews = site.pageviews.length;
  await page.evaluate(() => history.pushState({}, '', '/t/first#next'));  // a pageview, were the beacon running
  await page.waitForLoadState('networkidle');
  assert.equal(site.pageviews.length, pageviews, 'the beacon sends nothing after the halt');

  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await waitForKjeks(page);
  assert.equal(await page.locator('section.kjeks-banner').count(), 0);
  assert.ok(kjeksErrors(ctx.consoleErrors).some((text) => /kjeks-core\.en\.js could not be loaded/.test(text)));
  await ctx.close();
});

test('a compiled config kjeks.js cannot read (another version): the core shows the banner, nothing optional loads', async () => {
  const { ctx, page, url } = await open();
  const first = readFileSync(join(root, 'dist', 'kjeks.js'), 'utf8');
  const other = first.replace('KJEKS-FIRST-VISIT\\u001f2\\u001f', 'KJEKS-FIRST-VISIT\\u001f9\\u001f');
  assert.notEqual(other, first);
  await ctx.context.route(`${site.origin}/kjeks/kjeks.js`, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: other }));
  await page.goto(url);
  await banner(page).waitFor({ state: 'visible' });
  assert.deepEqual(await waitForKjeks(page), demoConsent(false, false));
  await page.waitForLoadState('networkidle');
  assert.equal(ctx.beaconRequests().length, 0);
  assert.equal(await page.locator('section.kjeks-banner').count(), 1);
  await ctx.close();
});

test('a site config compiled with kjeks-check build: its banner, its categories and revision, no config request', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kjeks-site-'));
  const config = siteConfig({
    revision: 'site-7',
    texts: { en: { 'banner.title': 'Cookies at Test Site' } },
  });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const built = spawnSync(checker, ['build', join(dir, 'config.json'), '--out', join(dir, 'dist'), '--runtime', join(root, 'dist')],
    { encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  const ctx = await openContext(site);
  await servePage(ctx.context, site.origin + '/t/site', pageHtml({ tag: 'async' }));
  for (const name of ['kjeks.js', 'kjeks-core.js', 'kjeks-core.en.js']) {
    const body = readFileSync(join(dir, 'dist', name), 'utf8');
    await ctx.context.route(`${site.origin}/kjeks/${name}`, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body }));
  }
  const page = await ctx.newPage();
  await page.goto(site.origin + '/t/site');
  await page.getByRole('region', { name: 'Cookies at Test Site' }).waitFor({ state: 'visible' });
  assert.deepEqual(await waitForKjeks(page), { necessary: true, analytics: false });
  await page.getByRole('button', { name: 'Decline all' }).click();
  await banner(page).waitFor({ state: 'detached' });
  const record = JSON.parse((await storageSnapshot(page)).local['kjeks.consent']);
  assert.equal(record.rev, 'site-7');
  assert.deepEqual(Object.keys(record.choices).sort(), ['analytics', 'necessary']);
  await page.reload();
  await waitForKjeks(page);
  assert.equal(await page.locator('section.kjeks-banner').count(), 0, 'remembered');
  assert.ok(!ctx.requests.some((r) => /config/.test(path(r))), 'no config is requested');
  await ctx.close();
});

test('a page opened in a background tab (no frames) still gets the core', async () => {
  const { ctx, page, url } = await open();
  await page.addInitScript(() => { window.requestAnimationFrame = () => 0; });
  await page.goto(url);
  assert.deepEqual(await waitForKjeks(page), demoConsent(false, false));
  await ctx.close();
});

test('the page\'s "Start chat" button (data-kjeks-load) before the core is there: the chat loads once it is', async () => {
  const chat = '<button id="start-chat" data-kjeks-load="chat">Start chat</button>\n' +
    '<script type="text/plain" data-kjeks-category="external" data-kjeks-service="chat" src="/t/chat.js"></script>\n';
  const { ctx, page, url } = await open('/t/chat-page', pageHtml({ tag: 'async', body: chat }));
  await ctx.context.route(`${site.origin}/t/chat.js`, (route) => route.fulfill({
    status: 200, contentType: 'text/javascript', body: 'window.chatLoaded = (window.chatLoaded || 0) + 1;' }));
  const release = await holdCore(ctx);
  await page.goto(url);
  await banner(page).waitFor({ state: 'visible' });
  await page.getByRole('button', { name: 'Start chat' }).click();
  assert.equal(ctx.requests.filter((r) => path(r) === '/t/chat.js').length, 0, 'nothing loads before the core decides');
  release();
  await page.waitForFunction(() => window.chatLoaded === 1);
  const record = JSON.parse((await storageSnapshot(page)).local['kjeks.consent']);
  assert.equal(record.method, 'custom');
  assert.equal(record.services.chat, true);
  assert.equal(record.services.booking, false);
  await ctx.close();
});
