// The benchmark's site: the page of bench/page.html three times (with Kjeks,
// with vanilla-cookieconsent 3.1, alone) and both runtimes' files, served by
// one in-process server with gzip level 9, compressed once at start so that
// compression time is never measured.
import { createServer } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';
import { join, extname } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
};

// What each runtime loads on a first visit (the beacon only after consent),
// the directory its own files are served from, and its banner.
export const RUNTIMES = {
  baseline: { page: '/baseline/', dir: null, files: [], banner: null },
  // The page is in English: the core with English texts only.
  kjeks: { page: '/kjeks/', dir: '/runtime/kjeks/', files: ['kjeks/kjeks.js', 'kjeks/kjeks-core.en.js'],
    banner: '.kjeks-banner', accept: '.kjeks-banner [data-kjeks-action="accept_all"]' },
  peer: { page: '/peer/', dir: '/runtime/peer/', files: ['peer/cookieconsent.umd.js', 'peer/cookieconsent.css'],
    banner: '#cc-main .cm', accept: '#cc-main .cm [data-role="all"]' },
};

// kjeksConfig 'compiled': the README's one tag, the config compiled into the
// runtime files (kjeks-check build); 'inline': the config as JSON in the page.
function pages(root, kjeksConfigMode) {
  const template = readFileSync(join(root, 'bench', 'page.html'), 'utf8');
  const kjeksConfig = kjeksConfigMode === 'inline'
    ? '<script type="application/json" id="kjeks-config">' +
      readFileSync(join(root, 'bench', 'kjeks-config.json'), 'utf8').trim() + '</script>\n'
    : '';
  const peerConfig = readFileSync(join(root, 'bench', 'peer-config.js'), 'utf8');
  return {
    // The same page without any consent runtime: what the page itself costs.
    '/baseline/': template.replace('<!--RUNTIME-->', '').replace('<!--RUNTIME-BODY-->', ''),
    '/kjeks/': template
      .replace('<!--RUNTIME-->', kjeksConfig + '<script src="/runtime/kjeks/kjeks.js" async></script>')
      .replace('<!--RUNTIME-BODY-->', ''),
    '/peer/': template
      .replace('<!--RUNTIME-->', '<link rel="stylesheet" href="/runtime/peer/cookieconsent.css">\n' +
        '<script src="/runtime/peer/cookieconsent.umd.js" defer></script>\n' +
        '<script type="module">\n' + peerConfig + '</script>')
      .replace('<!--RUNTIME-BODY-->', '<script type="text/plain" data-category="analytics" ' +
        'src="/runtime/kjeks/beacon.js" data-endpoint="/api/collect"></script>'),
  };
}

// URL path -> { raw, gzip, type, page }
export function loadFiles(root, distDir, kjeksConfigMode) {
  const files = new Map();
  const add = (urlPath, raw, type, page = false) =>
    files.set(urlPath, { raw, gzip: gzipSync(raw, { level: 9 }), type, page });
  for (const name of readdirSync(distDir)) {
    add('/runtime/kjeks/' + name, readFileSync(join(distDir, name)), TYPES[extname(name)] || 'application/octet-stream');
  }
  const peerDir = join(root, 'node_modules', 'vanilla-cookieconsent', 'dist');
  for (const name of ['cookieconsent.umd.js', 'cookieconsent.css']) {
    add('/runtime/peer/' + name, readFileSync(join(peerDir, name)), TYPES[extname(name)]);
  }
  for (const [path, html] of Object.entries(pages(root, kjeksConfigMode))) add(path, Buffer.from(html), TYPES['.html'], true);
  return files;
}

export function fileSizes(files, runtime) {
  const out = { raw: 0, gzip: 0, brotli: 0, files: {} };
  const names = RUNTIMES[runtime].files;
  for (const name of names) {
    const { raw, gzip } = files.get('/runtime/' + name);
    const brotli = brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length;
    out.files[name] = { raw: raw.length, gzip: gzip.length, brotli };
    out.raw += raw.length;
    out.gzip += gzip.length;
    out.brotli += brotli;
  }
  return out;
}

export function createSiteServer(files) {
  return createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname === '/api/collect') {
      req.resume();
      req.on('end', () => res.writeHead(204).end());
      return;
    }
    const file = files.get(url.pathname);
    if (!file) return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    const headers = {
      'content-type': file.type,
      // Pages are never cached; runtime files are, as a site would serve them,
      // so that the returning visitor gets them from the HTTP cache.
      'cache-control': file.page ? 'no-store' : 'public, max-age=3600',
    };
    let body = file.raw;
    if (/\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      body = file.gzip;
      headers['content-encoding'] = 'gzip';
    }
    res.writeHead(200, headers).end(body);
  });
}
