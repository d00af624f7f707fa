import type { KioskConfig } from '../config/schema.ts';
import type { StageInfo } from '../contracts/audio.ts';
import type { JobState } from '../contracts/events.ts';
import { topics } from '../contracts/mqtt.ts';
import { EngineError } from '../errors/engine-error.ts';
import { faultPoint } from '../faults/fault-point.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import type { EventBus } from '../pipeline/event-bus.ts';
import type { KioskStore } from '../store/kiosk-store.ts';
import type { OutboxJob } from '../store/summary-outbox.ts';
import { jitteredBackoff } from './backoff.ts';
import { handleInbound, type InboundContext, type InboundFaultHooks } from './inbound-responses.ts';
import { encodeRequest } from './job-codec.ts';
import { MqttConnection } from './mqtt-connection.ts';

/** The broker URL without credentials, for status lines and logs. */
function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/** How many job ids one reconcile message carries (keeps each message far below the size limit). */
const RECONCILE_CHUNK = 256;
/** How many due jobs one tick publishes; the rest wait for the next tick. */
const PUBLISH_BATCH = 64;

export interface OffloadClientOptions {
  store: Pick<KioskStore, 'outbox' | 'inbox'>;
  deviceId: string;
  mqtt: KioskConfig['mqtt'] & { url: string };
  offload: KioskConfig['offload'];
  bus?: EventBus;
  logger?: Logger;
  random?: () => number;
  /** How often due jobs, expiry and reconciliation are checked. */
  tickMs?: number;
  reconnect?: { baseMs: number; maxMs: number };
  faults?: InboundFaultHooks;
}

export interface OffloadStats {
  published: number;
  stored: number;
  duplicates: number;
  rejected: number;
  reconciles: number;
}

/**
 * The kiosk side of the job protocol (docs/protocol.md): publishes outbox jobs whenever the broker
 * is reachable, resends with backoff, reconciles on every connect, commits results before their
 * PUBACK, and reports job and connectivity changes on the EventBus for the UI.
 */
export class OffloadClient {
  private readonly connection: MqttConnection;
  private readonly log: Logger;
  private readonly inbound: InboundContext;
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private kickPending = false;
  private nextReconcileAt = 0;
  private readonly inFlight = new Set<string>();
  readonly stats: OffloadStats = { published: 0, stored: 0, duplicates: 0, rejected: 0, reconciles: 0 };

  constructor(private readonly opts: OffloadClientOptions) {
    this.log = opts.logger ?? createLogger('offload', { deviceId: opts.deviceId });
    const limits = { maxPayloadBytes: opts.offload.maxPayloadBytes, compressAboveBytes: opts.offload.compressAboveBytes };
    this.inbound = {
      deviceId: opts.deviceId,
      limits,
      outbox: opts.store.outbox,
      inbox: opts.store.inbox,
      log: this.log,
      now: () => Date.now(),
      resendAt: (attempts) => Date.now() + this.resendDelay(attempts),
      onJobChanged: (job) => this.emitJob(job),
      onSummaryStored: (meetingId, jobId, text) => this.publishEvent({ type: 'summary', correlationId: jobId, meetingId, jobId, text }),
      kick: () => this.kick(),
      ...(opts.faults ? { faults: opts.faults } : {}),
    };
    this.connection = new MqttConnection({
      url: opts.mqtt.url,
      clientId: opts.deviceId,
      username: opts.mqtt.username,
      password: opts.mqtt.password,
      caFile: opts.mqtt.caFile,
      certFile: opts.mqtt.certFile,
      keyFile: opts.mqtt.keyFile,
      sessionExpirySec: opts.offload.sessionExpirySec,
      subscriptions: [topics.response(opts.deviceId)],
      logger: this.log.child({ part: 'mqtt' }),
      ...(opts.random ? { random: opts.random } : {}),
      ...(opts.reconnect ? { reconnectBaseMs: opts.reconnect.baseMs, reconnectMaxMs: opts.reconnect.maxMs } : {}),
      onMessage: async (packet) => {
        const report = handleInbound(packet, this.inbound);
        if (report.outcome === 'stored') this.stats.stored += 1;
        else if (report.outcome === 'duplicate') this.stats.duplicates += 1;
        else if (report.outcome === 'rejected') this.stats.rejected += 1;
        if (report.outcome === 'stored') this.emitConnectivity();
        return report.verdict;
      },
      onOnline: () => {
        this.emitConnectivity();
        this.nextReconcileAt = 0;
        this.kick();
      },
      onOffline: () => this.emitConnectivity(),
    });
  }

  /** Starts the connection loop and the resend/expiry timer. */
  start(): void {
    if (this.timer) return;
    this.connection.start();
    this.timer = setInterval(() => this.kick(), this.opts.tickMs ?? 500);
    this.kick();
  }

  /** Stops timers and closes the session (pending work stays in SQLite for the next start). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.connection.stop();
  }

  /** Describes this stage for /health and `voice-kiosk config` (StageInfo). */
  info(): StageInfo {
    const { online, queued } = this.status();
    return {
      stage: 'offload',
      name: 'mqtt-job-relay',
      ready: online,
      note: `${this.opts.deviceId} → ${redactUrl(this.opts.mqtt.url)}: ${online ? 'online' : 'offline'}, ${queued} queued`,
    };
  }

  /** Whether the broker is reachable right now (the reply router's AnswerOffload.online()). */
  online(): boolean {
    return this.connection.online;
  }

  status(): { online: boolean; queued: number } {
    return { online: this.connection.online, queued: this.opts.store.outbox.openCount() };
  }

  /** Delays the reconnect loop has chosen so far (newest last). */
  reconnectDelays(): readonly number[] {
    return this.connection.reconnectDelays;
  }

  /** Queues a meeting summary and sends it as soon as the broker is reachable. */
  enqueueSummary(meetingId: string): { jobId: string; state: JobState } {
    const job = this.opts.store.outbox.enqueueSummary(meetingId);
    this.afterEnqueue(job);
    return { jobId: job.jobId, state: job.state };
  }

  /** Queues a question for a fuller cloud answer; returns the job id (AnswerOffload.enqueueAnswer). */
  enqueueAnswer(question: string, context?: string): string {
    const job = this.opts.store.outbox.enqueueAnswer(question, context);
    this.afterEnqueue(job);
    return job.jobId;
  }

  /** Staff retry of a failed job (or "send now" for an open one). */
  retry(jobId: string): { jobId: string; state: JobState } {
    const job = this.opts.store.outbox.retry(jobId);
    this.afterEnqueue(job);
    return { jobId: job.jobId, state: job.state };
  }

  private afterEnqueue(job: OutboxJob): void {
    this.emitJob(job);
    this.emitConnectivity();
    this.kick();
  }

  /** Runs one tick soon, coalescing bursts of requests into one. */
  private kick(): void {
    if (this.kickPending) return;
    this.kickPending = true;
    setImmediate(() => {
      this.kickPending = false;
      this.tick().catch((err: unknown) => this.log.error('offload tick failed', { error: EngineError.toData(err).message }));
    });
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      for (const job of this.opts.store.outbox.expire()) {
        this.log.warn('job failed: past maximum age', { jobId: job.jobId });
        this.emitJob(job);
      }
      if (!this.connection.online) return;
      if (Date.now() >= this.nextReconcileAt) await this.reconcile();
      const due = this.opts.store.outbox.due(PUBLISH_BATCH).filter((j) => !this.inFlight.has(j.jobId));
      if (due.length > 0) await this.publishBatch(due);
    } finally {
      this.ticking = false;
    }
  }

  private resendDelay(attempts: number): number {
    return jitteredBackoff(attempts, this.opts.offload.resendBaseMs, this.opts.offload.resendMaxMs, this.opts.random);
  }

  /**
   * Publishes a batch of due jobs. The attempts and next resend times are committed BEFORE the
   * publishes (a kill right after publishing still leads to a resend, never to a job forgotten in
   * `pending`), and the PUBACK outcomes after them, each group in one transaction: with
   * synchronous=FULL every commit is an fsync, so per-job commits would cap the relay at the disk's
   * fsync rate.
   */
  private async publishBatch(jobs: OutboxJob[]): Promise<void> {
    const outbox = this.opts.store.outbox;
    const now = Date.now();
    const attempts = outbox.inTransaction(() =>
      jobs.flatMap((j) => {
        const a = outbox.recordAttempt(j.jobId, now + this.resendDelay(j.attempts + 1));
        return a ? [a] : [];
      }),
    );
    for (const a of attempts) this.inFlight.add(a.jobId);
    try {
      const outcomes = await Promise.all(attempts.map((a) => this.sendAttempt(a, now)));
      const changed = outbox.inTransaction(() =>
        outcomes.flatMap(({ attempt, to, lastError }) => {
          const r = outbox.transition(attempt.jobId, to, { lastError });
          return r && (r.changed || r.job.lastError !== attempt.lastError) ? [r.job] : [];
        }),
      );
      for (const job of changed) this.emitJob(job);
    } finally {
      for (const a of attempts) this.inFlight.delete(a.jobId);
    }
  }

  /** Encodes and publishes one attempt; returns the state change its PUBACK (or failure) calls for. */
  private async sendAttempt(attempt: OutboxJob, now: number): Promise<{ attempt: OutboxJob; to: JobState; lastError: string | null }> {
    const encoded = encodeRequest(
      { op: 'job', jobId: attempt.jobId, deviceId: this.opts.deviceId, kind: attempt.kind, contentHash: attempt.contentHash, createdAt: attempt.createdAt, payload: attempt.payload },
      {
        maxPayloadBytes: this.opts.offload.maxPayloadBytes,
        compressAboveBytes: this.opts.offload.compressAboveBytes,
        attempt: attempt.attempts,
        messageExpirySec: Math.max(1, Math.ceil((attempt.expiresAt - now) / 1000)),
      },
    );
    if (!encoded.ok) return { attempt, to: 'failed', lastError: `${encoded.error.code}: ${encoded.error.message}` };
    try {
      const { reasonCode } = await this.connection.publish(encoded.value.topic, encoded.value.payload, encoded.value.options);
      faultPoint('kiosk.after-publish-before-puback');
      this.stats.published += 1;
      return reasonCode === 16
        ? { attempt, to: attempt.state, lastError: 'no summarizer is subscribed to the broker; will resend' }
        : { attempt, to: 'sent', lastError: null };
    } catch (err) {
      const message = EngineError.toData(err).message;
      this.log.warn('publish failed; will resend', { jobId: attempt.jobId, error: message });
      return { attempt, to: attempt.state, lastError: `publish failed: ${message}` };
    }
  }

  /** Tells the cloud which jobs we still wait on; it replays results or answers `unknown`. */
  private async reconcile(): Promise<void> {
    this.nextReconcileAt = Date.now() + this.opts.offload.reconcileIntervalMs;
    const ids = this.opts.store.outbox.waitingJobIds();
    for (let i = 0; i < ids.length; i += RECONCILE_CHUNK) {
      const encoded = encodeRequest(
        { op: 'reconcile', deviceId: this.opts.deviceId, jobIds: ids.slice(i, i + RECONCILE_CHUNK) },
        { maxPayloadBytes: this.opts.offload.maxPayloadBytes, compressAboveBytes: this.opts.offload.compressAboveBytes },
      );
      if (!encoded.ok) {
        this.log.error('cannot encode reconcile', { error: encoded.error.message });
        return;
      }
      try {
        await this.connection.publish(encoded.value.topic, encoded.value.payload, encoded.value.options);
        this.stats.reconciles += 1;
      } catch (err) {
        this.log.warn('reconcile publish failed', { error: EngineError.toData(err).message });
        this.nextReconcileAt = 0;
        return;
      }
    }
  }

  private publishEvent(event: Parameters<EventBus['publish']>[0] extends infer E ? (E extends unknown ? Omit<E, 'atMs'> : never) : never): void {
    const bus = this.opts.bus;
    if (bus) bus.publish({ ...event, atMs: bus.now() } as Parameters<EventBus['publish']>[0]);
  }

  private emitJob(job: OutboxJob): void {
    const base = { type: 'job' as const, correlationId: job.jobId, jobId: job.jobId, kind: job.kind, state: job.state, attempts: job.attempts };
    this.publishEvent(job.lastError ? { ...base, lastError: job.lastError } : base);
  }

  private emitConnectivity(): void {
    this.publishEvent({ type: 'connectivity', correlationId: 'offload', online: this.connection.online, queued: this.opts.store.outbox.openCount() });
  }
}
