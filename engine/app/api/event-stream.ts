import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { PipelineEvent } from '../../contracts/events.ts';
import type { Logger } from '../../log/logger.ts';
import type { EventBus } from '../../pipeline/event-bus.ts';
import type { StaffAuth } from './staff-auth.ts';

/** Meeting contents and job details are for staff; a shopper's screen never receives them. */
const STAFF_EVENTS: ReadonlySet<PipelineEvent['type']> = new Set(['meeting', 'meeting-segment', 'summary', 'job']);
/** A client this far behind is stuck; dropping it protects the engine's memory. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** True when an event may go to a connection with (or without) a staff session. */
export function visibleTo(event: PipelineEvent, staff: boolean): boolean {
  return staff || !STAFF_EVENTS.has(event.type);
}

/**
 * GET /events: every PipelineEvent as one JSON text message. A client upgrades its connection to
 * staff by sending `{"op":"auth","token":…}` after staff-login (browsers cannot set headers on a
 * WebSocket); the token is re-checked on every event, so logout or expiry takes effect at once.
 */
export class EventStream {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  private readonly tokens = new Map<WebSocket, string | null>();
  private readonly unsubscribe: () => void;

  constructor(
    bus: EventBus,
    private readonly auth: StaffAuth,
    private readonly log?: Logger,
  ) {
    this.unsubscribe = bus.subscribe((e) => this.broadcast(e));
    this.wss.on('connection', (ws) => this.accept(ws));
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  get clients(): number {
    return this.tokens.size;
  }

  private accept(ws: WebSocket): void {
    this.tokens.set(ws, null);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      try {
        const msg = JSON.parse(String(data)) as { op?: unknown; token?: unknown };
        if (msg.op === 'auth') this.tokens.set(ws, typeof msg.token === 'string' ? msg.token : null);
      } catch {
        // A malformed client message is ignored; the stream itself keeps going.
      }
    });
    ws.on('close', () => this.tokens.delete(ws));
    ws.on('error', (err) => this.log?.warn('event stream client error', { error: err.message }));
  }

  private broadcast(event: PipelineEvent): void {
    const text = JSON.stringify(event);
    for (const [ws, token] of this.tokens) {
      if (ws.readyState !== ws.OPEN) continue;
      if (!visibleTo(event, this.auth.verify(token, false) !== null)) continue;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        this.log?.warn('dropping a stalled event stream client', { buffered: ws.bufferedAmount });
        ws.terminate();
        continue;
      }
      ws.send(text);
    }
  }

  close(): void {
    this.unsubscribe();
    for (const ws of this.tokens.keys()) ws.terminate();
    this.wss.close();
  }
}
