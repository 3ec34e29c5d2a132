// Consent per service: the demo's external category lists online booking
// (an iframe gated with data-kjeks-service="booking") and chat (a script
// gated on "chat", started by the page's own data-kjeks-load button). Each
// service has its own switch; the category's switch is mixed while they
// differ; withdrawing one service stops only it and deletes only its storage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, openContext, waitForKjeks, storageSnapshot, eventually } from './harness.mjs';
import { pathOf } from './fixtures/ecosystem.mjs';
import { makeRecord } from './fixtures/records.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

const chatRequests = (ctx) => ctx.requests.filter((r) => pathOf(r) === '/chat-widget/chat.js');
const bookingRequests = (ctx) => ctx.requests.filter((r) => pathOf(r).startsWith('/booking-widget/') &&
  !pathOf(r).endsWith('.css'));
// The chat's gated script is still inert: never replaced by a real one.
const chatInert = (page) => page.evaluate(() =>
  document.querySelector('script[data-kjeks-service="chat"]').getAttribute('type') === 'text/plain');
const stored = async (page) => JSON.parse((await storageSnapshot(page)).local['kjeks.consent']);

async function open(path, { record = null, local = {} } = {}) {
  const ctx = await openContext(site);
  await ctx.context.addInitScript(({ record, local }) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    if (record) localStorage.setItem('kjeks.consent', record);
    for (const key in local) localStorage.setItem(key, local[key]);
  }, { record, local });
  const page = await ctx.newPage();
  await page.goto(site.origin + path);
  await waitForKjeks(page);
  return { ctx, page };
}

async function openSettings(page, name) {
  await page.locator('footer').getByRole('button', { name }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ state: 'visible' });
  return dialog;
}

test('granting online booking alone loads the booking iframe and never requests the chat script', async () => {
  const { ctx, page } = await open('/en/');
  const dialog = await openSettings(page, 'Cookie settings');
  const booking = dialog.getByRole('switch', { name: 'Online booking' });
  const chat = dialog.getByRole('switch', { name: 'Chat', exact: true });
  const external = dialog.locator('#kjeks-toggle-external');
  assert.equal(await booking.isChecked(), false);
  assert.equal(await external.getAttribute('aria-checked'), null);

  // By keyboard, as the category switches.
  await booking.focus();
  await page.keyboard.press('Space');
  assert.equal(await booking.isChecked(), true);
  assert.equal(await chat.isChecked(), false);
  // The category's switch is partly on: mixed, and drawn so.
  await eventually(async () => (await external.getAttribute('aria-checked')) === 'mixed', 'external is mixed');
  assert.equal(await external.evaluate((el) => el.indeterminate), true);
  assert.equal(await external.evaluate((el) => el.matches(':indeterminate')), true);

  // The service's details: provider, terms link.
  const details = dialog.locator('section.kjeks-service').filter({ has: page.getByRole('switch', { name: 'Online booking' }) });
  assert.match(await details.textContent(), /Provider: Timebok \(demo\)/);
  assert.equal(await details.getByRole('link', { name: 'Terms and privacy at Timebok (demo)' }).getAttribute('href'),
    '/booking-widget/personvern.html');

  const widget = page.waitForRequest((r) => new URL(r.url()).pathname === '/booking-widget/en/');
  await dialog.locator('[data-kjeks-action="save"]').click();
  await widget;
  await page.locator('iframe.booking-frame').waitFor({ state: 'visible' });
  await page.frameLocator('iframe.booking-frame').getByRole('heading', { name: 'Book a meeting with NordLeads' }).waitFor();
  assert.equal(await chatInert(page), true);
  assert.deepEqual(chatRequests(ctx), []);
  assert.equal(await page.locator('#chat-box').isVisible(), false);

  const record = await stored(page);
  assert.equal(record.method, 'custom');
  assert.deepEqual(record.choices, { analytics: false, diagnostics: false, external: true, necessary: true });
  assert.deepEqual(record.services, { booking: true, chat: false, 'portal-diagnostics': false });
  const consent = await page.evaluate(() => window.Kjeks.consent());
  assert.deepEqual(consent.services, { booking: true, chat: false, 'portal-diagnostics': false });
  assert.equal(consent.external, true);
  assert.deepEqual(ctx.pageErrors, []);
  await ctx.close();
});

test('the category switch sets all of its services; the change event tells each service', async () => {
  const { ctx, page } = await open('/en/');
  const dialog = await openSettings(page, 'Cookie settings');
  await dialog.locator('#kjeks-toggle-external').check();
  assert.equal(await dialog.getByRole('switch', { name: 'Online booking' }).isChecked(), true);
  assert.equal(await dialog.getByRole('switch', { name: 'Chat', exact: true }).isChecked(), true);
  await dialog.getByRole('switch', { name: 'Chat', exact: true }).uncheck();
  await eventually(async () => (await dialog.locator('#kjeks-toggle-external').getAttribute('aria-checked')) === 'mixed',
    'mixed');
  await dialog.getByRole('switch', { name: 'Online booking' }).uncheck();
  assert.equal(await dialog.locator('#kjeks-toggle-external').getAttribute('aria-checked'), null);
  assert.equal(await dialog.locator('#kjeks-toggle-external').isChecked(), false);
  await dialog.locator('#kjeks-toggle-external').check();

  const change = page.evaluate(() => new Promise((r) => window.Kjeks.on('change', r)));
  await dialog.locator('[data-kjeks-action="save"]').click();
  const detail = await change;
  assert.deepEqual(detail.services, { booking: true, chat: true, 'portal-diagnostics': false });
  assert.deepEqual(detail.consent.services, detail.services);
  await ctx.close();
});

test('withdrawing one service stops only it and deletes only its storage', async () => {
  const record = makeRecord({
    choices: { necessary: true, analytics: false, external: true, diagnostics: true }, method: 'custom', lang: 'en',
    services: { booking: true, chat: true, 'portal-diagnostics': true },
  });
  const { ctx, page } = await open('/en/', { record, local: { nl_chat: 'c1', nl_diag: 'd1' } });
  const frame = page.locator('iframe.booking-frame');
  await frame.waitFor({ state: 'visible' });
  await page.locator('#chat-box[data-chat="running"]').waitFor();

  // Booking off: its iframe empties and the placeholder comes back; the chat runs on.
  let dialog = await openSettings(page, 'Cookie settings');
  await dialog.getByRole('switch', { name: 'Online booking' }).uncheck();
  const proofs = site.proofs.length;
  await dialog.locator('[data-kjeks-action="save"]').click();
  await dialog.waitFor({ state: 'detached' });
  const placeholder = page.getByRole('group', { name: 'Timebok (demo)' });
  await placeholder.waitFor({ state: 'visible' });
  assert.equal(await frame.getAttribute('src'), 'about:blank');
  let local = (await storageSnapshot(page)).local;
  assert.equal(local.nl_chat, 'c1');
  assert.equal(local.nl_diag, 'd1');
  assert.equal(await page.locator('#chat-box[data-chat="running"]').count(), 1);
  assert.deepEqual((await stored(page)).services, { booking: false, chat: true, 'portal-diagnostics': true });
  await eventually(() => site.proofs.length > proofs, 'the proof of the withdrawal');
  assert.deepEqual(site.proofs.at(-1).services, { booking: false, chat: true, 'portal-diagnostics': true });

  // Chat off too: its storage goes, the other category's stays; external is off now.
  dialog = await openSettings(page, 'Cookie settings');
  await dialog.getByRole('switch', { name: 'Chat', exact: true }).uncheck();
  await dialog.locator('[data-kjeks-action="save"]').click();
  await dialog.waitFor({ state: 'detached' });
  await eventually(async () => (await storageSnapshot(page)).local.nl_chat === undefined, 'nl_chat deleted');
  local = (await storageSnapshot(page)).local;
  assert.equal(local.nl_diag, 'd1');
  const consent = await page.evaluate(() => window.Kjeks.consent());
  assert.equal(consent.external, false);
  assert.equal(consent.diagnostics, true);
  assert.deepEqual(consent.services, { booking: false, chat: false, 'portal-diagnostics': true });
  assert.deepEqual(ctx.pageErrors, []);
  await ctx.close();
});

test('chat click-to-load: nothing before the click; the click grants chat, loads it at once and sends the proof', async () => {
  const { ctx, page } = await open('/');
  await page.locator('section.kjeks-banner').waitFor({ state: 'visible' });
  await page.getByRole('group', { name: 'Timebok (demo)' }).waitFor({ state: 'visible' });
  assert.equal(await chatInert(page), true);
  assert.deepEqual(chatRequests(ctx), []);
  assert.equal(await page.locator('#chat-box').isVisible(), false);

  const script = page.waitForRequest((r) => new URL(r.url()).pathname === '/chat-widget/chat.js');
  await page.getByRole('button', { name: 'Start chat' }).click();
  await script;
  await page.locator('#chat-box[data-chat="running"]').waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Chat med NordLeads' }).count(), 1);
  assert.equal((await storageSnapshot(page)).local.nl_chat.length > 0, true);

  const record = await stored(page);
  assert.equal(record.method, 'custom');
  assert.deepEqual(record.services, { booking: false, chat: true, 'portal-diagnostics': false });
  assert.equal(record.choices.external, true);
  await eventually(() => site.proofs.some((p) => p.consentId === record.id), 'the proof');
  const proof = site.proofs.find((p) => p.consentId === record.id);
  assert.equal(proof.method, 'custom');
  assert.deepEqual(proof.services, record.services);
  // The choice answers the banner; the booking stays behind its placeholder, analytics off.
  assert.equal(await page.locator('section.kjeks-banner').count(), 0);
  assert.equal(await page.getByRole('group', { name: 'Timebok (demo)' }).count(), 1);
  assert.deepEqual(bookingRequests(ctx), []);
  assert.equal(ctx.beaconRequests().length, 0);
  assert.deepEqual(ctx.pageErrors, []);
  await ctx.close();
});

test('the booking placeholder\'s "Load content" grants only booking', async () => {
  const { ctx, page } = await open('/');
  const placeholder = page.getByRole('group', { name: 'Timebok (demo)' });
  const widget = page.waitForRequest((r) => new URL(r.url()).pathname === '/booking-widget/');
  await placeholder.getByRole('button', { name: 'Last inn innhold' }).click();
  await widget;
  await page.frameLocator('iframe.booking-frame').getByRole('heading', { name: 'Bestill et møte med NordLeads' }).waitFor();
  assert.equal(await chatInert(page), true);
  assert.deepEqual(chatRequests(ctx), []);
  assert.deepEqual((await stored(page)).services, { booking: true, chat: false, 'portal-diagnostics': false });
  await ctx.close();
});

test('a record from before services is still honoured: no banner, each service takes its category\'s choice', async () => {
  const record = makeRecord({ choices: { necessary: true, analytics: false, external: true, diagnostics: false }, method: 'custom' });
  assert.equal(JSON.parse(record).services, undefined);
  const { ctx, page } = await open('/', { record });
  await page.locator('iframe.booking-frame').waitFor({ state: 'visible' });
  await page.locator('#chat-box[data-chat="running"]').waitFor();
  assert.equal(await page.locator('section.kjeks-banner').count(), 0);
  assert.deepEqual((await page.evaluate(() => window.Kjeks.consent())).services,
    { booking: true, chat: true, 'portal-diagnostics': false });
  // Kept as it is until the next decision.
  assert.equal((await storageSnapshot(page)).local['kjeks.consent'], record);
  await ctx.close();
});

test('a record with another set of categories, or of services, of the same size brings the banner back', async () => {
  const swappedCategories = makeRecord({
    choices: { necessary: true, analytics: true, external: true, marketing: true }, method: 'accept_all',
  });
  const swappedServices = makeRecord({
    choices: { necessary: true, analytics: true, external: true, diagnostics: false }, method: 'custom',
    services: { booking: true, chat: true, video: false },
  });
  for (const record of [swappedCategories, swappedServices]) {
    const { ctx, page } = await open('/', { record });
    await page.locator('section.kjeks-banner').waitFor({ state: 'visible' });
    await page.getByRole('group', { name: 'Timebok (demo)' }).waitFor({ state: 'visible' });
    assert.equal(await chatInert(page), true);
    assert.deepEqual(chatRequests(ctx), []);
    assert.deepEqual(bookingRequests(ctx), []);
    assert.equal(ctx.beaconRequests().length, 0);
    assert.equal((await page.evaluate(() => window.Kjeks.consent())).external, false);
    await ctx.close();
  }
});

test('Nynorsk: the services are named in Nynorsk', async () => {
  const { ctx, page } = await open('/nn/informasjonskapslar/');
  const dialog = await openSettings(page, 'Innstillingar for informasjonskapslar');
  assert.equal(await dialog.getByRole('switch', { name: 'Diagnostikk i kundeportalen' }).count(), 1);
  assert.match(await dialog.textContent(), /Opplysningar kan i nokre tilfelle bli behandla utanfor EU\/EØS\. Overføringsgrunnlag: Standardkontraktsklausular/);
  await ctx.close();
});
