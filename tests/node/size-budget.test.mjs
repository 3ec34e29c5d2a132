// Byte budget of the deployable files: the gzip -9 size of each file in
// dist/, of what comes before the banner (kjeks.js, which carries the
// first-visit module, the compiled config and the banner's stylesheet) and
// of all a first visit loads (kjeks-core.<lang>.js too, right after the
// banner; kjeks-core.js and kjeks-json.js on a page with a JSON config; kjeks.css, both
// stylesheets as a file, is never requested by the runtime, beacon.js only
// after consent), must stay within
// tests/node/size-budget.json. Deterministic: sizes, never timings.
//
// After a deliberate change in size, write the new sizes as the budget:
//   KJEKS_UPDATE_SIZE_BUDGET=1 node --test tests/node/size-budget.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'dist');
const budgetFile = join(root, 'tests', 'node', 'size-budget.json');
// A first visit loads the core of the page's language (kjeks-core.<lang>.js,
// here the default config's Bokmål); with a JSON config, the one with every
// language (kjeks-core.js).
const BEFORE_BANNER = ['kjeks.js'];
const FIRST_VISIT = [...BEFORE_BANNER, 'kjeks-core.nb.js'];
const JSON_CONFIG_VISIT = [...BEFORE_BANNER, 'kjeks-core.js', 'kjeks-json.js'];
const FILES = [...BEFORE_BANNER, 'kjeks-core.js', 'kjeks-core.nb.js', 'kjeks-core.nn.js', 'kjeks-core.en.js',
  'kjeks-json.js', 'kjeks.css', 'beacon.js'];

function gzipSize(name) {
  return gzipSync(readFileSync(join(dist, name)), { level: 9 }).length;
}

const sizes = {};
for (const name of FILES) {
  if (existsSync(join(dist, name))) sizes[name] = gzipSize(name);
}
const total = (names) => names.reduce((sum, name) => sum + (sizes[name] || 0), 0);
const beforeBanner = total(BEFORE_BANNER);
const firstVisit = total(FIRST_VISIT);
const jsonConfigVisit = total(JSON_CONFIG_VISIT);

if (process.env.KJEKS_UPDATE_SIZE_BUDGET === '1') {
  const budget = JSON.parse(readFileSync(budgetFile, 'utf8'));
  budget.gzip = { ...sizes };
  budget.beforeBannerGzip = beforeBanner;
  budget.firstVisitGzip = firstVisit;
  budget.jsonConfigVisitGzip = jsonConfigVisit;
  writeFileSync(budgetFile, JSON.stringify(budget, null, 2) + '\n');
}

const budget = JSON.parse(readFileSync(budgetFile, 'utf8'));

test('dist/ has every deployable file (run scripts/build first)', () => {
  for (const name of FILES) assert.ok(name in sizes, `dist/${name} is missing`);
});

for (const name of FILES) {
  test(`${name}: gzip -9 size within its budget`, () => {
    assert.ok(name in sizes, `dist/${name} is missing`);
    assert.ok(sizes[name] <= budget.gzip[name],
      `dist/${name} is ${sizes[name]} bytes gzipped, over its budget of ${budget.gzip[name]} ` +
      `(by ${sizes[name] - budget.gzip[name]}); see tests/node/size-budget.json`);
  });
}

test('before the banner (kjeks.js): gzip -9 size within its budget', () => {
  assert.ok(beforeBanner <= budget.beforeBannerGzip,
    `the banner needs ${beforeBanner} bytes gzipped, over the budget of ${budget.beforeBannerGzip} ` +
    `(by ${beforeBanner - budget.beforeBannerGzip})`);
});

test('first visit (kjeks.js, then kjeks-core.nb.js): gzip -9 size within its budget', () => {
  assert.ok(firstVisit <= budget.firstVisitGzip,
    `a first visit loads ${firstVisit} bytes gzipped, over the budget of ${budget.firstVisitGzip} ` +
    `(by ${firstVisit - budget.firstVisitGzip})`);
});

test('first visit with a JSON config (kjeks-json.js too): gzip -9 size within its budget', () => {
  assert.ok(jsonConfigVisit <= budget.jsonConfigVisitGzip,
    `a first visit with a JSON config loads ${jsonConfigVisit} bytes gzipped, over the budget of ` +
    `${budget.jsonConfigVisitGzip} (by ${jsonConfigVisit - budget.jsonConfigVisitGzip})`);
});
