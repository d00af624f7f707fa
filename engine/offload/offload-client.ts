import type { KioskConfig } from '../contracts/config.ts';
import type { StageInfo } from '../contracts/audio.ts';
import type { EventSink, JobState, PipelineEvent } from '../contracts/events.ts';
import { topics, type StaffCallPayload } from '../contracts/mqtt.ts';
import { EngineError } from '../errors/engine-error.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import type { KioskStore } from '../store/kiosk-store.ts';
import type { OutboxJob } from '../store/summary-outbox.ts';
import { jitteredBackoff } from './backoff.ts';
import { handleInbound, type InboundContext, type InboundFaultHooks } from './inbound-responses.ts';
import { JobPublisher, type OffloadStats } from './job-publisher.ts';
import { MqttConnection } from './mqtt-connection.ts';

/** The broker URL without credentials, for status lines and logs. */
function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/** How many due jobs one tick publishes; the rest wait for the next tick. */
const PUBLISH_BATCH = 64;

export interface OffloadClientOptions {
  store: Pick<KioskStore, 'outbox' | 'inbox'>;
  deviceId: string;
  mqtt: KioskConfig['mqtt'] & { url: string };
  offload: KioskConfig['offload'];
  bus?: EventSink;
  logger?: Logger;
  random?: () => number;
  /** How often due jobs, expiry and reconciliation are checked. */
  tickMs?: number;
  reconnect?: { baseMs: number; maxMs: number };
  faults?: InboundFaultHooks;
}

export type { OffloadStats } from './job-publisher.ts';

/**
 * The kiosk side of the job protocol (docs/protocol.md): publishes outbox jobs whenever the broker
 * is reachable, resends with backoff, reconciles on every connect, commits results before their
 * PUBACK, and reports job and connectivity changes on the event sink (the EventBus) for the UI.
 */
export class OffloadClient {
  private readonly connection: MqttConnection;
  private readonly log: Logger;
  private readonly inbound: InboundContext;
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private kickPending = false;
  private nextReconcileAt = 0;
  private readonly publisher: JobPublisher;
  readonly stats: OffloadStats = { published: 0, stored: 0, duplicates: 0, rejected: 0, reconciles: 0 };

  constructor(private readonly opts: OffloadClientOptions) {
    this.log = opts.logger ?? createLogger('offload', { deviceId: opts.deviceId });
    const limits = {
      maxPayloadBytes: opts.offload.maxPayloadBytes,
      compressAboveBytes: opts.offload.compressAboveBytes,
    };
    this.inbound = {
      deviceId: opts.deviceId,
      limits,
      outbox: opts.store.outbox,
      inbox: opts.store.inbox,
      log: this.log,
      now: () => Date.now(),
      resendAt: (attempts) => Date.now() + this.resendDelay(attempts),
      onJobChanged: (job) => this.emitJob(job),
      onSummaryStored: (meetingId, jobId, text) =>
        this.publishEvent({ type: 'summary', correlationId: jobId, meetingId, jobId, text, source: 'cloud' }),
      onAnswerStored: (correlationId, jobId, text) =>
        this.publishEvent({ type: 'fuller-answer', correlationId, jobId, text }),
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
      ...(opts.reconnect
        ? { reconnectBaseMs: opts.reconnect.baseMs, reconnectMaxMs: opts.reconnect.maxMs }
        : {}),
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
    this.publisher = new JobPublisher({
      outbox: opts.store.outbox,
      deviceId: opts.deviceId,
      offload: opts.offload,
      connection: this.connection,
      log: this.log,
      stats: this.stats,
      resendDelay: (attempts) => this.resendDelay(attempts),
      onJobChanged: (job) => {
        this.emitJob(job);
        // A staff call is finished at its PUBACK, not by an inbound result: the queue count changes here.
        if (job.kind === 'staff-call') this.emitConnectivity();
      },
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

  /**
   * Queues a question for a fuller cloud answer; returns the job id (AnswerOffload.enqueueAnswer).
   * With the interaction's correlation id, the answer comes back as a `fuller-answer` event for it.
   */
  enqueueAnswer(question: string, context?: string, correlationId?: string): string {
    const job = this.opts.store.outbox.enqueueAnswer(question, context, correlationId);
    this.afterEnqueue(job);
    return job.jobId;
  }

  /** Queues a staff-call notice for phones and pagers; sent at once when online. */
  enqueueStaffCall(payload: StaffCallPayload): { jobId: string; state: JobState } {
    const job = this.opts.store.outbox.enqueueStaffCall(payload);
    this.afterEnqueue(job);
    return { jobId: job.jobId, state: job.state };
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
      this.tick().catch((err: unknown) =>
        this.log.error('offload tick failed', { error: EngineError.toData(err).message }),
      );
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
      if (Date.now() >= this.nextReconcileAt) {
        this.nextReconcileAt = Date.now() + this.opts.offload.reconcileIntervalMs;
        if (!(await this.publisher.reconcile())) this.nextReconcileAt = 0;
      }
      const due = this.opts.store.outbox
        .due(PUBLISH_BATCH)
        .filter((j) => !this.publisher.inFlight.has(j.jobId));
      if (due.length > 0) await this.publisher.publishBatch(due);
    } finally {
      this.ticking = false;
    }
  }

  private resendDelay(attempts: number): number {
    return jitteredBackoff(
      attempts,
      this.opts.offload.resendBaseMs,
      this.opts.offload.resendMaxMs,
      this.opts.random,
    );
  }

  private publishEvent(
    event: PipelineEvent extends infer E
      ? E extends unknown
        ? Omit<E, 'atMs'>
        : never
      : never,
  ): void {
    const bus = this.opts.bus;
    if (bus) bus.publish({ ...event, atMs: bus.now() } as PipelineEvent);
  }

  private emitJob(job: OutboxJob): void {
    const base = {
      type: 'job' as const,
      correlationId: job.jobId,
      jobId: job.jobId,
      kind: job.kind,
      state: job.state,
      attempts: job.attempts,
    };
    this.publishEvent(job.lastError ? { ...base, lastError: job.lastError } : base);
  }

  private emitConnectivity(): void {
    this.publishEvent({
      type: 'connectivity',
      correlationId: 'offload',
      online: this.connection.online,
      queued: this.opts.store.outbox.openCount(),
    });
  }
}
