// Where the cookie icon goes: the first <footer>, an element marked
// data-kjeks-icon (which wins), or a fixed corner button when there is neither.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, openContext, waitForKjeks } from './harness.mjs';
import { serve } from './fixtures/ecosystem.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

const page = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Icon</title>
<script src="/kjeks/kjeks.js" defer></script></head><body>${body}</body></html>`;

async function iconHost(body) {
  const ctx = await openContext(site);
  await serve(ctx, `${site.origin}/fx/icon`, page(body));
  const tab = await ctx.newPage();
  await tab.goto(`${site.origin}/fx/icon`);
  await waitForKjeks(tab);
  const icon = tab.getByRole('button', { name: 'Cookie settings' });
  await icon.waitFor({ state: 'visible' });
  const where = await icon.evaluate((el) => ({
    parent: el.parentElement.id || el.parentElement.tagName.toLowerCase(),
    position: getComputedStyle(el).position,
    count: document.querySelectorAll('.kjeks-icon').length,
  }));
  // Whatever the placement, the icon opens the settings dialog.
  await icon.click();
  await tab.getByRole('dialog', { name: 'Cookie settings' }).waitFor({ state: 'visible' });
  await ctx.close();
  return where;
}

test('the icon goes into the first footer', async () => {
  const where = await iconHost('<main><h1>x</h1></main><footer id="first"></footer><footer id="second"></footer>');
  assert.deepEqual(where, { parent: 'first', position: 'static', count: 1 });
});

test('an element marked data-kjeks-icon wins over the footer', async () => {
  const where = await iconHost('<main><h1>x</h1><div id="slot" data-kjeks-icon></div></main><footer id="f"></footer>');
  assert.equal(where.parent, 'slot');
  assert.equal(where.count, 1);
});

test('a page with neither gets a fixed corner button, inside the main landmark', async () => {
  const where = await iconHost('<main id="content"><h1>No footer here</h1></main>');
  assert.deepEqual(where, { parent: 'content', position: 'fixed', count: 1 });
  const bare = await iconHost('<h1>No landmarks at all</h1>');
  assert.equal(bare.parent, 'body');
  assert.equal(bare.position, 'fixed');
});

// ui.cornerIcon: false: the site offers its own way to the settings.
const noCorner = JSON.stringify({
  revision: 'icon-1', policyUrl: '/en/cookies/', controller: { name: 'Test AS' },
  categories: [
    { id: 'necessary', title: 'Necessary', description: 'Needed.', storage: [] },
    { id: 'analytics', title: 'Analytics', description: 'Statistics.', storage: [] },
  ],
  ui: { cornerIcon: false },
});
const configured = (body) => page(`<script type="application/json" id="kjeks-config">${noCorner}</script>${body}`);

test('ui.cornerIcon false and no footer: no corner icon; the settings stay one call away', async () => {
  const ctx = await openContext(site);
  await serve(ctx, `${site.origin}/fx/no-corner`, configured('<main id="content"><h1>No footer</h1>' +
    '<button id="own" type="button">Privacy choices</button></main>'));
  const tab = await ctx.newPage();
  await tab.goto(`${site.origin}/fx/no-corner`);
  await waitForKjeks(tab);
  await tab.getByRole('region', { name: /cookies/i }).waitFor({ state: 'visible' });
  assert.equal(await tab.locator('.kjeks-icon').count(), 0);
  assert.equal(await tab.getByRole('button', { name: 'Cookie settings' }).count(), 0);
  // The site's own control opens the settings through the API; closing returns focus to it.
  await tab.evaluate(() => document.getElementById('own').addEventListener('click', () => window.Kjeks.showSettings()));
  await tab.locator('#own').click();
  const dialog = tab.getByRole('dialog', { name: 'Cookie settings' });
  await dialog.waitFor({ state: 'visible' });
  await tab.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await tab.evaluate(() => document.activeElement.id), 'own');
  await ctx.close();
});

test('ui.cornerIcon false with a data-kjeks-icon host: the icon goes there and opens the settings', async () => {
  const ctx = await openContext(site);
  await serve(ctx, `${site.origin}/fx/no-corner-slot`, configured('<main><h1>x</h1><div id="slot" data-kjeks-icon></div></main>'));
  const tab = await ctx.newPage();
  await tab.goto(`${site.origin}/fx/no-corner-slot`);
  await waitForKjeks(tab);
  const icon = tab.getByRole('button', { name: 'Cookie settings' });
  await icon.waitFor({ state: 'visible' });
  assert.equal(await icon.evaluate((el) => el.parentElement.id), 'slot');
  await icon.click();
  await tab.getByRole('dialog', { name: 'Cookie settings' }).waitFor({ state: 'visible' });
  await ctx.close();
});
