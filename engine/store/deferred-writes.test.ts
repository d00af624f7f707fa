import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDb } from './database.ts';
import { DeferredWrites, isTransientWriteError } from './deferred-writes.ts';

// Real: two better-sqlite3 connections on one WAL file; the second holds BEGIN EXCLUSIVE like
// another process would.
let dir: string;
const open: SqliteDb[] = [];
afterEach(() => {
  for (const d of open.splice(0)) if (d.open) d.close();
  rmSync(dir, { recursive: true, force: true });
});

function pair(): { mine: SqliteDb; other: SqliteDb } {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vk-deferred-'));
  const file = path.join(dir, 'k.db');
  const mine = openDatabase(file, { busyTimeoutMs: 20 });
  mine.exec('CREATE TABLE t (v TEXT)');
  const other = openDatabase(file, { busyTimeoutMs: 20 });
  open.push(mine, other);
  return { mine, other };
}

describe('DeferredWrites', () => {
  it('runs at once when the store is free', async () => {
    const { mine } = pair();
    const w = new DeferredWrites();
    await w.run('a', () => mine.prepare("INSERT INTO t VALUES ('a')").run());
    expect(w.pending).toBe(0);
    expect(mine.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
  });

  it('keeps writes in order while another connection holds the lock, and lands them after', async () => {
    const { mine, other } = pair();
    const outcomes: boolean[] = [];
    const w = new DeferredWrites({
      baseDelayMs: 10,
      maxDelayMs: 40,
      onWriteOutcome: (ok) => outcomes.push(ok),
    });
    other.exec('BEGIN EXCLUSIVE');
    const t0 = performance.now();
    const done = ['1', '2', '3'].map((v) => w.run(v, () => mine.prepare('INSERT INTO t VALUES (?)').run(v)));
    expect(performance.now() - t0).toBeLessThan(200); // the caller did not wait for the lock
    expect(w.pending).toBe(3);
    await new Promise((r) => setTimeout(r, 150));
    expect(w.pending).toBe(3);
    other.exec('COMMIT');
    await Promise.all(done);
    expect((mine.prepare('SELECT v FROM t').all() as { v: string }[]).map((r) => r.v)).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(outcomes[0]).toBe(false);
    expect(outcomes.at(-1)).toBe(true);
  });

  it('fails a non-transient error at once and bounds what waits', async () => {
    const { mine, other } = pair();
    const w = new DeferredWrites({ maxPending: 2, baseDelayMs: 10 });
    await expect(w.run('bad', () => mine.exec('INSERT INTO nope VALUES (1)'))).rejects.toThrow(
      /no such table/,
    );
    other.exec('BEGIN EXCLUSIVE');
    const first = w.run('1', () => mine.exec("INSERT INTO t VALUES ('1')"));
    const second = w.run('2', () => mine.exec("INSERT INTO t VALUES ('2')"));
    const third = w.run('3', () => mine.exec("INSERT INTO t VALUES ('3')"));
    await expect(first).rejects.toThrow(/dropped/);
    other.exec('COMMIT');
    await Promise.all([second, third]);
    w.close();
  });

  it('knows which SQLite errors are worth retrying', () => {
    expect(isTransientWriteError({ code: 'SQLITE_BUSY' })).toBe(true);
    expect(isTransientWriteError({ code: 'SQLITE_FULL' })).toBe(true);
    expect(isTransientWriteError({ code: 'SQLITE_CONSTRAINT_UNIQUE' })).toBe(false);
    expect(isTransientWriteError(new Error('x'))).toBe(false);
  });
});
