// Real: better-sqlite3 on a temp file, the shipped migration files. No test peers.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { durabilitySettings, openDatabase } from './database.ts';
import { availableMigrations, migrate } from './migrate.ts';
import { openKioskStore } from './kiosk-store.ts';

const OPTS = { maxJobAgeMs: 60_000, maxPayloadBytes: 1 << 20, transcriptDays: 30 };
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vk-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('sets WAL, synchronous=FULL (2), foreign keys and busy_timeout on first open AND after reopen', () => {
    const file = path.join(dir, 'k.db');
    const a = openDatabase(file);
    expect(durabilitySettings(a)).toEqual({
      journalMode: 'wal',
      synchronous: 2,
      foreignKeys: 1,
      busyTimeout: 5000,
    });
    a.close();
    // A plain better-sqlite3 reopen of a WAL file does NOT give FULL: that is the trap we guard against.
    const plain = new Database(file);
    const plainSync = Number(plain.pragma('synchronous', { simple: true }));
    plain.close();
    const b = openDatabase(file);
    expect(durabilitySettings(b).synchronous).toBe(2);
    expect(durabilitySettings(b).journalMode).toBe('wal');
    b.close();
    expect(plainSync).not.toBe(2);
  });

  it('gives a clear error naming the file when it cannot open', () => {
    expect(() => openDatabase(path.join(dir, 'missing', 'x.db'), { readonly: true })).toThrow(
      /missing\/x\.db/,
    );
  });
});

describe('migrations', () => {
  it('upgrades a version-1 database in place; queued outbox rows and transcripts survive and get indexed', () => {
    const file = path.join(dir, 'old.db');
    const old = openDatabase(file);
    expect(migrate(old, { upTo: 1 })).toEqual({ from: 0, to: 1 });
    old
      .prepare("INSERT INTO meetings (id, title, started_at) VALUES ('m1', 'Stock', '2026-01-01T00:00:00Z')")
      .run();
    old
      .prepare(
        "INSERT INTO meeting_segments (meeting_id, text, created_at) VALUES ('m1', 'reorder the blue umbrellas', '2026-01-01T00:00:01Z')",
      )
      .run();
    old
      .prepare(
        `INSERT INTO outbox (job_id, kind, meeting_id, payload, content_hash, state, attempts, next_attempt_at, created_at, updated_at, expires_at)
        VALUES ('j-old', 'summarize', 'm1', '{"meetingId":"m1","title":"Stock","transcript":"x"}', 'h', 'pending', 2, 0, 't', 't', 9e15)`,
      )
      .run();
    expect(() => old.prepare('SELECT * FROM answers').all()).toThrow(/no such table/);
    old.close();

    const store = openKioskStore(file, OPTS);
    const versions = store.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as {
      version: number;
    }[];
    expect(versions.map((v) => v.version)).toEqual(availableMigrations().map((m) => m.version));
    const job = store.outbox.get('j-old');
    expect(job?.state).toBe('pending');
    expect(job?.attempts).toBe(2);
    expect(store.search.search('umbrellas').map((h) => h.ref)).toEqual(['m1']);
    store.close();
  });

  it('refuses a database whose applied migrations are not a prefix of ours', () => {
    const file = path.join(dir, 'foreign.db');
    const db = openDatabase(file);
    migrate(db, { upTo: 1 });
    db.prepare("INSERT INTO schema_migrations VALUES (2, 'from-the-future', 'x')").run();
    db.close();
    expect(() => openKioskStore(file, OPTS)).toThrow(/from-the-future.*refusing/);
  });

  it('rolls a failing migration back entirely and stays at the previous version', () => {
    const db = openDatabase(path.join(dir, 'bad.db'));
    const migrations = [
      { version: 1, name: 'one', sql: 'CREATE TABLE a (x);' },
      { version: 2, name: 'two', sql: 'CREATE TABLE b (x); INSERT INTO nope VALUES (1);' },
    ];
    expect(() => migrate(db, { migrations })).toThrow(/nope/);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name IN ('a','b')")
      .all();
    expect(tables).toEqual([{ name: 'a' }]);
    expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }]);
    db.close();
  });
});
