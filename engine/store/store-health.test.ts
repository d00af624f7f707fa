import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDb } from './database.ts';
import { migrate } from './migrate.ts';
import { StoreHealthMonitor } from './store-health.ts';

// Real: SQLite files with migration 0003's write_probe table; a second connection holds the lock.
let dir: string;
const dbs: SqliteDb[] = [];
afterEach(() => {
  for (const d of dbs.splice(0)) if (d.open) d.close();
  rmSync(dir, { recursive: true, force: true });
});

function setup() {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vk-store-health-'));
  const file = path.join(dir, 'k.db');
  const db = openDatabase(file, { busyTimeoutMs: 10 });
  migrate(db);
  const other = openDatabase(file, { busyTimeoutMs: 10 });
  dbs.push(db, other);
  return { db, other, file };
}

describe('StoreHealthMonitor', () => {
  it('says the database is locked by another process, from memory, and recovers on the next probe', () => {
    const { db, other, file } = setup();
    let now = 0;
    const m = new StoreHealthMonitor(db, file, { now: () => now, writeProbeMs: 60_000 });
    m.probe();
    expect(m.snapshot()).toMatchObject({ ok: true, problems: [] });
    other.exec('BEGIN EXCLUSIVE');
    now += 60_000;
    m.probe();
    expect(m.snapshot().ok).toBe(false);
    expect(m.snapshot().problems[0]).toMatch(/locked by another process/);
    other.exec('COMMIT');
    now += 2000; // well before the next routine probe: a failed one is retried every interval
    m.probe();
    expect(m.snapshot()).toMatchObject({ ok: true, problems: [] });
  });

  it('writes its probe rarely when healthy (SD cards wear), and counts waiting writes as a problem', () => {
    const { db, file } = setup();
    let now = 0;
    let pending = 0;
    const m = new StoreHealthMonitor(db, file, {
      now: () => now,
      writeProbeMs: 60_000,
      pendingWrites: () => pending,
    });
    const at = () =>
      (db.prepare('SELECT at_ms FROM write_probe').get() as { at_ms: number } | undefined)?.at_ms;
    m.probe();
    expect(at()).toBe(0);
    now = 30_000;
    m.probe();
    expect(at()).toBe(0);
    now = 60_000;
    m.probe();
    expect(at()).toBe(60_000);
    pending = 2;
    expect(m.snapshot().problems).toEqual(['2 write(s) waiting in memory for the database']);
  });
});
