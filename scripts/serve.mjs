#!/usr/bin/env node
// Serves the demo site on loopback: the Kjeks files from dist/ under /kjeks/
// and the demo pages from web/demo/. The site's API (/api/*, /stats) goes to
// kjeks-collector when apiUpstream names one (scripts/demo starts it), as a
// reverse proxy on the same origin would send it; without one (the browser
// tests) small in-memory collectors stand in: pageviews (POST /api/collect)
// and consent proofs (POST /api/consent, also appended to a JSON Lines file).
import { createServer, request } from 'node:http';
import { readFile, appendFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ts': 'text/plain; charset=utf-8',
};

export const defaultSiteDir = existsSync(join(root, 'build', 'site')) ? join(root, 'build', 'site') : join(root, 'web', 'demo');

export function createDemoServer({ distDir = join(root, 'dist'), siteDir = defaultSiteDir,
  consentLog = join(root, 'build', 'consent-log.jsonl'), gzip = true, quiet = false, apiUpstream = '' } = {}) {
  const pageviews = [];
  const proofs = [];

  async function readBody(req) {
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
      size += chunk.length;
      if (size > 64 * 1024) throw new Error('body too large');
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  async function collect(req, res, kind) {
    let entry;
    try {
      entry = JSON.parse(await readBody(req));
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (kind === 'pageview') {
      pageviews.push(entry);
      if (!quiet) console.log(`pageview ${JSON.stringify(entry)}`);
    } else {
      proofs.push(entry);
      await mkdir(dirname(consentLog), { recursive: true });
      await appendFile(consentLog, JSON.stringify({ receivedAt: new Date().toISOString(), ...entry }) + '\n');
      if (!quiet) console.log(`consent ${JSON.stringify(entry)}`);
    }
    res.writeHead(204).end();
  }

  async function serveFile(req, res, base, relative) {
    const path = normalize(join(base, relative));
    if (!path.startsWith(base)) return res.writeHead(403).end();
    let file = path;
    let body;
    try {
      body = await readFile(file);
    } catch {
      try {
        file = join(path, 'index.html');
        body = await readFile(file);
      } catch {
        return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    }
    const headers = { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' };
    if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] || '') && extname(file) !== '.png') {
      body = gzipSync(body, { level: 9 });
      headers['content-encoding'] = 'gzip';
    }
    res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
  }

  // What a reverse proxy on the site's origin does: the request as it came,
  // with the client's address in X-Real-IP (the collector's rate limit).
  function proxy(req, res) {
    const upstream = new URL(req.url, apiUpstream);
    const forward = request(upstream, {
      method: req.method,
      headers: { ...req.headers, host: upstream.host, 'x-real-ip': req.socket.remoteAddress || '' },
    }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => { if (!res.headersSent) res.writeHead(502).end(); });
    req.pipe(forward);
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (apiUpstream && (url.pathname.startsWith('/api/') || url.pathname === '/stats')) return proxy(req, res);
    if (req.method === 'POST' && url.pathname === '/api/collect') return collect(req, res, 'pageview');
    if (req.method === 'POST' && url.pathname === '/api/consent') return collect(req, res, 'proof');
    if (req.method !== 'GET' && req.method !== 'HEAD') return res.writeHead(405).end();
    let pathname = decodeURIComponent(url.pathname);
    if (pathname === '/favicon.ico') pathname = '/favicon.svg';  // browsers ask for it on every page
    if (pathname.startsWith('/kjeks/')) return serveFile(req, res, distDir, pathname.slice('/kjeks/'.length));
    return serveFile(req, res, siteDir, pathname);
  });
  return { server, pageviews, proofs };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT || 8080);
  const { server } = createDemoServer({ apiUpstream: process.env.KJEKS_API_UPSTREAM || '' });
  server.listen(port, '127.0.0.1', () => {
    console.log(`Kjeks demo: http://127.0.0.1:${port}/ (Norwegian) and http://127.0.0.1:${port}/en/ (English)`);
  });
}
