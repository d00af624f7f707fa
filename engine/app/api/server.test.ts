import { testPins } from '../../../test/support/api/test-pins.ts';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PipelineEvent } from '../../contracts/events.ts';
import { EventBus } from '../../pipeline/event-bus.ts';
import { createApiTestPeer } from '../../../test/support/api/api-test-peer.ts';
import { EngineClient, EngineClientError } from './client/engine-client.ts';
import { createHttpTransport } from './client/http-transport.ts';
import { createApiHandlers } from './handlers.ts';
import { startApiServer, type ApiServer } from './server.ts';
import { StaffAuth } from './staff-auth.ts';

// Real: node:http server, `ws` WebSocket server and client, prom-client, StaffAuth, the HTTP
// transport and EngineClient. Test peer: the engine ports behind the API (api-test-peer.ts).

let server: ApiServer;
let bus: EventBus;
let dir: string;

function raw(pathname: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: pathname, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const post = (name: string, body: unknown, headers: Record<string, string> = {}) =>
  raw(`/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

function nextMessages(ws: WebSocket, n: number): Promise<PipelineEvent[]> {
  return new Promise((resolve, reject) => {
    const got: PipelineEvent[] = [];
    const timer = setTimeout(() => reject(new Error(`only ${got.length}/${n} events`)), 5000);
    ws.on('message', (d) => {
      got.push(JSON.parse(String(d)) as PipelineEvent);
      if (got.length === n) {
        clearTimeout(timer);
        resolve(got);
      }
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vk-api-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(path.join(dir, 'assets', 'app-abc.js'), 'console.log(1)');
  writeFileSync(path.join(os.tmpdir(), 'vk-secret-outside.txt'), 'secret');
  bus = new EventBus();
  const peer = createApiTestPeer(bus);
  const auth = new StaffAuth({ pins: testPins, maxFailures: 5, lockoutMs: 60_000 });
  server = await startApiServer({ handlers: createApiHandlers(peer.deps, auth), bus, status: peer.deps.status, staticDir: dir, port: 0 });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('API server', () => {
  it('binds 127.0.0.1 on a free port', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('answers POST /api/<name> with an ApiReply and maps error codes to HTTP statuses', async () => {
    const ok = await post('conversation-ask', { text: 'opening hours?' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { answer: 'You asked: opening hours?' } });

    const bad = await post('conversation-ask', { text: '' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { type: 'error', code: 'bad-input', stage: 'api' } });

    expect((await post('conversation-ask', '{not json')).status).toBe(400);
    expect((await post('meetings-list', {})).status).toBe(401);
    expect((await post('no-such-name', {})).status).toBe(404);
    expect((await raw('/api/system-status')).status).toBe(405);
    expect((await raw('/api/system-status', { method: 'POST', body: 'x=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(415);
    const big = await post('conversation-ask', { text: 'x'.repeat(100_000) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error.code).toBe('too-large');
    // The server keeps serving after all of that.
    expect((await post('system-status', {})).status).toBe(200);
  });

  it('refuses API calls and event streams from another origin', async () => {
    const r = await post('system-status', {}, { origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    const same = await post('system-status', {}, { origin: `http://127.0.0.1:${server.port}` });
    expect(same.status).toBe(200);
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/events`, { origin: 'http://evil.example' });
    const outcome = await new Promise<string>((resolve) => {
      ws.on('open', () => resolve('open'));
      ws.on('error', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });

  it('serves the renderer with CSP and content types, and refuses path traversal', async () => {
    const index = await raw('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const js = await raw('/assets/app-abc.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('console.log(1)');
    expect((await raw('/staff')).body).toContain('<title>kiosk</title>'); // SPA route
    expect((await raw('/assets/missing.js')).status).toBe(404);
    for (const p of ['/../vk-secret-outside.txt', '/%2e%2e/vk-secret-outside.txt', '/assets/..%2f..%2fvk-secret-outside.txt']) {
      const r = await raw(p);
      expect(r.body).not.toContain('secret');
      expect([400, 404]).toContain(r.status); // the URL parser may already have collapsed the dots
    }
  });

  it('reports /health from the status port', async () => {
    const h = await raw('/health');
    expect(h.status).toBe(200);
    expect(JSON.parse(h.body)).toMatchObject({ ok: true, database: { ok: true }, broker: { connected: true } });
  });

  it('exposes Prometheus metrics derived from bus events', async () => {
    bus.publish({ type: 'wake', keyword: 'hey_jarvis', score: 0.9, correlationId: 'w1', atMs: 100 });
    bus.publish({ type: 'listening', trigger: 'wake', correlationId: 'w1', atMs: 160 });
    bus.publish({ type: 'connectivity', online: false, queued: 3, correlationId: 'n', atMs: 200 });
    bus.publish({ type: 'job', jobId: 'J1', kind: 'summarize', state: 'pending', attempts: 0, correlationId: 'J1', atMs: 210 });
    bus.publish({ type: 'job', jobId: 'J1', kind: 'summarize', state: 'sent', attempts: 1, correlationId: 'J1', atMs: 220 });
    const m = await raw('/metrics');
    expect(m.status).toBe(200);
    expect(m.headers['content-type']).toContain('text/plain');
    expect(m.body).toContain('voice_kiosk_wake_detections_total{keyword="hey_jarvis"} 1');
    expect(m.body).toContain('voice_kiosk_offload_queue_depth 3');
    expect(m.body).toContain('voice_kiosk_offload_jobs{state="sent"} 1');
    expect(m.body).toContain('voice_kiosk_offload_jobs{state="pending"} 0');
    expect(m.body).toMatch(/voice_kiosk_stage_latency_ms_sum\{stage="wake_to_listening"\} 60/);
    expect(m.body).toMatch(/voice_kiosk_api_requests_total\{name="conversation-ask",outcome="bad-input"\} [1-9]/);
  });

  it('streams events over /events and withholds staff-only events until the socket is authenticated', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/events`);
    await new Promise((r) => ws.on('open', r));
    const first = nextMessages(ws, 2);
    bus.publish({ type: 'meeting-segment', meetingId: 'm', text: 'private', correlationId: 'm', atMs: 1 });
    bus.publish({ type: 'reply-token', text: 'hello', correlationId: 'c', atMs: 2 });
    bus.publish({ type: 'listening', trigger: 'tap', correlationId: 'c', atMs: 3 });
    expect((await first).map((e) => e.type)).toEqual(['reply-token', 'listening']);
    ws.removeAllListeners('message');

    const login = JSON.parse((await post('staff-login', { pin: '1234' })).body);
    ws.send(JSON.stringify({ op: 'auth', token: login.value.token }));
    ws.send('garbage that is not json');
    await new Promise((r) => setTimeout(r, 50));
    const second = nextMessages(ws, 1);
    bus.publish({ type: 'meeting-segment', meetingId: 'm', text: 'private', correlationId: 'm', atMs: 4 });
    expect(await second).toMatchObject([{ type: 'meeting-segment', text: 'private' }]);
    ws.close();
  });

  it('works end to end through EngineClient over HTTP + WebSocket, including lockout with Retry-After', async () => {
    const client = new EngineClient(createHttpTransport({ baseUrl: server.url, WebSocket: WebSocket as never }));
    const events: PipelineEvent[] = [];
    const connected = new Promise<void>((resolve) => client.onConnection((c) => c && resolve()));
    client.subscribe((e) => events.push(e));
    await connected;
    const { answer } = await client.send('conversation-ask', { text: 'bread' });
    expect(answer).toBe('You asked: bread');
    await expect(client.send('meetings-list', {})).rejects.toBeInstanceOf(EngineClientError);
    await client.send('staff-login', { pin: '1234' });
    expect(client.isStaff).toBe(true);
    await new Promise((r) => setTimeout(r, 50)); // let the socket's auth message land
    const meeting = await client.send('meetings-start', { title: 'Weekly' });
    await client.send('meetings-add-segment', { meetingId: meeting.id, text: '<img src=x onerror=alert(1)>' });
    await expect.poll(() => events.some((e) => e.type === 'meeting-segment' && e.text.includes('onerror'))).toBe(true);
    expect(events.some((e) => e.type === 'reply-token' && e.text.startsWith('bread'))).toBe(true);
    await client.send('staff-logout', {});
    expect(client.isStaff).toBe(false);

    for (let i = 0; i < 4; i++) await client.request('staff-login', { pin: '0000' });
    const locked = await post('staff-login', { pin: '0000' });
    expect(locked.status).toBe(429);
    expect(locked.headers['retry-after']).toBe('60');
    const after = await client.request('staff-login', { pin: '1234' });
    expect(after).toMatchObject({ ok: false, error: { code: 'locked' } });
    client.close();
  });
});

describe('API server health', () => {
  it('answers 503 when the database or broker is down', async () => {
    const b = new EventBus();
    const peer = createApiTestPeer(b, { healthy: false });
    const s = await startApiServer({ handlers: createApiHandlers(peer.deps, new StaffAuth({ pins: testPins, maxFailures: 5, lockoutMs: 1000 })), bus: b, status: peer.deps.status });
    const res = await fetch(`${s.url}health`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, database: { ok: false } });
    expect((await fetch(s.url)).status).toBe(404); // no static dir configured
    await s.close();
  });
});

describe('HTTP transport reconnect', () => {
  it('reports the engine going away and reconnects, re-sending the staff token, when it comes back', async () => {
    const b = new EventBus();
    const peer = createApiTestPeer(b);
    const auth = new StaffAuth({ pins: testPins, maxFailures: 5, lockoutMs: 1000 });
    const handlers = createApiHandlers(peer.deps, auth);
    let s = await startApiServer({ handlers, bus: b, status: peer.deps.status });
    const port = s.port;
    const client = new EngineClient(createHttpTransport({ baseUrl: s.url, WebSocket: WebSocket as never, reconnectMs: 50, maxReconnectMs: 200 }));
    const states: boolean[] = [];
    const events: PipelineEvent[] = [];
    client.onConnection((c) => states.push(c));
    client.subscribe((e) => events.push(e));
    await expect.poll(() => states.at(-1)).toBe(true);
    await client.send('staff-login', { pin: '1234' });

    await s.close();
    await expect.poll(() => states.at(-1)).toBe(false);
    const down = await client.request('system-status', {});
    expect(down).toMatchObject({ ok: false, error: { code: 'unavailable' } });

    s = await startApiServer({ handlers, bus: b, status: peer.deps.status, port });
    await expect.poll(() => states.at(-1), { timeout: 5000 }).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    b.publish({ type: 'meeting-segment', meetingId: 'm', text: 'after restart', correlationId: 'm', atMs: 1 });
    await expect.poll(() => events.some((e) => e.type === 'meeting-segment')).toBe(true);
    expect(states).toEqual([false, true, false, true]);
    client.close();
    await s.close();
  });
});
