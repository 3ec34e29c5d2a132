// TypeScript declarations: web/kjeks.d.ts ships in dist/ and is
// what the npm package's "types" points at; tsc --noEmit (strict) accepts a
// site's typical use of window.Kjeks and the kjeks:* events, and rejects
// misuse (the example's @ts-expect-error lines must all be errors).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tsc = join(root, 'node_modules', '.bin', 'tsc');
const example = join(root, 'tests', 'node', 'fixtures', 'types-example.ts');

// A site project with kjeks installed (a link to this package) and a strict tsconfig.
function project(source) {
  const dir = mkdtempSync(join(tmpdir(), 'kjeks-types-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', 'kjeks'), 'dir');
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'es2020', lib: ['es2022', 'dom'], module: 'esnext',
      moduleResolution: 'bundler', types: [], skipLibCheck: false, noUnusedLocals: false,
    },
    files: ['example.ts'],
  }));
  if (source === undefined) copyFileSync(example, join(dir, 'example.ts'));
  else writeFileSync(join(dir, 'example.ts'), source);
  return dir;
}

function check(dir) {
  const result = spawnSync(tsc, ['--noEmit', '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', cwd: dir });
  return { code: result.status, out: (result.stdout || '') + (result.stderr || '') };
}

test('dist/kjeks.d.ts is web/kjeks.d.ts, and the package points its types at it', () => {
  assert.equal(readFileSync(join(root, 'dist', 'kjeks.d.ts'), 'utf8'), readFileSync(join(root, 'web', 'kjeks.d.ts'), 'utf8'));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.equal(pkg.types, './dist/kjeks.d.ts');
  assert.equal(pkg.exports['.'].types, './dist/kjeks.d.ts');
});

test('tsc --noEmit accepts the example, and every @ts-expect-error in it is an error', () => {
  const { code, out } = check(project());
  assert.equal(code, 0, out);
  assert.ok((readFileSync(example, 'utf8').match(/@ts-expect-error/g) || []).length >= 8);
});

test('tsc really checks: misuse without @ts-expect-error fails with the expected errors', () => {
  const source = readFileSync(example, 'utf8').replace(/\/\/ @ts-expect-error.*\n/g, '');
  const { code, out } = check(project(source));
  assert.notEqual(code, 0);
  const errors = out.split('\n').filter((line) => /error TS\d+/.test(line));
  assert.equal(errors.length, 8, out);
  assert.match(out, /"decline"/);
  assert.match(out, /advertising/);
  assert.match(out, /legitimate_interest/);
});

test('the globals also work with a triple-slash reference, without importing anything', () => {
  const { code, out } = check(project(`/// <reference types="kjeks" />
Kjeks.on('change', ({ consent }) => { const on: boolean | undefined = consent.analytics; console.log(on); });
document.addEventListener('kjeks:ready', (e) => console.log(e.detail.consent.necessary));
`));
  assert.equal(code, 0, out);
});

// The members an interface of kjeks.d.ts declares.
function declared(name) {
  const dts = readFileSync(join(root, 'web', 'kjeks.d.ts'), 'utf8');
  const body = new RegExp(`export interface ${name}(?:<[^>]*>)? \\{([\\s\\S]*?)\\n\\}`).exec(dts)[1];
  return [...body.matchAll(/^ {2}(?:readonly )?(\w+)[?]?[(<:]/gm)].map((m) => m[1]).sort();
}

test('the declarations match the runtime: window.Kjeks and the event details have exactly the declared members', async () => {
  const { startSite, openContext, waitForKjeks } = await import('../browser/harness.mjs');
  const site = await startSite();
  try {
    const ctx = await openContext(site);
    const page = await ctx.newPage();
    await page.goto(`${site.origin}/en/`);
    await waitForKjeks(page);
    assert.deepEqual(await page.evaluate(() => Object.keys(window.Kjeks).sort()), declared('KjeksApi'));
    const ready = await page.evaluate(() => new Promise((r) => window.Kjeks.on('ready', (d) => r(Object.keys(d).sort()))));
    assert.deepEqual(ready, declared('KjeksReadyDetail'));
    const change = page.evaluate(() => new Promise((r) => document.addEventListener('kjeks:change', (e) => r(e.detail), { once: true })));
    await page.evaluate(() => window.Kjeks.acceptAll());
    const detail = await change;
    assert.deepEqual(Object.keys(detail).sort(), declared('KjeksChangeDetail'));
    assert.equal(typeof detail.consentId, 'string');
    assert.equal(detail.method, 'accept_all');
    await ctx.close();
  } finally {
    await site.close();
  }
});
