// Pure function; no peers.
import { describe, expect, it } from 'vitest';
import { jitteredBackoff } from './backoff.ts';

describe('jitteredBackoff', () => {
  it('doubles from the base, stays within [d/2, d], and caps at the maximum', () => {
    expect(jitteredBackoff(1, 100, 10_000, () => 0)).toBe(50);
    expect(jitteredBackoff(1, 100, 10_000, () => 1)).toBe(100);
    expect(jitteredBackoff(4, 100, 10_000, () => 1)).toBe(800);
    expect(jitteredBackoff(40, 100, 10_000, () => 1)).toBe(10_000);
    expect(jitteredBackoff(40, 100, 10_000, () => 0)).toBe(5_000);
    const draws = Array.from({ length: 200 }, () => jitteredBackoff(3, 100, 10_000));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(200);
    expect(Math.max(...draws)).toBeLessThanOrEqual(400);
    expect(new Set(draws).size).toBeGreaterThan(10);
  });
});
