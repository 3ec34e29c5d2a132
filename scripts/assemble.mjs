#!/usr/bin/env node
// Writes dist/ from the wasm build and the sources: kjeks.js (the bridge's
// modules, wasm/entry.js and what it imports, bundled by esbuild into one
// script, with the wasm module (base64) and the stylesheet inside: see
// wasm/embedded.js), kjeks.css (comments and blank space removed; for
// browsers that cannot adopt a constructed stylesheet), beacon.js and
// kjeks.d.ts.
//
// The JavaScript is minified with Closure Compiler (npm google-closure-compiler)
// in SIMPLE mode: local names are shortened and dead code dropped, but no
// property is renamed, so the bridge may read JSON and DOM properties with
// plain dot syntax. KJEKS_NO_MINIFY=1 keeps it readable for debugging.
import { copyFile, mkdir, readFile, writeFile, rm, mkdtemp } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [built, dist] = process.argv.slice(2);

function minifyCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    // Not the space before ':': in a selector (`.x :hover`) it is meaningful.
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
}

async function minifyJs(source, name) {
  if (process.env.KJEKS_NO_MINIFY === '1') return source;
  const dir = await mkdtemp(join(tmpdir(), 'kjeks-closure-'));
  const input = join(dir, name);
  const output = join(dir, 'min-' + name);
  await writeFile(input, source);
  const closure = join(root, 'node_modules', '.bin', 'google-closure-compiler');
  const result = spawnSync(closure, [
    '--compilation_level', 'SIMPLE_OPTIMIZATIONS', '--language_in', 'ECMASCRIPT_2020',
    '--language_out', 'NO_TRANSPILE', '--emit_use_strict', '--warning_level', 'QUIET',
    '--js', input, '--js_output_file', output,
  ], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`closure compiler failed on ${name}: ${result.error || ''}${result.stderr || ''}`);
  }
  const minified = await readFile(output, 'utf8');
  await rm(dir, { recursive: true, force: true });
  return minified;
}

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
const bundled = await build({
  entryPoints: [join(root, 'wasm', 'entry.js')],
  bundle: true,
  format: 'iife',
  target: 'es2020',
  write: false,
  legalComments: 'none',
  logLevel: 'warning',
});
const wrapped = bundled.outputFiles[0].text;

// Replaces the one string literal "marker" in the minified code by `literal`.
function embed(code, marker, literal) {
  const quoted = new RegExp(`(["'])${marker}\\1`, 'g');
  const found = code.match(quoted) || [];
  if (found.length !== 1) throw new Error(`expected the marker ${marker} once in kjeks.js, found it ${found.length} times`);
  return code.replace(quoted, () => literal);
}

const css = minifyCss(await readFile(join(root, 'web', 'kjeks.css'), 'utf8'));
const wasm = await readFile(join(built, 'kjeks-core.wasm'));
let code = await minifyJs(wrapped, 'kjeks.js');
code = embed(code, '__KJEKS_EMBEDDED_MODULE__', JSON.stringify(wasm.toString('base64')));
code = embed(code, '__KJEKS_EMBEDDED_STYLESHEET__', JSON.stringify(css));
// V8's explicit compile hint (Chromium 136+; other engines ignore a comment):
// nearly every function in kjeks.js runs on a first visit, so they are
// compiled while the file streams in, off the main thread, instead of one by
// one on the main thread at their first call. It must be the file's first
// line, after minification (which drops comments).
const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';
await writeFile(join(dist, 'kjeks.js'), COMPILE_HINT + code);
await writeFile(join(dist, 'kjeks.css'), css + '\n');
await writeFile(join(dist, 'beacon.js'),
  await minifyJs(await readFile(join(root, 'web', 'beacon.js'), 'utf8'), 'beacon.js'));
await copyFile(join(root, 'web', 'kjeks.d.ts'), join(dist, 'kjeks.d.ts'));
console.log(`dist/ written: kjeks.js (with the wasm module and the stylesheet), kjeks.css, beacon.js, kjeks.d.ts`);
