import { describe, expect, it } from 'vitest';
import { armedFault, faultSpanMs, outsideFaults } from './chaos-schedule.ts';

describe('outsideFaults', () => {
  const opts = { seed: 'abc', chaosMs: 45_000, sessionExpirySec: 5 };

  it('is the same schedule for the same seed and another for another seed', () => {
    expect(outsideFaults(opts)).toEqual(outsideFaults(opts));
    expect(outsideFaults(opts)).not.toEqual(outsideFaults({ ...opts, seed: 'abd' }));
  });

  it('includes every kind of outside fault, without overlaps, inside the chaos phase', () => {
    for (const seed of ['1', '2', '3', 'x', 'y']) {
      const s = outsideFaults({ ...opts, seed });
      const kinds = new Set(s.map((f) => f.fault.kind));
      expect([...kinds].sort()).toEqual([
        'blackhole',
        'broker-kill9',
        'cut',
        'half-open',
        'kill-kiosk',
        'kill-worker',
        'offline-past-session-expiry',
      ]);
      for (let i = 1; i < s.length; i++)
        expect(s[i]!.atMs).toBeGreaterThan(s[i - 1]!.atMs + faultSpanMs(s[i - 1]!.fault));
      expect(s.at(-1)!.atMs).toBeLessThan(opts.chaosMs);
      const offline = s.find((f) => f.fault.kind === 'offline-past-session-expiry')!;
      expect(faultSpanMs(offline.fault)).toBeGreaterThan(opts.sessionExpirySec * 1000);
    }
  });
});

describe('armedFault', () => {
  const boundaries = ['a', 'b', 'c'];

  it('arms the boundary with the fewest kills, on a hit within range', () => {
    const spec = armedFault('s', 'kiosk', boundaries, 0, { a: 2, b: 1, c: 2 }, 2, 5);
    const m = /^b:1@(\d+)$/.exec(spec);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(1);
    expect(Number(m![1])).toBeLessThanOrEqual(5);
  });

  it('runs clean once every boundary has its kills', () => {
    expect(armedFault('s', 'kiosk', boundaries, 7, { a: 2, b: 2, c: 3 }, 2, 5)).toBe('');
  });
});
