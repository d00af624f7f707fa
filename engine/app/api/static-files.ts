import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The renderer's CSP: only our own scripts, styles and connections (the engine API and its
 * WebSocket are same-origin), no plugins, no framing, no inline script.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every response of the API server carries. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': RENDERER_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/**
 * Maps a URL path to a file inside `root`, or null when it would leave `root` (`..`, encoded
 * slashes, NUL bytes). Pure, so the traversal rules are unit-tested directly.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  // Any `..` segment is refused outright rather than normalized away: no legitimate asset needs one.
  if (decoded.split('/').includes('..')) return null;
  const rel = path.posix.normalize(decoded).replace(/^\/+/, '');
  const abs = path.resolve(root, rel || 'index.html');
  const rootAbs = path.resolve(root);
  if (abs !== rootAbs && !abs.startsWith(rootAbs + path.sep)) return null;
  return abs;
}

/** Serves one GET from the built renderer; unknown extension-less paths get index.html (SPA routes). */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse, head: boolean): Promise<void> {
  const file = resolveStaticPath(root, urlPath);
  if (!file) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad path\n');
    return;
  }
  let target = file;
  let info = await stat(target).catch(() => null);
  if (info?.isDirectory()) {
    target = path.join(target, 'index.html');
    info = await stat(target).catch(() => null);
  }
  if (!info && path.extname(file) === '') {
    target = path.join(root, 'index.html');
    info = await stat(target).catch(() => null);
  }
  if (!info || !info.isFile()) {
    const hint = path.extname(file) === '' || file.endsWith('index.html') ? ' (build the UI with `npm run build:ui`)' : '';
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found${hint}\n`);
    return;
  }
  const type = TYPES[path.extname(target).toLowerCase()] ?? 'application/octet-stream';
  // Vite fingerprints everything under assets/, so those can be cached; index.html must not be.
  const cache = target.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { 'content-type': type, 'content-length': info.size, 'cache-control': cache });
  if (head) {
    res.end();
    return;
  }
  createReadStream(target).pipe(res);
}
