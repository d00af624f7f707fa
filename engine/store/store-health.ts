import { statfsSync } from 'node:fs';
import path from 'node:path';
import type { SqliteDb } from './database.ts';

export interface StoreHealthSnapshot {
  /** The store takes writes and its disk has room. */
  ok: boolean;
  /** Why not, in words an owner can act on; empty when ok. */
  problems: string[];
  freeBytes: number | null;
  /** Writes waiting in memory for the store to take them again (deferred-writes.ts). */
  pendingWrites: number;
  /** Open outbox jobs as of the last probe (so /health needs no query). */
  queued: number;
  lastWriteOkAt: string | null;
}

export interface StoreHealthOptions {
  /** How often free space and the outbox count are read (cheap, no write). */
  intervalMs?: number;
  /**
   * How often the small probe write runs when nothing else has written: rarely, because a kiosk on
   * an SD card should not write every few seconds; after a failed write it runs every interval
   * until one succeeds, so recovery shows quickly.
   */
  writeProbeMs?: number;
  /** Below this much free space the disk counts as full: SQLite needs room for WAL frames. */
  minFreeBytes?: number;
  pendingWrites?: () => number;
  openJobs?: () => number;
  now?: () => number;
}

/**
 * Keeps what /health says about the database in memory, refreshed off the request path: free space
 * on the database's filesystem every few seconds, a small real write now and then (so a read-only
 * file or another process's lock is noticed even when nobody is writing), and the outcome of the
 * last real write. /health then answers at once even while another process holds the lock.
 */
export class StoreHealthMonitor {
  private readonly o: Required<StoreHealthOptions>;
  private timer: ReturnType<typeof setInterval> | null = null;
  private writeError: string | null = null;
  private lastOk: number | null = null;
  private lastProbe = Number.NEGATIVE_INFINITY;
  private free: number | null = null;
  private queued = 0;
  private readonly probeStmt;

  constructor(
    private readonly db: SqliteDb,
    private readonly file: string,
    opts: StoreHealthOptions = {},
  ) {
    this.o = {
      intervalMs: 2000,
      writeProbeMs: 60_000,
      minFreeBytes: 1024 * 1024,
      pendingWrites: () => 0,
      openJobs: () => 0,
      now: Date.now,
      ...opts,
    };
    this.probeStmt = db.prepare(
      `INSERT INTO write_probe (id, at_ms, pad) VALUES (1, ?, randomblob(64))
       ON CONFLICT(id) DO UPDATE SET at_ms = excluded.at_ms, pad = excluded.pad`,
    );
  }

  start(): this {
    this.probe();
    this.timer = setInterval(() => this.probe(), this.o.intervalMs);
    this.timer.unref?.();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Told by the write paths: a failed write shows on /health at once, a good one clears it. */
  noteWrite(ok: boolean, err?: Error): void {
    if (ok) {
      this.writeError = null;
      this.lastOk = this.o.now();
    } else this.writeError = describe(err);
  }

  /** One probe: free space, a real write, the outbox count. Never throws. */
  probe(): void {
    if (!this.db.open) return;
    try {
      const s = statfsSync(path.dirname(path.resolve(this.file)));
      this.free = s.bavail * s.bsize;
    } catch {
      this.free = null;
    }
    const now = this.o.now();
    const lastWrite = Math.max(this.lastProbe, this.lastOk ?? Number.NEGATIVE_INFINITY);
    if (this.writeError !== null || now - lastWrite >= this.o.writeProbeMs) {
      this.lastProbe = now;
      try {
        this.probeStmt.run(now);
        this.noteWrite(true);
      } catch (err) {
        this.noteWrite(false, err as Error);
      }
    }
    try {
      this.queued = this.o.openJobs();
    } catch {
      // Keep the last count; the write error above already says what is wrong.
    }
  }

  snapshot(): StoreHealthSnapshot {
    const problems: string[] = [];
    if (this.writeError) problems.push(this.writeError);
    if (this.free !== null && this.free < this.o.minFreeBytes)
      problems.push(`disk full: ${this.free} bytes free for ${this.file}`);
    const pending = this.o.pendingWrites();
    if (pending > 0) problems.push(`${pending} write(s) waiting in memory for the database`);
    return {
      ok: problems.length === 0,
      problems,
      freeBytes: this.free,
      pendingWrites: pending,
      queued: this.queued,
      lastWriteOkAt: this.lastOk === null ? null : new Date(this.lastOk).toISOString(),
    };
  }
}

function describe(err: Error | undefined): string {
  const code = String((err as { code?: unknown } | undefined)?.code ?? '');
  const msg = err?.message ?? 'unknown error';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return `database is locked by another process (${msg})`;
  if (code.startsWith('SQLITE_FULL')) return `disk full: the database cannot grow (${msg})`;
  if (code.startsWith('SQLITE_READONLY')) return `database is read-only (${msg})`;
  return `database write failed: ${code || 'error'} ${msg}`;
}
