import type { JobKind } from '../contracts/events.ts';
import type { AnswerPayload } from '../contracts/mqtt.ts';
import type { SqliteDb } from './database.ts';
import { OUTBOX_TRANSITIONS, type SummaryOutbox } from './summary-outbox.ts';

export interface IncomingResult {
  jobId: string;
  kind: JobKind;
  text: string;
  model: string;
}

/** What happened to one delivered result; only `stored` wrote anything besides a duplicate count. */
export type ResultOutcome =
  | {
      outcome: 'stored';
      jobId: string;
      kind: JobKind;
      meetingId: string | null;
      /** For an `answer` job: the shopper interaction it was queued for. */
      correlationId: string | null;
    }
  | { outcome: 'duplicate'; jobId: string }
  | { outcome: 'rejected'; jobId: string; reason: string };

/**
 * Commits cloud results exactly once. The inbox row, the summary/answer row and the outbox `done`
 * state are written in ONE transaction, and the caller acks the MQTT message only after it returns:
 * a crash before the commit means redelivery, a crash after it means a duplicate that the inbox
 * recognises (and counts, so tests can prove dedupe was exercised).
 */
export class ResultInbox {
  constructor(
    private readonly db: SqliteDb,
    private readonly outbox: SummaryOutbox,
  ) {}

  /** Stores a result unless it is a duplicate or does not belong to a job of ours. */
  accept(result: IncomingResult): ResultOutcome {
    return this.db
      .transaction((): ResultOutcome => {
        const { jobId } = result;
        const seen = this.db
          .prepare('UPDATE inbox SET duplicates = duplicates + 1 WHERE job_id = ?')
          .run(jobId);
        if (seen.changes > 0) return { outcome: 'duplicate', jobId };
        const job = this.outbox.get(jobId);
        if (!job) return { outcome: 'rejected', jobId, reason: 'unknown job: not in this kiosk outbox' };
        if (job.kind !== result.kind)
          return {
            outcome: 'rejected',
            jobId,
            reason: `kind '${result.kind}' does not match the job's kind '${job.kind}'`,
          };
        if (!OUTBOX_TRANSITIONS[job.state].includes('done'))
          return { outcome: 'rejected', jobId, reason: `job is ${job.state}` };
        const now = new Date().toISOString();
        this.db.prepare('INSERT INTO inbox (job_id, received_at) VALUES (?, ?)').run(jobId, now);
        if (job.kind === 'summarize') {
          // The meeting comes from our own outbox row, never from the message. An on-device draft
          // for this job (source 'device') is replaced: the cloud's result is the meeting's summary.
          this.db
            .prepare(
              `INSERT INTO summaries (meeting_id, job_id, text, model, created_at, source) VALUES (?, ?, ?, ?, ?, 'cloud')
               ON CONFLICT(job_id) DO UPDATE SET text = excluded.text, model = excluded.model,
                 created_at = excluded.created_at, source = 'cloud'`,
            )
            .run(job.meetingId ?? '', jobId, result.text, result.model, now);
        } else {
          this.db
            .prepare(
              'INSERT INTO answers (job_id, question, text, model, created_at, correlation_id) VALUES (?, ?, ?, ?, ?, ?)',
            )
            .run(jobId, (job.payload as AnswerPayload).question, result.text, result.model, now, job.correlationId);
        }
        this.outbox.transition(jobId, 'done', { lastError: null });
        return {
          outcome: 'stored',
          jobId,
          kind: job.kind,
          meetingId: job.meetingId,
          correlationId: job.correlationId,
        };
      })
      .immediate();
  }

  /** How many redelivered results were recognised and ignored, in total. */
  duplicateDeliveries(): number {
    return (this.db.prepare('SELECT coalesce(sum(duplicates), 0) AS n FROM inbox').get() as { n: number }).n;
  }
}
