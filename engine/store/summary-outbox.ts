import { randomUUID } from 'node:crypto';
import type { JobKind, JobState } from '../contracts/events.ts';
import type { AnswerPayload, StaffCallPayload, SummarizePayload } from '../contracts/mqtt.ts';
import { EngineError } from '../errors/engine-error.ts';
import { faultPoint } from '../faults/fault-point.ts';
import { jobContentHash } from '../protocol/job-codec.ts';
import type { SqliteDb } from './database.ts';
import type { MeetingRepository } from './meeting-repository.ts';
import { OUTBOX_TRANSITIONS, toJob, type DbJob, type OutboxJob } from './outbox-job.ts';

export { OPEN_STATES, OUTBOX_TRANSITIONS, toOutboxRow, type OutboxJob } from './outbox-job.ts';

export interface OutboxOptions {
  maxJobAgeMs: number;
  maxPayloadBytes: number;
  now?: () => number;
}

/** Room left in the size limit for the request envelope around the payload (ids, hash, dates). */
const ENVELOPE_BYTES = 1024;

/**
 * The durable queue of cloud jobs (summaries, fuller answers). Every state change goes through the
 * transition table, so a late or repeated message can never move a job backwards.
 */
export class SummaryOutbox {
  private readonly now: () => number;

  constructor(
    private readonly db: SqliteDb,
    private readonly meetings: MeetingRepository,
    private readonly opts: OutboxOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  /**
   * Queues a summary of a meeting's transcript. Asking twice for an unchanged transcript returns the
   * same job (a failed one is retried), so a double tap on "Summarize" never costs two cloud calls.
   */
  enqueueSummary(meetingId: string): OutboxJob {
    const job = this.inTransaction(() => this.enqueueSummaryNow(meetingId));
    faultPoint('kiosk.after-enqueue'); // after the commit: the job is durable, not yet published
    return job;
  }

  private enqueueSummaryNow(meetingId: string): OutboxJob {
    const meeting = this.meetings.require(meetingId);
    const transcript = this.meetings.transcript(meetingId);
    if (!transcript)
      throw new EngineError('bad-input', `meeting ${meetingId} has no transcript to summarize`, {
        stage: 'offload',
        detail: { meetingId },
      });
    const payload: SummarizePayload = { meetingId, title: meeting.title, transcript };
    const hash = jobContentHash('summarize', payload);
    const existing = this.db
      .prepare(
        "SELECT * FROM outbox WHERE meeting_id = ? AND content_hash = ? AND kind = 'summarize' ORDER BY created_at DESC LIMIT 1",
      )
      .get(meetingId, hash) as DbJob | undefined;
    if (existing) return existing.state === 'failed' ? this.retryNow(existing.job_id) : toJob(existing);
    return this.insert('summarize', payload, hash, meetingId);
  }

  /**
   * Queues a question for a fuller cloud answer; returns the job. `correlationId` names the shopper
   * interaction it is for, so the answer can replace the one on screen and be stored with it.
   */
  enqueueAnswer(question: string, context?: string, correlationId?: string): OutboxJob {
    const q = typeof question === 'string' ? question.trim() : '';
    if (!q) throw new EngineError('bad-input', 'an answer job needs a question', { stage: 'offload' });
    const payload: AnswerPayload = context ? { question: q, context } : { question: q };
    const job = this.insert('answer', payload, jobContentHash('answer', payload), null, correlationId ?? null);
    faultPoint('kiosk.after-enqueue');
    return job;
  }

  /**
   * Queues a staff-call notice for phones and pagers. It travels like any job (durable, sent when the
   * broker is reachable) but to its own topic, and is done at the broker's PUBACK: no cloud answers it.
   */
  enqueueStaffCall(payload: StaffCallPayload): OutboxJob {
    const job = this.insert('staff-call', payload, jobContentHash('staff-call', payload), null);
    faultPoint('kiosk.after-enqueue');
    return job;
  }

  private insert(
    kind: JobKind,
    payload: SummarizePayload | AnswerPayload | StaffCallPayload,
    hash: string,
    meetingId: string | null,
    correlationId: string | null = null,
  ): OutboxJob {
    const body = JSON.stringify(payload);
    const bytes = Buffer.byteLength(body) + ENVELOPE_BYTES;
    if (bytes > this.opts.maxPayloadBytes) {
      throw new EngineError(
        'too-large',
        `job payload is ${bytes} bytes, above the ${this.opts.maxPayloadBytes}-byte limit; nothing was queued`,
        {
          stage: 'offload',
          detail: { meetingId, bytes, limit: this.opts.maxPayloadBytes },
        },
      );
    }
    const now = this.now();
    const jobId = randomUUID();
    this.db
      .prepare(
        `INSERT INTO outbox (job_id, kind, meeting_id, payload, content_hash, state, attempts, next_attempt_at, created_at, updated_at, expires_at, correlation_id)
        VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?)`,
      )
      .run(
        jobId,
        kind,
        meetingId,
        body,
        hash,
        now,
        new Date(now).toISOString(),
        new Date(now).toISOString(),
        now + this.opts.maxJobAgeMs,
        correlationId,
      );
    return this.require(jobId);
  }

  /** Runs several outbox changes as one transaction (one fsync instead of one per job). */
  inTransaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  get(jobId: string): OutboxJob | null {
    const r = this.db.prepare('SELECT * FROM outbox WHERE job_id = ?').get(jobId) as DbJob | undefined;
    return r ? toJob(r) : null;
  }

  /** Like get(), but a missing job is a not-found error naming it. */
  require(jobId: string): OutboxJob {
    const j = this.get(jobId);
    if (!j)
      throw new EngineError('not-found', `no job ${jobId} in the outbox`, {
        stage: 'offload',
        detail: { jobId },
      });
    return j;
  }

  /** All jobs, newest first. */
  list(limit = 500): OutboxJob[] {
    return (
      this.db
        .prepare('SELECT * FROM outbox ORDER BY created_at DESC, rowid DESC LIMIT ?')
        .all(limit) as DbJob[]
    ).map(toJob);
  }

  /** Open jobs whose (re)send time has come, oldest first. */
  due(limit = 50, now = this.now()): OutboxJob[] {
    return (
      this.db
        .prepare(
          "SELECT * FROM outbox WHERE state IN ('pending','sent','accepted') AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at LIMIT ?",
        )
        .all(now, limit) as DbJob[]
    ).map(toJob);
  }

  /** Ids of jobs published and waiting for a result: what reconciliation asks the cloud about. */
  waitingJobIds(): string[] {
    return (
      this.db
        .prepare("SELECT job_id FROM outbox WHERE state IN ('sent','accepted') ORDER BY created_at")
        .all() as { job_id: string }[]
    ).map((r) => r.job_id);
  }

  /** Jobs still owed a result (the `queued` figure of connectivity events). */
  openCount(): number {
    return (
      this.db
        .prepare("SELECT count(*) AS n FROM outbox WHERE state IN ('pending','sent','accepted')")
        .get() as { n: number }
    ).n;
  }

  /** Records a send attempt before publishing: attempts+1 and when to try again if no answer comes. */
  recordAttempt(jobId: string, nextAttemptAt: number): OutboxJob | null {
    const r = this.db
      .prepare(
        `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, updated_at = ?
        WHERE job_id = ? AND state IN ('pending','sent','accepted') RETURNING *`,
      )
      .get(nextAttemptAt, new Date(this.now()).toISOString(), jobId) as DbJob | undefined;
    return r ? toJob(r) : null;
  }

  /**
   * Moves a job to `to` if the table allows it; returns the job after the change, or null when the
   * job is unknown or the move is refused (e.g. a PUBACK arriving after the result).
   */
  transition(
    jobId: string,
    to: JobState,
    patch: { lastError?: string | null; nextAttemptAt?: number } = {},
  ): { job: OutboxJob; changed: boolean } | null {
    // IMMEDIATE: a deferred read-then-write fails at once with SQLITE_BUSY_SNAPSHOT (busy_timeout does
    // not apply) whenever another process — the staff CLI — committed in between.
    return this.db
      .transaction(() => {
        const cur = this.get(jobId);
        if (!cur || !OUTBOX_TRANSITIONS[cur.state].includes(to)) return null;
        const lastError = patch.lastError === undefined ? cur.lastError : patch.lastError;
        const next = patch.nextAttemptAt ?? cur.nextAttemptAt;
        this.db
          .prepare(
            'UPDATE outbox SET state = ?, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE job_id = ?',
          )
          .run(to, lastError, next, new Date(this.now()).toISOString(), jobId);
        return { job: this.require(jobId), changed: cur.state !== to };
      })
      .immediate();
  }

  /** Open jobs past their maximum age become `failed` (visible, retryable); returns them. */
  expire(now = this.now()): OutboxJob[] {
    const rows = this.db
      .prepare(
        `UPDATE outbox SET state = 'failed', last_error = 'expired: no result within the maximum job age', updated_at = ?
        WHERE state IN ('pending','sent','accepted') AND expires_at <= ? RETURNING *`,
      )
      .all(new Date(now).toISOString(), now) as DbJob[];
    return rows.map(toJob);
  }

  /**
   * Staff retry: a failed job goes back to `pending` with a fresh maximum age and attempt count; an
   * open job is simply sent again now. A done job cannot be retried.
   */
  retry(jobId: string): OutboxJob {
    return this.inTransaction(() => this.retryNow(jobId));
  }

  private retryNow(jobId: string): OutboxJob {
    const job = this.require(jobId);
    const now = this.now();
    if (job.state === 'done') {
      throw new EngineError('conflict', `job ${jobId} is already done`, {
        stage: 'offload',
        detail: { jobId },
      });
    }
    if (job.state === 'failed') {
      this.db
        .prepare(
          "UPDATE outbox SET state = 'pending', attempts = 0, last_error = NULL, next_attempt_at = ?, expires_at = ?, updated_at = ? WHERE job_id = ?",
        )
        .run(now, now + this.opts.maxJobAgeMs, new Date(now).toISOString(), jobId);
    } else {
      this.db
        .prepare('UPDATE outbox SET next_attempt_at = ?, updated_at = ? WHERE job_id = ?')
        .run(now, new Date(now).toISOString(), jobId);
    }
    return this.require(jobId);
  }
}
