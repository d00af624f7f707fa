import type { SqliteDb } from './database.ts';

export interface PurgeReport {
  cutoff: string;
  utterances: number;
  conversations: number;
  segments: number;
  answers: number;
  outboxJobs: number;
}

/**
 * Deletes transcripts older than the retention period: shopper utterances, meeting segments, fuller
 * answers (they quote the question) and finished outbox jobs (their payload IS the transcript).
 * Summaries and meeting titles are kept; jobs still owed a result are kept whatever their age.
 */
export function purgeOldTranscripts(
  db: SqliteDb,
  transcriptDays: number,
  now: Date = new Date(),
): PurgeReport {
  const cutoffMs = now.getTime() - transcriptDays * 24 * 3600 * 1000;
  const cutoff = new Date(cutoffMs).toISOString();
  return db.transaction((): PurgeReport => {
    const utterances = db.prepare('DELETE FROM utterances WHERE heard_at < ?').run(cutoff).changes;
    const conversations = db
      .prepare(
        'DELETE FROM conversations WHERE started_at < ? AND NOT EXISTS (SELECT 1 FROM utterances u WHERE u.conversation_id = conversations.id)',
      )
      .run(cutoff).changes;
    const segments = db.prepare('DELETE FROM meeting_segments WHERE created_at < ?').run(cutoff).changes;
    const answers = db.prepare('DELETE FROM answers WHERE created_at < ?').run(cutoff).changes;
    const outboxJobs = db
      .prepare("DELETE FROM outbox WHERE state IN ('done','failed') AND created_at < ?")
      .run(cutoff).changes;
    return { cutoff, utterances, conversations, segments, answers, outboxJobs };
  })();
}
