import type { SummaryRow } from '../contracts/api.ts';
import { parseOutline } from '../protocol/summary-outline.ts';
import type { SqliteDb } from './database.ts';

interface DbSummary {
  meeting_id: string;
  job_id: string;
  text: string;
  model: string;
  created_at: string;
  requested_at?: string | null;
}

export interface AnswerRow {
  jobId: string;
  question: string;
  text: string;
  model: string;
  createdAt: string;
}

function toRow(r: DbSummary): SummaryRow {
  return { meetingId: r.meeting_id, jobId: r.job_id, text: r.text, model: r.model, createdAt: r.created_at, outline: parseOutline(r.text), ...(r.requested_at ? { requestedAt: r.requested_at } : {}) };
}

/** Read side of cloud results: summaries (kept forever) and fuller answers, as the staff screen shows them. */
export class SummaryCache {
  constructor(private readonly db: SqliteDb) {}

  /** All summaries, oldest first (the order they arrived), with when each was asked for. */
  list(): SummaryRow[] {
    return (
      this.db
        .prepare('SELECT s.*, o.created_at AS requested_at FROM summaries s LEFT JOIN outbox o ON o.job_id = s.job_id ORDER BY s.id')
        .all() as DbSummary[]
    ).map(toRow);
  }

  /**
   * The meeting's current summary: the one asked for last, not the one that landed last — after an
   * edit, a resend of the older request can arrive after the newer one.
   */
  current(meetingId: string): SummaryRow | null {
    const r = this.db
      .prepare(
        `SELECT s.*, o.created_at AS requested_at FROM summaries s LEFT JOIN outbox o ON o.job_id = s.job_id
        WHERE s.meeting_id = ? ORDER BY coalesce(o.created_at, s.created_at) DESC, s.id DESC LIMIT 1`,
      )
      .get(meetingId) as DbSummary | undefined;
    return r ? toRow(r) : null;
  }

  forMeeting(meetingId: string): SummaryRow[] {
    return (
      this.db
        .prepare('SELECT * FROM summaries WHERE meeting_id = ? ORDER BY id')
        .all(meetingId) as DbSummary[]
    ).map(toRow);
  }

  byJob(jobId: string): SummaryRow | null {
    const r = this.db.prepare('SELECT * FROM summaries WHERE job_id = ?').get(jobId) as DbSummary | undefined;
    return r ? toRow(r) : null;
  }

  /** The fuller answer for an `answer` job, once it has arrived. */
  answer(jobId: string): AnswerRow | null {
    const r = this.db
      .prepare('SELECT job_id, question, text, model, created_at FROM answers WHERE job_id = ?')
      .get(jobId) as
      { job_id: string; question: string; text: string; model: string; created_at: string } | undefined;
    return r
      ? { jobId: r.job_id, question: r.question, text: r.text, model: r.model, createdAt: r.created_at }
      : null;
  }
}
