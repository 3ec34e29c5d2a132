// How dist/kjeks.js is put together (scripts/assemble.mjs), where a browser
// test cannot see it: the compile hint that must stay its first line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bundle = readFileSync(join(root, 'dist', 'kjeks.js'), 'utf8');

test('kjeks.js begins with V8\'s compile hint, so its functions compile off the main thread', () => {
  assert.equal(bundle.split('\n')[0], '//# allFunctionsCalledOnLoad');
});

test('kjeks.js runs the glue in kjeksBoot, not while the script is evaluated', () => {
  // The glue's first statement sits inside a function that the top level only posts.
  const glue = bundle.indexOf('"undefined"!=typeof');
  assert.ok(glue > 0, 'the Emscripten glue is in the bundle');
  assert.match(bundle.slice(0, glue), /function \w+\(\)\{try\{var \w+=$/,
    'the glue begins a function of its own (kjeksBoot)');
});
