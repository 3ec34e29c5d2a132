// Embeds behind placeholders: an iframe marked with
// data-kjeks-category loads only after consent for its category, behind a
// placeholder built by the core that names the provider, links its privacy
// terms and offers "Load content" (granting just that category, recorded as
// a custom choice). The demo's online-booking widget uses it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, openContext, waitForKjeks, storageSnapshot, eventually } from './harness.mjs';
import { fixturePage, serve, pathOf } from './fixtures/ecosystem.mjs';
import { makeRecord } from './fixtures/records.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

const widgetRequests = (ctx) => ctx.requests.filter((r) => pathOf(r).startsWith('/booking-widget/') &&
  !pathOf(r).endsWith('.css'));

async function open(path, { stored = null } = {}) {
  const ctx = await openContext(site);
  if (stored) {
    await ctx.context.addInitScript((record) => {
      if (!localStorage.getItem('kjeks.consent')) localStorage.setItem('kjeks.consent', record);
    }, stored);
  }
  const page = await ctx.newPage();
  await page.goto(site.origin + path);
  await waitForKjeks(page);
  return { ctx, page };
}

test('demo booking widget: a placeholder names the provider and its terms; nothing loads before consent', async () => {
  const { ctx, page } = await open('/');
  const placeholder = page.getByRole('group', { name: 'Timebok (demo)' });
  await placeholder.waitFor({ state: 'visible' });
  assert.match(await placeholder.textContent(), /Dette innholdet leveres av Timebok \(demo\)/);
  const terms = placeholder.getByRole('link', { name: 'Personvernvilkår for Timebok (demo)' });
  assert.equal(await terms.getAttribute('href'), '/booking-widget/personvern.html');
  assert.equal(await placeholder.getByRole('button', { name: 'Last inn innhold' }).count(), 1);
  const frame = page.locator('iframe.booking-frame');
  assert.equal(await frame.isVisible(), false);
  assert.equal(await frame.getAttribute('src'), null);
  // The placeholder stands where the iframe is.
  assert.equal(await page.evaluate(() => document.querySelector('iframe.booking-frame').previousElementSibling
    .getAttribute('data-kjeks-view')), 'embed');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(widgetRequests(ctx), []);
  assert.deepEqual(ctx.pageErrors, []);
  await ctx.close();
});

test('the placeholder takes the iframe\'s room: no layout shift when it replaces the iframe in view', async () => {
  const ctx = await openContext(site);
  await ctx.context.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__shifts.push(entry.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await ctx.newPage();
  await page.goto(`${site.origin}/#booking`);
  await waitForKjeks(page);
  const placeholder = page.getByRole('group', { name: 'Timebok (demo)' });
  await placeholder.waitFor({ state: 'visible' });
  assert.ok(await placeholder.isVisible());
  assert.equal(Math.round((await placeholder.boundingBox()).height), 380);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.deepEqual(await page.evaluate(() => window.__shifts), []);
  await ctx.close();
});

test('"Load content" (keyboard) grants just its service (booking), recorded as custom; the widget loads and gets focus', async () => {
  const { ctx, page } = await open('/');
  const placeholder = page.getByRole('group', { name: 'Timebok (demo)' });
  const load = placeholder.getByRole('button', { name: 'Last inn innhold' });
  await load.focus();
  const widget = page.waitForRequest((r) => new URL(r.url()).pathname === '/booking-widget/');
  await page.keyboard.press('Enter');
  await widget;
  await placeholder.waitFor({ state: 'detached' });
  const frame = page.locator('iframe.booking-frame');
  await frame.waitFor({ state: 'visible' });
  assert.equal(await frame.getAttribute('src'), `${site.origin}/booking-widget/`);
  await eventually(() => page.frames().some((f) => f.url() === `${site.origin}/booking-widget/`), 'the widget frame');
  const inside = page.frameLocator('iframe.booking-frame');
  await inside.getByRole('heading', { name: 'Bestill et møte med NordLeads' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'IFRAME');

  const record = JSON.parse((await storageSnapshot(page)).local['kjeks.consent']);
  assert.equal(record.method, 'custom');
  assert.deepEqual(record.choices, { analytics: false, diagnostics: false, external: true, necessary: true });
  assert.deepEqual(record.services, { booking: true, chat: false, 'portal-diagnostics': false });
  assert.deepEqual(await page.evaluate(() => window.Kjeks.consent()), {
    necessary: true, analytics: false, external: true, diagnostics: false,
    services: { booking: true, chat: false, 'portal-diagnostics': false },
  });
  // The banner is answered by the choice; analytics stays off.
  assert.equal(await page.locator('section.kjeks-banner').count(), 0);
  // Effects run in the click's task: a beacon would be in the DOM by now.
  assert.equal(await page.locator('script[src*="beacon"]').count(), 0);
  assert.equal(ctx.beaconRequests().length, 0);

  // The next page view loads it straight away.
  await page.reload();
  await waitForKjeks(page);
  await page.locator('iframe.booking-frame').waitFor({ state: 'visible' });
  assert.equal(await page.getByRole('group', { name: 'Timebok (demo)' }).count(), 0);
  assert.deepEqual(ctx.pageErrors, []);
  await ctx.close();
});

test('withdrawing external in settings empties the widget and brings the placeholder back', async () => {
  const stored = makeRecord({ choices: { necessary: true, analytics: false, external: true, diagnostics: false }, method: 'custom', lang: 'en' });
  const { ctx, page } = await open('/en/', { stored });
  const frame = page.locator('iframe.booking-frame');
  await frame.waitFor({ state: 'visible' });
  await page.frameLocator('iframe.booking-frame').getByRole('heading', { name: 'Book a meeting with NordLeads' }).waitFor();
  assert.equal(await page.getByRole('group', { name: 'Timebok (demo)' }).count(), 0);

  await page.locator('footer').getByRole('button', { name: 'Cookie settings' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ state: 'visible' });
  await dialog.locator('#kjeks-toggle-external').uncheck();
  await dialog.locator('[data-kjeks-action="save"]').click();
  await dialog.waitFor({ state: 'detached' });
  const placeholder = page.getByRole('group', { name: 'Timebok (demo)' });
  await placeholder.waitFor({ state: 'visible' });
  assert.equal(await placeholder.getByRole('button', { name: 'Load content' }).count(), 1);
  assert.equal(await frame.isVisible(), false);
  await eventually(() => !page.frames().some((f) => f.url().includes('/booking-widget/')), 'the widget is gone');
  assert.equal(await frame.getAttribute('src'), 'about:blank');
  assert.equal(await page.evaluate(() => window.Kjeks.consent().external), false);
  await ctx.close();
});

test('fixture: text-only provider, safe URLs only, a category that is not configured, and embeds added later', async () => {
  const ctx = await openContext(site);
  const url = `${site.origin}/fx/embeds`;
  await serve(ctx, url, fixturePage({
    body: `<iframe id="evil" title="Evil" data-kjeks-category="external" data-kjeks-src="https://widget.example.test/embed"
  data-kjeks-provider="&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;" data-kjeks-terms="javascript:window.__xss=2"></iframe>
<iframe id="js" title="Bad src" data-kjeks-category="external" data-kjeks-src="javascript:window.__xss=3"></iframe>
<iframe id="nameless" title="Nameless" data-kjeks-category="external" data-kjeks-src="https://maps.example.test/embed"></iframe>
<iframe id="marketing" title="Ads" data-kjeks-category="marketing" data-kjeks-src="https://ads.example.test/"></iframe>`,
  }));
  await ctx.context.route('https://*.example.test/**', (route) => route.fulfill({
    status: 200, contentType: 'text/html', body: '<!doctype html><title>w</title><p>third party</p>',
  }));
  const page = await ctx.newPage();
  await page.goto(url);
  await waitForKjeks(page);

  const evil = page.locator('[data-kjeks-view="embed"]').filter({ hasText: 'onerror' });
  await evil.waitFor({ state: 'visible' });
  assert.match(await evil.textContent(), /This content is provided by <img src=x onerror="window.__xss=1">\./);
  assert.equal(await evil.locator('img').count(), 0);
  assert.equal(await evil.getByRole('link').count(), 0, 'a javascript: terms URL gives no link');
  // Without a provider name, the host names it.
  assert.equal(await page.getByRole('group', { name: 'maps.example.test' }).count(), 1);
  // A category the config does not have: a placeholder, but nothing to grant.
  const ads = page.getByRole('group', { name: 'ads.example.test' });
  assert.equal(await ads.count(), 1);
  assert.equal(await ads.getByRole('button').count(), 0);
  // A javascript: src is never used: hidden, no placeholder, never a src.
  assert.equal(await page.locator('#js').getAttribute('data-kjeks-state'), 'refused');
  assert.equal(await page.evaluate(() => document.getElementById('js').previousElementSibling.id), 'evil');
  assert.equal(await page.locator('#js').isVisible(), false);
  const refusals = () => ctx.consoleErrors.filter((e) => /embed refused, data-kjeks-src must be http\(s\) or relative/.test(e));
  assert.equal(refusals().length, 1);

  // An embed added after start gets its placeholder too.
  await page.evaluate(() => {
    const frame = document.createElement('iframe');
    frame.id = 'late';
    frame.title = 'Late';
    frame.setAttribute('data-kjeks-category', 'external');
    frame.setAttribute('data-kjeks-src', 'https://late.example.test/embed');
    frame.setAttribute('data-kjeks-provider', 'Late Provider');
    document.querySelector('main').appendChild(frame);
  });
  await page.getByRole('group', { name: 'Late Provider' }).waitFor({ state: 'visible' });
  assert.equal(ctx.requests.filter((r) => r.url.includes('example.test')).length, 0);

  await page.evaluate(() => window.Kjeks.acceptAll());
  await eventually(async () => (await page.locator('#late').getAttribute('src')) === 'https://late.example.test/embed', 'late loaded');
  assert.equal(await page.locator('#evil').getAttribute('src'), 'https://widget.example.test/embed');
  assert.equal(await page.locator('#nameless').getAttribute('src'), 'https://maps.example.test/embed');
  assert.equal(await page.locator('#marketing').getAttribute('src'), null);
  assert.equal(await page.locator('#js').getAttribute('src'), null);
  assert.equal(refusals().length, 1, 'reported once');
  assert.equal(await page.getByRole('group', { name: 'ads.example.test' }).count(), 1);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(ctx.pageErrors, []);
  await ctx.close();
});

test('fail closed: with a broken config, "Load content" loads nothing', async () => {
  const ctx = await openContext(site);
  const url = `${site.origin}/fx/embeds-broken`;
  await serve(ctx, url, fixturePage({
    config: { revision: 'x', categories: 'nope' },
    body: '<iframe id="w" title="W" data-kjeks-category="external" data-kjeks-src="https://widget.example.test/embed" data-kjeks-provider="Widget"></iframe>',
  }));
  const page = await ctx.newPage();
  await page.goto(url);
  await waitForKjeks(page);
  const placeholder = page.getByRole('group', { name: 'Widget' });
  await placeholder.getByRole('button', { name: 'Load content' }).click();
  await eventually(async () => /"external":true/.test((await storageSnapshot(page)).local['kjeks.consent'] || ''),
    'the choice is recorded');
  assert.equal(await page.evaluate(() => window.Kjeks.consent().external), false, 'the page is never told it is on');
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator('#w').getAttribute('src'), null);
  assert.equal(ctx.requests.filter((r) => r.url.includes('example.test')).length, 0);
  await ctx.close();
});
