import type { Logger } from '../log/logger.ts';

/** SQLite error codes that mean "not now" rather than "never": another process's lock, a full disk. */
const TRANSIENT = /^SQLITE_(BUSY|LOCKED|FULL|IOERR)/;

/** True for a write failure that may succeed later (lock held elsewhere, disk full, I/O hiccup). */
export function isTransientWriteError(err: unknown): boolean {
  return TRANSIENT.test(String((err as { code?: unknown })?.code ?? ''));
}

export interface DeferredWritesOptions {
  log?: Logger;
  /** First retry delay; doubles per failed try up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Writes kept waiting at most; past this the oldest is dropped with an error log (memory bound). */
  maxPending?: number;
  /** Told about every failure and recovery, so /health can say the store is not taking writes. */
  onWriteOutcome?: (ok: boolean, err?: Error) => void;
}

interface Pending {
  label: string;
  write: () => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/**
 * Writes the conversation must not wait for (a shopper's interaction record, a dictated meeting
 * segment) go through here: tried at once, and when another process holds the database's write lock
 * (or the disk is full) kept in order and retried on a timer, so the event loop never sleeps in
 * SQLite's busy handler and the write lands once the lock is gone. Order is kept: while anything is
 * waiting, new writes queue behind it.
 */
export class DeferredWrites {
  private readonly queue: Pending[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private delay: number;
  private closed = false;
  private readonly o: Required<Omit<DeferredWritesOptions, 'log' | 'onWriteOutcome'>>;

  constructor(private readonly opts: DeferredWritesOptions = {}) {
    this.o = { baseDelayMs: 50, maxDelayMs: 1000, maxPending: 10_000, ...opts };
    this.delay = this.o.baseDelayMs;
  }

  /** Writes waiting for the lock (or disk space) to come back. */
  get pending(): number {
    return this.queue.length;
  }

  /** Runs `write` now or, if the store is not taking writes, as soon as it is; resolves with its result. */
  run<T>(label: string, write: () => T): Promise<T> {
    if (this.queue.length === 0) {
      try {
        const v = write();
        return Promise.resolve(v);
      } catch (err) {
        if (!isTransientWriteError(err)) return Promise.reject(err);
        this.opts.onWriteOutcome?.(false, err as Error);
        this.opts.log?.warn('database not taking writes; will retry', {
          label,
          error: (err as Error).message,
        });
      }
    }
    return new Promise<T>((resolve, reject) => {
      if (this.queue.length >= this.o.maxPending) {
        const dropped = this.queue.shift()!;
        this.opts.log?.error('deferred write dropped: too many waiting', {
          label: dropped.label,
          pending: this.queue.length,
        });
        dropped.reject(
          new Error(`deferred write '${dropped.label}' dropped: over ${this.o.maxPending} waiting`),
        );
      }
      this.queue.push({ label, write, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Stops retrying; whatever still waits is rejected (the process is shutting down). */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const p of this.queue.splice(0))
      p.reject(new Error(`deferred write '${p.label}' abandoned at shutdown`));
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.drain();
    }, this.delay);
    this.timer.unref?.();
  }

  private drain(): void {
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      try {
        const v = head.write();
        this.queue.shift();
        head.resolve(v);
      } catch (err) {
        if (isTransientWriteError(err)) {
          this.opts.onWriteOutcome?.(false, err as Error);
          this.delay = Math.min(this.o.maxDelayMs, this.delay * 2);
          this.schedule();
          return;
        }
        this.queue.shift();
        this.opts.log?.error('deferred write failed', { label: head.label, error: (err as Error).message });
        head.reject(err);
      }
    }
    this.delay = this.o.baseDelayMs;
    this.opts.onWriteOutcome?.(true);
    this.opts.log?.info('database taking writes again; deferred writes landed');
  }
}
