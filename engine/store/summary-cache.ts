import type { SummaryRow, SummarySource } from '../contracts/api.ts';
import type { SummarizePayload } from '../contracts/mqtt.ts';
import { parseOutline } from '../protocol/summary-outline.ts';
import type { SqliteDb } from './database.ts';

interface DbSummary {
  meeting_id: string;
  job_id: string;
  text: string;
  model: string;
  created_at: string;
  source: SummarySource;
  requested_at?: string | null;
}

export interface AnswerRow {
  jobId: string;
  question: string;
  text: string;
  model: string;
  createdAt: string;
}

/** A summary job the cloud has not answered, with the transcript it was sent (for an on-device draft). */
export interface DraftCandidate {
  jobId: string;
  meetingId: string;
  transcript: string;
}

function toRow(r: DbSummary): SummaryRow {
  return {
    meetingId: r.meeting_id,
    jobId: r.job_id,
    text: r.text,
    model: r.model,
    createdAt: r.created_at,
    source: r.source,
    outline: parseOutline(r.text),
    ...(r.requested_at ? { requestedAt: r.requested_at } : {}),
  };
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

  /**
   * One summary per meeting, oldest meeting first: the newest cloud summary, or — while the cloud
   * has sent none — the newest on-device draft.
   */
  perMeeting(): SummaryRow[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM summaries s WHERE s.id = (
             SELECT t.id FROM summaries t WHERE t.meeting_id = s.meeting_id
             ORDER BY (t.source = 'cloud') DESC, t.id DESC LIMIT 1)
           ORDER BY s.id`,
        )
        .all() as DbSummary[]
    ).map(toRow);
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

  /**
   * Summary jobs queued before `cutoffIso` that the cloud has neither answered nor accepted and that
   * have no summary yet: the ones the kiosk drafts itself.
   */
  awaitingDraft(cutoffIso: string, limit = 16): DraftCandidate[] {
    const rows = this.db
      .prepare(
        `SELECT o.job_id, o.meeting_id, o.payload FROM outbox o
         LEFT JOIN summaries s ON s.job_id = o.job_id
         WHERE o.kind = 'summarize' AND o.state IN ('pending', 'sent', 'failed')
           AND o.created_at <= ? AND s.id IS NULL AND o.meeting_id IS NOT NULL
         ORDER BY o.created_at LIMIT ?`,
      )
      .all(cutoffIso, limit) as { job_id: string; meeting_id: string; payload: string }[];
    return rows.map((r) => ({
      jobId: r.job_id,
      meetingId: r.meeting_id,
      transcript: (JSON.parse(r.payload) as SummarizePayload).transcript,
    }));
  }

  /**
   * Stores an on-device draft for a summary job; returns null (and writes nothing) when a summary
   * for that job is already there — a cloud result is never overwritten by a draft.
   */
  saveDraft(d: { meetingId: string; jobId: string; text: string; model: string }): SummaryRow | null {
    const now = new Date().toISOString();
    const r = this.db
      .prepare(
        `INSERT INTO summaries (meeting_id, job_id, text, model, created_at, source) VALUES (?, ?, ?, ?, ?, 'device')
         ON CONFLICT(job_id) DO NOTHING`,
      )
      .run(d.meetingId, d.jobId, d.text, d.model, now);
    return r.changes > 0 ? this.byJob(d.jobId) : null;
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
