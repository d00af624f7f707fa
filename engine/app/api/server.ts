import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { EngineErrorData } from '../../contracts/errors.ts';
import { createLogger, type Logger } from '../../log/logger.ts';
import type { EventBus } from '../../pipeline/event-bus.ts';
import type { StatusPort } from './deps.ts';
import { EventStream } from './event-stream.ts';
import type { ApiHandlers } from './handler-registry.ts';
import { CLIENT_ID_HEADER, STAFF_TOKEN_HEADER } from '../../contracts/limits.ts';
import { createHostAllowlist, type HostAllowlist } from './host-allowlist.ts';
import { httpStatusFor } from './http-status.ts';
import { createEngineMetrics, type EngineMetrics } from './metrics.ts';
import type { StaffAuth } from './staff-auth.ts';
import { SECURITY_HEADERS, serveStatic } from './static-files.ts';

/** Header carrying the staff session token from staff-login (defined once, in contracts). */
export { STAFF_TOKEN_HEADER };
export { CLIENT_ID_HEADER };
const MAX_BODY_BYTES = 64 * 1024;

export interface ApiServerOptions {
  handlers: ApiHandlers;
  bus: EventBus;
  /** Source of GET /health. */
  status: Pick<StatusPort, 'health'>;
  host?: string;
  port?: number;
  /** The built renderer (renderer/dist); null serves the API alone. */
  staticDir?: string | null;
  metricsRegistry?: Registry;
  /** The engine's metrics (the composition root owns them in every mode); default: the server makes its own. */
  metrics?: EngineMetrics;
  staffAuth?: StaffAuth;
  /** Extra Host names (besides loopback) this server answers to, e.g. `kiosk.local` (config api.allowedHosts). */
  allowedHosts?: readonly string[];
  log?: Logger;
}

export interface ApiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The engine's local HTTP face: `POST /api/<name>`, the `/events` WebSocket, `/health`, `/metrics`
 * and the renderer's static files. Bound to 127.0.0.1 by default because the kiosk's own screen is
 * the only intended client.
 */
export async function startApiServer(opts: ApiServerOptions): Promise<ApiServer> {
  const log = opts.log ?? createLogger('api');
  const auth = opts.staffAuth ?? opts.handlers.auth;
  const ownMetrics = opts.metrics === undefined;
  const metrics = opts.metrics ?? createEngineMetrics(opts.bus, opts.metricsRegistry, opts.metricsRegistry === undefined);
  const stream = new EventStream(opts.bus, auth, log);
  const host = opts.host ?? '127.0.0.1';
  // Set once listening (the port is known only then); no request can arrive before.
  let hosts: HostAllowlist | null = null;

  const server = createServer((req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    // Before anything else: a foreign Host is a DNS-rebinding page, whatever it asks for.
    const refused = hosts?.refusal(req) ?? null;
    if (refused) {
      log.warn('request refused', { reason: refused.message });
      res.setHeader('connection', 'close');
      return sendError(res, err('unauthorized', refused.message), refused.status);
    }
    route(req, res).catch((err: Error) => {
      log.error('request failed', { url: req.url, error: err.message });
      if (!res.headersSent) sendError(res, { type: 'error', code: 'internal', message: 'internal error', stage: 'api' });
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const p = url.pathname;
    if (p.startsWith('/api/')) {
      let name: string;
      try {
        name = decodeURIComponent(p.slice(5));
      } catch {
        return sendError(res, err('bad-input', `malformed %-escape in the path ${p.slice(0, 120)}`), 400);
      }
      return handleApi(req, res, name);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, err('bad-input', `${req.method} is not allowed on ${p}`), 405);
    if (p === '/health') {
      const health = await opts.status.health();
      return sendJson(res, health.ok ? 200 : 503, health);
    }
    if (p === '/metrics') {
      const text = await metrics.registry.metrics();
      res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text);
      return;
    }
    if (!opts.staticDir) return sendError(res, err('not-found', `no such route ${p}`));
    return serveStatic(opts.staticDir, p, res, req.method === 'HEAD');
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') return sendError(res, err('bad-input', `use POST for /api/${name}`), 405);
    if (!sameOrigin(req)) return sendError(res, err('unauthorized', 'cross-origin API calls are refused'), 403);
    // Requiring JSON forces a CORS preflight on any cross-site form post, which we never answer.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return sendError(res, err('bad-input', 'send the arguments as application/json'), 415);
    }
    let body: unknown;
    try {
      body = await readJson(req);
    } catch (e) {
      res.setHeader('connection', 'close');
      return sendError(res, (e as { data?: EngineErrorData }).data ?? err('bad-input', 'unreadable body'));
    }
    const tokenHeader = req.headers[STAFF_TOKEN_HEADER];
    const token = typeof tokenHeader === 'string' && tokenHeader ? tokenHeader : null;
    const reply = await opts.handlers.dispatch(name, body, token, clientOf(req));
    metrics.apiRequests.inc({ name: opts.handlers.has(name) ? name : '(unknown)', outcome: reply.ok ? 'ok' : reply.error.code });
    if (reply.ok) return sendJson(res, 200, reply);
    const headers: Record<string, string> = {};
    const retry = reply.error.detail?.retryAfterMs;
    if (reply.error.code === 'locked' && typeof retry === 'number') headers['retry-after'] = String(Math.ceil(retry / 1000));
    sendJson(res, httpStatusFor(reply.error.code), reply, headers);
  }

  server.on('upgrade', (req, socket, head) => {
    const refused = hosts ? hosts.refusal(req) : { status: 421, message: 'not listening yet' };
    if (refused) {
      log.warn('websocket upgrade refused', { reason: refused.message });
      const text = refused.status === 421 ? 'Misdirected Request' : 'Forbidden';
      socket.end(`HTTP/1.1 ${refused.status} ${text}\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n${refused.message}\n`);
      return;
    }
    const p = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (p !== '/events' || !sameOrigin(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    stream.handleUpgrade(req, socket, head);
  });
  server.on('clientError', (_e, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const bound = host === '0.0.0.0' || host === '::' ? [] : [host];
  hosts = createHostAllowlist(port, [...bound, ...(opts.allowedHosts ?? [])]);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  log.info('api listening', { host, port });
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    close: async () => {
      stream.close();
      if (ownMetrics) metrics.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function err(code: EngineErrorData['code'], message: string): EngineErrorData {
  return { type: 'error', code, message, stage: 'api' };
}

/** Browsers send Origin on POST and WebSocket; it must name this very server (no other site may drive the kiosk). */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Who is logging in, for per-client PIN lockout: the peer address plus the screen's own id when it sends one. */
function clientOf(req: IncomingMessage): string {
  const addr = req.socket.remoteAddress ?? 'unknown';
  const id = req.headers[CLIENT_ID_HEADER];
  return typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? `${addr}#${id}` : addr;
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        // Answer now and discard the rest; the response sets `connection: close`.
        req.removeAllListeners('data');
        req.resume();
        reject({ data: err('too-large', `request body is over ${MAX_BODY_BYTES} bytes`) });
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text.trim()) return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch (e) {
        reject({ data: err('bad-input', `body is not JSON: ${(e as Error).message}`) });
      }
    });
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers }).end(text);
}

function sendError(res: ServerResponse, error: EngineErrorData, status = httpStatusFor(error.code)): void {
  sendJson(res, status, { ok: false, error });
}
