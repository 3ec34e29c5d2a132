// The bridge's effects module (wasm/effects.js) loaded as it is, as an ES
// module, in a blank page: it runs the core's commands in the order given,
// and a batch with a command it does not know runs not at all and halts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSite, openContext } from './harness.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

// A page that imports the bridge's modules from wasm/ and builds the effects
// with an environment that logs every call it gets.
async function bridgePage() {
  const ctx = await openContext(site);
  await ctx.context.route(`${site.origin}/bridge/*.js`, async (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    route.fulfill({ status: 200, contentType: 'text/javascript', body: await readFile(join(root, 'wasm', name), 'utf8') });
  });
  await ctx.context.route(`${site.origin}/t/bridge`, (route) => route.fulfill({
    status: 200, contentType: 'text/html',
    body: `<!doctype html><html lang="en"><head><title>bridge</title></head><body><main><h1>x</h1></main><footer></footer>
<script type="module">
import { createEffects } from '/bridge/effects.js';
import { buildElement } from '/bridge/dom.js';
import { appendBeacon, showBanner } from '/bridge/placement.js';
const log = [];
const faults = [];
const effects = createEffects({
  base: location.origin + '/', nonce: '',
  local: { set: (k, v) => log.push('store ' + k), get: () => null, remove: () => {} },
  send: () => {}, changed: (c) => log.push('change ' + c.method),
  gating: { load: (c) => log.push('load ' + c), stop: (c) => log.push('stop ' + c), halt: () => log.push('halt gating') },
  proof: { send: (e) => log.push('proof ' + e) },
  trusted: { scriptUrl: (u) => u, script: (t) => t },
  fatal: (e) => faults.push(e.message),
  shown: { banner: null },
  bridge: { buildElement, showBanner, appendBeacon },
});
window.bridge = { effects, log, faults };
</script></body></html>`,
  }));
  const page = await ctx.newPage();
  await page.goto(`${site.origin}/t/bridge`);
  await page.waitForFunction(() => !!window.bridge);
  return { ctx, page };
}

test('commands run in the order the core gives them', async () => {
  const { ctx, page } = await bridgePage();
  const log = await page.evaluate(() => {
    window.bridge.effects.apply(JSON.stringify([
      { op: 'store', key: 'k', text: 't' },
      { op: 'stop', category: 'external', storage: [] },
      { op: 'proof', endpoint: '/api/consent', body: '{}' },
      { op: 'change', consent: { necessary: true }, method: 'custom', id: 'x', decided: true, gpc: false },
      { op: 'load', category: 'analytics' },
      { op: 'load', category: 'necessary' },
    ]));
    return window.bridge.log;
  });
  assert.deepEqual(log, ['store k', 'stop external', 'proof /api/consent', 'change custom', 'load analytics', 'load necessary']);
  await ctx.close();
});

test('a batch with an unknown command runs not at all, reports the fault and halts', async () => {
  const { ctx, page } = await bridgePage();
  const result = await page.evaluate(() => {
    const { effects, log, faults } = window.bridge;
    effects.apply(JSON.stringify([{ op: 'store', key: 'k', text: 't' }, { op: 'loadEverything' }, { op: 'load', category: 'analytics' }]));
    const afterUnknown = log.slice();
    effects.halt();
    effects.apply(JSON.stringify([{ op: 'load', category: 'analytics' }]));
    return { afterUnknown, log: log.slice(), faults };
  });
  assert.deepEqual(result.afterUnknown, []);
  assert.equal(result.faults.length, 1);
  assert.match(result.faults[0], /"loadEverything"/);
  assert.deepEqual(result.log, ['halt gating'], 'after a halt nothing runs');
  await ctx.close();
});

// A banner view, as the core describes one: a title and buttons.
const bannerView = (title) => ['section', { class: 'kjeks kjeks-banner', 'aria-label': 'Cookies' },
  ['h2', {}, title],
  ['button', { type: 'button', 'data-kjeks-action': 'accept_all' }, 'Accept'],
  ['button', { type: 'button', 'data-kjeks-action': 'reject_all' }, 'Decline']];

test('a banner with the view already shown is kept as it is; another view replaces it, with its room and focus', async () => {
  const { ctx, page } = await bridgePage();
  const view = bannerView('Cookies');
  await page.evaluate((v) => {
    window.bridge.effects.apply(JSON.stringify([{ op: 'banner', node: v }]));
    document.querySelector('.kjeks-banner').kept = true;
  }, view);
  await page.waitForFunction(() => document.documentElement.style.getPropertyValue('--kjeks-banner-height') !== '');
  const same = await page.evaluate((v) => {
    window.bridge.effects.apply(JSON.stringify([{ op: 'banner', node: v }]));
    return { count: document.querySelectorAll('.kjeks-banner').length, kept: document.querySelector('.kjeks-banner').kept === true };
  }, view);
  assert.deepEqual(same, { count: 1, kept: true });

  const taller = bannerView('Cookies '.repeat(400));
  const replaced = await page.evaluate((v) => {
    document.querySelector('[data-kjeks-action="reject_all"]').focus();
    window.bridge.effects.apply(JSON.stringify([{ op: 'banner', node: v }]));
    const el = document.querySelector('.kjeks-banner');
    return { count: document.querySelectorAll('.kjeks-banner').length, kept: el.kept === true,
      focused: document.activeElement.getAttribute('data-kjeks-action'),
      room: document.documentElement.classList.contains('kjeks-banner-open') };
  }, taller);
  assert.deepEqual(replaced, { count: 1, kept: false, focused: 'reject_all', room: true });
  // The new banner's height, measured in a frame after its layout.
  await page.waitForFunction(() => document.documentElement.style.getPropertyValue('--kjeks-banner-height') ===
    document.querySelector('.kjeks-banner').offsetHeight + 'px');
  await ctx.close();
});
