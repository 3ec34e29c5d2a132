// GET /stats: off without --stats-token, 403 with a wrong token, and a page
// without script, under a CSP that allows only its one <style> (by hash),
// that escapes what visitors sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { freshDatabase, startCollector, pageview, proof, post } from './collector.mjs';

test('without --stats-token there is no stats page', async (t) => {
  const server = await startCollector(t, freshDatabase(t));
  assert.equal((await fetch(`${server.url}/stats`)).status, 404);
  assert.equal((await fetch(`${server.url}/stats?token=anything`)).status, 404);
});

test('with --stats-token: 403 without the right token, else the page', async (t) => {
  const token = 'correct horse battery staple';
  const server = await startCollector(t, freshDatabase(t), ['--stats-token', token]);
  assert.equal((await post(server, '/api/collect', pageview({ path: '/a<b>&"' }))).status, 204);
  assert.equal((await post(server, '/api/consent', proof({ method: 'accept_all' }))).status, 204);
  assert.equal((await fetch(`${server.url}/stats`)).status, 403);
  assert.equal((await fetch(`${server.url}/stats?token=correct`)).status, 403);
  assert.equal((await fetch(`${server.url}/stats?token=${encodeURIComponent(token)}x`)).status, 403);

  const response = await fetch(`${server.url}/stats?token=${encodeURIComponent(token)}`);
  assert.equal(response.status, 200);
  const csp = response.headers.get('content-security-policy');
  assert.match(csp, /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*';/);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  const html = await response.text();
  assert.doesNotMatch(html, /<script|https?:\/\//i, 'no script, nothing from elsewhere');
  assert.doesNotMatch(html, /\sstyle=/, 'no style attribute, which the hash would not allow');
  const styles = [...html.matchAll(/<style>([^<]*)<\/style>/g)].map((m) => m[1]);
  assert.equal(styles.length, 1);
  assert.ok(csp.includes(`'sha256-${createHash('sha256').update(styles[0]).digest('base64')}'`), 'the hash is the style\'s');
  assert.match(html, /<svg[^>]*aria-label="Pageviews per day"/);
  assert.match(html, /<svg[^>]*aria-label="Decisions per day by method"/);
  assert.match(html, /accept_all: \d+<\/title>/);
  assert.match(html, /<td>\/a&lt;b&gt;&amp;&quot;<\/td>/);
  assert.doesNotMatch(html, /<b>/);
  assert.match(html, /\d+% of \d+ visitors who decided/);
});
