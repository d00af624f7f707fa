import { randomUUID } from 'node:crypto';
import type { MeetingLine, MeetingRow } from '../contracts/api.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { SqliteDb } from './database.ts';

interface DbMeeting {
  id: string;
  title: string;
  staff: string | null;
  started_at: string;
  ended_at: string | null;
  end_reason: string | null;
  segments: number;
}

const SELECT_MEETING = `SELECT m.*, (SELECT count(*) FROM meeting_segments s WHERE s.meeting_id = m.id) AS segments FROM meetings m`;

function toRow(r: DbMeeting): MeetingRow {
  return {
    id: r.id,
    title: r.title,
    staff: r.staff,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    segments: r.segments,
    endReason: r.end_reason,
  };
}

/** Staff meetings and their transcript segments: what a summary job is built from. */
export class MeetingRepository {
  constructor(private readonly db: SqliteDb) {}

  /** Opens a meeting; the id is a fresh UUID unless one is given. */
  start(opts: { title: string; staff?: string | null; id?: string; startedAt?: Date }): MeetingRow {
    const title = opts.title?.trim();
    if (!title) throw new EngineError('bad-input', 'a meeting needs a title', { stage: 'store' });
    const id = opts.id ?? randomUUID();
    this.db
      .prepare('INSERT INTO meetings (id, title, staff, started_at) VALUES (?, ?, ?, ?)')
      .run(id, title, opts.staff ?? null, (opts.startedAt ?? new Date()).toISOString());
    return this.require(id);
  }

  /** Closes a meeting (idempotent: stopping twice keeps the first end time and reason). */
  stop(meetingId: string, reason = 'stopped'): MeetingRow {
    this.require(meetingId);
    this.db
      .prepare(
        'UPDATE meetings SET end_reason = CASE WHEN ended_at IS NULL THEN ? ELSE end_reason END, ended_at = coalesce(ended_at, ?) WHERE id = ?',
      )
      .run(reason, new Date().toISOString(), meetingId);
    return this.require(meetingId);
  }

  /** Meetings never stopped (the kiosk was killed or lost power while one recorded). */
  open(): MeetingRow[] {
    return (this.db.prepare(`${SELECT_MEETING} WHERE m.ended_at IS NULL ORDER BY m.started_at`).all() as DbMeeting[]).map(toRow);
  }

  /** The meeting's lines with their ids, in the order spoken: what staff read, edit and export. */
  lines(meetingId: string): MeetingLine[] {
    this.require(meetingId);
    return (
      this.db
        .prepare('SELECT id, text, created_at, edited_at FROM meeting_segments WHERE meeting_id = ? ORDER BY id')
        .all(meetingId) as { id: number; text: string; created_at: string; edited_at: string | null }[]
    ).map((r) => ({ id: r.id, text: r.text, createdAt: r.created_at, editedAt: r.edited_at }));
  }

  /** Corrects one line (a mis-heard word); the next summary is built from the edited text. */
  editLine(meetingId: string, lineId: number, text: string, at: Date = new Date()): MeetingLine {
    const clean = text.trim();
    if (!clean)
      throw new EngineError('bad-input', 'a transcript line needs text', { stage: 'store', detail: { meetingId, lineId } });
    const info = this.db
      .prepare('UPDATE meeting_segments SET text = ?, edited_at = ? WHERE id = ? AND meeting_id = ?')
      .run(clean, at.toISOString(), lineId, meetingId);
    if (info.changes === 0)
      throw new EngineError('not-found', `meeting ${meetingId} has no line ${lineId}`, {
        stage: 'store',
        detail: { meetingId, lineId },
      });
    return this.lines(meetingId).find((l) => l.id === lineId)!;
  }

  /** Appends one transcript segment; empty text is refused so a summary is never built from nothing. */
  addSegment(meetingId: string, text: string, at: Date = new Date()): number {
    const clean = typeof text === 'string' ? text.trim() : '';
    if (!clean)
      throw new EngineError('bad-input', 'a transcript segment needs text', {
        stage: 'store',
        detail: { meetingId },
      });
    const meeting = this.require(meetingId);
    // An ended meeting's summary is already queued from its transcript: a later segment would never
    // be summarized (and would silently change what "the transcript" means), so it is refused.
    if (meeting.endedAt)
      throw new EngineError('conflict', `meeting ${meetingId} ended at ${meeting.endedAt}: no segments can be added`, {
        stage: 'store',
        detail: { meetingId },
      });
    const info = this.db
      .prepare('INSERT INTO meeting_segments (meeting_id, text, created_at) VALUES (?, ?, ?)')
      .run(meetingId, clean, at.toISOString());
    return Number(info.lastInsertRowid);
  }

  /** Creates a finished meeting from a whole transcript (one segment per non-empty line), in one transaction. */
  importTranscript(opts: { title: string; transcript: string; staff?: string | null }): MeetingRow {
    const lines = opts.transcript
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length === 0)
      throw new EngineError('bad-input', 'the transcript is empty', {
        stage: 'store',
        detail: { title: opts.title },
      });
    return this.db.transaction(() => {
      const m = this.start({ title: opts.title, staff: opts.staff ?? null });
      for (const line of lines) this.addSegment(m.id, line);
      return this.stop(m.id);
    })();
  }

  get(meetingId: string): MeetingRow | null {
    const r = this.db.prepare(`${SELECT_MEETING} WHERE m.id = ?`).get(meetingId) as DbMeeting | undefined;
    return r ? toRow(r) : null;
  }

  /** Like get(), but a missing meeting is a clear not-found error naming the id. */
  require(meetingId: string): MeetingRow {
    const m = this.get(meetingId);
    if (!m)
      throw new EngineError('not-found', `no meeting ${meetingId}`, {
        stage: 'store',
        detail: { meetingId },
      });
    return m;
  }

  /** Newest first. */
  list(limit = 200): MeetingRow[] {
    return (
      this.db
        .prepare(`${SELECT_MEETING} ORDER BY m.started_at DESC, m.rowid DESC LIMIT ?`)
        .all(limit) as DbMeeting[]
    ).map(toRow);
  }

  /** The meeting's transcript as text, one segment per line, in the order spoken. */
  transcript(meetingId: string): string {
    const rows = this.db
      .prepare('SELECT text FROM meeting_segments WHERE meeting_id = ? ORDER BY id')
      .all(meetingId) as { text: string }[];
    return rows.map((r) => r.text).join('\n');
  }
}
