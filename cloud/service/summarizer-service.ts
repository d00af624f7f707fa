import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import mqtt, { type IClientOptions, type IPublishPacket, type MqttClient } from 'mqtt';
import type { StageInfo } from '../../engine/contracts/audio.ts';
import { DEVICE_ID_PATTERN } from '../../engine/contracts/limits.ts';
import { topics } from '../../engine/contracts/mqtt.ts';
import { EngineError } from '../../engine/errors/engine-error.ts';
import { createLogger, type Logger } from '../../engine/log/logger.ts';
import { decodeRequest, type CodecError, type CodecLimits, type CodecResult, type DecodedRequest } from '../../engine/protocol/job-codec.ts';
import type { SummaryBackend } from '../backends/backend.ts';
import type { JobStore } from '../store/job-store.ts';
import { BatchRunner, type ClaimedJob } from './batch-runner.ts';
import { JobBatcher } from './batcher.ts';
import { dispatchRequest, type HandlerDeps } from './message-handlers.ts';
import { SummarizerMetrics } from './metrics.ts';
import { RequestIntake } from './request-intake.ts';
import { Responder } from './responder.ts';

export interface SummarizerOptions {
  mqttUrl: string;
  /** Extra mqtt.js options (TLS files, username/password). */
  mqttOptions?: IClientOptions;
  /** Shared subscription group; workers in one group split the requests. */
  group?: string;
  /**
   * Serve only these kiosks (one subscription each) instead of every kiosk. Also what keeps parallel
   * test runs on one broker apart: a shared group only splits work within the group, every group gets all.
   */
  deviceIds?: string[];
  /** A stable client id gives the worker a persistent session, so unacked requests return after a restart. */
  clientId?: string;
  store: JobStore;
  backend: SummaryBackend;
  batchWindowMs?: number;
  maxBatch?: number;
  concurrency?: number;
  /** How long a claim protects a job from takeover by another worker; renewed while it runs. */
  leaseMs?: number;
  limits?: Partial<CodecLimits>;
  metrics?: SummarizerMetrics;
  logger?: Logger;
}

// Group commit window for claims: short, because every request in it waits this long for its PUBACK.
const INTAKE_WINDOW_MS = 5;
// Claims per group commit, in backend batches. A claim group is not a backend batch (the batcher splits
// it into batches of maxBatch): it bounds one transaction. When a backlog arrives at once (a kiosk fleet
// back after an outage) a group of several batches saves one fsync per batch on the critical path; the
// window above still bounds how long any request waits for its PUBACK.
const INTAKE_GROUP_BATCHES = 4;
const DEFERRED_ACK = new Error('ack deferred to the group commit');

export const DEFAULTS = { group: 'summarizers', batchWindowMs: 100, maxBatch: 16, concurrency: 4, leaseMs: 30_000, maxPayloadBytes: 4 * 1024 * 1024, compressAboveBytes: 16 * 1024 };

/**
 * The cloud summarizer worker: takes job requests from a shared MQTT subscription, claims each in the
 * job store BEFORE its PUBACK (so a kill after the ack loses nothing), batches claimed jobs towards the
 * backend, stores outcomes, answers on the device's response topic, and takes over jobs whose worker died.
 */
export class SummarizerService {
  readonly workerId: string;
  readonly clientId: string;
  readonly metrics: SummarizerMetrics;
  private readonly log: Logger;
  private readonly limits: CodecLimits;
  private client: MqttClient | null = null;
  private responder: Responder | null = null;
  private batcher: JobBatcher<ClaimedJob> | null = null;
  private runner: BatchRunner | null = null;
  private leaseTimer: NodeJS.Timeout | null = null;
  private intake: RequestIntake | null = null;
  /** Counts connections, so a deferred ack is never sent on a newer connection than its PUBLISH came on. */
  private generation = 0;
  private stopping = false;
  private readonly leaseMs: number;

  constructor(private readonly opts: SummarizerOptions) {
    // The lease owner is this incarnation, not the client id: a restarted worker with the same client id
    // must not mistake its dead predecessor's leases for its own running jobs.
    this.workerId = `${opts.clientId ?? `summarizer-${hostname()}`}-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.clientId = opts.clientId ?? this.workerId;
    this.metrics = opts.metrics ?? new SummarizerMetrics();
    this.log = (opts.logger ?? createLogger('summarizer')).child({ worker: this.workerId });
    this.limits = { maxPayloadBytes: opts.limits?.maxPayloadBytes ?? DEFAULTS.maxPayloadBytes, compressAboveBytes: opts.limits?.compressAboveBytes ?? DEFAULTS.compressAboveBytes };
    this.leaseMs = opts.leaseMs ?? DEFAULTS.leaseMs;
    for (const d of opts.deviceIds ?? []) {
      // Spliced into a topic filter: a '#' or '/' here would widen the subscription.
      if (!DEVICE_ID_PATTERN.test(d)) throw new EngineError('bad-input', `device id '${d}' must be 1-64 of [A-Za-z0-9_-]`, { stage: 'cloud' });
    }
  }

  get subscription(): string {
    return this.subscriptions.join(' ');
  }

  /** `$share/{group}/kiosk/v1/+/req`, or one shared filter per configured device. */
  get subscriptions(): string[] {
    const group = this.opts.group ?? DEFAULTS.group;
    const devices = this.opts.deviceIds?.length ? this.opts.deviceIds : ['+'];
    return devices.map((d) => `$share/${group}/${topics.request(d)}`);
  }

  info(): StageInfo {
    return { ...this.opts.backend.info(), stage: 'cloud', note: `store ${this.opts.store.name}, ${this.subscription}` };
  }

  /** Connects, subscribes and resumes jobs left pending by a dead worker; resolves once subscribed. */
  async start(): Promise<void> {
    await this.opts.store.init();
    const persistent = this.opts.clientId !== undefined;
    const client = mqtt.connect(this.opts.mqttUrl, {
      protocolVersion: 5,
      clientId: this.clientId,
      clean: !persistent,
      ...(persistent ? { properties: { sessionExpiryInterval: 3600 } } : {}),
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      ...this.opts.mqttOptions,
    });
    this.client = client;
    this.responder = new Responder(client, this.limits, this.log);
    this.runner = new BatchRunner({ backend: this.opts.backend, store: this.opts.store, responder: this.responder, metrics: this.metrics, log: this.log, workerId: this.workerId });
    const runner = this.runner;
    this.batcher = new JobBatcher<ClaimedJob>({
      windowMs: this.opts.batchWindowMs ?? DEFAULTS.batchWindowMs,
      maxBatch: this.opts.maxBatch ?? DEFAULTS.maxBatch,
      concurrency: this.opts.concurrency ?? DEFAULTS.concurrency,
      run: (batch) => runner.run(batch),
      // The claims stay pending under our lease; when it lapses a worker takes them over.
      onError: (err, batch) => this.log.error('batch failed; jobs left to lease takeover', { err: (err as Error).message, jobs: batch.map((j) => j.request.jobId) }),
    });
    const sendPacket = (client as unknown as { _sendPacket?: (packet: object) => void })._sendPacket;
    const grouped = (this.opts.maxBatch ?? DEFAULTS.maxBatch) > 1 && (this.opts.batchWindowMs ?? DEFAULTS.batchWindowMs) > 0 && typeof sendPacket === 'function';
    if (grouped) {
      this.intake = new RequestIntake({
        windowMs: Math.min(INTAKE_WINDOW_MS, this.opts.batchWindowMs ?? DEFAULTS.batchWindowMs),
        maxGroup: (this.opts.maxBatch ?? DEFAULTS.maxBatch) * INTAKE_GROUP_BATCHES,
        decode: (packet) => this.decode(packet),
        reject: (error) => this.reject(error),
        ack: (packet, generation) => {
          // An ack for a PUBLISH from a previous connection would name someone else's packet id.
          if (generation !== this.generation || !client.connected || packet.qos !== 1 || packet.messageId === undefined) return;
          sendPacket.call(client, { cmd: 'puback', messageId: packet.messageId, reasonCode: 0 });
        },
        deps: () => this.handlerDeps(),
        onError: (err) => this.log.error('request group failed', { err: (err as Error).message }),
      });
    }
    client.handleMessage = (packet, done) => {
      if (this.intake) {
        // Deferred ack: an error to mqtt.js means "no PUBACK now"; the intake sends it after the group commit.
        if (!this.stopping) this.intake.push(packet, this.generation);
        done(DEFERRED_ACK);
        return;
      }
      this.onRequest(packet).then(
        () => done(),
        // No PUBACK: the broker keeps the message for this session and the kiosk resends.
        (err: Error) => done(err),
      );
    };
    client.on('connect', () => this.generation++);
    client.on('error', (err) => this.log.warn('mqtt error', { err: err.message }));
    client.on('close', () => {
      // Jitter, so a fleet of workers does not reconnect in lockstep after a broker restart.
      client.options.reconnectPeriod = Math.round(1000 * (0.5 + Math.random()));
    });
    await new Promise<void>((resolve, reject) => {
      // The first connection must work (bad URL, refused, bad credentials → a clear error at start);
      // after that mqtt.js reconnects on its own.
      const onError = (err: Error) => {
        client.end(true);
        reject(err);
      };
      client.once('connect', () => {
        client.off('error', onError);
        resolve();
      });
      client.once('error', onError);
    });
    await client.subscribeAsync(this.subscriptions, { qos: 1 });
    this.log.info('summarizer ready', { subscription: this.subscription, backend: this.opts.backend.name, store: this.opts.store.name });
    await this.leaseTick();
    this.leaseTimer = setInterval(() => void this.leaseTick(), Math.max(50, Math.floor(this.leaseMs / 3)));
  }

  /** Decodes and dispatches one request; resolves when it may be acked. */
  private async onRequest(packet: IPublishPacket): Promise<void> {
    const decoded = this.decode(packet);
    if (!decoded.ok) {
      this.reject(decoded.error);
      return; // acked: redelivering bad input cannot make it good
    }
    if (this.stopping) throw new Error('shutting down'); // leave it unacked for the next worker
    await dispatchRequest(decoded.value, this.handlerDeps());
  }

  private decode(packet: IPublishPacket): CodecResult<DecodedRequest> {
    return decodeRequest({ topic: packet.topic, payload: packet.payload as Buffer, properties: packet.properties }, this.limits);
  }

  /** Bad input: logged with the reason, answered when a job id is known, never stored. */
  private reject(e: CodecError): void {
    this.metrics.rejected.inc({ code: e.code });
    this.log.warn('request rejected', { code: e.code, reason: e.message, jobId: e.jobId, deviceId: e.deviceId });
    if (e.jobId && e.deviceId && e.responseTopic) {
      this.responder!.send(e.deviceId, e.responseTopic, { status: 'error', jobId: e.jobId, code: e.code, message: e.message, retryable: false });
    }
  }

  private handlerDeps(): HandlerDeps {
    return {
      store: this.opts.store,
      responder: this.responder!,
      metrics: this.metrics,
      log: this.log,
      workerId: this.workerId,
      leaseMs: this.leaseMs,
      enqueue: (job) => this.batcher!.add(job),
    };
  }

  /** Renews leases of running jobs and takes over pending jobs whose worker stopped renewing. */
  private async leaseTick(): Promise<void> {
    if (this.stopping) return;
    try {
      const running = [...this.runner!.running];
      if (running.length) await this.opts.store.renew(running, this.workerId, this.leaseMs);
      // Keep the queue short: only take more when there is room for a few batches.
      const room = (this.opts.maxBatch ?? DEFAULTS.maxBatch) * 4 - this.batcher!.size;
      if (room <= 0) return;
      const taken = await this.opts.store.takeOverExpired(this.workerId, this.leaseMs, room);
      for (const r of taken) {
        if (!r.request) continue;
        this.log.info('took over a job whose worker stopped', { jobId: r.jobId, attempts: r.attempts });
        this.metrics.jobs.inc({ outcome: 'taken-over' });
        this.batcher!.add({ request: r.request, responseTopic: r.responseTopic, receivedAt: Date.now() });
      }
    } catch (err) {
      this.log.warn('lease tick failed', { err: (err as Error).message });
    }
  }

  /** Clean shutdown: stop taking requests, finish running batches, flush responses, disconnect. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.leaseTimer) clearInterval(this.leaseTimer);
    const client = this.client;
    if (client?.connected) await client.unsubscribeAsync(this.subscriptions).catch(() => undefined);
    await this.intake?.drain();
    await this.batcher?.drain();
    await this.responder?.flush();
    await client?.endAsync().catch(() => undefined);
    await this.opts.backend.close?.();
    await this.opts.store.close();
    this.log.info('summarizer stopped');
  }
}
