// A tiny static file server for the built site (dist/), used by the
// end-to-end tests. It listens on 127.0.0.1 on a random free port and serves
// the same dist/ twice: at `/` and under `/sub/path/`, so a test can prove
// that the page only uses relative URLs (Trunk's `public_url = "./"`).

import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The built site: dist/, or $E2E_DIST (e.g. a copy of dist/ made
 * so that a rebuild during the run cannot change the files under the tests).
 */
export const DIST = path.resolve(process.env.E2E_DIST || path.join(import.meta.dirname, '../../dist'));

/** The second mount point of dist/ (with its trailing slash). */
export const SUB_PATH = '/sub/path/';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Maps a URL path to a file in `root`, or null when it is outside dist/.
 * `/` and `/sub/path/` (and `/sub/path` without the slash) give index.html.
 */
function resolveFile(root, urlPath) {
  let rel = urlPath;
  if (rel === SUB_PATH.slice(0, -1)) rel = '/';
  else if (rel.startsWith(SUB_PATH)) rel = '/' + rel.slice(SUB_PATH.length);
  if (rel.endsWith('/')) rel += 'index.html';
  const file = path.resolve(root, '.' + rel);
  if (file !== root && !file.startsWith(root + path.sep)) return null; // no ../ escapes
  return file;
}

/**
 * Starts the server. Returns `{ origin, url(p), close() }` where `url('?x')`
 * is an address under the root mount and `url('?x', SUB_PATH)` under the sub
 * path mount. `requests` lists every path served (for debugging).
 */
export async function startServer({ root = DIST } = {}) {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    requests.push(urlPath);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    // `/sub/path` without its slash: redirect so relative URLs resolve.
    if (urlPath === SUB_PATH.slice(0, -1)) {
      res.writeHead(301, { Location: SUB_PATH + (req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '') }).end();
      return;
    }
    const file = resolveFile(root, urlPath);
    try {
      if (!file || !(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': body.length,
        // Always revalidate: dist/ may be rebuilt between runs.
        'Cache-Control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve); // port 0: a random free port
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    requests,
    /** An absolute URL: `url('?preset=x')`, `url('?x', SUB_PATH)`. */
    url: (suffix = '', mount = '/') => `${origin}${mount}${suffix}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
