// How dist/kjeks.js and dist/kjeks-core.js are put together
// (scripts/assemble.mjs, wasm/CMakeLists.txt), where a browser test cannot
// see it: the compile hint that must stay the first line, the modules,
// stylesheets and compiled config they carry, what evaluating kjeks.js does,
// the modules' imports, and the bridge's types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeModuleText, encodeModuleText } from '../../wasm/module-text.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const first = readFileSync(join(root, 'dist', 'kjeks.js'), 'utf8');
const core = readFileSync(join(root, 'dist', 'kjeks-core.js'), 'utf8');
const json = readFileSync(join(root, 'dist', 'kjeks-json.js'), 'utf8');

test('both files begin with V8\'s compile hint, so their functions compile off the main thread', () => {
  assert.equal(first.split('\n')[0], '//# allFunctionsCalledOnLoad');
  assert.equal(core.split('\n')[0], '//# allFunctionsCalledOnLoad');
});

// A window with just what evaluating kjeks.js may touch; anything else throws.
function fakeWindow() {
  const posted = [];
  const listeners = [];
  const window = {
    scheduler: { postTask: (fn, options) => { posted.push(options); } },
    document: {
      currentScript: { src: 'https://example.com/kjeks/kjeks.js', nonce: '' },
      readyState: 'loading',
      addEventListener: (type) => { listeners.push(type); },
    },
    location: { href: 'https://example.com/' },
    URL, Promise, Error, console, TextEncoder, TextDecoder, atob,
    DecompressionStream: class {},
  };
  window.window = window;
  return { window, posted, listeners };
}

test('evaluating kjeks.js while the page is parsed creates window.Kjeks, posts the module\'s compile as one task, and adds no other global', () => {
  const { window, posted, listeners } = fakeWindow();
  const before = new Set(Object.keys(window));
  const errors = [];
  window.console = { error: (...args) => errors.push(args.join(' ')) };
  runInNewContext(first, window);
  assert.equal(typeof window.Kjeks, 'object');
  assert.equal(typeof window.Kjeks.acceptAll, 'function');
  assert.deepEqual(Object.keys(window).filter((key) => !before.has(key)), ['Kjeks']);
  assert.equal(posted.length, 1, 'the compile yields to the parser');
  assert.deepEqual(JSON.parse(JSON.stringify(posted)), [{ priority: 'user-visible' }]);
  assert.deepEqual(listeners.sort(), ['DOMContentLoaded', 'click'], 'clicks before the core wait for it');
  assert.deepEqual(errors, []);
});

test('on a parsed page, kjeks.js compiles the module at once and, with no stored choice, posts the decision as one task', async () => {
  const { window, posted } = fakeWindow();
  window.document.readyState = 'complete';
  window.document.getElementById = () => null;
  window.document.currentScript.getAttribute = () => null;
  const errors = [];
  window.console = { error: (...args) => errors.push(args.join(' ')) };
  runInNewContext(first, window);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(errors, []);
  assert.equal(posted.length, 1, 'the decision, after the compile in kjeks.js\'s own task');
  assert.equal(typeof window.Kjeks.consent, 'function');
});

test('evaluating kjeks.js where DecompressionStream is missing starts nothing and says why', () => {
  const { window, posted } = fakeWindow();
  delete window.DecompressionStream;
  const errors = [];
  window.console = { error: (...args) => errors.push(args.join(' ')) };
  runInNewContext(first, window);
  assert.equal(posted.length, 0);
  assert.equal(typeof window.Kjeks.ready.then, 'function', 'Kjeks.ready is there to reject');
  assert.equal(errors.length, 1);
  assert.match(errors[0], /^Kjeks could not start, so no optional cookies or analytics are used: .*no DecompressionStream/);
});

test('evaluating kjeks.js twice keeps the first runtime', () => {
  const { window, posted } = fakeWindow();
  runInNewContext(first, window);
  const kjeks = window.Kjeks;
  runInNewContext(first, window);
  assert.equal(window.Kjeks, kjeks);
  assert.equal(posted.length, 1);
});

test('kjeks-core.js is an ES module whose one export is takeOver', () => {
  const exports = [...core.matchAll(/^export\b.*$/gm)].map((m) => m[0]);
  assert.deepEqual(exports, ['export const takeOver = kjeksCore.takeOver;']);
  // The language's own file, or the one with every language; from beside itself.
  assert.match(first, /"kjeks-core\."\+\w+\+"\.js"/, 'kjeks.js names kjeks-core.<lang>.js');
  assert.match(first, /:"kjeks-core\.js"/, 'kjeks.js names kjeks-core.js');
  assert.match(first, /import\(\(?\w+\+\w+\)?\)/, 'kjeks.js imports it from beside itself');
  for (const lang of ['nb', 'nn', 'en']) {
    const script = readFileSync(join(root, 'dist', `kjeks-core.${lang}.js`), 'utf8');
    assert.deepEqual([...script.matchAll(/^export\b.*$/gm)].map((m) => m[0]), exports, `kjeks-core.${lang}.js`);
  }
});

// The core module kjeks-core.js carries: the base64 string of its gzip,
// which begins with the gzip magic number (1f 8b 08: "H4sI").
function coreModule(script) {
  const at = script.indexOf('"H4sI');
  assert.ok(at > 0, 'the file carries a module');
  assert.equal(script.indexOf('"H4sI', at + 1), -1, 'one module');
  return gunzipSync(Buffer.from(script.slice(at + 1, script.indexOf('"', at + 1)), 'base64'));
}

// The first-visit module kjeks.js carries: as wasm/module-text.js writes it,
// so it begins with the text of the wasm magic number and version.
const WASM_START = '"' + encodeModuleText(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0));
function firstModule(script) {
  const at = script.indexOf(WASM_START);
  assert.ok(at > 0, 'kjeks.js carries the module');
  assert.equal(script.indexOf(WASM_START, at + 1), -1, 'one module');
  const decoder = readFileSync(join(root, 'build', 'wasm', 'wasm', 'kjeks-text-decoder.wasm'));
  return Buffer.from(decodeModuleText(script.slice(at + 1, script.indexOf('"', at + 1)), decoder));
}

// The bridge functions kjeks.js carries (dom.js's buildElement,
// placement.js's banner and beacon) come to kjeks-core.js with the
// hand-over: the page gets one copy of them. Each string is from one of them.
test('kjeks-core.js does not carry the bridge functions kjeks.js hands it', () => {
  for (const text of ['a view may not hold a <', 'http://www.w3.org/2000/svg', 'script,style,link,template,noscript',
    'data-endpoint']) {
    assert.ok(first.includes(text), `kjeks.js has "${text}"`);
    assert.ok(!core.includes(text), `kjeks-core.js has "${text}" too`);
  }
});

test('each file carries its built module byte for byte, and is ASCII', () => {
  const built = (name) => readFileSync(join(root, 'build', 'wasm', 'wasm', name));
  assert.ok(firstModule(first).equals(built('kjeks-first.wasm')));
  assert.ok(coreModule(core).equals(built('kjeks-core.wasm')));
  assert.ok(coreModule(json).equals(built('kjeks-json.wasm')));
  for (const script of [first, core, json]) assert.ok(/^[\x00-\x7f]*$/.test(script), 'decodes the same in any charset');
});

// The footer icon comes with the core: kjeks.js has neither its styles nor
// a module that writes it.
test('kjeks.js carries nothing of the footer icon; kjeks-core.js does', () => {
  assert.ok(!first.includes('kjeks-icon'), 'no icon styles in kjeks.js');
  assert.ok(!firstModule(first).includes('kjeks-icon'), 'no icon in the first-visit module');
  assert.ok(core.includes('.kjeks-icon{'), 'the icon\'s styles are kjeks-core.js\'s');
  assert.ok(coreModule(core).includes('kjeks-icon'), 'the core module writes the icon');
});

test('kjeks.js carries the banner\'s stylesheet and the compiled default config, kjeks-core.js the dialog\'s', () => {
  const css = readFileSync(join(root, 'dist', 'kjeks.css'), 'utf8').trim();
  // Every double-quoted string literal's value (a match that is no literal, in a regular expression, is skipped).
  const value = (text) => { try { return runInNewContext(`"${text}"`); } catch { return null; } };
  const literals = (script) => [...script.matchAll(/"((?:[^"\\\n]|\\.)*)"/g)].map((m) => value(m[1])).filter((v) => v !== null);
  const banner = literals(first).find((text) => text.includes('.kjeks-banner{'));
  const dialog = literals(core).find((text) => text.includes('.kjeks-dialog{'));
  assert.ok(banner && dialog);
  assert.equal(banner + dialog, css, 'dist/kjeks.css is both');
  assert.ok(!banner.includes('.kjeks-dialog') && !dialog.includes('.kjeks-banner{'));
  // The theme's properties that only the dialog uses are not in kjeks.js.
  assert.ok(!banner.includes('--kjeks-backdrop:') && dialog.includes('--kjeks-backdrop:'));
  const check = process.env.KJEKS_CHECK || join(root, 'build', 'native', 'kjeks-check');
  const blob = spawnSync(check, ['--default', '--blob'], { encoding: 'utf8' }).stdout;
  assert.ok(blob.startsWith('KJEKS-FIRST-VISIT\u001f'));
  assert.ok(literals(first).includes(blob), 'kjeks.js carries the default config compiled');
  const form = spawnSync(check, ['--default', '--form'], { encoding: 'utf8' }).stdout;
  assert.ok(form.startsWith('KJEKS-CONFIG 1\n'));
  assert.ok(literals(core).includes('KJEKS-SITE-CONFIG\n' + form), 'kjeks-core.js carries the default config compiled');
  // Each kjeks-core.<lang>.js is kjeks-core.js with that language's form only.
  for (const lang of ['nb', 'nn', 'en']) {
    const script = readFileSync(join(root, 'dist', `kjeks-core.${lang}.js`), 'utf8');
    const own = spawnSync(check, ['--default', '--form', '--lang', lang], { encoding: 'utf8' }).stdout;
    assert.ok(own.startsWith('KJEKS-CONFIG 1\n') && own.length * 2 < form.length, `the ${lang} form is smaller`);
    const literal = literals(script).find((text) => text.startsWith('KJEKS-SITE-CONFIG\n'));
    assert.equal(literal, 'KJEKS-SITE-CONFIG\n' + own, `kjeks-core.${lang}.js carries the ${lang} form`);
    const site = (text) => text.slice(0, text.indexOf('KJEKS-SITE-CONFIG'));
    assert.equal(site(script), site(core), `kjeks-core.${lang}.js is kjeks-core.js up to the config`);
  }
  for (const script of [first, core, json]) assert.ok(!script.includes('__KJEKS_'), 'no marker is left');
});

// The names a bridge file calls in its module: call('name' and text('name'.
const calledIn = (...files) => files
  .map((file) => readFileSync(join(root, 'wasm', file), 'utf8'))
  .flatMap((source) => [...source.matchAll(/(?:call|text)\('(\w+)'/g)].map((m) => m[1]));

test('the core module imports exactly what wasm/core.js gives it, and reads no JSON', () => {
  const bytes = coreModule(core);
  const module = new WebAssembly.Module(bytes);
  const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`).sort();
  assert.deepEqual(imports, ['env.emscripten_notify_memory_growth', 'env.kjeks_js_apply',
    'wasi_snapshot_preview1.proc_exit']);
  const exports = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  const called = calledIn('core.js', 'boot.js');
  for (const name of ['memory', '_initialize', 'malloc', 'free', ...called]) {
    assert.ok(exports.has(name), `kjeks-core.wasm exports ${name}`);
  }
  assert.ok(called.length >= 8);
  // The embedded default config's JSON is only in the JSON config reader.
  // (as CMakeLists.txt embeds it: without line breaks and their indentation)
  const defaultJson = readFileSync(join(root, 'src', 'default_config.json'), 'utf8').replace(/\n */g, '');
  const start = Buffer.from(defaultJson.slice(0, 64));
  assert.ok(!bytes.includes(start), 'no default config JSON in kjeks-core.wasm');
  assert.ok(coreModule(json).includes(start), 'the JSON reader has it');
});

test('the JSON config reader module exports what kjeks-json.js calls', () => {
  const module = new WebAssembly.Module(coreModule(json));
  const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`);
  for (const name of imports) {
    assert.ok(['env.emscripten_notify_memory_growth', 'wasi_snapshot_preview1.proc_exit'].includes(name), name);
  }
  const exports = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  const called = calledIn('json-entry.js');
  for (const name of ['memory', '_initialize', 'malloc', 'free', ...called]) {
    assert.ok(exports.has(name), `kjeks-json.wasm exports ${name}`);
  }
  assert.ok(called.length >= 5);
});

test('the first-visit module imports nothing, and needs no heap', () => {
  const module = new WebAssembly.Module(firstModule(first));
  assert.deepEqual(WebAssembly.Module.imports(module), []);
  const exports = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  assert.ok(!exports.has('malloc'));
  const glue = readFileSync(join(root, 'wasm', 'first-core.js'), 'utf8');
  const called = [...glue.matchAll(/exports\['(\w+)'\]/g)].map((m) => m[1]);
  for (const name of called) assert.ok(exports.has(name), `kjeks-first.wasm exports ${name}`);
  assert.ok(called.length >= 6);
});

test('the bridge type-checks: tsc --checkJs (strict) on wasm/*.js', () => {
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  const result = spawnSync(tsc, ['-p', join(root, 'wasm', 'tsconfig.json')], { encoding: 'utf8' });
  assert.equal(result.status, 0, (result.stdout || '') + (result.stderr || ''));
});
