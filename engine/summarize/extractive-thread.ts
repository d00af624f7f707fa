import { Worker } from 'node:worker_threads';
import { extractiveSummary, type ExtractiveSummary } from './extractive-summary.ts';

type Reply = { id: number; result?: ExtractiveSummary; error?: string };

/**
 * extractiveSummary() off the main thread, for the kiosk (its event loop carries audio and the UI).
 * One worker, started on first use and unref'd; if it cannot start, the summary is computed here
 * instead (slower to the loop, never lost).
 */
export class ExtractiveThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(r: ExtractiveSummary): void; reject(e: Error): void }>();
  private broken = false;

  summarize(transcript: string): Promise<ExtractiveSummary> {
    const worker = this.ensure();
    if (!worker) return Promise.resolve(extractiveSummary(transcript));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, transcript });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
    this.failAll(new Error('extractive summary thread closed'));
  }

  private ensure(): Worker | null {
    if (this.worker || this.broken) return this.worker;
    try {
      const w = new Worker(new URL('./extractive-worker.mjs', import.meta.url));
      w.unref();
      w.on('message', (m: Reply) => {
        const p = this.waiting.get(m.id);
        if (!p) return;
        this.waiting.delete(m.id);
        if (m.result) p.resolve(m.result);
        else p.reject(new Error(m.error ?? 'extractive summary failed'));
      });
      w.on('error', (err) => {
        this.broken = true;
        this.worker = null;
        this.failAll(err);
      });
      this.worker = w;
    } catch {
      this.broken = true;
    }
    return this.worker;
  }

  private failAll(err: Error): void {
    for (const p of this.waiting.values()) p.reject(err);
    this.waiting.clear();
  }
}
