import type { OwnerReport, UnansweredGroup } from '../contracts/api.ts';
import type { SqliteDb } from './database.ts';

/**
 * How a stored interaction is classed for the owner's view, by what the router recorded about it
 * (utterances.route_reason) and what ASR reported (confidence). Written as SQL over the stored rows,
 * so the report needs no extra bookkeeping and also covers everything stored before it existed.
 */
const DECLINED = `(u.route_reason LIKE '%no passage above the threshold%' OR u.route_reason LIKE '%found no answer%' OR u.reply LIKE 'I''m sorry, I don''t know%')`;
const DID_YOU_MEAN = `(u.route_reason LIKE '%did you mean%' OR u.route_reason LIKE '%did-you-mean%')`;
/** Speech recognised this unsurely may have been answered for the wrong question. */
export const LOW_CONFIDENCE = 0.5;
const LOW = `(u.confidence IS NOT NULL AND u.confidence < ${LOW_CONFIDENCE})`;

const CATEGORY = `CASE WHEN ${DID_YOU_MEAN} THEN 'did-you-mean' WHEN ${DECLINED} THEN 'declined' WHEN ${LOW} THEN 'low-confidence' END`;

/** Local midnight of `now` as an ISO time: "today" is the shop's day, not UTC's. */
export function startOfLocalDay(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

/**
 * The owner's view: the day's totals and the questions the kiosk could not answer well (declined,
 * unsure speech, corrected by "did you mean", staff calls), grouped by question, newest first.
 */
export function ownerReport(db: SqliteDb, now: Date = new Date(), limit = 50): OwnerReport {
  const since = startOfLocalDay(now).toISOString();
  const totals = db
    .prepare(
      `SELECT count(*) AS questions,
        coalesce(sum(CASE WHEN ${DECLINED} THEN 1 ELSE 0 END), 0) AS declined,
        coalesce(sum(CASE WHEN ${LOW} AND NOT ${DECLINED} THEN 1 ELSE 0 END), 0) AS low
      FROM utterances u WHERE u.heard_at >= ?`,
    )
    .get(since) as { questions: number; declined: number; low: number };
  const staffCalls = (db.prepare('SELECT count(*) AS n FROM staff_calls WHERE raised_at >= ?').get(since) as { n: number }).n;

  const asked = db
    .prepare(
      `SELECT category, min(text) AS question, count(*) AS count, max(heard_at) AS lastAskedAt FROM (
        SELECT ${CATEGORY} AS category, u.text, lower(trim(u.text)) AS k, u.heard_at FROM utterances u
      ) WHERE category IS NOT NULL GROUP BY category, k ORDER BY lastAskedAt DESC LIMIT ?`,
    )
    .all(limit) as UnansweredGroup[];
  const calls = db
    .prepare(
      `SELECT 'staff-call' AS category, coalesce(min(question), '(the Call staff button)') AS question, count(*) AS count,
        max(raised_at) AS lastAskedAt FROM staff_calls GROUP BY lower(trim(coalesce(question, ''))) ORDER BY lastAskedAt DESC LIMIT ?`,
    )
    .all(limit) as UnansweredGroup[];
  const unanswered = [...asked, ...calls].sort((a, b) => b.lastAskedAt.localeCompare(a.lastAskedAt)).slice(0, limit);
  return {
    today: {
      date: localDate(now),
      questions: totals.questions,
      answered: totals.questions - totals.declined,
      declined: totals.declined,
      lowConfidence: totals.low,
      staffCalls,
    },
    unanswered,
  };
}

function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
