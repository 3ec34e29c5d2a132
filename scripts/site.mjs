#!/usr/bin/env node
// Writes the demo site into build/site: web/demo as it is, with each page's
// <!--kjeks-declaration--> replaced by the cookie declaration that
// kjeks-check prints from the same config the banner uses.
//   node scripts/site.mjs <kjeks-check binary> [config.json] [output dir]
import { cp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [checker, config, outDir] = process.argv.slice(2);
const out = outDir ? resolve(outDir) : join(root, 'build', 'site');
const MARKER = '<!--kjeks-declaration-->';

async function htmlFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => join(e.parentPath ?? e.path, e.name));
}

await rm(out, { recursive: true, force: true });
await cp(join(root, 'web', 'demo'), out, { recursive: true });
for (const file of await htmlFiles(out)) {
  const html = await readFile(file, 'utf8');
  if (!html.includes(MARKER)) continue;
  const lang = /<html lang="(\w+)"/.exec(html)?.[1] ?? 'nb';
  const args = ['--declaration', 'html', '--lang', lang, ...(config ? [config] : ['--default'])];
  const declaration = execFileSync(checker, args, { encoding: 'utf8' });
  await writeFile(file, html.replace(MARKER, declaration));
}
console.log(`demo site written to ${out}`);
