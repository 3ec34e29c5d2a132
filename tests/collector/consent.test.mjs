// POST /api/consent and GET /api/consent/<id>: hostile bodies store nothing,
// retries store one row, a 204 survives kill -9, the history comes in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, startCollector, counts, exportProofs, proof, post, randomId, DAY } from './collector.mjs';

const good = JSON.stringify(proof());
const withKey = (text, key, raw) => text.replace(new RegExp(`"${key}":("[^"]*"|[^,}]*|\\{[^}]*\\})`), `"${key}":${raw}`);

// Each of these must get 400 (413 where the size is the reason) and store nothing.
const hostile = [
  ['truncated JSON', good.slice(0, -10)],
  ['empty body', ''],
  ['not JSON', 'consent=yes'],
  ['an array', `[${good}]`],
  ['schema as a string', withKey(good, 'schema', '"1"')],
  ['another schema', withKey(good, 'schema', '2')],
  ['uppercase consent id', withKey(good, 'consentId', `"${randomId().toUpperCase()}"`)],
  ['short consent id', withKey(good, 'consentId', '"abc123"')],
  ['SQL in the consent id', withKey(good, 'consentId', `"x'); DROP TABLE proofs; --"`)],
  ['givenAt as a string', withKey(good, 'givenAt', `"${Date.now()}"`)],
  ['givenAt as a fraction', withKey(good, 'givenAt', '1.5')],
  ['negative times', withKey(withKey(good, 'givenAt', '-5'), 'updatedAt', '-1')],
  ['givenAt after updatedAt', withKey(good, 'givenAt', String(Date.now() + 60_000))],
  ['updatedAt two days ahead', JSON.stringify(proof({ updatedAt: Date.now() + 2 * DAY }))],
  ['a number too large for any integer', withKey(good, 'updatedAt', '1e400')],
  ['an unknown revision', withKey(good, 'revision', '"2025-01"')],
  ['SQL in the revision', withKey(good, 'revision', `"2026-12' OR '1'='1"`)],
  ['an unknown language', withKey(good, 'language', '"de"')],
  ['invalid UTF-8', Buffer.concat([Buffer.from(good.replace('"en"', '"e')), Buffer.from([0xff, 0xfe]), Buffer.from('"')])],
  ['a category missing', JSON.stringify(proof({ choices: { analytics: true, necessary: true } }))],
  ['an unknown category', JSON.stringify(proof({ choices: { analytics: true, external: false, marketing: true, necessary: true } }))],
  ['necessary off', JSON.stringify(proof({ choices: { analytics: true, external: false, necessary: false } }))],
  ['a choice that is not a boolean', JSON.stringify(proof({ choices: { analytics: 'yes', external: false, necessary: true } }))],
  ['an unknown method', JSON.stringify(proof({ method: 'scrolled' }))],
  ['gpc as a string', JSON.stringify(proof({ gpc: 'false' }))],
  ['an extra key', JSON.stringify({ ...proof(), ip: '203.0.113.7' })],
  ['a duplicate key', good.replace('{', `{"consentId":"${randomId()}",`)],
  ['nested too deep', withKey(good, 'gpc', '['.repeat(100) + ']'.repeat(100))],
  ['over 8 KiB', JSON.stringify({ ...proof(), padding: 'x'.repeat(9000) })],
  ['not sent as JSON', ['text/plain', good]],
];

test(`${hostile.length} malformed or hostile proofs each get 400 and store nothing`, async (t) => {
  assert.ok(hostile.length >= 25);
  const database = freshDatabase(t);
  const server = await startCollector(t, database);
  for (const [name, body] of hostile) {
    const before = [counts(database), exportProofs(database, 'jsonl')];
    const [type, text] = Array.isArray(body) ? body : ['application/json', body];
    const response = await post(server, '/api/consent', text, type);
    if (name === 'over 8 KiB') assert.ok([400, 413].includes(response.status), `${name}: ${response.status}`);
    else assert.equal(response.status, 400, `${name}: ${response.status} ${response.text}`);
    assert.ok(response.text.length > 0 && !response.text.trim().includes('\n'), `${name}: a one-line reason`);
    assert.deepEqual([counts(database), exportProofs(database, 'jsonl')], before, `${name}: stored nothing`);
  }
  // And the server still takes a good one.
  assert.equal((await post(server, '/api/consent', good)).status, 204);
});

test('the same proof twice is one row, and 204 both times', async (t) => {
  const database = freshDatabase(t);
  const server = await startCollector(t, database);
  const before = counts(database).proofs;
  const body = proof();
  assert.equal((await post(server, '/api/consent', body)).status, 204);
  assert.equal((await post(server, '/api/consent', body)).status, 204);
  assert.equal(counts(database).proofs, before + 1);
  const history = await (await fetch(`${server.url}/api/consent/${body.consentId}`)).json();
  assert.deepEqual(history, [body]);
});

test('kill -9 right after a 204 loses nothing', async (t) => {
  const database = freshDatabase(t);
  const first = await startCollector(t, database);
  const body = proof();
  assert.equal((await post(first, '/api/consent', body)).status, 204);
  await first.stop('SIGKILL');
  const second = await startCollector(t, database);
  const response = await fetch(`${second.url}/api/consent/${body.consentId}`);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), [body]);
});

test('the history of a consent id: every decision in updatedAt order; 404 and 400', async (t) => {
  const database = freshDatabase(t);
  const server = await startCollector(t, database);
  const now = Date.now();
  const consentId = randomId();
  const first = proof({ consentId, givenAt: now - 5000, updatedAt: now - 5000, method: 'accept_all' });
  const second = proof({ consentId, givenAt: now - 5000, updatedAt: now - 1000, method: 'decline_all',
    choices: { analytics: false, external: false, necessary: true } });
  assert.equal((await post(server, '/api/consent', second)).status, 204);
  assert.equal((await post(server, '/api/consent', first)).status, 204);
  const response = await fetch(`${server.url}/api/consent/${consentId}`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^application\/json/);
  assert.deepEqual(await response.json(), [first, second]);
  assert.equal((await fetch(`${server.url}/api/consent/${randomId()}`)).status, 404);
  assert.equal((await fetch(`${server.url}/api/consent/${consentId.toUpperCase()}`)).status, 400);
  assert.equal((await fetch(`${server.url}/api/consent/x'%20OR%201=1`)).status, 400);
});
