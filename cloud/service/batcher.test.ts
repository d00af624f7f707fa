import { describe, expect, it } from 'vitest';
import { JobBatcher } from './batcher.ts';

// Real: JobBatcher with real timers. No peers.
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('JobBatcher', () => {
  it('flushes at max batch at once and the remainder when the window closes', async () => {
    const batches: number[][] = [];
    const b = new JobBatcher<number>({ windowMs: 80, maxBatch: 4, concurrency: 2, run: async (x) => void batches.push(x), onError: () => undefined });
    for (let i = 0; i < 6; i++) b.add(i);
    await tick(0);
    expect(batches).toEqual([[0, 1, 2, 3]]);
    await tick(150);
    expect(batches).toEqual([[0, 1, 2, 3], [4, 5]]);
  });

  it('with window 0 and max batch 1 runs items one by one; drain waits for running batches', async () => {
    const done: number[] = [];
    let running = 0;
    let peak = 0;
    const b = new JobBatcher<number>({
      windowMs: 0,
      maxBatch: 1,
      concurrency: 2,
      run: async ([x]) => {
        peak = Math.max(peak, ++running);
        await tick(20);
        running--;
        done.push(x!);
      },
      onError: () => undefined,
    });
    for (let i = 0; i < 5; i++) b.add(i);
    await b.drain();
    expect(done.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  it('a failing batch reaches onError and does not stop later batches', async () => {
    const failed: number[][] = [];
    const ok: number[][] = [];
    const b = new JobBatcher<number>({
      windowMs: 0,
      maxBatch: 1,
      concurrency: 1,
      run: async (x) => {
        if (x[0] === 1) throw new Error('boom');
        ok.push(x);
      },
      onError: (_e, x) => failed.push(x),
    });
    [0, 1, 2].forEach((i) => b.add(i));
    await b.drain();
    expect(failed).toEqual([[1]]);
    expect(ok).toEqual([[0], [2]]);
  });
});
