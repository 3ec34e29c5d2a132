#!/usr/bin/env node
// Kjeks against vanilla-cookieconsent 3.1 on the same small marketing page
// (bench/page.html), in one run of headless Chromium on 127.0.0.1 only.
//
// Both runtimes are served by one in-process server with gzip (level 9,
// compressed once at start so that compression time is never measured), and
// page loads alternate Kjeks, peer, Kjeks, peer ... each in a fresh browser
// context (a first visit), after a warm-up that is not counted.
//
// Figures (medians with min and max, and the Kjeks/peer ratio of medians):
//   bytes     the runtime's own files on a first visit: gzip bytes on the wire
//             (response bodies), and brotli (quality 11) computed from the files
//   time      navigation start to banner visible (in the viewport, it and its
//             ancestors with opacity above 0 and not hidden), and to first
//             contentful paint
//   long tasks  count and total ms over the page's life until 1 s after the
//             banner shows, at 1x and at 4x CPU throttling; the page has no
//             other script, so every long task is the runtime's
//   CLS       cumulative layout shift over the same span
//   memory    Kjeks's wasm linear memory (bytes) once the banner shows
//   returning a visitor who accepted, on the next page view: navigation start
//             to the beacon's script request and to its pageview request
//
// Usage: scripts/bench [--runs N] [--warmup N] [--out FILE] [--markdown FILE] [--serve]
import { createServer } from 'node:http';
import { readFileSync, readdirSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';
import { join, resolve, dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, totalmem } from 'node:os';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
function option(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
}
// 20 loads of each: on a 2-core machine a median of 10 moved by 10-15% from
// one run to the next (docs/performance.md).
const RUNS = Math.max(1, Number(option('--runs', process.env.KJEKS_BENCH_RUNS || 20)));
const WARMUP = Math.max(0, Number(option('--warmup', 2)));
const OUT = resolve(option('--out', join(root, 'build', 'bench', 'bench.json')));
const MARKDOWN = resolve(option('--markdown', join(root, 'build', 'bench', 'bench.md')));
const DEADLINE_MS = Number(process.env.KJEKS_BENCH_DEADLINE_MS || 12 * 60 * 1000);
const LOAD_TIMEOUT_MS = 20000;
const SETTLE_MS = 1000;

const started = Date.now();
function checkDeadline() {
  if (Date.now() - started > DEADLINE_MS) throw new Error(`benchmark took longer than ${DEADLINE_MS} ms`);
}

// ---- The two pages and their runtime files ------------------------------------

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
};
const distDir = resolve(process.env.KJEKS_BENCH_DIST || join(root, 'dist'));  // another build to compare
const peerDir = join(root, 'node_modules', 'vanilla-cookieconsent', 'dist');
const template = readFileSync(join(root, 'bench', 'page.html'), 'utf8');
const kjeksConfig = readFileSync(join(root, 'bench', 'kjeks-config.json'), 'utf8');
const peerConfig = readFileSync(join(root, 'bench', 'peer-config.js'), 'utf8');

const pages = {
  // The same page without any consent runtime: what the page itself costs.
  '/baseline/': template.replace('<!--RUNTIME-->', '').replace('<!--RUNTIME-BODY-->', ''),
  '/kjeks/': template
    .replace('<!--RUNTIME-->', '<script type="application/json" id="kjeks-config">' + kjeksConfig.trim() +
      '</script>\n<script src="/runtime/kjeks/kjeks.js" async></script>')
    .replace('<!--RUNTIME-BODY-->', ''),
  '/peer/': template
    .replace('<!--RUNTIME-->', '<link rel="stylesheet" href="/runtime/peer/cookieconsent.css">\n' +
      '<script src="/runtime/peer/cookieconsent.umd.js" defer></script>\n' +
      '<script type="module">\n' + peerConfig + '</script>')
    .replace('<!--RUNTIME-BODY-->', '<script type="text/plain" data-category="analytics" ' +
      'src="/runtime/kjeks/beacon.js" data-endpoint="/api/collect"></script>'),
};

// What each runtime loads on a first visit (the beacon only after consent).
const RUNTIMES = {
  baseline: { page: '/baseline/', files: [], banner: null },
  kjeks: { page: '/kjeks/', files: ['kjeks/kjeks.js', 'kjeks/kjeks.wasm', 'kjeks/kjeks.css'],
    banner: '.kjeks-banner', accept: '.kjeks-banner [data-kjeks-action="accept_all"]' },
  peer: { page: '/peer/', files: ['peer/cookieconsent.umd.js', 'peer/cookieconsent.css'],
    banner: '#cc-main .cm', accept: '#cc-main .cm [data-role="all"]' },
};

const files = new Map();  // URL path -> { raw, gzip, type }
function addFile(urlPath, path) {
  const raw = readFileSync(path);
  files.set(urlPath, { raw, gzip: gzipSync(raw, { level: 9 }), type: TYPES[extname(path)] || 'application/octet-stream' });
}
for (const name of readdirSync(distDir)) addFile('/runtime/kjeks/' + name, join(distDir, name));
for (const name of ['cookieconsent.umd.js', 'cookieconsent.css']) addFile('/runtime/peer/' + name, join(peerDir, name));
for (const [path, html] of Object.entries(pages)) {
  const raw = Buffer.from(html);
  files.set(path, { raw, gzip: gzipSync(raw, { level: 9 }), type: TYPES['.html'], page: true });
}

function fileSizes(runtime) {
  const out = { raw: 0, gzip: 0, brotli: 0, files: {} };
  for (const name of RUNTIMES[runtime].files) {
    const { raw, gzip } = files.get('/runtime/' + name);
    const brotli = brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length;
    out.files[name] = { raw: raw.length, gzip: gzip.length, brotli };
    out.raw += raw.length;
    out.gzip += gzip.length;
    out.brotli += brotli;
  }
  return out;
}

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (req.method === 'POST' && url.pathname === '/api/collect') {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
    return;
  }
  const file = files.get(url.pathname);
  if (!file) return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  const headers = {
    'content-type': file.type,
    // Pages are never cached; runtime files are, as a site would serve them,
    // so that the returning visitor gets them from the HTTP cache.
    'cache-control': file.page ? 'no-store' : 'public, max-age=3600',
  };
  let body = file.raw;
  if (/\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
    body = file.gzip;
    headers['content-encoding'] = 'gzip';
  }
  res.writeHead(200, headers).end(body);
});

// ---- In-page probes ----------------------------------------------------------

// Installed before any page script: long tasks, layout shifts, and the first
// animation frame in which the banner is visible.
function probe({ selector, signal }) {
  const m = { longTasks: [], scripts: [], cls: 0, bannerAt: null };
  window.__bench = m;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) m.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { /* not supported */ }
  // Long animation frames name the scripts that ran in them (those over 5 ms):
  // a long task is the runtime's when a runtime script ran inside it.
  try {
    new PerformanceObserver((list) => {
      for (const frame of list.getEntries()) {
        for (const s of frame.scripts || []) {
          m.scripts.push({ start: s.startTime, end: s.startTime + s.duration, url: s.sourceURL || '' });
        }
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch (e) { /* not supported */ }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) m.cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  } catch (e) { /* not supported */ }
  // Remembers the linear memory of every wasm instance the page creates.
  m.memories = [];
  const keep = (result) => {
    const instance = result && (result.instance || result);
    for (const value of Object.values((instance && instance.exports) || {})) {
      if (value instanceof WebAssembly.Memory) m.memories.push(value);
    }
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    if (original) WebAssembly[name] = function () { return original.apply(this, arguments).then(keep); };
  }
  function visible(el) {
    const rect = el.getBoundingClientRect();
    if (rect.width <= 0 || rect.height <= 0 || rect.bottom <= 0 || rect.top >= innerHeight ||
        rect.right <= 0 || rect.left >= innerWidth) return false;
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === 'none' || style.visibility === 'hidden' || !(parseFloat(style.opacity) > 0)) return false;
    }
    return true;
  }
  function check() {
    if (!selector) return;  // the page without a runtime
    const el = document.querySelector(selector);
    if (el && visible(el)) {
      m.bannerAt = performance.now();
      console.debug(signal);
      return;
    }
    requestAnimationFrame(check);
  }
  requestAnimationFrame(check);
}

async function wasmMemoryBytes(page) {
  const sizes = await page.evaluate(() => window.__bench.memories.map((memory) => memory.buffer.byteLength));
  return sizes.length ? Math.max(...sizes) : null;
}

// The probe tells the banner's arrival through the console: waiting with
// page.waitForFunction would evaluate Playwright's own script in the page
// (about 20 ms of main thread at 1x) while the runtime is still starting.
const BANNER_SIGNAL = 'kjeks-bench: banner visible';
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

// ---- One first visit -----------------------------------------------------------

async function firstVisit(browser, origin, runtime, throttle) {
  const spec = RUNTIMES[runtime];
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(probe, { selector: spec.banner, signal: BANNER_SIGNAL });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    const transfers = [];
    page.on('requestfinished', (request) => {
      // Only the runtime's files (sizes() of some other requests, such as a
      // favicon, never settles).
      if (!new URL(request.url()).pathname.startsWith('/runtime/')) return;
      const timeout = new Promise((done) => setTimeout(() => done(null), 5000));
      transfers.push(Promise.race([timeout, request.sizes().then((sizes) => ({ url: request.url(),
        body: sizes.responseBodySize, headers: sizes.responseHeadersSize })).catch(() => null)]));
    });
    const shown = spec.banner ? bannerVisible(page, runtime) : null;
    await page.goto(origin + spec.page, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    await shown;
    await page.waitForTimeout(SETTLE_MS);
    const m = await page.evaluate(() => ({
      bannerAt: window.__bench.bannerAt,
      longTasks: window.__bench.longTasks.map((t) => ({ ...t, runtime: window.__bench.scripts.some((s) =>
        s.url.includes('/runtime/') && s.start < t.start + t.duration && s.end > t.start) })),
      cls: window.__bench.cls,
      fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime ?? null,
    }));
    const memory = runtime === 'kjeks' ? await wasmMemoryBytes(page) : null;
    const sized = (await Promise.all(transfers)).filter(Boolean);
    const runtimeFiles = sized.filter((t) => spec.files.some((f) => new URL(t.url).pathname === '/runtime/' + f));
    return {
      banner: m.bannerAt,
      fcp: m.fcp,
      longTaskCount: m.longTasks.length,
      longTaskMs: m.longTasks.reduce((sum, t) => sum + t.duration, 0),
      runtimeLongTaskCount: m.longTasks.filter((t) => t.runtime).length,
      runtimeLongTaskMs: m.longTasks.filter((t) => t.runtime).reduce((sum, t) => sum + t.duration, 0),
      cls: m.cls,
      memory,
      wireBody: runtimeFiles.reduce((sum, t) => sum + t.body, 0),
      wireWithHeaders: runtimeFiles.reduce((sum, t) => sum + t.body + t.headers, 0),
      filesSeen: runtimeFiles.length,
    };
  } finally {
    await context.close();
  }
}

// ---- A returning visitor who accepted -----------------------------------------

async function returningVisit(browser, origin, runtime) {
  const spec = RUNTIMES[runtime];
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addInitScript(probe, { selector: spec.banner, signal: BANNER_SIGNAL });
    const first = await context.newPage();
    const shown = bannerVisible(first, runtime);
    await first.goto(origin + spec.page, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    await shown;
    const pageview = first.waitForRequest((r) => new URL(r.url()).pathname === '/api/collect', { timeout: LOAD_TIMEOUT_MS });
    await first.click(spec.accept, { timeout: LOAD_TIMEOUT_MS });
    await pageview;
    await first.close();

    const page = await context.newPage();
    const sent = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/collect', { timeout: LOAD_TIMEOUT_MS });
    await page.goto(origin + spec.page, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    await sent;
    await waitFor(page, () => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/beacon.js')),
      null, `${runtime}: no beacon script on the returning visit`);
    const t = await page.evaluate(() => {
      const entries = performance.getEntriesByType('resource');
      const script = entries.find((e) => e.name.endsWith('/beacon.js'));
      const collect = entries.find((e) => new URL(e.name).pathname === '/api/collect');
      return { script: script ? script.startTime : null, collect: collect ? collect.startTime : null };
    });
    const memory = runtime === 'kjeks' ? await wasmMemoryBytes(page) : null;
    return { beaconScript: t.script, beaconPageview: t.collect, memory };
  } finally {
    await context.close();
  }
}

// ---- Statistics and report ------------------------------------------------------

function stats(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], n: v.length };
}

const FIGURES = [
  // key, label, unit, source, digits
  ['bytesGzip', 'first-visit bytes, gzip (runtime files, on the wire)', 'B', 'first1x', 'wireBody', 0],
  ['bytesBrotli', 'first-visit bytes, brotli q11 (from the files)', 'B', 'static', 'brotli', 0],
  ['banner', 'navigation start to banner visible', 'ms', 'first1x', 'banner', 1],
  ['fcp', 'navigation start to first contentful paint', 'ms', 'first1x', 'fcp', 1],
  ['longTaskCount1x', 'long tasks at 1x CPU (count)', '', 'first1x', 'longTaskCount', 0],
  ['longTaskMs1x', 'long tasks at 1x CPU (total)', 'ms', 'first1x', 'longTaskMs', 1],
  ['longTaskCount4x', 'long tasks at 4x CPU throttling (count)', '', 'first4x', 'longTaskCount', 0],
  ['longTaskMs4x', 'long tasks at 4x CPU throttling (total)', 'ms', 'first4x', 'longTaskMs', 1],
  ['runtimeLongTaskCount4x', 'long tasks at 4x with runtime script in them (count)', '', 'first4x', 'runtimeLongTaskCount', 0],
  ['runtimeLongTaskMs4x', 'long tasks at 4x with runtime script in them (total)', 'ms', 'first4x', 'runtimeLongTaskMs', 1],
  ['banner4x', 'banner visible at 4x CPU throttling', 'ms', 'first4x', 'banner', 1],
  ['cls', 'cumulative layout shift', '', 'first1x', 'cls', 4],
  ['wasmMemory', 'wasm linear memory after the banner', 'B', 'first1x', 'memory', 0],
  ['wasmMemoryReturning', 'wasm linear memory, returning visitor', 'B', 'returning', 'memory', 0],
  ['returningBeacon', 'returning visitor (accepted): to the beacon script request', 'ms', 'returning', 'beaconScript', 1],
  ['returningPageview', 'returning visitor (accepted): to the pageview request', 'ms', 'returning', 'beaconPageview', 1],
];

function fmt(value, digits) {
  if (value === null || value === undefined) return '–';
  return Number(value).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function report(samples, sizes) {
  const figures = {};
  for (const [key, label, unit, source, field, digits] of FIGURES) {
    const entry = { label, unit, digits };
    for (const runtime of Object.keys(RUNTIMES)) {
      entry[runtime] = source === 'static'
        ? { median: sizes[runtime][field], min: sizes[runtime][field], max: sizes[runtime][field], n: 1 }
        : stats(samples[runtime][source].map((s) => s[field]));
    }
    const k = entry.kjeks && entry.kjeks.median;
    const p = entry.peer && entry.peer.median;
    entry.ratio = typeof k === 'number' && typeof p === 'number' && p !== 0 ? k / p : null;
    figures[key] = entry;
  }
  return figures;
}

function table(figures) {
  const rows = [['figure', 'Kjeks median (min–max)', 'peer median (min–max)', 'Kjeks/peer', 'page alone']];
  for (const entry of Object.values(figures)) {
    const cell = (s) => (s ? `${fmt(s.median, entry.digits)} (${fmt(s.min, entry.digits)}–${fmt(s.max, entry.digits)})` : '–');
    const unit = entry.unit ? ` [${entry.unit}]` : '';
    rows.push([entry.label + unit, cell(entry.kjeks), cell(entry.peer), entry.ratio === null ? '–' : entry.ratio.toFixed(2) + 'x',
      entry.baseline && entry.baseline.n > 1 ? fmt(entry.baseline.median, entry.digits) : '–']);
  }
  return rows;
}

function markdown(rows) {
  const line = (cells) => '| ' + cells.join(' | ') + ' |';
  return [line(rows[0]), line(rows[0].map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.slice(1).map(line)].join('\n');
}

function plain(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

function targets(figures, sizes) {
  const r = (key) => figures[key].ratio;
  const gzipRatio = sizes.kjeks.gzip / sizes.peer.gzip;
  return [
    { target: 'banner visible <= 0.6x the peer', value: r('banner'), met: r('banner') !== null && r('banner') <= 0.6 },
    { target: 'first-visit gzip bytes <= 1.5x the peer', value: gzipRatio, met: gzipRatio <= 1.5 },
    { target: 'no long task caused by the runtime at 4x throttling (max over loads)',
      value: figures.runtimeLongTaskCount4x.kjeks ? figures.runtimeLongTaskCount4x.kjeks.max : null,
      met: !!figures.runtimeLongTaskCount4x.kjeks && figures.runtimeLongTaskCount4x.kjeks.max === 0 },
    { target: 'CLS 0', value: figures.cls.kjeks ? figures.cls.kjeks.max : null, met: !!figures.cls.kjeks && figures.cls.kjeks.max === 0 },
    { target: 'wasm linear memory <= 1 MiB', value: figures.wasmMemory.kjeks ? figures.wasmMemory.kjeks.max : null,
      met: !!figures.wasmMemory.kjeks && figures.wasmMemory.kjeks.max <= 1024 * 1024 },
  ];
}

// ---- Main -------------------------------------------------------------------------

async function main() {
  for (const f of ['kjeks.js', 'kjeks.wasm', 'kjeks.css', 'beacon.js']) statSync(join(distDir, f));
  const port = args.includes('--serve') ? Number(process.env.PORT || 8090) : 0;
  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${server.address().port}`;
  if (args.includes('--serve')) {  // only serve the two pages, to look at them
    clearTimeout(watchdog);
    console.log(`${origin}/kjeks/ and ${origin}/peer/ (Ctrl-C to stop)`);
    return;
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-extensions'],
  });
  const samples = { kjeks: { first1x: [], first4x: [], returning: [] }, peer: { first1x: [], first4x: [], returning: [] },
    baseline: { first1x: [], first4x: [], returning: [] } };
  const order = ['kjeks', 'peer', 'baseline'];
  const log = (text) => process.stderr.write(text);
  try {
    log(`Kjeks vs vanilla-cookieconsent 3.1: ${WARMUP} warm-up + ${RUNS} measured loads of each, alternating\n`);
    for (let i = 0; i < WARMUP; i++) {
      for (const runtime of order) await firstVisit(browser, origin, runtime, 1);
    }
    for (const [throttle, bucket] of [[1, 'first1x'], [4, 'first4x']]) {
      log(`first visits at ${throttle}x CPU `);
      for (let i = 0; i < RUNS; i++) {
        for (const runtime of order) {
          checkDeadline();
          samples[runtime][bucket].push(await firstVisit(browser, origin, runtime, throttle));
          log('.');
        }
      }
      log('\n');
    }
    log('returning visitors ');
    for (let i = 0; i < RUNS; i++) {
      for (const runtime of ['kjeks', 'peer']) {
        checkDeadline();
        samples[runtime].returning.push(await returningVisit(browser, origin, runtime));
        log('.');
      }
    }
    log('\n');
    const version = browser.version();
    const sizes = { kjeks: fileSizes('kjeks'), peer: fileSizes('peer'), baseline: fileSizes('baseline') };
    const figures = report(samples, sizes);
    const rows = table(figures);
    const result = {
      date: new Date().toISOString(),
      machine: { cpu: cpus()[0] ? cpus()[0].model.trim() : 'unknown', cores: cpus().length,
        memoryGiB: Math.round(totalmem() / 2 ** 30), chromium: version, node: process.version },
      runs: RUNS, warmup: WARMUP,
      files: sizes,
      beaconJs: { note: 'loaded only after consent, not part of first-visit bytes',
        ...(() => { const f = files.get('/runtime/kjeks/beacon.js'); return { raw: f.raw.length, gzip: f.gzip.length }; })() },
      figures,
      targets: targets(figures, sizes),
      samples,
    };
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, JSON.stringify(result, null, 2) + '\n');
    const heading = `${result.date.slice(0, 10)}, ${result.machine.cpu} (${result.machine.cores} cores), ` +
      `Chromium ${version}, ${RUNS} loads of each after ${WARMUP} warm-up`;
    const fileLines = Object.entries(sizes).filter(([name]) => name !== 'baseline').map(([name, s]) => `${name}: ` + Object.entries(s.files)
      .map(([f, v]) => `${f} ${v.raw} raw / ${v.gzip} gzip / ${v.brotli} br`).join(', '));
    const targetLines = result.targets.map((t) => `${t.met ? 'met    ' : 'NOT met'}  ${t.target}: ` +
      (typeof t.value === 'number' ? (Number.isInteger(t.value) ? String(t.value) : t.value.toFixed(2)) : '–'));
    writeFileSync(MARKDOWN, `${heading}\n\n${markdown(rows)}\n`);
    console.log(`\n${heading}\n\n${plain(rows)}\n\n${fileLines.join('\n')}\n` +
      `beacon.js (after consent only): ${result.beaconJs.raw} raw / ${result.beaconJs.gzip} gzip\n\n` +
      `${targetLines.join('\n')}\n\nJSON: ${OUT}\nMarkdown table: ${MARKDOWN}`);
  } finally {
    await browser.close();
    await new Promise((done) => server.close(done));
  }
}

const watchdog = setTimeout(() => {
  console.error(`scripts/bench: stopped after ${DEADLINE_MS + 60000} ms`);
  process.exit(2);
}, DEADLINE_MS + 60000);
watchdog.unref();

main().catch((error) => {
  console.error(`scripts/bench: ${error.stack || error.message}`);
  process.exit(1);
});
