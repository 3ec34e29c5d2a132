// Writes docs/screenshots/{banner,dialog}-{desktop,mobile}-{light,dark}.png
// from the demo site (English page). scripts/screenshots builds first.
//   node scripts/lib/screenshots.mjs [out-dir] [path]
import { mkdir } from 'node:fs/promises';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSite, openContext, waitForKjeks } from '../../tests/browser/harness.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = resolve(process.argv[2] || join(root, 'docs', 'screenshots'));
const path = process.argv[3] || '/en/';
const DEVICES = {
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  mobile: { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};

await mkdir(outDir, { recursive: true });
const site = await startSite();
try {
  for (const [device, options] of Object.entries(DEVICES)) {
    for (const colorScheme of ['light', 'dark']) {
      const ctx = await openContext(site, { ...options, colorScheme, reducedMotion: 'reduce' });
      const page = await ctx.newPage();
      await page.goto(site.origin + path);
      await waitForKjeks(page);
      await page.locator('.kjeks-banner').waitFor({ state: 'visible' });
      await page.evaluate(() => document.fonts.ready);
      const shot = async (name) => {
        const file = join(outDir, `${name}-${device}-${colorScheme}.png`);
        await page.screenshot({ path: file });
        console.log(`wrote ${file}`);
      };
      await shot('banner');
      await page.locator('.kjeks-banner [data-kjeks-action="open_settings"]').click();
      await page.getByRole('dialog').waitFor({ state: 'visible' });
      await shot('dialog');
      if (ctx.pageErrors.length) throw new Error(`page errors: ${ctx.pageErrors.join('; ')}`);
      await ctx.close();
    }
  }
} finally {
  await site.close();
}
