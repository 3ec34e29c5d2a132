// Firefox ESR, headless, driven by puppeteer-core over WebDriver BiDi.
import puppeteer from 'puppeteer-core';
import { createSession } from './session.mjs';

const FIREFOX = '/usr/bin/firefox-esr';
const VIEWPORT = { width: 1280, height: 800 };
const NAVIGATION_TIMEOUT = 30000;

export async function launchFirefox() {
  const browser = await puppeteer.launch({
    browser: 'firefox', protocol: 'webDriverBiDi', executablePath: FIREFOX, headless: true, defaultViewport: VIEWPORT,
  });
  return {
    version: (await browser.version()).replace(/^firefox\//i, 'Firefox '),

    // A new user context: its own cookies and storage.
    async newSession() {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      page.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT);
      return createSession({
        goto: async (url) => { await page.goto(url, { waitUntil: 'load' }); },
        reload: async () => { await page.reload({ waitUntil: 'load' }); },
        evaluate: (expression) => page.evaluate(expression),
        async element(expression) {
          const handle = await page.evaluateHandle(expression);
          const element = handle.asElement();
          if (!element) await handle.dispose();
          return element;
        },
        async click(element) {
          try {
            await element.click();
          } finally {
            await element.dispose();
          }
        },
        close: () => context.close(),
      });
    },

    close: () => browser.close(),
  };
}
