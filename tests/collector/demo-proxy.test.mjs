// The demo site with kjeks-collector behind it (as scripts/demo runs them):
// the site's /api/* reaches the collector on the same origin, which stores
// proofs and pageviews and answers a visitor's consent id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDemoServer } from '../../scripts/serve.mjs';
import { freshDatabase, startCollector, counts, proof, pageview } from './collector.mjs';

async function demoWithCollector(t) {
  const database = freshDatabase(t);
  const collector = await startCollector(t, database);
  const before = counts(database);
  const { server } = createDemoServer({ quiet: true, apiUpstream: collector.url });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  t.after(() => new Promise((done) => server.close(done)));
  return { origin: `http://127.0.0.1:${server.address().port}`, database, before };
}

const post = (url, body) => fetch(url, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
});

test('the demo sends proofs and pageviews to the collector, and the history comes back', async (t) => {
  const { origin, database, before } = await demoWithCollector(t);
  const given = proof();
  assert.equal((await post(`${origin}/api/consent`, given)).status, 204);
  assert.equal((await post(`${origin}/api/collect`, pageview())).status, 204);
  const after = counts(database);
  assert.equal(after.proofs, before.proofs + 1);
  assert.equal(after.pageviews, before.pageviews + 1);
  const history = await fetch(`${origin}/api/consent/${given.consentId}`);
  assert.equal(history.status, 200);
  const records = await history.json();
  assert.equal(records.length, 1);
  assert.equal(records[0].consentId, given.consentId);
});

test('a hostile body through the demo gets the collector\'s 400 and stores nothing', async (t) => {
  const { origin, database, before } = await demoWithCollector(t);
  const answer = await post(`${origin}/api/consent`, proof({ revision: "x'; DROP TABLE proofs; --" }));
  assert.equal(answer.status, 400);
  assert.ok((await answer.text()).length > 0, 'a one-line reason');
  assert.deepEqual(counts(database), before);
});
