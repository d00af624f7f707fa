import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * Read-side helpers of a chaos run: the kiosk outbox as it drains, and the cloud job store at the
 * end. Kept apart from the orchestration so chaos-run.ts stays about processes and faults.
 */

/** Summarize jobs in the kiosk outbox and how many are not `done` yet (read-only, while processes write). */
export function outboxProgress(kioskDb: string): { open: number; total: number } {
  if (!existsSync(kioskDb)) return { open: 0, total: 0 };
  const db = new Database(kioskDb, { readonly: true });
  try {
    db.pragma('busy_timeout = 2000');
    const r = db
      .prepare(
        "SELECT count(*) AS total, sum(CASE WHEN state <> 'done' THEN 1 ELSE 0 END) AS open FROM outbox WHERE kind = 'summarize'",
      )
      .get() as { total: number; open: number | null };
    return { open: r.open ?? 0, total: r.total };
  } finally {
    db.close();
  }
}

export interface CloudFigures {
  jobs: number;
  done: number;
  /** Jobs claimed more than once (a worker died holding them and another took over). */
  takenOver: number;
  /** Kiosk jobs the cloud store has no row for. */
  missing: number;
}

/** What the PostgreSQL job store holds for the kiosk's summarize jobs. */
export async function cloudJobFigures(pgUrl: string, schema: string, kioskDb: string): Promise<CloudFigures> {
  const kiosk = new Database(kioskDb, { readonly: true });
  const ids = (
    kiosk.prepare("SELECT job_id FROM outbox WHERE kind = 'summarize'").all() as { job_id: string }[]
  ).map((r) => r.job_id);
  kiosk.close();
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const r = await client.query<{ jobs: string; done: string; taken: string }>(
      `SELECT count(*) AS jobs, count(*) FILTER (WHERE state = 'done') AS done, count(*) FILTER (WHERE attempts > 1) AS taken
         FROM ${schema}.jobs WHERE job_id = ANY($1)`,
      [ids],
    );
    const row = r.rows[0]!;
    return {
      jobs: Number(row.jobs),
      done: Number(row.done),
      takenOver: Number(row.taken),
      missing: ids.length - Number(row.jobs),
    };
  } finally {
    await client.end();
  }
}

/** Drops the run's PostgreSQL schema; nothing to do when PostgreSQL was never reached. */
export async function dropSchema(pgUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl });
  try {
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } catch {
    // Nothing to clean.
  } finally {
    await client.end().catch(() => undefined);
  }
}
