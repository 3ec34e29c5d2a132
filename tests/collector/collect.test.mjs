// POST /api/collect: pageviews as web/beacon.js sends them, the rate limit,
// and the retention sweep at start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { freshDatabase, startCollector, counts, exportProofs, pageview, post, postgres, randomId, DAY } from './collector.mjs';

test('a pageview is stored; malformed ones get 400 and store nothing', async (t) => {
  const database = freshDatabase(t);
  const server = await startCollector(t, database);
  const before = counts(database).pageviews;
  assert.equal((await post(server, '/api/collect', pageview({ path: '/en/cookies/', referrer: 'https://www.example.com', screen: 'xl' }))).status, 204);
  assert.equal(counts(database).pageviews, before + 1);
  const bad = [
    pageview({ type: 'click' }), pageview({ path: 'relative' }), pageview({ path: '/' + 'a'.repeat(512) }),
    pageview({ path: '/a\nb' }), pageview({ referrer: 'https://www.example.com/page?q=1' }),
    pageview({ referrer: 'javascript:alert(1)' }), pageview({ screen: 'xxl' }), pageview({ id: 'abc' }),
    pageview({ id: "'; DELETE FROM pageviews; --" }), { ...pageview(), ip: '203.0.113.7' }, { type: 'pageview' },
  ];
  for (const body of bad) {
    const response = await post(server, '/api/collect', body);
    assert.equal(response.status, 400, JSON.stringify(body));
  }
  assert.equal((await post(server, '/api/collect', '{"type":"pageview"')).status, 400);
  assert.equal((await post(server, '/api/collect', JSON.stringify(pageview()), 'text/plain')).status, 400);
  assert.equal(counts(database).pageviews, before + 1);
});

test('a client over its rate gets 429', async (t) => {
  const database = freshDatabase(t);
  // One pageview a second, bursts of ten.
  const server = await startCollector(t, database, ['--collect-rate', '1']);
  const before = counts(database).pageviews;
  const statuses = [];
  for (let i = 0; i < 20; i++) statuses.push((await post(server, '/api/collect', pageview())).status);
  assert.ok(statuses.slice(0, 10).every((status) => status === 204), statuses.join(' '));
  assert.ok(statuses.includes(429), statuses.join(' '));
  const stored = counts(database).pageviews - before;
  assert.ok(stored >= 10 && stored <= 12, `stored ${stored}`);
});

test('the retention sweep at start deletes old pageviews and proofs past their period', { skip: postgres ? 'writes SQLite directly' : false }, async (t) => {
  const database = freshDatabase(t);
  const first = await startCollector(t, database);
  assert.equal((await post(first, '/api/collect', pageview())).status, 204);
  await first.stop();
  const now = Date.now();
  const dayOf = (ms) => new Date(ms).toISOString().slice(0, 10);
  const oldProof = randomId();
  const keptProof = randomId();
  // The test config keeps analytics ids 13 months (395 days); proofs 5 years by default.
  const sql = [
    `INSERT INTO pageviews VALUES ('${dayOf(now - 400 * DAY)}', '/old', '', 'm', '${randomId()}');`,
    `INSERT INTO pageviews VALUES ('${dayOf(now - 390 * DAY)}', '/recent', '', 'm', '${randomId()}');`,
    `INSERT INTO proofs VALUES ('${oldProof}', ${now - 1830 * DAY}, '${dayOf(now - 1830 * DAY)}', 'custom', 0, '{"consentId":"${oldProof}"}');`,
    `INSERT INTO proofs VALUES ('${keptProof}', ${now - 1800 * DAY}, '${dayOf(now - 1800 * DAY)}', 'custom', 0, '{"consentId":"${keptProof}"}');`,
  ].join('\n');
  execFileSync('sqlite3', [database], { input: sql });
  assert.deepEqual(counts(database), { proofs: 2, pageviews: 3 });
  const second = await startCollector(t, database);
  assert.deepEqual(counts(database), { proofs: 1, pageviews: 2 });
  assert.match(second.stderr, /retention sweep deleted 1 pageviews and 1 proofs/);
  assert.match(exportProofs(database, 'jsonl'), new RegExp(keptProof));
});
