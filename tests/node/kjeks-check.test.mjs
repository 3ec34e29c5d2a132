// kjeks-check: the command-line config checker and declaration printer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledStorageKey } from '../../wasm/first-embedded.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const checker = process.env.KJEKS_CHECK || join(root, 'build/native/kjeks-check');
const dir = mkdtempSync(join(tmpdir(), 'kjeks-check-'));

function run(args) {
  const result = spawnSync(checker, args, { encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}
function configFile(name, text) {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

test('the embedded default config is valid and summarised in one line', () => {
  const { code, out } = run(['--default']);
  assert.equal(code, 0);
  assert.match(out, /^\(default config\): ok, revision 2026-04, 4 categories, 3 services, \d+ storage items, consent expires after 182 days\n$/);
});

test('every error is printed with its JSON path, exit 1', () => {
  const path = configFile('bad.json', JSON.stringify({
    revision: 'bad revision!', policyUrl: 'javascript:alert(1)', controller: { name: 'X' },
    categories: [{ id: 'necessary', title: 'N', description: 'D', storage: [{ name: 'a', kind: 'cookie', purpose: 'p', duration: 3 }] }],
  }));
  const { code, err } = run([path]);
  assert.equal(code, 1);
  assert.match(err, /revision: expected 1-64 characters/);
  assert.match(err, /policyUrl: not a safe URL/);
  assert.match(err, /categories\[0\]\.storage\[0\]\.duration: expected a string/);
  assert.match(err, /3 errors\n$/);
});

test('invalid JSON names the byte', () => {
  const { code, err } = run([configFile('broken.json', '{"revision": ')]);
  assert.equal(code, 1);
  assert.match(err, /\(root\): invalid JSON near byte \d+/);
});

test('the declaration lists every category and storage item, in Markdown and escaped HTML', () => {
  const md = run(['--declaration', 'md', '--lang', 'en', '--default']);
  assert.equal(md.code, 0);
  assert.match(md.out, /^## Cookie settings/m);
  assert.match(md.out, /\| `kjeks\.consent` \|/);
  assert.match(md.out, /\| `kjeks\.aid` \|/);
  assert.match(md.out, /info@nordleads\.no/);
  const nb = run(['--declaration', 'html', '--lang', 'nb', '--default']);
  assert.match(nb.out, /<h3>Strengt nødvendige/);
  const path = configFile('evil.json', JSON.stringify({
    revision: '1', policyUrl: '/p', controller: { name: '<img src=x onerror=alert(1)>' },
    categories: [{ id: 'necessary', title: '"><script>alert(1)</script>', description: 'd', storage: [] }],
  }));
  const html = run(['--declaration', 'html', path]);
  assert.equal(html.code, 0);
  assert.doesNotMatch(html.out, /<img|<script/);
  assert.match(html.out, /&lt;img src=x onerror=alert\(1\)&gt;/);
});

test('the declaration lists each service with its provider, purpose, terms, storage and transfer', () => {
  const md = run(['--declaration', 'md', '--lang', 'en', '--default']);
  assert.equal(md.code, 0);
  assert.match(md.out, /^#### Online booking\n\n- Provider: Timebok \(demo\)\n- Purpose: .*own cookie rules apply/m);
  assert.match(md.out, /- Terms and privacy at Timebok \(demo\): \/booking-widget\/personvern\.html/);
  assert.match(md.out, /^#### Chat\n[\s\S]*?\| `nl_chat` \|/m);
  assert.match(md.out, /^#### Customer portal diagnostics\n[\s\S]*?- Data may in some cases be processed outside the EU\/EEA\. Transfer basis: Standard Contractual Clauses\n/m);
  const nn = run(['--declaration', 'html', '--lang', 'nn', '--default']);
  assert.match(nn.out, /<h4>Diagnostikk i kundeportalen<\/h4>\n<ul>\n<li>Leverandør: NordLeads, med databehandlarar<\/li>/);
  assert.match(nn.out, /<li>Opplysningar kan i nokre tilfelle bli behandla utanfor EU\/EØS\. Overføringsgrunnlag: Standardkontraktsklausular/);
  assert.match(nn.out, /<li><a href="\/booking-widget\/personvern\.html">Vilkår og personvern hos Timebok \(demo\)<\/a><\/li>/);
});

test('a service id used twice, or the same as a category, is an error with its path', () => {
  const service = (id) => ({ id, name: id, provider: 'P', purpose: 'p', storage: [], policyUrl: '/terms' });
  const path = configFile('services.json', JSON.stringify({
    revision: '1', policyUrl: '/p', controller: { name: 'Example AS' },
    categories: [{ id: 'necessary', title: 'N', description: 'D', storage: [] },
      { id: 'analytics', title: 'A', description: 'D', storage: [] },
      { id: 'external', title: 'E', description: 'D', storage: [], services: [service('chat'), service('analytics'), service('chat')] }],
  }));
  const { code, err } = run([path]);
  assert.equal(code, 1);
  assert.match(err, /categories\[2\]\.services\[1\]\.id: the same as a category id/);
  assert.match(err, /categories\[2\]\.services\[2\]\.id: duplicate service/);
});

test('a language a config adds is checked for every text key, each missing one named with its language', () => {
  const defaults = JSON.parse(readFileSync(join(root, 'src', 'default_config.json'), 'utf8'));
  const minimal = {
    revision: '1', policyUrl: '/p', controller: { name: 'Example AS' },
    categories: [{ id: 'necessary', title: 'N', description: 'D', storage: [] }],
  };
  const { 'banner.accept': accept, 'embed.terms': terms, ...incomplete } = defaults.texts.en;
  assert.ok(accept && terms);
  const partial = configFile('partial-language.json', JSON.stringify({
    ...minimal, texts: { se: incomplete, sma: { 'banner.title': 'Mijjieh' } },
  }));
  const { code, err } = run([partial]);
  assert.equal(code, 1);
  const lines = err.trim().split('\n');
  const missing = lines.filter((line) => /: missing key /.test(line));
  assert.deepEqual(missing.filter((line) => line.includes('texts.se:')), [
    `${partial}: texts.se: missing key banner.accept`,
    `${partial}: texts.se: missing key embed.terms`,
  ]);
  // The other language has one key of thirty: 29 lines for it.
  assert.equal(missing.filter((line) => line.includes('texts.sma:')).length, 29);
  assert.equal(lines.at(-1), '31 errors');

  const complete = configFile('complete-language.json', JSON.stringify({
    ...minimal, defaultLanguage: 'se', texts: { se: { ...defaults.texts.en, 'dialog.title': 'Diehtočoahkuid heivehusat' } },
  }));
  assert.equal(run([complete]).code, 0, run([complete]).err);
  const declaration = run(['--declaration', 'md', complete]);
  assert.equal(declaration.code, 0);
  assert.match(declaration.out, /^## Diehtočoahkuid heivehusat/);
});

test('the declaration of the default config in Nynorsk', () => {
  const nn = run(['--declaration', 'html', '--lang', 'nn', '--default']);
  assert.equal(nn.code, 0, nn.err);
  assert.match(nn.out, /<section class="kjeks-declaration" lang="nn">/);
  assert.match(nn.out, /<h2>Innstillingar for informasjonskapslar<\/h2>/);
  assert.match(nn.out, /<h3>Eksternt innhald<\/h3>/);
  assert.match(nn.out, /Hugsar valet ditt/);
});

test('usage errors exit 2', () => {
  assert.equal(run([]).code, 2);
  assert.equal(run(['--declaration', 'pdf', '--default']).code, 2);
  assert.equal(run(['--lang', 'de', '--default']).code, 2);
  assert.equal(run(['--lang', 'NN', '--default']).code, 2);
  assert.equal(run(['--lang', 'nb-NO', '--default']).code, 2);
  assert.equal(run([join(dir, 'missing.json')]).code, 2);
});

test('consent log and Consent Mode settings are checked with their JSON paths', () => {
  const base = JSON.parse(readFileSync(join(root, 'web', 'demo', 'kjeks-config.json'), 'utf8'));
  const ok = configFile('modes.json', JSON.stringify({
    ...base, consentMode: { enabled: true, types: { analytics: ['analytics_storage'], external: ['ad_storage'] } },
  }));
  assert.equal(run([ok]).code, 0, run([ok]).err);
  const bad = configFile('bad-modes.json', JSON.stringify({
    ...base,
    consentLog: { endpoint: 'javascript:alert(1)' },
    consentMode: { enabled: 'yes', types: { analytics: ['analytics_storage', 'ad_clicks'], marketing: ['ad_storage'] } },
  }));
  const { code, err } = run([bad]);
  assert.equal(code, 1);
  assert.match(err, /consentLog\.endpoint: not a safe URL/);
  assert.match(err, /consentMode\.enabled: expected a boolean/);
  assert.match(err, /consentMode\.types\.analytics\[1\]: unknown consent type/);
  assert.match(err, /consentMode\.types\.marketing: not a configured category/);
  assert.match(err, /4 errors\n$/);
});

test('the demo config is valid, and the demo\'s policy pages are generated from it by kjeks-check', () => {
  const demoConfig = join(root, 'web', 'demo', 'kjeks-config.json');
  const check = run([demoConfig]);
  assert.equal(check.code, 0, check.err);
  assert.match(check.out, /kjeks-config\.json: ok, revision 2026-04, 4 categories, 3 services, 7 storage items/);

  const out = join(dir, 'site');
  const site = spawnSync(process.execPath, [join(root, 'scripts', 'site.mjs'), checker, demoConfig, out], { encoding: 'utf8' });
  assert.equal(site.status, 0, site.stderr);
  for (const [page, lang] of [['informasjonskapsler/index.html', 'nb'], ['nn/informasjonskapslar/index.html', 'nn'],
    ['en/cookies/index.html', 'en']]) {
    const html = readFileSync(join(out, page), 'utf8');
    const declaration = run(['--declaration', 'html', '--lang', lang, demoConfig]).out;
    assert.ok(html.includes(declaration), `${page} holds the ${lang} declaration`);
    assert.doesNotMatch(html, /<!--kjeks-declaration-->/);
    // The demo config's own item (not in the default config) is listed: the page follows that config.
    assert.match(html, /<code>kjeks\.consent\.outbox<\/code>/);
  }
  // The demo pages load the same config file the policy pages come from.
  const front = readFileSync(join(out, 'index.html'), 'utf8');
  assert.match(front, /<script src="\/kjeks\/kjeks\.js" data-config="\/kjeks-config\.json" async><\/script>/);
  assert.deepEqual(JSON.parse(readFileSync(join(out, 'kjeks-config.json'), 'utf8')), JSON.parse(readFileSync(demoConfig, 'utf8')));
});

test('build: a site\'s runtime files with its config compiled in, from dist/, in ASCII', () => {
  const config = JSON.parse(readFileSync(join(root, 'web', 'demo', 'kjeks-config.json'), 'utf8'));
  config.revision = 'site-9';
  // A language the site adds (German, here with the English texts).
  const german = JSON.parse(readFileSync(join(root, 'src', 'default_config.json'), 'utf8')).texts.en;
  config.texts = { ...config.texts, de: german };
  const path = configFile('site.json', JSON.stringify(config));
  const out = join(dir, 'site-dist');
  const { code, out: said, err } = run(['build', path, '--out', out, '--runtime', join(root, 'dist')]);
  assert.equal(code, 0, err);
  assert.match(said, /compiled into .*site-dist \(revision site-9\)/);
  const first = readFileSync(join(out, 'kjeks.js'), 'utf8');
  const core = readFileSync(join(out, 'kjeks-core.js'), 'utf8');
  for (const script of [first, core]) assert.ok(/^[\x00-\x7f]*$/.test(script));
  const blob = run(['--blob', path]).out;
  assert.ok(blob.startsWith('KJEKS-FIRST-VISIT\u001f2\u001fsite-9\u001f'));
  assert.ok(first.includes(JSON.stringify(blob).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))));
  const form = run(['--form', path]).out;
  assert.ok(form.startsWith('KJEKS-CONFIG 1\n6:site-9'));
  const ascii = (text) => JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  assert.ok(core.includes(ascii('KJEKS-SITE-CONFIG\n' + form)), 'the config\'s compiled form, in a string literal');
  for (const name of ['kjeks-json.js', 'kjeks.css', 'beacon.js', 'kjeks.d.ts']) {
    assert.equal(readFileSync(join(out, name), 'utf8'), readFileSync(join(root, 'dist', name), 'utf8'));
  }
  // One kjeks-core.<lang>.js per language of the config, with that language's form.
  for (const lang of ['nb', 'nn', 'en', 'de']) {
    const own = run(['--form', '--lang', lang, path]).out;
    assert.ok(own.startsWith('KJEKS-CONFIG 1\n6:site-9'));
    assert.ok(readFileSync(join(out, `kjeks-core.${lang}.js`), 'utf8').includes(ascii('KJEKS-SITE-CONFIG\n' + own)), lang);
  }
  // Built again from a site's own files, with another config, which has
  // German no longer: its file goes.
  config.revision = 'site-10';
  delete config.texts.de;
  const again = run(['build', configFile('site2.json', JSON.stringify(config)), '--out', out, '--runtime', out]);
  assert.equal(again.code, 0, again.err);
  assert.ok(readFileSync(join(out, 'kjeks.js'), 'utf8').includes('site-10'));
  assert.ok(!readFileSync(join(out, 'kjeks.js'), 'utf8').includes('site-9'));
  assert.ok(readFileSync(join(out, 'kjeks-core.nn.js'), 'utf8').includes('7:site-10'));
  assert.ok(!existsSync(join(out, 'kjeks-core.de.js')), 'no file for a language the config no longer has');
});

test('--form --lang: one language\'s texts, and a clear error for a language the config lacks', () => {
  const all = run(['--default', '--form']).out;
  const nn = run(['--default', '--form', '--lang', 'nn']);
  assert.equal(nn.code, 0, nn.err);
  assert.ok(nn.out.length * 2 < all.length);
  assert.ok(nn.out.includes('Strengt nødvendige') && !nn.out.includes('Strictly necessary'));
  const missing = run(['--default', '--form', '--lang', 'de']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /--lang de: the config has no texts in that language/);
  assert.equal(run(['--default', '--blob', '--lang', 'nb']).code, 2, '--lang is for --form and declarations');
});

test('build: a broken config is caught before deploy, and nothing is written', () => {
  const out = join(dir, 'never');
  const broken = run(['build', configFile('broken-site.json', '{"revision": "x"'), '--out', out, '--runtime', join(root, 'dist')]);
  assert.equal(broken.code, 1);
  assert.match(broken.err, /invalid JSON/);
  const invalid = run(['build', configFile('invalid-site.json', '{"revision": "bad revision!"}'), '--out', out,
    '--runtime', join(root, 'dist')]);
  assert.equal(invalid.code, 1);
  assert.match(invalid.err, /revision: expected 1-64 characters/);
  const noRuntime = run(['build', '--default', '--out', out, '--runtime', dir]);
  assert.equal(noRuntime.code, 1);
  assert.match(noRuntime.err, /no kjeks\.js and kjeks-core\.js to build from/);
  assert.equal(run(['build', '--default']).code, 2, '--out is required');
  assert.throws(() => readFileSync(join(out, 'kjeks.js')));
  // --form prints nothing for a broken config either.
  const form = run(['--form', configFile('invalid-form.json', '{"revision": "bad revision!"}')]);
  assert.equal(form.code, 1);
  assert.equal(form.out, '');
  assert.match(form.err, /revision: expected 1-64 characters/);
  assert.equal(run(['--form', '--blob', '--default']).code, 2, 'one form at a time');
});

test('--blob: kjeks.js finds the config\'s storage key in the compiled form, whatever its revision and texts', () => {
  const config = JSON.parse(readFileSync(join(root, 'web', 'demo', 'kjeks-config.json'), 'utf8'));
  for (const [revision, storageKey] of [['r-1', 'site.choice'], ['2026-12', 'a_b-c.9']]) {
    Object.assign(config, { revision, storageKey });
    const { code, out, err } = run(['--blob', configFile(`key-${revision}.json`, JSON.stringify(config))]);
    assert.equal(code, 0, err);
    assert.equal(compiledStorageKey(out), storageKey);
  }
  assert.equal(compiledStorageKey(run(['--default', '--blob']).out), 'kjeks.consent');
  assert.equal(compiledStorageKey('not a compiled config'), '');
});
