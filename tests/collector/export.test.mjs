// kjeks-collector export: JSON Lines and CSV, limited by --from and --to (UTC days, inclusive).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, startCollector, exportProofs, proof, post, day, DAY } from './collector.mjs';

test('export writes the proofs of the chosen days as jsonl and csv', async (t) => {
  const database = freshDatabase(t);
  const server = await startCollector(t, database);
  const now = Date.now();
  const at = (daysAgo) => proof({ givenAt: now - daysAgo * DAY, updatedAt: now - daysAgo * DAY });
  const early = at(100);
  const middle = at(90);
  const late = at(80);
  for (const body of [late, early, middle]) assert.equal((await post(server, '/api/consent', body)).status, 204);
  const ours = (text) => text.split('\n').filter((line) => [early, middle, late].some((p) => line.includes(p.consentId)));

  const window = [day(now - 95 * DAY), day(now - 85 * DAY)];
  assert.deepEqual(ours(exportProofs(database, 'jsonl', ...window)).map((line) => JSON.parse(line)), [middle]);
  assert.deepEqual(ours(exportProofs(database, 'jsonl', day(now - 100 * DAY), day(now - 90 * DAY))).map((line) => JSON.parse(line)),
    [early, middle], 'both ends are inclusive');
  assert.deepEqual(ours(exportProofs(database, 'jsonl')).map((line) => JSON.parse(line)), [early, middle, late]);

  const csv = exportProofs(database, 'csv', ...window);
  assert.equal(csv.split('\r\n')[0],
    'consentId,givenAt,updatedAt,revision,language,method,gpc,granted,declined,grantedServices,declinedServices');
  const iso = new Date(middle.updatedAt).toISOString();
  assert.deepEqual(ours(csv), [`${middle.consentId},${iso},${iso},2026-12,en,custom,false,analytics necessary,external,,\r`]);
});
