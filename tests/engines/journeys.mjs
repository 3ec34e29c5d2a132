// The core visitor journeys, written once and registered for each engine
// (firefox.test.mjs, webkit.test.mjs). Each journey gets a site of its own
// (own port, so own origin and request log) and a fresh browser session.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite } from './site.mjs';
import { testPages } from './test-pages.mjs';
import { withTimeout } from './wait.mjs';
import { demoConsent } from '../browser/fixtures/records.mjs';
import {
  BANNER, bannerButton, NB, EN, BEACON, COLLECT, visit, kjeksReady, storedRecord, acceptOnHomePage,
} from './visitor.mjs';

export function defineJourneys(engine, launch) {
  let browser;
  before(async () => { browser = await withTimeout(launch(), 90000, `starting ${engine}`); });
  after(async () => { if (browser) await withTimeout(browser.close(), 30000, `closing ${engine}`); });

  const journey = (title, run) => test(`${engine}: ${title}`, async (t) => {
    const site = await startSite(testPages);
    let page;
    try {
      page = await withTimeout(browser.newSession(), 60000, 'opening a fresh browser session');
      await run({ site, page }, t);
    } finally {
      if (page) await page.close();
      await site.close();
    }
  });

  test(`${engine}: starts`, (t) => {
    assert.ok(browser && browser.version, `${engine} did not start`);
    t.diagnostic(browser.version);
  });

  journey('first visit: banner shown, nothing requested from the beacon or the collector, nothing stored', async ({ site, page }) => {
    const consent = await visit(site, page, '/');
    assert.deepEqual(consent, demoConsent(false, false));
    await page.waitForRole(BANNER);
    assert.ok(await page.has(bannerButton(NB.accept)));
    assert.ok(await page.has(bannerButton(NB.decline)));
    await site.idle();
    assert.equal(site.count(BEACON), 0);
    assert.equal(site.count(COLLECT), 0);
    assert.deepEqual(await page.storage(), { local: {}, session: {}, cookie: '' });
  });

  journey('Accept: the beacon loads, a pageview reaches the server, the record says analytics, the banner goes', async ({ site, page }) => {
    const pageview = await acceptOnHomePage(site, page);
    assert.equal(pageview.type, 'pageview');
    assert.equal(pageview.path, '/');
    assert.match(pageview.id, /^[0-9a-f]{32}$/);
    assert.equal(site.count(COLLECT, 'POST'), 1);
    const record = await page.waitFor(() => localStorage.getItem('kjeks.consent'), [], 'the consent record stored')
      .then(JSON.parse);
    assert.equal(record.choices.analytics, true);
    assert.equal(record.method, 'accept_all');
    assert.equal((await page.storage()).local['kjeks.aid'], pageview.id);
  });

  journey('reload after Accept: the choice is remembered, no banner, the beacon loads again', async ({ site, page }) => {
    const first = await acceptOnHomePage(site, page);
    await page.reload();
    const consent = await kjeksReady(site, page);
    assert.equal(consent.analytics, true);
    await site.waitForRequests(BEACON, 2);
    const pageviews = await site.waitForPageviews(2);
    assert.equal(pageviews[1].id, first.id, 'the same visitor id');
    assert.equal(await page.has(BANNER), false);
  });

  journey('footer icon -> settings -> Decline: the record says no analytics, the beacon id is deleted, no further pageview', async ({ site, page }) => {
    await acceptOnHomePage(site, page);
    await page.waitFor(() => localStorage.getItem('kjeks.aid'), [], 'the beacon stored its id');
    await page.click({ role: 'button', name: 'Innstillinger for informasjonskapsler', within: { role: 'contentinfo' } });
    const dialog = { role: 'dialog', name: 'Innstillinger for informasjonskapsler' };
    await page.waitForRole(dialog);
    await page.click({ role: 'button', name: NB.decline, within: dialog });
    await page.waitForNoRole(dialog);
    await page.waitFor(() => !localStorage.getItem('kjeks.aid'), [], 'the beacon id deleted');
    const record = await storedRecord(page);
    assert.equal(record.choices.analytics, false);
    assert.equal(record.method, 'decline_all');
    assert.equal((await page.evaluate(() => window.Kjeks.consent())).analytics, false);

    // The beacon counts in-page navigations while it runs; then a new page view.
    await page.evaluate(() => history.pushState({}, '', '/?after-decline'));
    await page.reload();
    assert.equal((await kjeksReady(site, page)).analytics, false);
    await site.idle();
    assert.equal(site.pageviews.length, 1);
    assert.equal(site.count(COLLECT), 1);
    assert.equal(site.count(BEACON), 1);
    assert.equal(await page.has(BANNER), false);
  });

  journey('the compiled default config: the banner from kjeks.js, then kjeks-core.en.js; reload remembered, with the beacon', async ({ site, page }) => {
    await visit(site, page, '/t/first');
    await page.waitForRole(BANNER);
    await site.waitForRequests('/kjeks/kjeks-core.en.js');
    await page.click(bannerButton(EN.accept));
    await site.waitForRequests(BEACON);
    await site.waitForPageviews(1);
    await page.waitForNoRole(BANNER);
    await page.reload();
    assert.equal((await kjeksReady(site, page)).analytics, true);
    await site.waitForPageviews(2);
    assert.equal(await page.has(BANNER), false);
    await site.idle();
    assert.equal(site.count(BEACON), 2, 'one beacon per page view: the core does not add it again');
  });

  journey('the banner speaks the page\'s language: bokmål on /, English on /en/', async ({ site, page }) => {
    for (const [path, lang, texts] of [['/', 'nb', NB], ['/en/', 'en', EN]]) {
      await visit(site, page, path);
      await page.waitForRole(BANNER);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      const banner = await page.inspect(BANNER, (el) => ({
        lang: el.closest('[lang]').getAttribute('lang'),
        title: el.querySelector('h2').textContent.trim(),
      }));
      assert.deepEqual(banner, { lang, title: texts.title }, path);
      assert.ok(await page.has(bannerButton(texts.accept)), `${path}: ${texts.accept}`);
      assert.ok(await page.has(bannerButton(texts.decline)), `${path}: ${texts.decline}`);
    }
  });

  journey('a gated script runs only after Accept, and once', async ({ site, page }) => {
    const ran = () => page.evaluate(() => [window.__gatedExternal || 0, window.__gatedInline || 0]);
    await visit(site, page, '/t/gated');
    await page.waitForRole(BANNER);
    await site.idle();
    assert.deepEqual(await ran(), [0, 0]);
    assert.equal(site.count('/t/gated.js'), 0);
    await page.click(bannerButton(EN.accept));
    await page.waitFor(() => window.__gatedExternal && window.__gatedInline, [], 'both gated scripts ran');
    await site.idle();
    assert.deepEqual(await ran(), [1, 1]);
    assert.equal(site.count('/t/gated.js'), 1);
  });

  journey('the booking embed waits behind a placeholder; "Last inn innhold" loads it', async ({ site, page }) => {
    const placeholder = { role: 'group', name: 'Timebok (demo)' };
    const frameSrc = () => page.evaluate(() => document.querySelector('iframe.booking-frame').getAttribute('src'));
    await visit(site, page, '/#booking');
    await page.waitForRole(placeholder);
    await site.idle();
    assert.equal(await frameSrc(), null);
    assert.equal(site.count('/booking-widget/'), 0);
    await page.click({ role: 'button', name: 'Last inn innhold', within: placeholder });
    await site.waitForRequests('/booking-widget/');
    await page.waitForNoRole(placeholder);
    assert.equal(await frameSrc(), `${site.origin}/booking-widget/`);
    await page.waitFor(() => {
      const inside = document.querySelector('iframe.booking-frame').contentDocument;
      return inside && inside.readyState === 'complete' && inside.querySelector('h1, h2') &&
        inside.querySelector('h1, h2').textContent;
    }, [], 'the booking widget rendered in the iframe');
    assert.equal((await page.evaluate(() => window.Kjeks.consent())).external, true);
  });

  journey('under a strict CSP: the banner works, Accept loads the beacon, zero violations', async ({ site, page }) => {
    await visit(site, page, '/t/csp');
    await page.waitForRole(BANNER);
    // A blocked stylesheet would leave the banner unstyled, in the page's flow.
    assert.equal(await page.inspect(BANNER, (el) => getComputedStyle(el).position), 'fixed');
    await page.click(bannerButton(EN.accept));
    await site.waitForRequests(BEACON);
    await site.waitForPageviews(1);
    await page.waitForNoRole(BANNER);
    await site.idle();
    assert.deepEqual(await page.evaluate(() => window.__violations), []);

    // Control: the recorder does see a violation in this engine.
    await page.evaluate(() => {
      const inline = document.createElement('script');
      inline.textContent = 'window.__inlineRan = true;';
      document.head.appendChild(inline);
    });
    const violations = await page.waitFor(() => window.__violations.length > 0 && window.__violations, [],
      'the blocked inline script reported');
    assert.match(violations[0], /^script-src/);
    assert.equal(await page.evaluate(() => window.__inlineRan === true), false);
  });

  journey('Trusted Types enforced: the beacon and a gated script run through the kjeks policy, zero violations', async ({ site, page }, t) => {
    await visit(site, page, '/t/trusted-types');
    await page.waitForRole(BANNER);
    const enforced = await page.evaluate(() => typeof window.trustedTypes === 'object');
    t.diagnostic(enforced ? 'this engine enforces Trusted Types' : 'this engine has no Trusted Types: the directive is ignored');
    await page.click(bannerButton(EN.accept));
    await site.waitForRequests(BEACON);
    await site.waitForPageviews(1);
    await page.waitFor(() => window.__gatedExternal === 1, [], 'the gated script ran once');
    await site.idle();
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    if (enforced) {
      // What the page assigns without a policy stays blocked.
      assert.equal(await page.evaluate(() => {
        try {
          document.createElement('script').src = '/t/gated.js';
          return false;
        } catch (e) {
          return e instanceof TypeError;
        }
      }), true);
    }
  });
}
