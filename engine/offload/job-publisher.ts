import type { KioskConfig } from '../contracts/config.ts';
import type { AnswerPayload, SummarizePayload } from '../contracts/mqtt.ts';
import type { JobState } from '../contracts/events.ts';
import { EngineError } from '../errors/engine-error.ts';
import { faultPoint } from '../faults/fault-point.ts';
import type { Logger } from '../log/logger.ts';
import type { OutboxJob, SummaryOutbox } from '../store/summary-outbox.ts';
import { encodeRequest, MAX_RECONCILE_IDS } from '../protocol/job-codec.ts';
import type { MqttConnection } from './mqtt-connection.ts';
import { publishStaffCall } from './staff-call-publish.ts';

/** How many job ids one reconcile message carries: the most a worker accepts (the codec's cap). */
const RECONCILE_CHUNK = MAX_RECONCILE_IDS;

export interface OffloadStats {
  published: number;
  stored: number;
  duplicates: number;
  rejected: number;
  reconciles: number;
}

export interface JobPublisherDeps {
  outbox: SummaryOutbox;
  deviceId: string;
  offload: KioskConfig['offload'];
  connection: Pick<MqttConnection, 'publish'>;
  log: Logger;
  stats: OffloadStats;
  /** Delay before resend number `attempts` (jittered backoff). */
  resendDelay(attempts: number): number;
  onJobChanged(job: OutboxJob): void;
}

/** The outbound half of the relay: publishes due jobs and reconcile requests, records PUBACK outcomes. */
export class JobPublisher {
  /** Jobs being published right now, so a tick overlapping a slow PUBACK does not send them twice. */
  readonly inFlight = new Set<string>();

  constructor(private readonly deps: JobPublisherDeps) {}

  /**
   * Publishes a batch of due jobs. The attempts and next resend times are committed BEFORE the
   * publishes (a kill right after publishing still leads to a resend, never to a job forgotten in
   * `pending`), and the PUBACK outcomes after them, each group in one transaction: with
   * synchronous=FULL every commit is an fsync, so per-job commits would cap the relay at the disk's
   * fsync rate.
   */
  async publishBatch(jobs: OutboxJob[]): Promise<void> {
    const outbox = this.deps.outbox;
    const now = Date.now();
    const attempts = outbox.inTransaction(() =>
      jobs.flatMap((j) => {
        const a = outbox.recordAttempt(j.jobId, now + this.deps.resendDelay(j.attempts + 1));
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
      for (const job of changed) this.deps.onJobChanged(job);
    } finally {
      for (const a of attempts) this.inFlight.delete(a.jobId);
    }
  }

  /** Encodes and publishes one attempt; returns the state change its PUBACK (or failure) calls for. */
  private async sendAttempt(
    attempt: OutboxJob,
    now: number,
  ): Promise<{ attempt: OutboxJob; to: JobState; lastError: string | null }> {
    if (attempt.kind === 'staff-call') return publishStaffCall(this.deps, attempt);
    const encoded = encodeRequest(
      {
        op: 'job',
        jobId: attempt.jobId,
        deviceId: this.deps.deviceId,
        kind: attempt.kind,
        contentHash: attempt.contentHash,
        createdAt: attempt.createdAt,
        payload: attempt.payload as SummarizePayload | AnswerPayload,
      },
      {
        maxPayloadBytes: this.deps.offload.maxPayloadBytes,
        compressAboveBytes: this.deps.offload.compressAboveBytes,
        attempt: attempt.attempts,
        messageExpirySec: Math.max(1, Math.ceil((attempt.expiresAt - now) / 1000)),
      },
    );
    if (!encoded.ok)
      return { attempt, to: 'failed', lastError: `${encoded.error.code}: ${encoded.error.message}` };
    try {
      const { reasonCode } = await this.deps.connection.publish(
        encoded.value.topic,
        encoded.value.payload,
        encoded.value.options,
      );
      faultPoint('kiosk.after-publish-before-puback');
      this.deps.stats.published += 1;
      return reasonCode === 16
        ? { attempt, to: attempt.state, lastError: 'no summarizer is subscribed to the broker; will resend' }
        : { attempt, to: 'sent', lastError: null };
    } catch (err) {
      const message = EngineError.toData(err).message;
      this.deps.log.warn('publish failed; will resend', { jobId: attempt.jobId, error: message });
      return { attempt, to: attempt.state, lastError: `publish failed: ${message}` };
    }
  }

  /** Tells the cloud which jobs we still wait on; it replays results or answers `unknown`. */
  async reconcile(): Promise<boolean> {
    const ids = this.deps.outbox.waitingJobIds();
    for (let i = 0; i < ids.length; i += RECONCILE_CHUNK) {
      const encoded = encodeRequest(
        { op: 'reconcile', deviceId: this.deps.deviceId, jobIds: ids.slice(i, i + RECONCILE_CHUNK) },
        {
          maxPayloadBytes: this.deps.offload.maxPayloadBytes,
          compressAboveBytes: this.deps.offload.compressAboveBytes,
        },
      );
      if (!encoded.ok) {
        this.deps.log.error('cannot encode reconcile', { error: encoded.error.message });
        return false;
      }
      try {
        await this.deps.connection.publish(encoded.value.topic, encoded.value.payload, encoded.value.options);
        this.deps.stats.reconciles += 1;
      } catch (err) {
        this.deps.log.warn('reconcile publish failed', { error: EngineError.toData(err).message });
        return false;
      }
    }
    return true;
  }
}
