import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineError } from '../errors/engine-error.ts';
import type { SqliteDb } from './database.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const FILE = /^(\d{4})-([a-z0-9-]+)\.sql$/;

/** The numbered migrations shipped with this build, in order (migrations/NNNN-name.sql). */
export function availableMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const list = readdirSync(dir)
    .map((f) => ({ f, m: FILE.exec(f) }))
    .filter((x): x is { f: string; m: RegExpExecArray } => x.m !== null)
    .map(({ f, m }) => ({ version: Number(m[1]), name: m[2]!, sql: readFileSync(path.join(dir, f), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  // Numbers are handed out per piece of work, so one may land before a lower one: a gap is allowed,
  // a repeated number is not (the applied-prefix check below still refuses a foreign database).
  list.forEach((m, i) => {
    if (i > 0 && m.version <= list[i - 1]!.version)
      throw new EngineError('internal', `migration number ${m.version} is used twice (${m.name})`, {
        stage: 'store',
      });
  });
  return list;
}

/**
 * Brings the database up to `upTo` (default: all). Refuses to touch a database whose applied list is
 * not a prefix of ours — it was written by a newer or a different build, and guessing would corrupt
 * it. Each migration runs in its own transaction with its bookkeeping row, so a kill mid-way leaves
 * the database at the previous version.
 */
export function migrate(
  db: SqliteDb,
  opts: { migrations?: Migration[]; upTo?: number; file?: string } = {},
): { from: number; to: number } {
  const all = opts.migrations ?? availableMigrations();
  const target = opts.upTo ?? all.length;
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
  }[];
  applied.forEach((a, i) => {
    const ours = all[i];
    if (!ours || ours.version !== a.version || ours.name !== a.name) {
      throw new EngineError(
        'conflict',
        `database has migration ${a.version}-${a.name} which this build does not know; refusing to start (newer or foreign database)`,
        { stage: 'store', detail: { file: opts.file ?? null, version: a.version } },
      );
    }
  });
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  for (const m of all.slice(applied.length, target)) {
    // IMMEDIATE + re-check inside: the relay and a staff CLI starting together must not both apply it.
    db.transaction(() => {
      if (isApplied.get(m.version)) return;
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    }).immediate();
  }
  return { from: applied.length, to: Math.max(applied.length, target) };
}
