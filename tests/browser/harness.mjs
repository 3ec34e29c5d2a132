// Shared set-up for the browser tests: one headless Chromium per test file,
// the demo server on 127.0.0.1 (a free port), and a fresh context per test
// whose every request is recorded from the start.
import { chromium } from 'playwright-core';
import { createDemoServer } from '../../scripts/serve.mjs';

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// options: the demo server's, and `launch` (extra chromium.launch options,
// e.g. ignoreDefaultArgs: ['--disable-back-forward-cache']).
export async function startSite(options = {}) {
  const { launch = {}, ...serverOptions } = options;
  const { server, pageviews, proofs } = createDemoServer({ quiet: true, ...serverOptions });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, ...launch });
  return {
    origin,
    browser,
    pageviews,
    proofs,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// A fresh browser context (empty storage) with request and console recording.
export async function openContext(site, contextOptions = {}) {
  const context = await site.browser.newContext(contextOptions);
  const requests = [];
  const consoleErrors = [];
  const pageErrors = [];
  context.on('request', (request) => requests.push({ url: request.url(), method: request.method() }));
  const newPage = async () => {
    const page = await context.newPage();
    page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    return page;
  };
  return {
    context,
    requests,
    consoleErrors,
    pageErrors,
    newPage,
    beaconRequests: () => requests.filter((r) => new URL(r.url).pathname.endsWith('/beacon.js')),
    collectRequests: () => requests.filter((r) => new URL(r.url).pathname === '/api/collect'),
    close: () => context.close(),
  };
}

// Kjeks.ready's consent, or { failed: message } when it rejects or does not
// settle within 20 s (a start that never ends fails the test, not hangs it).
export async function waitForKjeks(page) {
  // !!: waitForFunction would await the promise itself, and throw when it rejects.
  await page.waitForFunction(() => !!(window.Kjeks && window.Kjeks.ready));
  return page.evaluate(() => Promise.race([
    window.Kjeks.ready.then((consent) => consent, (error) => ({ failed: error.message })),
    new Promise((resolve) => setTimeout(() => resolve({ failed: 'Kjeks.ready did not settle within 20 s' }), 20000)),
  ]));
}

// Every key/value in localStorage and sessionStorage, and document.cookie.
export async function storageSnapshot(page) {
  return page.evaluate(() => {
    const dump = (area) => Object.fromEntries(Object.keys(area).map((k) => [k, area.getItem(k)]));
    return { local: dump(localStorage), session: dump(sessionStorage), cookie: document.cookie };
  });
}

// Waits until fn() is truthy, polling; fails with the message after the timeout.
export async function eventually(fn, message, timeout = 10000) {
  const start = Date.now();
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() - start > timeout) throw new Error(`timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
