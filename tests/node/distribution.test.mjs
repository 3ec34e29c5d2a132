// Distribution: the npm package publishes dist/ (so installing it
// gives the files to serve, with the TypeScript declarations), and
// cmake --install installs kjeks-check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const DIST = ['dist/beacon.js', 'dist/kjeks-core.js', 'dist/kjeks-core.nb.js', 'dist/kjeks-core.nn.js',
  'dist/kjeks-core.en.js', 'dist/kjeks-json.js', 'dist/kjeks.css', 'dist/kjeks.d.ts', 'dist/kjeks.js'];
const checker = process.env.KJEKS_CHECK || join(root, 'build', 'native', 'kjeks-check');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd: root, ...options });
  return { code: result.status, out: result.stdout || '', err: result.stderr || '' };
}

test('package.json is publishable: dist/ only, built before packing, entry points in dist/', () => {
  assert.equal(pkg.private, undefined);
  assert.deepEqual(pkg.files, ['dist/']);
  assert.equal(pkg.scripts.prepack, 'scripts/build');
  assert.equal(pkg.main, './dist/kjeks.js');
  assert.equal(pkg.types, './dist/kjeks.d.ts');
  assert.deepEqual(pkg.exports['.'], { types: './dist/kjeks.d.ts', default: './dist/kjeks.js' });
  assert.equal(pkg.exports['./dist/*'], './dist/*');
  for (const file of DIST) assert.ok(existsSync(join(root, file)), `${file} is built`);
  assert.equal(pkg.dependencies, undefined, 'nothing is installed along with the package');
});

test('npm pack contains dist/ and nothing else big', () => {
  const { code, out, err } = run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts']);
  assert.equal(code, 0, err);
  const [info] = JSON.parse(out);
  const paths = info.files.map((f) => f.path).sort();
  for (const file of DIST) assert.ok(paths.includes(file), `the package has ${file}`);
  const others = paths.filter((p) => !p.startsWith('dist/'));
  assert.deepEqual(others.filter((p) => !/^(package\.json|README\.md|LICENSE(\.\w+)?)$/.test(p)), [],
    'outside dist/: only package.json, README and LICENSE');
  assert.deepEqual(paths.filter((p) => p.startsWith('dist/')), readdirSync(join(root, 'dist')).map((f) => `dist/${f}`).sort());
  for (const file of info.files) assert.ok(file.size < 300 * 1024, `${file.path} is ${file.size} bytes`);
  assert.ok(info.unpackedSize < 600 * 1024, `unpacked ${info.unpackedSize} bytes`);
});

test('npm install of the packed package gives the files to serve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kjeks-pack-'));
  const packed = run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir, '--json']);
  assert.equal(packed.code, 0, packed.err);
  const tarball = join(dir, JSON.parse(packed.out)[0].filename);
  const site = join(dir, 'site');
  run('mkdir', ['-p', site]);
  writeFileSync(join(site, 'package.json'), JSON.stringify({ name: 'a-site', version: '1.0.0', private: true }));
  const installed = run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: site });
  assert.equal(installed.code, 0, installed.err);
  for (const file of DIST) {
    assert.deepEqual(readFileSync(join(site, 'node_modules', 'kjeks', file)), readFileSync(join(root, file)), file);
  }
  // Nothing else came along (no devDependencies).
  assert.deepEqual(readdirSync(join(site, 'node_modules')).filter((d) => !d.startsWith('.')), ['kjeks']);
});

test('cmake --install installs kjeks-check, which runs from its new place', () => {
  const build = dirname(checker);
  assert.ok(existsSync(join(build, 'CMakeCache.txt')), `${build} is a CMake build directory`);
  const prefix = mkdtempSync(join(tmpdir(), 'kjeks-install-'));
  const install = run('cmake', ['--install', build, '--prefix', prefix]);
  assert.equal(install.code, 0, install.err + install.out);
  const installed = join(prefix, 'bin', 'kjeks-check');
  assert.ok(existsSync(installed), 'bin/kjeks-check');
  const self = run(installed, ['--default'], { cwd: prefix });
  assert.equal(self.code, 0, self.err);
  assert.match(self.out, /^\(default config\): ok, revision /);
  const demo = run(installed, [join(root, 'web', 'demo', 'kjeks-config.json')], { cwd: prefix });
  assert.equal(demo.code, 0, demo.err);
  const declaration = run(installed, ['--declaration', 'md', '--lang', 'en', '--default'], { cwd: prefix });
  assert.match(declaration.out, /kjeks\.consent/);
});
