import { ConcurrencyLimit } from '../backends/concurrency-limit.ts';

export interface BatcherOptions<T> {
  /** How long the first item of a batch waits for company. 0 = flush at once. */
  windowMs: number;
  maxBatch: number;
  /** Batches running at the same time. */
  concurrency: number;
  run(batch: T[]): Promise<void>;
  onError(err: unknown, batch: T[]): void;
}

/**
 * Groups items into batches by a time window and a maximum size, and runs at most `concurrency`
 * batches at once. With windowMs 0 and maxBatch 1 it degenerates to one-at-a-time (the bench baseline).
 */
export class JobBatcher<T> {
  private pending: T[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly inflight = new Set<Promise<void>>();
  private readonly limit: ConcurrencyLimit;

  constructor(private readonly opts: BatcherOptions<T>) {
    if (!(opts.maxBatch >= 1)) throw new RangeError(`max batch must be >= 1, got ${opts.maxBatch}`);
    if (!(opts.windowMs >= 0)) throw new RangeError(`batch window must be >= 0 ms, got ${opts.windowMs}`);
    this.limit = new ConcurrencyLimit(opts.concurrency);
  }

  add(item: T): void {
    this.pending.push(item);
    if (this.pending.length >= this.opts.maxBatch || this.opts.windowMs === 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.opts.windowMs);
  }

  /** Items waiting for their window plus items in running batches. */
  get size(): number {
    return this.pending.length + this.inflight.size;
  }

  /** Hands everything queued to the runner now, in batches of at most maxBatch. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.opts.maxBatch);
      const p = this.limit
        .run(() => this.opts.run(batch))
        .catch((err) => this.opts.onError(err, batch))
        .finally(() => this.inflight.delete(p));
      this.inflight.add(p);
    }
  }

  /** Flushes and waits until every batch has finished (clean shutdown). */
  async drain(): Promise<void> {
    this.flush();
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
  }
}
