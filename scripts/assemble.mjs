#!/usr/bin/env node
// Writes dist/ from the wasm build and the sources:
// - kjeks.js: wasm/first-entry.js and what it imports, bundled by esbuild
//   into one script, with the first-visit module (wasm/module-text.js) and its
//   decoder (wasm/module-text-decoder.wat), the default
//   config compiled for it (from kjeks-check --blob) and the banner's
//   stylesheet (web/kjeks-banner.css) inside (wasm/first-embedded.js);
// - kjeks-core.js: wasm/entry.js and what it imports, with the core module
//   (gzip, base64), the dialog's stylesheet (web/kjeks-dialog.css) and the
//   default config in its compiled form (from kjeks-check --form) inside
//   (wasm/embedded.js);
// - kjeks-core.<lang>.js for each of the default config's languages: the
//   same, with a form of that language's texts only (kjeks-check build);
// - kjeks-json.js: wasm/json-entry.js and what it imports, with the JSON
//   config reader's module (gzip, base64) inside (wasm/json-embedded.js);
// - kjeks.css (comments and blank space removed; for browsers that cannot
//   adopt a constructed stylesheet), beacon.js and kjeks.d.ts.
//
//   node scripts/assemble.mjs <wasm build dir> <dist dir> <kjeks-check>
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
import zopfli from '@gfx/zopfli';
import { encodeModuleText } from '../wasm/module-text.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [built, dist, kjeksCheck] = process.argv.slice(2);

function minifyCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    // Not the space before ':': in a selector (`.x :hover`) it is meaningful.
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    // 0.75rem -> .75rem
    .replace(/([\s:,(/-])0\.(\d)/g, '$1.$2')
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

// One script: kjeks.js a plain one, kjeks-core.js (globalName) the same
// with its exports in that global, which it exports as an ES module after
// minifying (Closure would turn an ES module's exports into a plain object).
async function bundle(entry, globalName) {
  const bundled = await build({
    entryPoints: [join(root, 'wasm', entry)],
    bundle: true,
    format: 'iife',
    globalName,
    target: 'es2020',
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return bundled.outputFiles[0].text;
}

// Replaces the one string literal "marker" in the minified code by `literal`.
function embed(code, marker, literal) {
  const quoted = new RegExp(`(["'])${marker}\\1`, 'g');
  const found = code.match(quoted) || [];
  if (found.length !== 1) throw new Error(`expected the marker ${marker} once, found it ${found.length} times`);
  return code.replace(quoted, () => literal);
}

// The default config compiled by kjeks-check: `--blob` for kjeks.js, `--form` for kjeks-core.js.
function compiledDefaultConfig(option) {
  const result = spawnSync(kjeksCheck, ['--default', option], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`kjeks-check --default ${option} failed: ${result.stderr}`);
  return result.stdout;
}

// A string literal in ASCII only (\uXXXX for the rest), so that the runtime
// files read the same in any charset.
const asciiLiteral = (text) => JSON.stringify(text)
  .replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
// The first-visit module as printable text (wasm/module-text.js): it
// compiles in the task that reads it, and under the page's gzip it is as
// small.
const moduleText = async (name) => JSON.stringify(encodeModuleText(await readFile(join(built, name))));
// The text form's decoder: a few hundred bytes, decoded by atob.
const base64Module = async (name) => JSON.stringify((await readFile(join(built, name))).toString('base64'));
// A module as the files carry it: gzip, then base64 (wasm/module-bytes.js).
// The gzip is Zopfli's: any inflater reads it, it is about 6% smaller than
// zlib's level 9, and it is the same for the same input.
const packedModule = async (name) => JSON.stringify(Buffer.from(
  await zopfli.gzipAsync(await readFile(join(built, name)), { numiterations: 15 })).toString('base64'));
// V8's explicit compile hint (Chromium 136+; other engines ignore a comment):
// nearly every function in both files runs when it loads, so they are
// compiled while the file streams in, off the main thread, instead of one by
// one on the main thread at their first call. It must be the file's first
// line, after minification (which drops comments).
const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

const bannerCss = minifyCss(await readFile(join(root, 'web', 'kjeks-banner.css'), 'utf8'));
const dialogCss = minifyCss(await readFile(join(root, 'web', 'kjeks-dialog.css'), 'utf8'));
let first = await minifyJs(await bundle('first-entry.js'), 'kjeks.js');
first = embed(first, '__KJEKS_FIRST_VISIT_MODULE__', await moduleText('kjeks-first.wasm'));
first = embed(first, '__KJEKS_TEXT_DECODER__', await base64Module('kjeks-text-decoder.wasm'));
first = embed(first, '__KJEKS_COMPILED_CONFIG__', asciiLiteral(compiledDefaultConfig('--blob')));
first = embed(first, '__KJEKS_EMBEDDED_STYLESHEET__', asciiLiteral(bannerCss));
await writeFile(join(dist, 'kjeks.js'), COMPILE_HINT + first);

let core = await minifyJs(await bundle('entry.js', 'kjeksCore'), 'kjeks-core.js');
core = embed(core, '__KJEKS_EMBEDDED_MODULE__', await packedModule('kjeks-core.wasm'));
core = embed(core, '__KJEKS_DIALOG_STYLESHEET__', asciiLiteral(dialogCss));
// `kjeks-check build` puts a site's config in place of the default's.
core = embed(core, '__KJEKS_SITE_CONFIG__', asciiLiteral('KJEKS-SITE-CONFIG\n' + compiledDefaultConfig('--form')));
await writeFile(join(dist, 'kjeks-core.js'), COMPILE_HINT + core + '\nexport const takeOver = kjeksCore.takeOver;\n');

let json = await minifyJs(await bundle('json-entry.js', 'kjeksJson'), 'kjeks-json.js');
json = embed(json, '__KJEKS_JSON_MODULE__', await packedModule('kjeks-json.wasm'));
await writeFile(join(dist, 'kjeks-json.js'), COMPILE_HINT + json +
  '\nexport const prepareConfigReader = kjeksJson.prepareConfigReader;\nexport const compileConfig = kjeksJson.compileConfig;\n');
await writeFile(join(dist, 'kjeks.css'), bannerCss + dialogCss + '\n');
await writeFile(join(dist, 'beacon.js'),
  await minifyJs(await readFile(join(root, 'web', 'beacon.js'), 'utf8'), 'beacon.js'));
await copyFile(join(root, 'web', 'kjeks.d.ts'), join(dist, 'kjeks.d.ts'));
// One kjeks-core.<lang>.js per language, written as for a site's config.
const languages = spawnSync(kjeksCheck, ['build', '--default', '--runtime', dist, '--out', dist], { encoding: 'utf8' });
if (languages.status !== 0) throw new Error(`kjeks-check build --default failed: ${languages.stderr}`);
console.log('dist/ written: kjeks.js (first visit), kjeks-core.js, kjeks-core.{nb,nn,en}.js, kjeks-json.js, ' +
  'kjeks.css, beacon.js, kjeks.d.ts');
