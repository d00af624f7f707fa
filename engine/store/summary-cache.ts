import type { SummaryRow } from '../contracts/api.ts';
import { parseOutline } from '../protocol/summary-outline.ts';
import type { SqliteDb } from './database.ts';

interface DbSummary {
  meeting_id: string;
  job_id: string;
  text: string;
  model: string;
  created_at: string;
}

export interface AnswerRow {
  jobId: string;
  question: string;
  text: string;
  model: string;
  createdAt: string;
}

function toRow(r: DbSummary): SummaryRow {
  return { meetingId: r.meeting_id, jobId: r.job_id, text: r.text, model: r.model, createdAt: r.created_at, outline: parseOutline(r.text) };
}

/** Read side of cloud results: summaries (kept forever) and fuller answers, as the staff screen shows them. */
export class SummaryCache {
  constructor(private readonly db: SqliteDb) {}

  /** All summaries, oldest first (the order they arrived). */
  list(): SummaryRow[] {
    return (this.db.prepare('SELECT * FROM summaries ORDER BY id').all() as DbSummary[]).map(toRow);
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
