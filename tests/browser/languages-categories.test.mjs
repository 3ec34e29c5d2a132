// Languages and categories are open: a page in Nynorsk gets the banner in
// Nynorsk and one in plain Norwegian ("no") gets Bokmål; a stored choice over
// another set of categories (of the same size) is no choice; a category id
// the site makes up gets its switch in the settings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, openContext, waitForKjeks } from './harness.mjs';
import { pageHtml, siteConfig, kjeksErrors, openSession } from './fixtures/fail-closed.mjs';
import { makeRecord, DAY_MS } from './fixtures/records.mjs';
import { readFileSync } from 'node:fs';

const DEFAULT_TEXTS = JSON.parse(readFileSync(new URL('../../src/default_config.json', import.meta.url), 'utf8')).texts;

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

const KEY = 'kjeks.consent';

async function withSession(run) {
  const session = await openSession(site, openContext, { reducedMotion: 'reduce' });
  try {
    await run(session);
  } finally {
    await session.close();
  }
}

const banner = (page, name) => page.getByRole('region', { name });

test('a page in Nynorsk (lang="nn") gets the banner and the settings in Nynorsk', async () => {
  await withSession(async ({ ctx, page, visit }) => {
    await visit(pageHtml({ config: siteConfig(), lang: 'nn' }));
    await waitForKjeks(page);
    const region = banner(page, 'Vi brukar informasjonskapslar');
    await region.waitFor({ state: 'visible' });
    assert.equal(await region.getAttribute('lang'), 'nn');
    for (const name of ['Godta alle', 'Avslå alle', 'Innstillingar']) {
      assert.equal(await region.getByRole('button', { name, exact: true }).count(), 1, name);
    }
    assert.equal(await region.getByRole('link', { name: 'Les meir om informasjonskapslar' }).count(), 1);

    await region.getByRole('button', { name: 'Innstillingar', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Innstillingar for informasjonskapslar' });
    await dialog.waitFor({ state: 'visible' });
    assert.equal(await dialog.getByRole('button', { name: 'Lagre val' }).count(), 1);
    // The site gives its titles in nb and en only: a Nynorsk reader gets Bokmål.
    assert.equal(await dialog.getByRole('switch', { name: 'Analyse' }).count(), 1);

    await dialog.getByRole('button', { name: 'Avslå alle' }).click();
    await dialog.waitFor({ state: 'detached' });
    const record = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
    assert.equal(record.lang, 'nn', 'the record names the language the visitor read');
    assert.deepEqual(kjeksErrors(ctx.consoleErrors), []);
  });
});

test('nn-NO is Nynorsk too; no and no-NO are Bokmål', async () => {
  await withSession(async (session) => {
    for (const [lang, title, settings] of [
      ['nn-NO', 'Vi brukar informasjonskapslar', 'Innstillingar'],
      ['no', 'Vi bruker informasjonskapsler', 'Innstillinger'],
      ['no-NO', 'Vi bruker informasjonskapsler', 'Innstillinger'],
    ]) {
      await session.reset();
      await session.visit(pageHtml({ config: siteConfig(), lang }));
      await waitForKjeks(session.page);
      const region = banner(session.page, title);
      await region.waitFor({ state: 'visible' });
      assert.equal(await region.getAttribute('lang'), lang.startsWith('nn') ? 'nn' : 'nb', lang);
      assert.equal(await region.getByRole('button', { name: settings, exact: true }).count(), 1, lang);
      assert.equal(await region.getByRole('button', { name: 'Godta alle' }).count(), 1, lang);
      assert.equal(await region.getByRole('button', { name: 'Avslå alle' }).count(), 1, lang);
    }
  });
});

test('a language the site adds (every text key) is offered to a page in it', async () => {
  // English placeholders for every key, then a few real Northern Sami texts.
  const se = {
    ...DEFAULT_TEXTS.en,
    'banner.title': 'Mii geavahit diehtočoahkuid', 'banner.accept': 'Dohkket buot', 'banner.decline': 'Hilgo buot',
  };
  await withSession(async ({ ctx, page, visit }) => {
    await visit(pageHtml({ config: siteConfig({ texts: { se } }), lang: 'se-NO' }));
    await waitForKjeks(page);
    const region = banner(page, 'Mii geavahit diehtočoahkuid');
    await region.waitFor({ state: 'visible' });
    assert.equal(await region.getAttribute('lang'), 'se');
    assert.equal(await region.getByRole('button', { name: 'Dohkket buot' }).count(), 1);
    assert.equal(await region.getByRole('button', { name: 'Hilgo buot' }).count(), 1);
    assert.deepEqual(kjeksErrors(ctx.consoleErrors), []);
  });
});

test('a stored choice over another set of categories of the same size asks again, and loads no beacon', async () => {
  // The site: necessary, analytics, external. The record: necessary,
  // analytics, marketing (three as well), everything accepted.
  const config = siteConfig();
  config.categories.push({ id: 'external', title: 'External', description: 'Embeds.', storage: [] });
  const now = Date.now();
  const fields = { rev: config.revision, given: now - 2 * DAY_MS, updated: now - DAY_MS, method: 'accept_all' };
  const swapped = makeRecord({ ...fields, choices: { necessary: true, analytics: true, marketing: true } });
  const matching = makeRecord({ ...fields, choices: { necessary: true, analytics: true, external: true } });

  await withSession(async (session) => {
    const { ctx, page } = session;
    // Control: the same record over the site's own categories holds, and the beacon loads.
    await session.store(KEY, matching);
    const pageview = page.waitForRequest((r) => r.url().endsWith('/api/collect'));
    await session.visit(pageHtml({ config }));
    assert.equal((await waitForKjeks(page)).analytics, true);
    await pageview;
    assert.equal(await banner(page, 'We use cookies').count(), 0);

    await session.reset();
    await session.store(KEY, swapped);
    await session.visit(pageHtml({ config }));
    const consent = await waitForKjeks(page);
    assert.deepEqual(consent, { necessary: true, analytics: false, external: false });
    await banner(page, 'We use cookies').waitFor({ state: 'visible' });
    await page.waitForLoadState('networkidle');
    assert.equal(await page.locator('script[src*="beacon"]').count(), 0);
    assert.equal(ctx.beaconRequests().length, 0);
    assert.equal(ctx.collectRequests().length, 0);
    assert.deepEqual(kjeksErrors(ctx.consoleErrors), []);
  });
});

test('a category id the site makes up ("chat") gets its switch, with its title, in the settings', async () => {
  const config = siteConfig();
  config.categories.push({
    id: 'chat', title: { nb: 'Chat med oss', nn: 'Prat med oss', en: 'Chat with us' },
    description: { nb: 'Chatvinduet.', en: 'The chat window.' },
    storage: [{ name: 'chat_id', kind: 'cookie', purpose: 'Your conversation', duration: '1 day' }],
  });
  await withSession(async ({ ctx, page, visit }) => {
    await visit(pageHtml({ config, lang: 'en' }));
    assert.deepEqual(await waitForKjeks(page), { necessary: true, analytics: false, chat: false });
    await banner(page, 'We use cookies').getByRole('button', { name: 'Settings', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Cookie settings' });
    await dialog.waitFor({ state: 'visible' });
    const chat = dialog.getByRole('switch', { name: 'Chat with us' });
    assert.equal(await chat.count(), 1);
    assert.equal(await chat.isChecked(), false, 'nothing optional is on before the visitor chooses');
    assert.equal(await dialog.getByRole('heading', { name: 'Chat with us' }).count(), 1);
    assert.match(await dialog.textContent(), /chat_id/);

    await chat.check();
    const changed = page.evaluate(() => new Promise((resolve) => {
      document.addEventListener('kjeks:change', (e) => resolve(e.detail), { once: true });
    }));
    await dialog.getByRole('button', { name: 'Save choices' }).click();
    const detail = await changed;
    assert.deepEqual(detail.consent, { necessary: true, analytics: false, chat: true });
    const record = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
    assert.deepEqual(record.choices, { analytics: false, chat: true, necessary: true });
    assert.deepEqual(kjeksErrors(ctx.consoleErrors), []);
  });
});
