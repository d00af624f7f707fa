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

/** How many of the newest rows the report looks at: months of a busy kiosk, in a few milliseconds. */
const SCAN_ROWS = 20_000;

/** Case, punctuation and spacing do not make a different question. */
function groupKey(q: string): string {
  return q
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

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
  const staffCalls = (
    db.prepare('SELECT count(*) AS n FROM staff_calls WHERE raised_at >= ?').get(since) as { n: number }
  ).n;

  const rows = db
    .prepare(
      `SELECT * FROM (SELECT ${CATEGORY} AS category, u.text AS question, u.heard_at AS at FROM utterances u ORDER BY u.id DESC LIMIT ${SCAN_ROWS})
      WHERE category IS NOT NULL
      UNION ALL
      SELECT 'staff-call', coalesce(question, '(the Call staff button)'), raised_at FROM (SELECT * FROM staff_calls ORDER BY raised_at DESC LIMIT ${SCAN_ROWS})`,
    )
    .all() as { category: UnansweredGroup['category']; question: string; at: string }[];
  // Grouped here rather than in SQL: "Do you sell bicycles?" and "do you sell bicycles" are one question.
  const groups = new Map<string, UnansweredGroup>();
  for (const r of rows) {
    const key = `${r.category}:${groupKey(r.question)}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { category: r.category, question: r.question, count: 1, lastAskedAt: r.at });
    else {
      g.count += 1;
      if (r.at > g.lastAskedAt) Object.assign(g, { lastAskedAt: r.at, question: r.question });
    }
  }
  const unanswered = [...groups.values()]
    .sort((a, b) => b.lastAskedAt.localeCompare(a.lastAskedAt))
    .slice(0, limit);
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
