import { readFileSync } from 'node:fs';
import mqtt, {
  type IClientOptions,
  type IClientPublishOptions,
  type IPublishPacket,
  type MqttClient,
  type Packet,
} from 'mqtt';
import { EngineError } from '../errors/engine-error.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import { jitteredBackoff } from './backoff.ts';
import { redactUrl } from '../log/redact-url.ts';

/** What to do with an inbound PUBLISH once the handler is done: ack it, or drop the connection unacked so the broker redelivers. */
export type InboundVerdict = 'ack' | 'redeliver';

export interface MqttConnectionOptions {
  url: string;
  clientId: string;
  username?: string | null;
  password?: string | null;
  /** PEM files for mqtts:// (CA to trust; client certificate + key for certificate auth). */
  caFile?: string | null;
  certFile?: string | null;
  keyFile?: string | null;
  sessionExpirySec: number;
  /** Topics (QoS 1) subscribed on every connect, in case the broker lost the session. */
  subscriptions: string[];
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  keepaliveSec?: number;
  connectTimeoutMs?: number;
  random?: () => number;
  logger?: Logger;
  /** Runs inside mqtt.js handleMessage: the PUBACK is sent only after the returned promise resolves to 'ack'. */
  onMessage(packet: IPublishPacket): Promise<InboundVerdict>;
  /** Called after each successful connect and subscribe. */
  onOnline?(): void;
  onOffline?(reason: string): void;
}

export interface PublishOutcome {
  /** MQTT v5 PUBACK reason code (0 = delivered to at least one subscriber, 16 = no matching subscribers). */
  reasonCode: number;
}

/**
 * A supervised MQTT v5 session: connects lazily, and after any loss reconnects with jittered
 * exponential backoff (mqtt.js only knows a fixed reconnectPeriod, so that is 0 and this class owns
 * the loop). Each attempt is a fresh mqtt.js client; durability lives in the caller's SQLite outbox,
 * not in mqtt.js's in-memory stores.
 */
export class MqttConnection {
  private client: MqttClient | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private failures = 0;
  private isOnline = false;
  /** Rejecters of publishes awaiting a PUBACK on the current client (see publish()). */
  private readonly awaitingPuback = new Set<(err: Error) => void>();
  /** Delays chosen by the reconnect loop, newest last (exposed for tests and status). */
  readonly reconnectDelays: number[] = [];
  private readonly log: Logger;

  constructor(private readonly opts: MqttConnectionOptions) {
    this.log = opts.logger ?? createLogger('offload.mqtt', { clientId: opts.clientId });
  }

  get online(): boolean {
    return this.isOnline;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const c = this.client;
    this.client = null;
    this.setOffline('stopped');
    if (!c) return;
    // A graceful end waits for in-flight acks; an unreachable broker must not hold shutdown hostage.
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => c.end(true, {}, () => resolve()), 2000);
      c.end(false, {}, () => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  /** Publishes at QoS 1 and resolves on PUBACK; rejects when offline or when the broker refuses it. */
  publish(
    topic: string,
    payload: Buffer,
    options: IClientPublishOptions,
    timeoutMs = 15_000,
  ): Promise<PublishOutcome> {
    const c = this.client;
    if (!c || !this.isOnline)
      return Promise.reject(
        new EngineError('unavailable', 'not connected to the broker', { stage: 'offload' }),
      );
    return new Promise((resolve, reject) => {
      // Each connection is a fresh mqtt.js client, so a PUBACK lost with a dead connection never
      // arrives: fail at the close instead of holding the job in flight until the timeout.
      const fail = (err: Error) => {
        clearTimeout(t);
        this.awaitingPuback.delete(fail);
        reject(err);
      };
      const t = setTimeout(
        () => fail(new EngineError('timeout', `no PUBACK within ${timeoutMs} ms`, { stage: 'offload' })),
        timeoutMs,
      );
      this.awaitingPuback.add(fail);
      c.publish(topic, payload, options, (err, packet) => {
        clearTimeout(t);
        this.awaitingPuback.delete(fail);
        if (err) reject(err);
        else resolve({ reasonCode: (packet as { reasonCode?: number } | undefined)?.reasonCode ?? 0 });
      });
    });
  }

  private options(): IClientOptions {
    const o = this.opts;
    const read = (f: string | null | undefined) => (f ? readFileSync(f) : undefined);
    const options: IClientOptions = {
      clientId: o.clientId,
      protocolVersion: 5,
      clean: false,
      reconnectPeriod: 0,
      keepalive: o.keepaliveSec ?? 15,
      connectTimeout: o.connectTimeoutMs ?? 10_000,
      manualConnect: true,
      properties: { sessionExpiryInterval: o.sessionExpirySec },
    };
    if (o.username) options.username = o.username;
    if (o.password) options.password = o.password;
    const ca = read(o.caFile);
    const cert = read(o.certFile);
    const key = read(o.keyFile);
    if (ca) options.ca = ca;
    if (cert) options.cert = cert;
    if (key) options.key = key;
    return options;
  }

  private connect(): void {
    if (this.stopped) return;
    let client: MqttClient;
    try {
      client = mqtt.connect(this.opts.url, this.options());
    } catch (err) {
      // A bad URL or unreadable certificate will not fix itself, but a file may appear: keep trying, loudly.
      this.log.error('cannot create mqtt client', { url: redactUrl(this.opts.url), error: (err as Error).message });
      this.scheduleReconnect(`client setup failed: ${(err as Error).message}`);
      return;
    }
    this.client = client;
    client.handleMessage = (packet: Packet, callback: (error?: Error) => void) => {
      if (packet.cmd !== 'publish') return callback();
      this.opts.onMessage(packet).then(
        (verdict) => {
          if (verdict === 'ack') callback();
          else this.dropUnacked(client, 'handler asked for redelivery');
        },
        (err: unknown) => {
          this.log.error('inbound handler failed; dropping connection unacked so the broker redelivers', {
            error: String(err),
          });
          this.dropUnacked(client, 'handler failed');
        },
      );
    };
    client.on('connect', () => {
      if (client !== this.client) return;
      // Small request/ack exchanges: Nagle + delayed ACK would add ~40 ms to each round trip.
      (client.stream as { setNoDelay?: (on: boolean) => void } | undefined)?.setNoDelay?.(true);
      client.subscribe(this.opts.subscriptions, { qos: 1 }, (err, granted) => {
        const refused = granted?.find((g) => g.qos > 2);
        if (err || refused) {
          this.log.error('subscribe refused', {
            error: err?.message ?? `reason ${refused?.qos}`,
            topics: this.opts.subscriptions,
          });
          client.end(true);
          return;
        }
        this.failures = 0;
        this.isOnline = true;
        this.log.info('online', { url: redactUrl(this.opts.url) });
        this.opts.onOnline?.();
      });
    });
    client.on('error', (err) => {
      this.log.warn('mqtt error', {
        error: err.message,
        code: (err as { code?: string | number }).code ?? null,
      });
    });
    client.on('close', () => {
      if (client !== this.client) return;
      this.client = null;
      for (const fail of [...this.awaitingPuback])
        fail(new EngineError('unavailable', 'connection closed before the PUBACK', { stage: 'offload' }));
      client.end(true);
      this.setOffline('connection closed');
      this.scheduleReconnect('connection closed');
    });
    client.connect();
  }

  private dropUnacked(client: MqttClient, why: string): void {
    this.log.warn('dropping connection without PUBACK', { why });
    client.stream?.destroy();
  }

  private setOffline(reason: string): void {
    if (!this.isOnline) return;
    this.isOnline = false;
    this.log.warn('offline', { reason });
    this.opts.onOffline?.(reason);
  }

  private scheduleReconnect(reason: string): void {
    if (this.stopped || this.timer) return;
    this.failures += 1;
    const delay = jitteredBackoff(
      this.failures,
      this.opts.reconnectBaseMs ?? 250,
      this.opts.reconnectMaxMs ?? 30_000,
      this.opts.random,
    );
    this.reconnectDelays.push(delay);
    if (this.reconnectDelays.length > 100) this.reconnectDelays.shift();
    this.log.debug('reconnect scheduled', { reason, delayMs: delay, attempt: this.failures });
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect();
    }, delay);
  }
}
