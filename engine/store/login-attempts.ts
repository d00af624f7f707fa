import type { SqliteDb } from './database.ts';

/** One client's (or the global backstop's) PIN attempt record. */
export interface AttemptState {
  failures: number;
  lockouts: number;
  lockedUntilMs: number;
  lastFailureMs: number;
}

/** Where the PIN lockout keeps its counts: SQLite in the kiosk, a Map in unit tests of the policy. */
export interface AttemptRecords {
  get(client: string): AttemptState | null;
  /** Must be durable when it returns: the answer to the attempt is sent only after it. */
  put(client: string, state: AttemptState): void;
  clear(client: string): void;
  /** Drops rows with no failure since `beforeMs` and no lock still running (ids an attacker rotated through). */
  prune?(beforeMs: number, nowMs: number): void;
}

/** The key of the global backstop row; real client keys always contain an address. */
export const GLOBAL_CLIENT = '*';

interface Row {
  failures: number;
  lockouts: number;
  locked_until_ms: number;
  last_failure_ms: number;
}

/** PIN attempt counts in the kiosk database (table login_attempts, migration 0003). */
export class LoginAttempts implements AttemptRecords {
  private readonly select;
  private readonly upsert;
  private readonly remove;
  private readonly stale;

  constructor(db: SqliteDb) {
    this.select = db.prepare<[string], Row>(
      'SELECT failures, lockouts, locked_until_ms, last_failure_ms FROM login_attempts WHERE client = ?',
    );
    this.upsert = db.prepare(
      `INSERT INTO login_attempts (client, failures, lockouts, locked_until_ms, last_failure_ms)
       VALUES (@client, @failures, @lockouts, @lockedUntilMs, @lastFailureMs)
       ON CONFLICT(client) DO UPDATE SET failures = excluded.failures, lockouts = excluded.lockouts,
         locked_until_ms = excluded.locked_until_ms, last_failure_ms = excluded.last_failure_ms`,
    );
    this.remove = db.prepare('DELETE FROM login_attempts WHERE client = ?');
    this.stale = db.prepare('DELETE FROM login_attempts WHERE last_failure_ms < ? AND locked_until_ms <= ?');
  }

  prune(beforeMs: number, nowMs: number): void {
    this.stale.run(beforeMs, nowMs);
  }

  get(client: string): AttemptState | null {
    const r = this.select.get(client);
    return r
      ? {
          failures: r.failures,
          lockouts: r.lockouts,
          lockedUntilMs: r.locked_until_ms,
          lastFailureMs: r.last_failure_ms,
        }
      : null;
  }

  put(client: string, state: AttemptState): void {
    this.upsert.run({ client, ...state });
  }

  clear(client: string): void {
    this.remove.run(client);
  }
}

/** The same records in memory, for a StaffAuth built without a database (its own unit tests). */
export class MemoryAttempts implements AttemptRecords {
  private readonly rows = new Map<string, AttemptState>();
  get(client: string): AttemptState | null {
    const r = this.rows.get(client);
    return r ? { ...r } : null;
  }
  put(client: string, state: AttemptState): void {
    this.rows.set(client, { ...state });
  }
  clear(client: string): void {
    this.rows.delete(client);
  }
}
