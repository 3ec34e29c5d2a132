// Injection: markup and javascript: URLs in every config text
// and URL field and in the stored record execute nothing (a page flag stays
// unset) and texts are shown as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startSite, openContext, waitForKjeks } from './harness.mjs';
import { pageHtml, siteConfig, kjeksErrors, openSession } from './fixtures/fail-closed.mjs';
import { recordBody, seal, DAY_MS } from './fixtures/records.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=(window.__pwned||0)+1">',
  '"><script>window.__pwned=1</script>',
  '<svg onload="window.__pwned=1"><a href="javascript:window.__pwned=1">x</a></svg>',
  "javascript:window.__pwned=1//",
  "'><iframe srcdoc=\"<script>parent.__pwned=1</script>\"></iframe>",
];
const STORAGE_NAME = '<script>this.__pwned++</script>';
const TEXT_KEYS = Object.keys(JSON.parse(readFileSync(new URL('../../src/default_config.json', import.meta.url), 'utf8')).texts.en);

// Every text of the config set to a payload (texts, titles, descriptions,
// storage purposes and durations, controller name); storage names get the
// payload forms a storage name allows.
function textsConfig(payload) {
  const withProvider = (key) => key === 'embed.text' || key === 'service.terms';
  const texts = Object.fromEntries(TEXT_KEYS.map((key) => [key, `${payload} ${key}${withProvider(key) ? ' {provider}' : ''}`]));
  const config = siteConfig({ texts: { en: texts, nb: texts } });
  config.controller.name = `${payload} controller`;
  config.categories.push({ id: 'external', title: 'E', description: 'D', storage: [], services: [{
    id: 'chat', name: 'N', provider: 'P', purpose: 'P', storage: [], policyUrl: '/terms',
    transfer: { outsideEea: true, basis: 'B' },
  }] });
  for (const category of config.categories) {
    category.title = `${payload} title ${category.id}`;
    category.description = { nb: `${payload} nb`, en: `${payload} description ${category.id}` };
    for (const item of category.storage) {
      item.purpose = `${payload} purpose`;
      item.duration = `${payload} duration`;
    }
    for (const service of category.services || []) {
      service.name = `${payload} service name`;
      service.provider = `${payload} service provider`;
      service.purpose = `${payload} service purpose`;
      if (service.transfer) service.transfer.basis = `${payload} service basis`;
    }
  }
  // A storage name allows no '=': the script sets the flag to NaN if it ever runs.
  config.categories[1].storage.push({ name: STORAGE_NAME, kind: 'cookie', purpose: payload, duration: payload });
  return config;
}

// What must hold on any page after Kjeks has rendered: nothing ran, no
// element from a payload exists, no handler attribute, no unsafe URL.
async function assertNothingInjected(page) {
  const found = await page.evaluate(() => ({
    pwned: window.__pwned,
    elements: document.querySelectorAll('.kjeks img, .kjeks script, .kjeks iframe, .kjeks a svg, .kjeks-banner svg').length,
    handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes]
      .filter((a) => /^on/i.test(a.name) || a.name === 'srcdoc').map((a) => `${el.tagName}@${a.name}`)),
    unsafeLinks: [...document.querySelectorAll('[href],[src]')]
      .map((el) => el.getAttribute('href') || el.getAttribute('src'))
      .filter((url) => /^\s*(javascript|data|vbscript):/i.test(url)),
  }));
  assert.deepEqual(found, { pwned: undefined, elements: 0, handlers: [], unsafeLinks: [] });
}

test(`${PAYLOADS.length} payloads in every config text: shown as text, nothing executes`, async (t) => {
  const session = await openSession(site, openContext, { reducedMotion: 'reduce' });
  const { ctx, page } = session;
  try {
    for (const payload of PAYLOADS) {
      await t.test(payload, async () => {
        await session.reset();
        await session.visit(pageHtml({ config: textsConfig(payload) }));
        await waitForKjeks(page);
        assert.deepEqual(kjeksErrors(ctx.consoleErrors), [], 'the payloads are valid texts');
        const banner = page.locator('section.kjeks-banner');
        await banner.waitFor({ state: 'visible' });
        assert.equal(await page.locator('#kjeks-banner-title').textContent(), `${payload} banner.title`);
        assert.equal(await banner.locator('[data-kjeks-action="accept_all"]').textContent(), `${payload} banner.accept`);
        assert.ok((await banner.locator('.kjeks-banner__body').textContent()).startsWith(`${payload} banner.body`));
        await assertNothingInjected(page);

        await banner.locator('[data-kjeks-action="open_settings"]').click();
        const dialog = page.getByRole('dialog');
        await dialog.waitFor({ state: 'visible' });
        assert.equal(await dialog.locator('#kjeks-dialog-title').textContent(), `${payload} dialog.title`);
        assert.equal(await dialog.locator('#kjeks-cat-analytics-title').textContent(), `${payload} title analytics`);
        assert.equal(await dialog.locator('#kjeks-cat-analytics-desc').textContent(), `${payload} description analytics`);
        const dialogText = await dialog.textContent();
        for (const part of ['controller', 'purpose', 'duration']) assert.ok(dialogText.includes(`${payload} ${part}`), part);
        for (const part of ['service name', 'service provider', 'service purpose', 'service basis']) {
          assert.ok(dialogText.includes(`${payload} ${part}`), part);
        }
        assert.ok(dialogText.includes(STORAGE_NAME), 'the storage name as text');
        assert.equal(await dialog.locator('[data-kjeks-action="close"]').getAttribute('aria-label'), `${payload} dialog.close`);
        await assertNothingInjected(page);

        await dialog.locator('[data-kjeks-action="accept_all"]').click();
        await dialog.waitFor({ state: 'detached' });
        assert.equal(await page.locator('footer [data-kjeks-view="icon"]').getAttribute('aria-label'), `${payload} icon.label`);
        await assertNothingInjected(page);
        assert.deepEqual(ctx.pageErrors, []);
      });
    }
  } finally {
    await session.close();
  }
});

// URL fields: a javascript: or markup payload is refused (fail closed) and
// never becomes a link or a script.
const URL_CASES = [
  ['policyUrl', (p) => siteConfig({ policyUrl: p })],
  ['policyUrl.en', (p) => siteConfig({ policyUrl: { nb: '/p', en: p } })],
  ['beacon.src', (p) => siteConfig({ beacon: { src: p } })],
  ['beacon.endpoint', (p) => siteConfig({ beacon: { src: 'beacon.js', endpoint: p } })],
  ['consentLog.endpoint', (p) => siteConfig({ consentLog: { endpoint: p } })],
  ['controller.email', (p) => siteConfig({ controller: { name: 'X', email: p } })],
  ['controller.phone', (p) => siteConfig({ controller: { name: 'X', phone: p } })],
];
const URL_PAYLOADS = [
  'javascript:window.__pwned=1',
  ' JaVaScRiPt:window.__pwned=1',
  'java\tscript:window.__pwned=1',
  '/p"><img src=x onerror="window.__pwned=1">',
];

test(`${URL_CASES.length * URL_PAYLOADS.length} payloads in config URL fields: refused by path, nothing executes, analytics off`, async (t) => {
  const session = await openSession(site, openContext, { reducedMotion: 'reduce' });
  const { ctx, page } = session;
  try {
    for (const [field, make] of URL_CASES) {
      await t.test(field, async () => {
        for (const payload of URL_PAYLOADS) {
          await session.reset();
          await session.visit(pageHtml({ config: make(payload) }));
          await waitForKjeks(page);
          const errors = kjeksErrors(ctx.consoleErrors);
          assert.equal(errors.length, 1, payload);
          assert.ok(errors[0].includes(`${field}: not a`), `${payload}: ${errors[0]}`);
          const banner = page.locator('section.kjeks-banner');
          await banner.locator('[data-kjeks-action="open_settings"]').click();
          await page.getByRole('dialog').waitFor({ state: 'visible' });
          await assertNothingInjected(page);
          await page.getByRole('dialog').locator('[data-kjeks-action="accept_all"]').click();
          await page.getByRole('dialog').waitFor({ state: 'detached' });
          assert.equal(await page.locator('script[src*="beacon"]').count(), 0);
          await assertNothingInjected(page);
          assert.deepEqual(ctx.pageErrors, []);
        }
      });
    }
  } finally {
    await session.close();
  }
});

test('payloads in the stored record (with a valid checksum): no decision, nothing executes, nothing shown', async (t) => {
  const session = await openSession(site, openContext, { reducedMotion: 'reduce' });
  const { page } = session;
  const now = Date.now();
  const base = { rev: 'test-1', given: now - DAY_MS, updated: now - DAY_MS, choices: { necessary: true, analytics: true } };
  const records = [
    ['rev', { rev: PAYLOADS[0] }],
    ['id', { id: PAYLOADS[1] }],
    ['lang', { lang: PAYLOADS[2] }],
    ['method', { method: PAYLOADS[3] }],
    ['a choice key', { choices: { necessary: true, analytics: true, [PAYLOADS[0]]: true } }],
  ];
  try {
    for (const [field, fields] of records) {
      await t.test(field, async () => {
        await session.reset();
        await session.store('kjeks.consent', seal(recordBody({ ...base, ...fields })));
        await session.visit(pageHtml({ config: siteConfig() }));
        assert.equal((await waitForKjeks(page)).analytics, false);
        await page.locator('section.kjeks-banner').waitFor({ state: 'visible' });
        await page.locator('footer [data-kjeks-view="icon"]').click();
        const dialog = page.getByRole('dialog');
        await dialog.waitFor({ state: 'visible' });
        assert.ok(!(await dialog.textContent()).includes('pwned'), 'nothing from the record is shown');
        await assertNothingInjected(page);
      });
    }
  } finally {
    await session.close();
  }
});
