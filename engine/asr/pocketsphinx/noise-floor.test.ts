import { describe, expect, it } from 'vitest';
import { NoiseFloor } from './noise-floor.ts';

describe('NoiseFloor', () => {
  it('turns digital silence into a faint floor within ±amplitude, never all zeros', () => {
    const s = new NoiseFloor(200).apply(new Int16Array(16000));
    expect(Math.max(...s)).toBeLessThanOrEqual(200);
    expect(Math.min(...s)).toBeGreaterThanOrEqual(-200);
    const rms = Math.sqrt(s.reduce((a, v) => a + v * v, 0) / s.length);
    // Uniform noise on ±200 has an RMS of 200/√3 ≈ 115.
    expect(rms).toBeGreaterThan(100);
    expect(rms).toBeLessThan(130);
  });

  it('is the same for the same audio (fixed seed), so a clip always decodes alike', () => {
    const a = new NoiseFloor(200).apply(new Int16Array(1000).fill(5));
    const b = new NoiseFloor(200).apply(new Int16Array(1000).fill(5));
    expect([...a]).toEqual([...b]);
  });

  it('clips at the Int16 range and leaves audio alone at amplitude 0', () => {
    const loud = new NoiseFloor(200).apply(new Int16Array(500).fill(32767));
    expect(Math.max(...loud)).toBe(32767);
    expect(Math.min(...loud)).toBeGreaterThanOrEqual(32567);
    expect([...new NoiseFloor(0).apply(new Int16Array([1, -2, 3]))]).toEqual([1, -2, 3]);
  });
});
