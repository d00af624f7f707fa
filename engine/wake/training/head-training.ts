import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { EMBEDDING_SIZE } from '../openwakeword-features.ts';
import {
  AdamTrainer,
  averageWeights,
  forward,
  initWeights,
  weightsFromJson,
  weightsToJson,
  type MlpWeights,
} from './keyword-mlp.ts';
import { seededRandom } from '../../random/seeded-random.ts';
import { WINDOW, type FeatureSet } from './training-data.ts';

export type PoolName = 'pos' | 'near' | 'speech' | 'noise' | 'partial';
/** Window offsets into FeatureSet.x by kind, training split only. */
export type Pools = Record<PoolName, number[]>;

/** Windows of each kind in one batch. */
export const BATCH_MIX: [PoolName, number][] = [
  ['pos', 96],
  ['near', 112],
  ['speech', 64],
  ['noise', 16],
  ['partial', 24],
];

/** The training split's windows by kind: positives' windows at the phrase end, the phrase cut short, the rest. */
export function windowPools(set: FeatureSet): Pools {
  const pools: Pools = { pos: [], near: [], speech: [], noise: [], partial: [] };
  for (const c of set.clips) {
    if (c.split !== 'train') continue;
    const off = (r: number) => (c.firstRow + r - WINDOW + 1) * EMBEDDING_SIZE;
    if (c.kind === 'positive') {
      pools.pos.push(...c.positive.map(off));
      pools.partial.push(...c.negative.map(off));
    } else pools[c.kind === 'near-miss' ? 'near' : c.kind].push(...c.negative.map(off));
  }
  return pools;
}

/** Scores of every window end of a clip (index = row within the clip). */
function clipScores(w: MlpWeights, set: FeatureSet, clip: FeatureSet['clips'][number]): Float64Array {
  const s = new Float64Array(clip.rows);
  for (let r = WINDOW - 1; r < clip.rows; r++)
    s[r] = forward(w, set.x, (clip.firstRow + r - WINDOW + 1) * EMBEDDING_SIZE);
  return s;
}

export interface Validation {
  threshold: number;
  recall: number;
  faPerHour: number;
  negativeHours: number;
  nearMissFalseRate: number;
  positives: number;
  nearMisses: number;
}

/**
 * Picks the threshold on held-back clips for the false-accept target: 0.1 above the score of the
 * first held-back negative (speech or noise) the target does not allow, never below 0.5 and at most 0.95.
 * Near misses are reported, not optimised: one-phoneme neighbours ("hey greenlee") are as close as two
 * speakers' versions of the phrase itself, so chasing them trades away recall (see README).
 */
export function validate(w: MlpWeights, set: FeatureSet, targetFaPerHour: number): Validation {
  const val = set.clips.filter((c) => c.split === 'val');
  const pos = val
    .filter((c) => c.kind === 'positive')
    .map((c) => {
      const scores = clipScores(w, set, c);
      return Math.max(0, ...c.hitWindow.map((r) => scores[r]!));
    });
  const neg = val.filter((c) => c.kind === 'speech' || c.kind === 'noise');
  const negMax = neg.map((c) => Math.max(0, ...clipScores(w, set, c))).sort((a, b) => b - a);
  const nearMax = val.filter((c) => c.kind === 'near-miss').map((c) => Math.max(0, ...clipScores(w, set, c)));
  const hours = neg.reduce((h, c) => h + (c.rows * 0.08) / 3600, 0);
  const allowed = Math.floor(targetFaPerHour * hours);
  const firstRefused = negMax[allowed] ?? 0;
  const t = Number(Math.min(0.95, Math.max(0.5, Math.ceil((firstRefused + 0.1) / 0.05) * 0.05)).toFixed(2));
  return {
    threshold: t,
    recall: pos.filter((s) => s >= t).length / Math.max(1, pos.length),
    faPerHour: negMax.filter((s) => s >= t).length / Math.max(hours, 1e-9),
    negativeHours: hours,
    nearMissFalseRate: nearMax.filter((s) => s >= t).length / Math.max(1, nearMax.length),
    positives: pos.length,
    nearMisses: nearMax.length,
  };
}

function lrAt(step: number, total: number, peak: number): number {
  const warm = Math.floor(total / 5);
  const hold = Math.floor(total / 3);
  if (step < warm) return (peak * (step + 1)) / warm;
  if (step < warm + hold) return peak;
  return peak * 0.5 * (1 + Math.cos((Math.PI * (step - warm - hold)) / Math.max(1, total - warm - hold)));
}

/** Steps one head takes over its three sequences. */
export const headSteps = (steps: number) => steps + 2 * Math.round(steps / 10);

export interface HeadRun {
  set: FeatureSet;
  pools: Pools;
  /** Steps of the first sequence (the two short ones take a tenth each). */
  steps: number;
  /** The head's own seed: its initial weights and its batches. */
  seed: number;
  targetFaPerHour: number;
  /** Resumable: where this head's weights, step count and snapshots are checkpointed. */
  ckptFile: string;
  /** Called after every checkpoint is written (the caller records its wall time there). */
  onCheckpoint: () => Promise<void>;
  /** Every 100 steps: steps done of headSteps(steps), and ms per step this run. */
  onSteps: (done: number, msPerStep: number) => void;
  signal?: AbortSignal;
}

/**
 * Trains one head as openWakeWord's auto_train does: a full run, then two short ones at lr/10 and
 * lr/100, each with the negative weight ramping from 1 to its maximum (doubled when the first run
 * misses the false-accept target on held-back clips); snapshots of the last two are averaged.
 */
export async function trainHead(run: HeadRun): Promise<MlpWeights> {
  const { set, pools, steps, seed } = run;
  const rand = seededRandom(seed + 7);
  let weights = initWeights({ input: WINDOW * EMBEDDING_SIZE, hidden: [32, 32] }, rand);
  let done = 0;
  let maxNegWeight = 20;
  let snapshots: MlpWeights[] = [];
  if (existsSync(run.ckptFile)) {
    const ck = JSON.parse(await readFile(run.ckptFile, 'utf8'));
    weights = weightsFromJson(ck.weights);
    done = ck.done;
    maxNegWeight = ck.maxNegWeight;
    snapshots = ck.snapshots.map(weightsFromJson);
  }
  const saveCkpt = async () => {
    const tmp = `${run.ckptFile}.tmp`;
    await writeFile(
      tmp,
      JSON.stringify({
        done,
        maxNegWeight,
        weights: weightsToJson(weights),
        snapshots: snapshots.map(weightsToJson),
      }),
    );
    await rename(tmp, run.ckptFile);
    await run.onCheckpoint();
  };
  const sequences = [
    { steps, lr: 1e-3 },
    { steps: Math.round(steps / 10), lr: 1e-4 },
    { steps: Math.round(steps / 10), lr: 1e-5 },
  ];
  const trainer = new AdamTrainer(weights);
  const batchRand = seededRandom(seed + 11 + done);
  const offsets = new Int32Array(BATCH_MIX.reduce((n, [, k]) => n + k, 0));
  const labels = new Uint8Array(offsets.length);
  const trainStart = Date.now();
  const startDone = done;
  let global = 0;
  for (const [si, seq] of sequences.entries()) {
    for (let s = 0; s < seq.steps; s++, global++) {
      if (global < done) continue;
      if (run.signal?.aborted) throw run.signal.reason ?? new Error('aborted');
      let k = 0;
      for (const [pool, count] of BATCH_MIX) {
        const xs = pools[pool].length ? pools[pool] : pools.speech;
        for (let i = 0; i < count; i++, k++) {
          offsets[k] = xs[Math.floor(batchRand() * xs.length)]!;
          labels[k] = pool === 'pos' ? 1 : 0;
        }
      }
      const negW = 1 + ((maxNegWeight - 1) * s) / Math.max(1, seq.steps - 1);
      trainer.step(set.x, offsets, labels, negW, lrAt(s, seq.steps, seq.lr));
      done = global + 1;
      if (si > 0 && s % Math.max(1, Math.floor(seq.steps / 5)) === 0)
        snapshots.push(structuredClone(weights));
      if (done % 100 === 0) run.onSteps(done, (Date.now() - trainStart) / Math.max(1, done - startDone));
      if (done % 500 === 0) await saveCkpt();
    }
    // Like upstream: if the held-back false-accept rate misses the target, double the negative weight.
    if (si === 0 && validate(weights, set, run.targetFaPerHour).faPerHour > run.targetFaPerHour)
      maxNegWeight *= 2;
    await saveCkpt();
  }
  return snapshots.length ? averageWeights([...snapshots, weights]) : weights;
}
