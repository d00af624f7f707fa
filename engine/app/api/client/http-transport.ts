import type { ApiReply, EngineApiName } from '../../../contracts/api.ts';
import type { EngineErrorData } from '../../../contracts/errors.ts';
import type { PipelineEvent } from '../../../contracts/events.ts';
import { STAFF_TOKEN_HEADER } from '../../../contracts/limits.ts';
import type { EngineTransport } from './transport.ts';

/** The subset of the WebSocket API used here (the browser's, or `ws` in Node 20 tests). */
interface SocketLike {
  readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: string): void;
  close(): void;
}
type SocketCtor = new (url: string) => SocketLike;

export interface HttpTransportOptions {
  /** The engine's base URL, e.g. http://127.0.0.1:8787/ (the page's own origin in the kiosk). */
  baseUrl: string;
  WebSocket?: SocketCtor;
  fetch?: typeof fetch;
  /** First reconnect delay; doubles up to maxReconnectMs, with jitter so many screens don't stampede. */
  reconnectMs?: number;
  maxReconnectMs?: number;
}


function unavailable(message: string): EngineErrorData {
  return { type: 'error', code: 'unavailable', message, stage: 'api' };
}

/** HTTP for calls and a self-reconnecting WebSocket for events: what the browser kiosk uses. */
export function createHttpTransport(opts: HttpTransportOptions): EngineTransport {
  const base = opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`;
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const Ctor = opts.WebSocket ?? (globalThis.WebSocket as unknown as SocketCtor);
  const minDelay = opts.reconnectMs ?? 500;
  const maxDelay = opts.maxReconnectMs ?? 10_000;
  const listeners = new Set<(e: PipelineEvent) => void>();
  const connListeners = new Set<(c: boolean) => void>();
  let token: string | null = null;
  let socket: SocketLike | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let delay = minDelay;
  let closed = false;
  let connected = false;

  const setConnected = (c: boolean) => {
    if (c === connected) return;
    connected = c;
    for (const l of connListeners) l(c);
  };

  const connect = () => {
    if (closed || socket) return;
    const ws = new Ctor(base.replace(/^http/, 'ws') + 'events');
    socket = ws;
    ws.onopen = () => {
      delay = minDelay;
      if (token) ws.send(JSON.stringify({ op: 'auth', token }));
      setConnected(true);
    };
    ws.onmessage = (ev) => {
      let event: PipelineEvent;
      try {
        event = JSON.parse(String(ev.data)) as PipelineEvent;
      } catch {
        return;
      }
      for (const l of listeners) l(event);
    };
    ws.onerror = () => undefined;
    ws.onclose = () => {
      socket = null;
      setConnected(false);
      if (closed || listeners.size === 0) return;
      const wait = delay * (0.75 + Math.random() * 0.5);
      delay = Math.min(maxDelay, delay * 2);
      timer = setTimeout(() => {
        timer = null;
        connect();
      }, wait);
    };
  };

  return {
    async call(name: EngineApiName, args: unknown, tok: string | null): Promise<ApiReply<EngineApiName>> {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (tok) headers[STAFF_TOKEN_HEADER] = tok;
      let res: Response;
      try {
        res = await doFetch(`${base}api/${encodeURIComponent(name)}`, { method: 'POST', headers, body: JSON.stringify(args ?? {}) });
      } catch (e) {
        return { ok: false, error: unavailable(`engine unreachable: ${(e as Error).message}`) };
      }
      try {
        return (await res.json()) as ApiReply<EngineApiName>;
      } catch {
        return { ok: false, error: unavailable(`engine answered HTTP ${res.status} without a JSON reply`) };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      connect();
      return () => listeners.delete(listener);
    },
    onConnection(listener) {
      connListeners.add(listener);
      listener(connected);
      return () => connListeners.delete(listener);
    },
    setStaffToken(tok) {
      token = tok;
      if (socket && socket.readyState === 1) socket.send(JSON.stringify({ op: 'auth', token: tok }));
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      socket?.close();
      socket = null;
    },
  };
}
