// The one script tag works however a site writes it: async (as the README
// shows), defer, or a plain parser-blocking tag in <head>, with the inline
// config anywhere in the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, openContext, waitForKjeks } from './harness.mjs';
import { serve, serveScript, demoConfig } from './fixtures/ecosystem.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.close(); });

function siteConfig() {
  const config = demoConfig();
  config.texts = { en: { 'banner.title': 'Inline config at the end of the page' } };
  return config;
}

// kjeks.js in <head>; a slow parser-blocking script keeps the rest of the
// page (and the inline config after it) unparsed for a while after kjeks.js ran.
function page(attributes) {
  const config = JSON.stringify(siteConfig()).replace(/</g, '\\u003c');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Embed</title>
<script src="/kjeks/kjeks.js"${attributes}></script>
<script src="/fx/slow.js"></script>
</head><body><main><h1>Embed</h1></main><footer></footer>
<script type="application/json" id="kjeks-config">${config}</script>
</body></html>`;
}

for (const [name, attributes] of [['a plain tag', ''], ['async', ' async'], ['defer', ' defer']]) {
  test(`${name} in <head>, the inline config at the end of <body>: the site config is used`, async () => {
    const ctx = await openContext(site);
    await serve(ctx, `${site.origin}/fx/embed`, page(attributes));
    await serveScript(ctx, `${site.origin}/fx/slow.js`, 'window.slowRan = true;', { delay: 700 });
    const tab = await ctx.newPage();
    await tab.goto(`${site.origin}/fx/embed`);
    const consent = await waitForKjeks(tab);
    assert.equal(consent.failed, undefined);
    const banner = tab.getByRole('region', { name: 'Inline config at the end of the page' });
    await banner.waitFor({ state: 'visible' });
    assert.equal(await tab.evaluate(() => window.slowRan), true);
    assert.deepEqual(ctx.consoleErrors, []);
    assert.deepEqual(ctx.beaconRequests(), []);
    await ctx.close();
  });
}
