import Database from 'better-sqlite3';

/**
 * Reads what a chaos run left behind and says whether the promise held: every summary requested is
 * delivered exactly once into the kiosk's cache. Opens the kiosk database read-only, after every
 * process has stopped, so it sees exactly what a restarted kiosk would.
 */
export interface KioskFigures {
  /** Summarize jobs committed to the outbox (requested by staff). */
  jobs: number;
  /** Requested jobs with no summary row. */
  lost: number;
  /** Requested jobs whose outbox row is not `done`. */
  notDone: number;
  /** Summary rows beyond one per job, or beyond the jobs requested for a meeting. */
  duplicatesStored: number;
  /** Results the kiosk received again and ignored (inbox.duplicates): proof dedupe was exercised. */
  duplicatesDelivered: number;
  /** Summaries for a job the outbox never had. */
  orphans: number;
  /** Summaries whose text does not come from their own meeting's transcript (crossed wires). */
  wrongMeeting: number;
  /** Outbox attempts summed over all jobs (how often jobs were (re)published). */
  publishes: number;
  integrity: string;
  /** First few job ids per problem, to start debugging from. */
  examples: Record<string, string[]>;
}

/** The marker the job feeder puts in every meeting title and every transcript sentence. */
export function meetingMarker(title: string): string | null {
  return /\bref-([a-z0-9]+)\b/.exec(title)?.[1] ?? null;
}

/** Checks a kiosk database after the run. */
export function checkKioskDatabase(file: string): KioskFigures {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const jobs = db
      .prepare("SELECT job_id, meeting_id, state, attempts FROM outbox WHERE kind = 'summarize'")
      .all() as Array<{
      job_id: string;
      meeting_id: string;
      state: string;
      attempts: number;
    }>;
    const summaryCounts = new Map<string, number>();
    for (const r of db.prepare('SELECT job_id, count(*) AS n FROM summaries GROUP BY job_id').all() as Array<{
      job_id: string;
      n: number;
    }>) {
      summaryCounts.set(r.job_id, r.n);
    }
    const examples: Record<string, string[]> = {
      lost: [],
      notDone: [],
      duplicatesStored: [],
      orphans: [],
      wrongMeeting: [],
    };
    const note = (k: string, id: string) => {
      if (examples[k]!.length < 5) examples[k]!.push(id);
    };

    let lost = 0;
    let notDone = 0;
    let duplicatesStored = 0;
    let publishes = 0;
    const jobIds = new Set<string>();
    for (const j of jobs) {
      jobIds.add(j.job_id);
      publishes += j.attempts;
      const n = summaryCounts.get(j.job_id) ?? 0;
      if (n === 0) {
        lost++;
        note('lost', j.job_id);
      }
      if (n > 1) {
        duplicatesStored += n - 1;
        note('duplicatesStored', j.job_id);
      }
      if (j.state !== 'done') {
        notDone++;
        note('notDone', `${j.job_id}:${j.state}`);
      }
    }
    // A second summary for the same meeting under another job id is a duplicate too, unless staff
    // asked twice.
    const perMeeting = db
      .prepare(
        `SELECT s.meeting_id, count(*) AS stored,
                (SELECT count(*) FROM outbox o WHERE o.meeting_id = s.meeting_id AND o.kind = 'summarize') AS requested
           FROM summaries s GROUP BY s.meeting_id`,
      )
      .all() as Array<{ meeting_id: string; stored: number; requested: number }>;
    for (const m of perMeeting) {
      const allowed = Math.max(m.requested, 1);
      if (m.stored > allowed) {
        duplicatesStored += m.stored - allowed;
        note('duplicatesStored', m.meeting_id);
      }
    }

    let orphans = 0;
    let wrongMeeting = 0;
    const rows = db
      .prepare(
        'SELECT s.job_id, s.meeting_id, s.text, m.title FROM summaries s LEFT JOIN meetings m ON m.id = s.meeting_id',
      )
      .all() as Array<{ job_id: string; meeting_id: string; text: string; title: string | null }>;
    for (const r of rows) {
      if (!jobIds.has(r.job_id)) {
        orphans++;
        note('orphans', r.job_id);
      }
      const marker = r.title ? meetingMarker(r.title) : null;
      if (marker && !r.text.includes(`ref-${marker}`)) {
        wrongMeeting++;
        note('wrongMeeting', r.job_id);
      }
    }

    const dup = db.prepare('SELECT coalesce(sum(duplicates), 0) AS n FROM inbox').get() as { n: number };
    return {
      jobs: jobs.length,
      lost,
      notDone,
      duplicatesStored,
      duplicatesDelivered: dup.n,
      orphans,
      wrongMeeting,
      publishes,
      integrity,
      examples,
    };
  } finally {
    db.close();
  }
}

/** Counts of fault records (VOICE_KIOSK_FAULT_LOG lines) per boundary. */
export function countFaults(logText: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of logText.split('\n')) {
    if (!line.trim()) continue;
    try {
      const rec = JSON.parse(line) as { fault?: string };
      if (rec.fault) out[rec.fault] = (out[rec.fault] ?? 0) + 1;
    } catch {
      // A torn last line (the process died mid-write) is not a kill record we can attribute.
    }
  }
  return out;
}
