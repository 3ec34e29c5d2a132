// How dist/kjeks.js is put together (scripts/assemble.mjs,
// wasm/CMakeLists.txt), where a browser test cannot see it: the compile hint
// that must stay the first line, the module and stylesheet it carries, what
// evaluating it does, the module's imports, and the bridge's types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { runInNewContext } from 'node:vm';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bundle = readFileSync(join(root, 'dist', 'kjeks.js'), 'utf8');

test('kjeks.js begins with V8\'s compile hint, so its functions compile off the main thread', () => {
  assert.equal(bundle.split('\n')[0], '//# allFunctionsCalledOnLoad');
});

// A window with just what evaluating kjeks.js may touch; anything else throws.
function fakeWindow() {
  const posted = [];
  const window = {
    scheduler: { postTask: (fn, options) => { posted.push(options); } },
    document: { currentScript: { src: 'https://example.com/kjeks/kjeks.js' } },
    location: { href: 'https://example.com/' },
    URL, Promise, Error, console,
  };
  window.window = window;
  return { window, posted };
}

test('evaluating kjeks.js creates window.Kjeks and posts two tasks, and adds no other global', () => {
  const { window, posted } = fakeWindow();
  const before = new Set(Object.keys(window));
  runInNewContext(bundle, window);
  assert.equal(typeof window.Kjeks, 'object');
  assert.equal(typeof window.Kjeks.acceptAll, 'function');
  assert.deepEqual(Object.keys(window).filter((key) => !before.has(key)), ['Kjeks']);
  assert.equal(posted.length, 2, 'the module\'s compile and the boot, each in a task of its own');
  assert.deepEqual(JSON.parse(JSON.stringify(posted)), [{ priority: 'user-visible' }, { priority: 'user-visible' }]);
});

test('evaluating kjeks.js twice keeps the first runtime', () => {
  const { window, posted } = fakeWindow();
  runInNewContext(bundle, window);
  const first = window.Kjeks;
  runInNewContext(bundle, window);
  assert.equal(window.Kjeks, first);
  assert.equal(posted.length, 2);
});

// The module kjeks.js carries: the base64 string that begins with the wasm
// magic number "\0asm".
function embeddedModule() {
  const at = bundle.indexOf('"AGFzbQ');
  assert.ok(at > 0, 'kjeks.js carries the module');
  return Buffer.from(bundle.slice(at + 1, bundle.indexOf('"', at + 1)), 'base64');
}

test('kjeks.js carries the built module byte for byte, and is ASCII', () => {
  const built = readFileSync(join(root, 'build', 'wasm', 'wasm', 'kjeks-core.wasm'));
  assert.ok(embeddedModule().equals(built));
  assert.ok(/^[\x00-\x7f]*$/.test(bundle), 'kjeks.js decodes the same in any charset');
});

test('kjeks.js carries the stylesheet, which is dist/kjeks.css', () => {
  const css = readFileSync(join(root, 'dist', 'kjeks.css'), 'utf8').trim();
  assert.ok(bundle.includes(JSON.stringify(css)));
  assert.ok(!bundle.includes('__KJEKS_EMBEDDED_'), 'no marker is left');
});

test('the module imports exactly what wasm/core.js gives it', () => {
  const module = new WebAssembly.Module(embeddedModule());
  const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`).sort();
  assert.deepEqual(imports, ['env.emscripten_notify_memory_growth', 'env.kjeks_js_apply',
    'env.kjeks_js_config_errors', 'wasi_snapshot_preview1.proc_exit']);
  const exports = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  const core = readFileSync(join(root, 'wasm', 'core.js'), 'utf8');
  const boot = readFileSync(join(root, 'wasm', 'boot.js'), 'utf8');
  const called = [...(core + boot).matchAll(/(?:call|text)\('(\w+)'/g)].map((m) => m[1]);
  for (const name of ['memory', '_initialize', 'malloc', 'free', ...called]) {
    assert.ok(exports.has(name), `kjeks.wasm exports ${name}`);
  }
  assert.ok(called.length >= 9);
});

test('the bridge type-checks: tsc --checkJs (strict) on wasm/*.js', () => {
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  const result = spawnSync(tsc, ['-p', join(root, 'wasm', 'tsconfig.json')], { encoding: 'utf8' });
  assert.equal(result.status, 0, (result.stdout || '') + (result.stderr || ''));
});
