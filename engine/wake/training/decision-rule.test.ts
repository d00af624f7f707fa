import { describe, expect, it } from 'vitest';
import { chooseOperatingPoint, firingSteps, type Traces } from './decision-rule.ts';

const trace = (xs: number[]) => Float32Array.from(xs);

describe('firingSteps (the streaming detector rule, offline)', () => {
  it('fires once per run of scores above the threshold, only after `patience` steps in a row', () => {
    const s = trace([0, 0.6, 0.2, 0.6, 0.7, 0.8, 0.1, 0, 0.9, 0.9]);
    expect(firingSteps(s, 0.5, 1, 0)).toEqual([1, 3, 8]);
    // A lone spike (step 1) no longer fires with patience 2; the three-step run fires at its 2nd step.
    expect(firingSteps(s, 0.5, 2, 0)).toEqual([4, 9]);
    expect(firingSteps(s, 0.5, 3, 0)).toEqual([5]);
  });

  it('stays silent for the refractory steps even when a new run starts inside them', () => {
    const s = trace([0.9, 0, 0.9, 0, 0, 0, 0.9]);
    expect(firingSteps(s, 0.5, 1, 4)).toEqual([0, 6]);
  });
});

describe('chooseOperatingPoint', () => {
  // 1 h of negatives: one stream with a false-accept bump of 0.62 (one step) and one of 0.45 (three steps).
  const neg = new Array<number>(45_000).fill(0.05);
  neg[1000] = 0.62;
  neg.fill(0.45, 20_000, 20_003);
  const pos = (peak: number, width: number) => {
    const s = new Array<number>(60).fill(0.02);
    s.fill(peak, 30, 30 + width);
    return { scores: trace(s), hitFrom: 28, hitTo: 40 };
  };
  const t: Traces = {
    positives: [pos(0.9, 4), pos(0.7, 3), pos(0.4, 3), pos(0.35, 1)],
    nearMisses: [trace(new Array<number>(60).fill(0.1))],
    negatives: [trace(neg)],
    negativeHours: 1,
  };

  it('keeps false accepts within the target and takes the best recall there', () => {
    // Target 0.5/h over 1 h allows none: threshold > 0.62 at patience 1, or ≤ 0.45 with patience ≥ 4
    // is not reachable (the 0.45 run is 3 steps, so patience 4 rejects it but also the 3-step phrases).
    const p = chooseOperatingPoint(t, 0.5);
    expect(p.falseAccepts).toBe(0);
    // Anything at ≤ 0.45 fires on the 3-step 0.45 run (up to patience 3), so the 0.4 and 0.35 phrases
    // are lost; above it the 0.9 and 0.7 phrases are hits.
    expect(p.recall).toBe(0.5);
    expect(p.threshold).toBeGreaterThan(0.45);
    expect(p.threshold).toBeLessThanOrEqual(0.7);
  });

  it('uses patience when a one-step spike is all that stands above the phrases', () => {
    const spike = new Array<number>(45_000).fill(0.05);
    spike[500] = 0.97;
    const p = chooseOperatingPoint({ ...t, negatives: [trace(spike)] }, 0.5);
    // Two steps in a row lose the spike; the one-step 0.35 phrase is the price. Ties take the higher threshold.
    expect(p).toMatchObject({ falseAccepts: 0, patience: 2, recall: 0.75, threshold: 0.4 });
  });

  it('allows one false accept when the target and the hours allow one', () => {
    const p = chooseOperatingPoint({ ...t, negativeHours: 2 }, 0.5);
    expect(p.falseAccepts).toBeLessThanOrEqual(1);
    expect(p.recall).toBe(0.75);
  });
});
