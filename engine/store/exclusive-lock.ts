import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { EngineError } from '../errors/engine-error.ts';

/** A lock this process holds until `release()` or its death, whichever comes first. */
export interface ExclusiveLock {
  readonly file: string;
  release(): void;
}

/** Who holds a lock, written beside it so the process that is refused can say who to look for. */
export interface LockHolder {
  pid: number;
  what: string;
  since: string;
}

/**
 * Takes an exclusive, process-lifetime lock on `file`: a tiny SQLite database opened in
 * `locking_mode=EXCLUSIVE` and written once, so this connection keeps SQLite's exclusive file lock
 * (a POSIX fcntl lock) until it closes. The kernel drops such a lock when the process dies, however it
 * dies, so a kill -9 never leaves a stale lock behind and there is no pid guesswork: a second process
 * fails at once (busy timeout 0) with a 'locked' error naming the holder.
 */
export function acquireExclusiveLock(file: string, what: string): ExclusiveLock {
  const abs = path.resolve(file);
  mkdirSync(path.dirname(abs), { recursive: true });
  const db = new Database(abs, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec(
      'BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS holder (pid INTEGER, what TEXT, since TEXT); DELETE FROM holder; COMMIT',
    );
  } catch (err) {
    db.close();
    if (
      (err as { code?: string }).code === 'SQLITE_BUSY' ||
      (err as { code?: string }).code === 'SQLITE_LOCKED'
    ) {
      const h = readHolder(abs);
      const who = h ? `${h.what} (pid ${h.pid}, since ${h.since})` : 'another process';
      throw new EngineError('locked', `cannot start ${what}: ${who} already holds ${abs}; stop it first`, {
        stage: 'store',
        detail: { file: abs, ...(h ? { holderPid: h.pid } : {}) },
      });
    }
    throw new EngineError('unavailable', `${what}: cannot take the lock ${abs}: ${(err as Error).message}`, {
      stage: 'store',
      detail: { file: abs },
      cause: err,
    });
  }
  const holder: LockHolder = { pid: process.pid, what, since: new Date().toISOString() };
  writeFileSync(`${abs}.holder`, JSON.stringify(holder) + '\n');
  let held = true;
  return {
    file: abs,
    release() {
      if (!held) return;
      held = false;
      rmSync(`${abs}.holder`, { force: true });
      db.close();
    },
  };
}

function readHolder(abs: string): LockHolder | null {
  try {
    const h = JSON.parse(readFileSync(`${abs}.holder`, 'utf8')) as LockHolder;
    return typeof h.pid === 'number' ? h : null;
  } catch {
    return null;
  }
}

/** The lock file that makes one kiosk store the business of one relay (and so one MQTT session). */
export function relayLockFile(dbFile: string): string {
  return `${path.resolve(dbFile)}.relay.lock`;
}
