// The README's examples are checked, so they cannot drift from the code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const checker = process.env.KJEKS_CHECK || join(root, 'build/native/kjeks-check');

test('the README config example is valid for kjeks-check', () => {
  const blocks = [...readme.matchAll(/```json kjeks-config\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(blocks.length >= 1, 'README has a config example');
  const dir = mkdtempSync(join(tmpdir(), 'kjeks-readme-'));
  blocks.forEach((block, i) => {
    const path = join(dir, `example-${i}.json`);
    writeFileSync(path, block);
    const result = spawnSync(checker, [path], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /: ok, revision /);
  });
});

test('the README names the two commands that .ci/run and the scripts provide', () => {
  assert.match(readme, /^scripts\/demo\b/m);
  assert.match(readme, /^scripts\/test\b/m);
  assert.match(readFileSync(join(root, '.ci/run'), 'utf8'), /^scripts\/test$/m);
});

test('the reference table documents every top-level config key and no other', () => {
  const keys = [...readme.matchAll(/^\| `([a-zA-Z]+)` \|/gm)].map((m) => m[1]);
  const known = ['revision', 'expiryDays', 'defaultLanguage', 'storageKey', 'policyUrl', 'controller',
    'categories', 'beacon', 'consentLog', 'gpc', 'consentMode', 'texts', 'ui'];
  assert.deepEqual(keys.filter((k) => !known.includes(k)), []);
  for (const key of known) assert.ok(keys.includes(key), `README documents ${key}`);
});
