import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { EngineError } from '../errors/engine-error.ts';

export type SqliteDb = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  /** How long a writer waits for another connection's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

/**
 * The one way every module opens a SQLite file. WAL lets the API read while the pipeline writes;
 * `synchronous=FULL` is set on EVERY open because better-sqlite3 re-opens WAL databases at NORMAL,
 * which can lose the last committed transactions on power loss — and a committed result is what we
 * PUBACK on.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): SqliteDb {
  if (file !== ':memory:' && !opts.readonly) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: SqliteDb;
  try {
    db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  } catch (err) {
    throw new EngineError('unavailable', `cannot open database ${file}: ${(err as Error).message}`, {
      stage: 'store',
      detail: { file },
      cause: err,
    });
  }
  db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
  if (!opts.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}

/** What the durability pragmas actually are on a connection (for tests and `voice-kiosk doctor`-style checks). */
export function durabilitySettings(db: SqliteDb): {
  journalMode: string;
  synchronous: number;
  foreignKeys: number;
  busyTimeout: number;
} {
  return {
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: Number(db.pragma('synchronous', { simple: true })),
    foreignKeys: Number(db.pragma('foreign_keys', { simple: true })),
    busyTimeout: Number(db.pragma('busy_timeout', { simple: true })),
  };
}
