// Starting kjeks-collector for a test, and reading its database through the
// binary's own `count` and `export` commands (the same storage code, so the
// tests run unchanged against SQLite and, with KJEKS_COLLECTOR_DATABASE set
// to a postgresql:// URL, against PostgreSQL).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const top = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const binary = process.env.KJEKS_COLLECTOR || join(top, 'build', 'collector', 'tools', 'collector', 'kjeks-collector');
export const postgres = process.env.KJEKS_COLLECTOR_DATABASE || '';
export const DAY = 86_400_000;
// The site config the tests run with (revision 2026-12; analytics ids kept 13 months).
export const config = join(top, 'tests', 'collector', 'fixtures', 'kjeks-config.json');

/** A database for one test: a fresh SQLite file, or the shared PostgreSQL one. */
export function freshDatabase(t) {
  if (postgres) return postgres;
  const dir = mkdtempSync(join(tmpdir(), 'kjeks-collector-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'kjeks.sqlite');
}

/** Starts the collector on a free loopback port; stopped when the test ends. */
export async function startCollector(t, database, args = []) {
  const child = spawn(binary, ['--listen', '127.0.0.1:0', '--database', database, '--config', config, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const url = await new Promise((resolveUrl, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) resolveUrl(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`kjeks-collector exited (${code}): ${stderr}`)));
  });
  const exited = new Promise((done) => child.on('exit', done));
  const server = {
    url,
    child,
    get stderr() { return stderr; },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  t.after(() => server.stop());
  return server;
}

export function counts(database) {
  return JSON.parse(execFileSync(binary, ['count', '--database', database], { encoding: 'utf8' }));
}

export function exportProofs(database, format, from, to) {
  const args = ['export', '--database', database, '--format', format];
  if (from) args.push('--from', from);
  if (to) args.push('--to', to);
  return execFileSync(binary, args, { encoding: 'utf8' });
}

export const randomId = () => randomBytes(16).toString('hex');
export const day = (ms) => new Date(ms).toISOString().slice(0, 10);

/** A proof as the runtime sends it for the test config, with changes. */
export function proof(changes = {}) {
  const now = Date.now();
  return {
    schema: 1, consentId: randomId(), givenAt: now - 1000, updatedAt: now, revision: '2026-12', language: 'en',
    choices: { analytics: true, external: false, necessary: true }, method: 'custom', gpc: false, ...changes,
  };
}

export function pageview(changes = {}) {
  return { type: 'pageview', path: '/', referrer: '', screen: 'm', id: randomId(), ...changes };
}

export async function post(server, path, body, type = 'application/json') {
  const response = await fetch(server.url + path, {
    method: 'POST', headers: { 'content-type': type },
    body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}
