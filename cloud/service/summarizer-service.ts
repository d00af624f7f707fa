import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import mqtt, { type IClientOptions, type IPublishPacket, type MqttClient } from 'mqtt';
import type { StageInfo } from '../../engine/contracts/audio.ts';
import { createLogger, type Logger } from '../../engine/log/logger.ts';
import { decodeRequest, type CodecLimits } from '../../engine/offload/job-codec.ts';
import type { SummaryBackend } from '../backends/backend.ts';
import type { JobStore } from '../store/job-store.ts';
import { BatchRunner, type ClaimedJob } from './batch-runner.ts';
import { JobBatcher } from './batcher.ts';
import { dispatchRequest, type HandlerDeps } from './message-handlers.ts';
import { SummarizerMetrics } from './metrics.ts';
import { Responder } from './responder.ts';

export interface SummarizerOptions {
  mqttUrl: string;
  /** Extra mqtt.js options (TLS files, username/password). */
  mqttOptions?: IClientOptions;
  /** Shared subscription group; workers in one group split the requests. */
  group?: string;
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

export const DEFAULTS = { group: 'summarizers', batchWindowMs: 100, maxBatch: 16, concurrency: 4, leaseMs: 30_000, maxPayloadBytes: 4 * 1024 * 1024, compressAboveBytes: 16 * 1024 };

/**
 * The cloud summarizer worker: takes job requests from a shared MQTT subscription, claims each in the
 * job store BEFORE its PUBACK (so a kill after the ack loses nothing), batches claimed jobs towards the
 * backend, stores outcomes, answers on the device's response topic, and takes over jobs whose worker died.
 */
export class SummarizerService {
  readonly workerId: string;
  readonly metrics: SummarizerMetrics;
  private readonly log: Logger;
  private readonly limits: CodecLimits;
  private client: MqttClient | null = null;
  private responder: Responder | null = null;
  private batcher: JobBatcher<ClaimedJob> | null = null;
  private runner: BatchRunner | null = null;
  private leaseTimer: NodeJS.Timeout | null = null;
  private stopping = false;
  private readonly leaseMs: number;

  constructor(private readonly opts: SummarizerOptions) {
    this.workerId = opts.clientId ?? `summarizer-${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.metrics = opts.metrics ?? new SummarizerMetrics();
    this.log = (opts.logger ?? createLogger('summarizer')).child({ worker: this.workerId });
    this.limits = { maxPayloadBytes: opts.limits?.maxPayloadBytes ?? DEFAULTS.maxPayloadBytes, compressAboveBytes: opts.limits?.compressAboveBytes ?? DEFAULTS.compressAboveBytes };
    this.leaseMs = opts.leaseMs ?? DEFAULTS.leaseMs;
  }

  get subscription(): string {
    return `$share/${this.opts.group ?? DEFAULTS.group}/kiosk/v1/+/req`;
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
      clientId: this.workerId,
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
    client.handleMessage = (packet, done) => {
      this.onRequest(packet).then(
        () => done(),
        // No PUBACK: the broker keeps the message for this session and the kiosk resends.
        (err: Error) => done(err),
      );
    };
    client.on('error', (err) => this.log.warn('mqtt error', { err: err.message }));
    client.on('close', () => {
      // Jitter, so a fleet of workers does not reconnect in lockstep after a broker restart.
      client.options.reconnectPeriod = Math.round(1000 * (0.5 + Math.random()));
    });
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      client.once('connect', () => {
        client.off('error', onError);
        resolve();
      });
      client.once('error', onError);
    });
    await client.subscribeAsync(this.subscription, { qos: 1 });
    this.log.info('summarizer ready', { subscription: this.subscription, backend: this.opts.backend.name, store: this.opts.store.name });
    await this.leaseTick();
    this.leaseTimer = setInterval(() => void this.leaseTick(), Math.max(50, Math.floor(this.leaseMs / 3)));
  }

  /** Decodes and dispatches one request; resolves when it may be acked. */
  private async onRequest(packet: IPublishPacket): Promise<void> {
    const decoded = decodeRequest({ topic: packet.topic, payload: packet.payload as Buffer, properties: packet.properties }, this.limits);
    if (!decoded.ok) {
      const e = decoded.error;
      this.metrics.rejected.inc({ code: e.code });
      this.log.warn('request rejected', { code: e.code, reason: e.message, jobId: e.jobId, deviceId: e.deviceId, topic: packet.topic });
      if (e.jobId && e.deviceId && e.responseTopic) {
        this.responder!.send(e.deviceId, e.responseTopic, { status: 'error', jobId: e.jobId, code: e.code, message: e.message, retryable: false });
      }
      return; // acked: redelivering bad input cannot make it good
    }
    if (this.stopping) throw new Error('shutting down'); // leave it unacked for the next worker
    await dispatchRequest(decoded.value, this.handlerDeps());
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
    if (client?.connected) await client.unsubscribeAsync(this.subscription).catch(() => undefined);
    await this.batcher?.drain();
    await this.responder?.flush();
    await client?.endAsync().catch(() => undefined);
    await this.opts.backend.close?.();
    await this.opts.store.close();
    this.log.info('summarizer stopped');
  }
}
