import { describe, expect, it } from 'vitest';
import { NoiseFloor } from './noise-floor.ts';

describe('NoiseFloor', () => {
  it('puts a faint floor within ±amplitude under sound, and leaves digital silence silent', () => {
    // 0.5 s of a 300 Hz tone at ±1000 (RMS ≈ 707), then 0.5 s of exact zeros.
    const audio = new Int16Array(16000);
    for (let i = 0; i < 8000; i++) audio[i] = Math.round(1000 * Math.sin((2 * Math.PI * 300 * i) / 16000));
    const before = audio.slice();
    const s = new NoiseFloor(200).apply(audio);
    const added = s.slice(0, 8000).map((v, i) => v - before[i]!);
    expect(Math.max(...added)).toBeLessThanOrEqual(200);
    expect(Math.min(...added)).toBeGreaterThanOrEqual(-200);
    const rms = Math.sqrt(added.reduce((a, v) => a + v * v, 0) / added.length);
    // Uniform noise on ±200 has an RMS of 200/√3 ≈ 115.
    expect(rms).toBeGreaterThan(100);
    expect(rms).toBeLessThan(130);
    expect(s.slice(8000).every((v) => v === 0)).toBe(true);
  });

  it('is the same for the same audio (fixed seed), so a clip always decodes alike', () => {
    const a = new NoiseFloor(200).apply(new Int16Array(1000).fill(500));
    const b = new NoiseFloor(200).apply(new Int16Array(1000).fill(500));
    expect([...a]).toEqual([...b]);
    expect(a.some((v) => v !== 500)).toBe(true);
  });

  it('clips at the Int16 range and leaves audio alone at amplitude 0', () => {
    const loud = new NoiseFloor(200).apply(new Int16Array(500).fill(32767));
    expect(Math.max(...loud)).toBe(32767);
    expect(Math.min(...loud)).toBeGreaterThanOrEqual(32567);
    expect([...new NoiseFloor(0).apply(new Int16Array([1, -2, 3]))]).toEqual([1, -2, 3]);
  });
});
