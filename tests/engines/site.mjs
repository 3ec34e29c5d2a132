// The demo server (scripts/serve.mjs) on 127.0.0.1 and a free port, with
// every request it receives recorded from the first one, and a few extra
// pages of the tests' own (see test-pages.mjs). Recording on the server
// works the same in every engine, unlike each protocol's request events.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoServer } from '../../scripts/serve.mjs';
import { waitUntil } from './wait.mjs';

// extraPages: { '/path': { body, type?, headers? } }, served for GET.
export async function startSite(extraPages = {}) {
  const logDir = await mkdtemp(join(tmpdir(), 'kjeks-engines-'));
  const { server, pageviews, proofs } = createDemoServer({ quiet: true, consentLog: join(logDir, 'consent-log.jsonl') });
  const serveDemo = server.listeners('request');
  server.removeAllListeners('request');

  const requests = [];
  let inFlight = 0;
  let lastActivity = Date.now();
  server.on('request', (req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    requests.push({ method: req.method, path });
    inFlight++;
    lastActivity = Date.now();
    res.once('close', () => { inFlight--; lastActivity = Date.now(); });
    const page = extraPages[path];
    if (page && req.method === 'GET') {
      res.writeHead(200, { 'content-type': page.type || 'text/html; charset=utf-8', 'cache-control': 'no-store', ...page.headers });
      res.end(page.body);
      return;
    }
    for (const listener of serveDemo) listener.call(server, req, res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

  const count = (path, method) => requests.filter((r) => r.path === path && (!method || r.method === method)).length;
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    requests,
    pageviews,
    proofs,
    count,
    waitForRequests: (path, atLeast = 1, method) =>
      waitUntil(() => count(path, method) >= atLeast, `${atLeast} ${method ? method + ' ' : ''}request(s) of ${path}`),
    waitForPageviews: (atLeast) => waitUntil(() => pageviews.length >= atLeast && pageviews, `${atLeast} pageview(s) received`),
    // No request open and none for quietMs: what the page asked for so far has arrived.
    idle: (quietMs = 500) => waitUntil(() => inFlight === 0 && Date.now() - lastActivity >= quietMs, 'the server idle'),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(logDir, { recursive: true, force: true });
    },
  };
}
