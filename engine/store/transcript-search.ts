import type { SqliteDb } from './database.ts';

export interface TranscriptHit {
  source: 'utterance' | 'meeting';
  /** utterance: the correlation id; meeting: the meeting id. */
  ref: string;
  text: string;
  at: string;
  rank: number;
}

/**
 * Turns what a person types into a safe FTS5 query: every word quoted (so `AND`, `-` or a stray
 * quote are text, not syntax) and the last one a prefix, for search-as-you-type.
 */
export function toFtsQuery(input: string): string | null {
  const words = input.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

/** FTS5 search over shopper utterances (and replies) and meeting transcripts, best match first. */
export class TranscriptSearch {
  constructor(private readonly db: SqliteDb) {}

  search(input: string, limit = 20): TranscriptHit[] {
    const q = toFtsQuery(input);
    if (!q) return [];
    const utterances = this.db
      .prepare(
        `SELECT u.correlation_id AS ref, u.text AS text, u.heard_at AS at, bm25(utterances_fts) AS rank
        FROM utterances_fts JOIN utterances u ON u.id = utterances_fts.rowid
        WHERE utterances_fts MATCH ? ORDER BY rank LIMIT ?`,
      )
      .all(q, limit) as Omit<TranscriptHit, 'source'>[];
    const segments = this.db
      .prepare(
        `SELECT s.meeting_id AS ref, s.text AS text, s.created_at AS at, bm25(meeting_segments_fts) AS rank
        FROM meeting_segments_fts JOIN meeting_segments s ON s.id = meeting_segments_fts.rowid
        WHERE meeting_segments_fts MATCH ? ORDER BY rank LIMIT ?`,
      )
      .all(q, limit) as Omit<TranscriptHit, 'source'>[];
    return [
      ...utterances.map((h) => ({ ...h, source: 'utterance' as const })),
      ...segments.map((h) => ({ ...h, source: 'meeting' as const })),
    ]
      .sort((a, b) => a.rank - b.rank)
      .slice(0, limit);
  }
}
