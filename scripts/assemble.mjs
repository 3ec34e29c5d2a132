#!/usr/bin/env node
// Writes dist/ from the Emscripten output and web/: kjeks.js (the core's glue
// with the bridge and loader, in one closure, guarded so a page that includes
// it twice or a browser that cannot run it loses nothing), kjeks.wasm,
// kjeks.css (comments and blank space removed), beacon.js.
import { copyFile, mkdir, readFile, writeFile, rm } from 'node:fs/promises';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [built, dist] = process.argv.slice(2);

function minifyCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{}:;,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
}

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
const core = await readFile(join(built, 'kjeks-core.js'), 'utf8');
const wrapped = '(function(){"use strict";if(window.Kjeks)return;' +
  'var kjeksFatal=function(e){console.error("Kjeks could not start:",e)};try{\n' + core +
  '\n}catch(e){kjeksFatal(e)}})();\n';
await writeFile(join(dist, 'kjeks.js'), wrapped);
await copyFile(join(built, 'kjeks-core.wasm'), join(dist, 'kjeks.wasm'));
await writeFile(join(dist, 'kjeks.css'), minifyCss(await readFile(join(root, 'web', 'kjeks.css'), 'utf8')) + '\n');
await copyFile(join(root, 'web', 'beacon.js'), join(dist, 'beacon.js'));
console.log(`dist/ written: kjeks.js, kjeks.wasm, kjeks.css, beacon.js`);
