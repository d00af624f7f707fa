import type { OutboxJobRow } from '../contracts/api.ts';
import type { JobKind, JobState } from '../contracts/events.ts';
import type { AnswerPayload, StaffCallPayload, SummarizePayload } from '../contracts/mqtt.ts';

/**
 * The allowed outbox transitions (docs/protocol.md has the diagram). A state staying the same is
 * allowed where a message may legitimately repeat (a second PUBACK or `accepted` for a resend).
 * `done` is final: nothing may take a delivered result away.
 */
export const OUTBOX_TRANSITIONS: Readonly<Record<JobState, readonly JobState[]>> = {
  pending: ['pending', 'sent', 'accepted', 'done', 'failed'],
  sent: ['sent', 'accepted', 'done', 'pending', 'failed'],
  accepted: ['accepted', 'done', 'pending', 'failed'],
  failed: ['pending', 'done'],
  done: [],
};

/** Jobs still owed a result: the ones the relay publishes and reconciles. */
export const OPEN_STATES: readonly JobState[] = ['pending', 'sent', 'accepted'];

/** Everything the relay needs to (re)send one job. */
export interface OutboxJob extends OutboxJobRow {
  payload: SummarizePayload | AnswerPayload | StaffCallPayload;
  contentHash: string;
  nextAttemptAt: number;
  expiresAt: number;
  /** The shopper interaction an `answer` job was queued for (null for summaries and older rows). */
  correlationId: string | null;
}

export interface DbJob {
  job_id: string;
  kind: JobKind;
  meeting_id: string | null;
  payload: string;
  content_hash: string;
  state: JobState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: string;
  expires_at: number;
  correlation_id: string | null;
}

export function toJob(r: DbJob): OutboxJob {
  return {
    jobId: r.job_id,
    kind: r.kind,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    meetingId: r.meeting_id,
    payload: JSON.parse(r.payload) as SummarizePayload | AnswerPayload | StaffCallPayload,
    contentHash: r.content_hash,
    nextAttemptAt: r.next_attempt_at,
    expiresAt: r.expires_at,
    correlationId: r.correlation_id ?? null,
  };
}

/** The public row (no payload): what the staff screen and `voice-kiosk outbox` show. */
export function toOutboxRow(j: OutboxJob): OutboxJobRow {
  return {
    jobId: j.jobId,
    kind: j.kind,
    state: j.state,
    attempts: j.attempts,
    lastError: j.lastError,
    createdAt: j.createdAt,
    meetingId: j.meetingId,
  };
}
