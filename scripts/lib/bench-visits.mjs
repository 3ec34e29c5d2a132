// One page load of the benchmark: a first visit in a fresh browser context
// (an empty HTTP cache), or a returning visitor who accepted, whose next page
// view in the same context gets the runtime's files from the HTTP cache.
import { RUNTIMES } from './bench-site.mjs';
import { applyConditions } from './bench-profiles.mjs';
import { BANNER_SIGNAL, probe, readFirstVisit, readReturningVisit, wasmMemorySizes } from './bench-probe.mjs';

const VIEWPORT = { width: 1280, height: 800 };
const LOAD_TIMEOUT_MS = 20000;
export const SETTLE_MS = 1000;

async function wasmMemoryBytes(page) {
  const sizes = await page.evaluate(wasmMemorySizes);
  return sizes.length ? Math.max(...sizes) : null;
}

function bannerVisible(page, runtime) {
  return page.waitForEvent('console', { predicate: (message) => message.text() === BANNER_SIGNAL, timeout: LOAD_TIMEOUT_MS })
    .catch((e) => { throw new Error(`${runtime}: banner never became visible: ${e.message.split('\n')[0]}`); });
}

async function waitFor(page, fn, arg, message) {
  try {
    await page.waitForFunction(fn, arg, { timeout: LOAD_TIMEOUT_MS, polling: 50 });
  } catch (e) {
    throw new Error(`${message}: ${e.message.split('\n')[0]}`);
  }
}

const isCollect = (request) => new URL(request.url()).pathname === '/api/collect';

// Response body sizes of the runtime's files as Playwright saw them on the wire.
function recordTransfers(page) {
  const transfers = [];
  page.on('requestfinished', (request) => {
    // Only the runtime's files (sizes() of some other requests, such as a
    // favicon, never settles).
    if (!new URL(request.url()).pathname.startsWith('/runtime/')) return;
    const timeout = new Promise((done) => setTimeout(() => done(null), 5000));
    transfers.push(Promise.race([timeout, request.sizes().then((sizes) => ({ url: request.url(),
      body: sizes.responseBodySize, headers: sizes.responseHeadersSize })).catch(() => null)]));
  });
  return async () => (await Promise.all(transfers)).filter(Boolean);
}

export async function firstVisit(browser, origin, runtime, conditions) {
  const spec = RUNTIMES[runtime];
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.addInitScript(probe, { selector: spec.banner, signal: BANNER_SIGNAL });
    await applyConditions(context, page, conditions);
    const transfers = recordTransfers(page);
    const shown = spec.banner ? bannerVisible(page, runtime) : null;
    await page.goto(origin + spec.page, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    await shown;
    await page.waitForTimeout(SETTLE_MS);
    const m = await page.evaluate(readFirstVisit, { selector: spec.banner, dir: spec.dir, settleMs: SETTLE_MS });
    const memory = runtime === 'kjeks' ? await wasmMemoryBytes(page) : null;
    const runtimeFiles = (await transfers()).filter((t) => spec.files.some((f) => new URL(t.url).pathname === '/runtime/' + f));
    const runtimeTasks = m.longTasks.filter((t) => t.runtime);
    return {
      banner: m.bannerAt,
      fcp: m.fcp,
      lcp: m.lcp,
      lcpInBanner: m.lcpInBanner,
      lcpElement: m.lcpElement,
      longTaskCount: m.longTasks.length,
      longTaskMs: m.longTasks.reduce((sum, t) => sum + t.duration, 0),
      runtimeLongTaskCount: runtimeTasks.length,
      runtimeLongTaskMs: runtimeTasks.reduce((sum, t) => sum + t.duration, 0),
      cls: m.cls,
      memory,
      wireBody: runtimeFiles.reduce((sum, t) => sum + t.body, 0),
      wireWithHeaders: runtimeFiles.reduce((sum, t) => sum + t.body + t.headers, 0),
      filesSeen: runtimeFiles.length,
      bytesBeforeBanner: m.bytesBeforeBanner,
      filesBeforeBanner: m.filesBeforeBanner,
    };
  } finally {
    await context.close();
  }
}

export async function returningVisit(browser, origin, runtime, conditions) {
  const spec = RUNTIMES[runtime];
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript(probe, { selector: spec.banner, signal: BANNER_SIGNAL });
    const first = await context.newPage();
    await applyConditions(context, first, conditions);
    const shown = bannerVisible(first, runtime);
    await first.goto(origin + spec.page, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    await shown;
    const pageview = first.waitForRequest(isCollect, { timeout: LOAD_TIMEOUT_MS });
    await first.click(spec.accept, { timeout: LOAD_TIMEOUT_MS });
    await pageview;
    await first.close();

    const page = await context.newPage();
    await applyConditions(context, page, conditions);
    const sent = page.waitForRequest(isCollect, { timeout: LOAD_TIMEOUT_MS });
    await page.goto(origin + spec.page, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    await sent;
    // A resource entry exists once its response has arrived: under network
    // throttling the pageview's comes a request latency after it was sent.
    await waitFor(page, () => {
      const entries = performance.getEntriesByType('resource');
      return entries.some((e) => e.name.endsWith('/beacon.js')) &&
        entries.some((e) => new URL(e.name).pathname === '/api/collect');
    }, null, `${runtime}: no beacon script or pageview entry on the returning visit`);
    const t = await page.evaluate(readReturningVisit);
    const memory = runtime === 'kjeks' ? await wasmMemoryBytes(page) : null;
    return { ...t, memory };
  } finally {
    await context.close();
  }
}
