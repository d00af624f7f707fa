import type { EventSink } from '../contracts/events.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { Logger } from '../log/logger.ts';
import type { KioskStore } from '../store/kiosk-store.ts';
import type { SummaryRow } from '../contracts/api.ts';
import { formatOutline } from '../protocol/summary-outline.ts';
import { ExtractiveThread } from '../summarize/extractive-thread.ts';

export interface DeviceDraftOptions {
  store: Pick<KioskStore, 'summaries'>;
  /** A summary job with no answer from the cloud for this long gets a draft. */
  afterMs: number;
  bus?: EventSink;
  log: Logger;
  now?: () => number;
  /** How often to look for jobs to draft (default: a quarter of afterMs, between 250 ms and 30 s). */
  checkEveryMs?: number;
}

/**
 * Makes the on-device draft of a meeting summary when the cloud stays unreachable: a summary job the
 * cloud has neither answered nor accepted for `afterMs` gets the extractive outline of the transcript
 * it was sent with (gist, decisions, action items: the same the cloud's extractive backend writes), computed here directly (never through the broker) and stored as source 'device'.
 * The job stays queued: the cloud's result, when it lands, replaces the draft (ResultInbox).
 */
export class DeviceDrafts {
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;
  /** TextRank on a long meeting takes hundreds of ms: off the event loop that carries audio and the UI. */
  private readonly thread = new ExtractiveThread();
  private sweeping: Promise<unknown> | null = null;

  constructor(private readonly opts: DeviceDraftOptions) {
    this.now = opts.now ?? Date.now;
  }

  start(): void {
    if (this.timer) return;
    const every = this.opts.checkEveryMs ?? Math.min(30_000, Math.max(250, Math.floor(this.opts.afterMs / 4)));
    this.timer = setInterval(() => this.sweepSafely(), every);
    this.timer.unref();
    this.sweepSafely();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping?.catch(() => undefined);
    await this.thread.close();
  }

  /** Drafts every job that has waited past the limit; returns the drafts stored. */
  async sweep(): Promise<SummaryRow[]> {
    const cutoff = new Date(this.now() - this.opts.afterMs).toISOString();
    const stored: SummaryRow[] = [];
    for (const job of this.opts.store.summaries.awaitingDraft(cutoff)) {
      const draft = await this.thread.summarize(job.transcript);
      if (!draft.ok) {
        // Nothing to draft from (the cloud would refuse it too); leave the job to the cloud's answer.
        this.opts.log.info('no device draft', { jobId: job.jobId, meetingId: job.meetingId, reason: draft.reason });
        continue;
      }
      // saveDraft does nothing when the cloud's result landed while we were computing.
      const row = this.opts.store.summaries.saveDraft({
        meetingId: job.meetingId,
        jobId: job.jobId,
        text: formatOutline(draft.outline),
        model: draft.model,
      });
      if (!row) continue;
      stored.push(row);
      this.opts.log.info('device draft summary stored', { jobId: job.jobId, meetingId: job.meetingId });
      const bus = this.opts.bus;
      bus?.publish({
        type: 'summary',
        correlationId: job.jobId,
        atMs: bus.now(),
        meetingId: job.meetingId,
        jobId: job.jobId,
        text: row.text,
        source: 'device',
      });
    }
    return stored;
  }

  private sweepSafely(): void {
    if (this.sweeping) return;
    this.sweeping = this.sweep()
      .catch((err: unknown) =>
        this.opts.log.error('device draft sweep failed', { error: EngineError.toData(err, 'offload').message }),
      )
      .finally(() => (this.sweeping = null));
  }
}
