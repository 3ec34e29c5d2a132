#!/usr/bin/env node
// Kjeks against vanilla-cookieconsent 3.1 on the same small marketing page
// (bench/page.html), in one run of headless Chromium on 127.0.0.1 only, in two
// profiles, each with its own table (scripts/lib/bench-profiles.mjs):
//   loopback  no network throttling; first visits at 1x and again at 4x CPU
//   mobile    Lighthouse's mobile throttling on every page, through CDP: 562.5 ms
//             added to each request, 1,474.56 kbit/s down, 675 kbit/s up, 4x CPU
//
// One in-process server serves both runtimes with gzip (level 9, compressed
// once at start so that compression time is never measured). Page loads
// alternate Kjeks, peer, page alone ... each first visit in a fresh browser
// context (an empty HTTP cache), after warm-up loads that are not counted.
//
// Figures per profile (medians with min and max, and the Kjeks/peer ratio of
// medians):
//   bytes     the runtime's own files on a first visit: gzip bytes on the wire
//             (response bodies), brotli (quality 11) computed from the files, and
//             what of them had started loading before the banner's first visible
//             frame (resource timing transferSize)
//   time      navigation start to banner visible (in the viewport, it and its
//             ancestors with opacity above 0 and not hidden), to first
//             contentful paint, and to largest contentful paint (the last
//             candidate up to 1 s after the banner), with the share of loads
//             whose LCP element is in the banner
//   long tasks  count and total ms over the page's life until 1 s after the
//             banner shows: loopback at 1x and at 4x CPU, mobile at its 4x; the
//             page has no other script, so every long task is the runtime's
//   CLS       cumulative layout shift over the same span
//   memory    Kjeks's wasm linear memory (bytes) once the banner shows
//   returning a visitor who accepted, on the next page view in the same context
//             (runtime files from the HTTP cache): navigation start to the
//             beacon's script request and to its pageview request
//
// Usage: scripts/bench [--profile loopback|mobile|loopback,mobile] [--runs N]
//   [--warmup N] [--out FILE] [--markdown FILE] [--serve] [--no-build]
// --runs sets the loads of each page in every profile (default: loopback 20,
// mobile 8); --warmup the warm-up loads per profile (default 2).
// --kjeks-config compiled|inline: Kjeks's config compiled into its runtime
// files with kjeks-check build (default: the README's one tag), or as JSON in
// the page. KJEKS_BENCH_DIST=DIR benchmarks another build of dist/.
import { writeFileSync, mkdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, totalmem } from 'node:os';
import { chromium } from 'playwright-core';
import { loadFiles, fileSizes, createSiteServer, RUNTIMES } from './lib/bench-site.mjs';
import { PROFILES } from './lib/bench-profiles.mjs';
import { firstVisit, returningVisit } from './lib/bench-visits.mjs';
import { figures as figuresOf, table, markdown, plain, targets as targetsOf, targetLines } from './lib/bench-report.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
function option(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
}
const RUNS_OPTION = option('--runs', process.env.KJEKS_BENCH_RUNS);
const WARMUP = Math.max(0, Number(option('--warmup', 2)));
const OUT = resolve(option('--out', join(root, 'build', 'bench', 'bench.json')));
const MARKDOWN = resolve(option('--markdown', join(root, 'build', 'bench', 'bench.md')));
// A default run takes about 7-8 minutes on 2 cores (loopback 4-5, mobile 3).
const DEADLINE_MS = Number(process.env.KJEKS_BENCH_DEADLINE_MS || 25 * 60 * 1000);
const builtDist = resolve(process.env.KJEKS_BENCH_DIST || join(root, 'dist'));  // another build to compare
const KJEKS_CONFIG = option('--kjeks-config', 'compiled');
// With a JSON config in the page, kjeks-json.js reads it: a first visit loads it too.
// A config in the page: the core with every language, and the JSON reader.
if (KJEKS_CONFIG === 'inline') RUNTIMES.kjeks.files = ['kjeks/kjeks.js', 'kjeks/kjeks-core.js', 'kjeks/kjeks-json.js'];
const checker = process.env.KJEKS_CHECK || join(root, 'build', 'native', 'kjeks-check');

// The runtime files Kjeks is served from: for the compiled config, a site's
// own build of them (kjeks-check build), as the README says to deploy.
function kjeksDist() {
  if (KJEKS_CONFIG === 'inline') return builtDist;
  if (KJEKS_CONFIG !== 'compiled') throw new Error(`--kjeks-config: compiled or inline, not ${KJEKS_CONFIG}`);
  const out = join(root, 'build', 'bench', 'kjeks-site');
  execFileSync(checker, ['build', join(root, 'bench', 'kjeks-config.json'), '--runtime', builtDist, '--out', out]);
  return out;
}

function selectedProfiles() {
  const wanted = option('--profile', 'loopback,mobile').split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of wanted) {
    if (!PROFILES[name]) throw new Error(`unknown profile ${name} (${Object.keys(PROFILES).join(', ')})`);
  }
  return Object.keys(PROFILES).filter((name) => wanted.includes(name));  // loopback first
}

// 20 loads of each in loopback: on a 2-core machine a median of 10 moved by
// 10-15% from one run to the next (docs/performance.md).
function runsOf(profile) {
  return RUNS_OPTION === undefined ? profile.defaultRuns : Math.max(1, Number(RUNS_OPTION));
}

const started = Date.now();
function checkDeadline() {
  if (Date.now() - started > DEADLINE_MS) throw new Error(`benchmark took longer than ${DEADLINE_MS} ms`);
}
const log = (text) => process.stderr.write(text);

async function runProfile(browser, origin, name, runs) {
  const profile = PROFILES[name];
  const profileStarted = Date.now();
  const order = ['kjeks', 'peer', 'baseline'];
  const buckets = [...profile.firstVisits.map((pass) => pass.bucket), 'returning'];
  const samples = Object.fromEntries(order.map((runtime) => [runtime, Object.fromEntries(buckets.map((b) => [b, []]))]));
  log(`${name} (${profile.description}): ${WARMUP} warm-up + ${runs} measured loads of each, alternating\n`);
  for (let i = 0; i < WARMUP; i++) {
    for (const runtime of order) await firstVisit(browser, origin, runtime, profile.firstVisits[0]);
  }
  for (const pass of profile.firstVisits) {
    log(`  ${pass.name} `);
    for (let i = 0; i < runs; i++) {
      for (const runtime of order) {
        checkDeadline();
        samples[runtime][pass.bucket].push(await firstVisit(browser, origin, runtime, pass));
        log('.');
      }
    }
    log('\n');
  }
  log('  returning visitors ');
  for (let i = 0; i < runs; i++) {
    for (const runtime of ['kjeks', 'peer']) {
      checkDeadline();
      samples[runtime].returning.push(await returningVisit(browser, origin, runtime, profile.returning));
      log('.');
    }
  }
  log(` (${name}: ${Math.round((Date.now() - profileStarted) / 1000)} s)\n`);
  return samples;
}

async function main() {
  const names = selectedProfiles();
  for (const f of ['kjeks.js', 'kjeks-core.js', 'kjeks-core.en.js', 'kjeks-json.js', 'beacon.js']) statSync(join(builtDist, f));
  const files = loadFiles(root, kjeksDist(), KJEKS_CONFIG);
  const server = createSiteServer(files);
  const port = args.includes('--serve') ? Number(process.env.PORT || 8090) : 0;
  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${server.address().port}`;
  if (args.includes('--serve')) {  // only serve the pages, to look at them
    clearTimeout(watchdog);
    console.log(`${origin}/kjeks/, ${origin}/peer/ and ${origin}/baseline/ (Ctrl-C to stop)`);
    return;
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-extensions'],
  });
  try {
    log(`Kjeks (config ${KJEKS_CONFIG}) vs vanilla-cookieconsent 3.1\n`);
    const sizes = { kjeks: fileSizes(files, 'kjeks'), peer: fileSizes(files, 'peer'), baseline: fileSizes(files, 'baseline') };
    const profiles = {};
    for (const name of names) {
      const runs = runsOf(PROFILES[name]);
      const samples = await runProfile(browser, origin, name, runs);
      const figures = figuresOf(name, PROFILES[name], samples, sizes);
      profiles[name] = {
        conditions: { description: PROFILES[name].description, firstVisits: PROFILES[name].firstVisits,
          returning: PROFILES[name].returning },
        runs, figures, targets: targetsOf(figures, name, KJEKS_CONFIG), samples,
      };
    }
    const version = browser.version();
    const beacon = files.get('/runtime/kjeks/beacon.js');
    const result = {
      date: new Date().toISOString(),
      machine: { cpu: cpus()[0] ? cpus()[0].model.trim() : 'unknown', cores: cpus().length,
        memoryGiB: Math.round(totalmem() / 2 ** 30), chromium: version, node: process.version },
      warmup: WARMUP,
      kjeksConfig: KJEKS_CONFIG,
      files: sizes,
      beaconJs: { note: 'loaded only after consent, not part of first-visit bytes', raw: beacon.raw.length, gzip: beacon.gzip.length },
      profiles,
    };
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, JSON.stringify(result, null, 2) + '\n');

    const heading = `${result.date.slice(0, 10)}, ${result.machine.cpu} (${result.machine.cores} cores), Chromium ${version}, ` +
      `Kjeks config ${KJEKS_CONFIG === 'inline' ? 'as JSON in the page' : 'compiled (kjeks-check build)'}`;
    const profileHeading = (name) => `${name} (${PROFILES[name].description}): ` +
      `${profiles[name].runs} loads of each after ${WARMUP} warm-up`;
    const mdSections = names.map((name) => `${profileHeading(name)}\n\n${markdown(table(profiles[name].figures))}\n`);
    mkdirSync(dirname(MARKDOWN), { recursive: true });
    writeFileSync(MARKDOWN, `${heading}\n\n${mdSections.join('\n')}`);

    const textSections = names.map((name) => `${profileHeading(name)}\n\n${plain(table(profiles[name].figures))}\n\n` +
      `${targetLines(profiles[name].targets).join('\n')}\n`);
    const fileLines = ['kjeks', 'peer'].map((name) => `${name}: ` + Object.entries(sizes[name].files)
      .map(([f, v]) => `${f} ${v.raw} raw / ${v.gzip} gzip / ${v.brotli} br`).join(', '));
    console.log(`\n${heading}\n\n${textSections.join('\n')}\n${fileLines.join('\n')}\n` +
      `beacon.js (after consent only): ${beacon.raw.length} raw / ${beacon.gzip.length} gzip\n\n` +
      `JSON: ${OUT}\nMarkdown tables: ${MARKDOWN}`);
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
