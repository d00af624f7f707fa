import { encodeOnnxModel } from './onnx-writer.ts';

/**
 * The keyword head: 16 embeddings × 96 → dense(relu) → dense(relu) → 1 (sigmoid), trained with Adam
 * on Float32Arrays. Small enough (≈ 50 k weights) that plain loops beat any framework start-up, and
 * its ONNX export is four operator kinds.
 */
export interface MlpShape {
  input: number;
  hidden: [number, number];
}

export interface MlpWeights {
  shape: MlpShape;
  /** Row-major [out][in] matrices and bias vectors, layer by layer. */
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
  w3: Float32Array;
  b3: Float32Array;
}

type ParamName = 'w1' | 'b1' | 'w2' | 'b2' | 'w3' | 'b3';
const PARAMS: ParamName[] = ['w1', 'b1', 'w2', 'b2', 'w3', 'b3'];

function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** He-initialised weights for a head of the given shape. */
export function initWeights(shape: MlpShape, rand: () => number): MlpWeights {
  const [h1, h2] = shape.hidden;
  const he = (fanIn: number, n: number) => {
    const a = new Float32Array(n);
    const s = Math.sqrt(2 / fanIn);
    for (let i = 0; i < n; i++) a[i] = gaussian(rand) * s;
    return a;
  };
  return {
    shape,
    w1: he(shape.input, h1 * shape.input),
    b1: new Float32Array(h1),
    w2: he(h1, h2 * h1),
    b2: new Float32Array(h2),
    w3: he(h2, h2),
    b3: new Float32Array(1),
  };
}

function dense(
  w: Float32Array,
  b: Float32Array,
  x: Float32Array,
  xOff: number,
  n: number,
  out: Float32Array,
  relu: boolean,
) {
  const m = b.length;
  for (let o = 0; o < m; o++) {
    let s = b[o]!;
    const row = o * n;
    for (let i = 0; i < n; i++) s += w[row + i]! * x[xOff + i]!;
    out[o] = relu && s < 0 ? 0 : s;
  }
}

/** Scores one 16 × 96 window (the same arithmetic the exported ONNX graph does). */
export function forward(weights: MlpWeights, x: Float32Array, offset = 0): number {
  const [h1, h2] = weights.shape.hidden;
  const a1 = new Float32Array(h1);
  const a2 = new Float32Array(h2);
  dense(weights.w1, weights.b1, x, offset, weights.shape.input, a1, true);
  dense(weights.w2, weights.b2, a1, 0, h1, a2, true);
  let z = weights.b3[0]!;
  for (let i = 0; i < h2; i++) z += weights.w3[i]! * a2[i]!;
  return 1 / (1 + Math.exp(-z));
}

/** Adam (Kingma & Ba) over every parameter of the head, with a per-step learning rate. */
export class AdamTrainer {
  private readonly m: Record<ParamName, Float32Array>;
  private readonly v: Record<ParamName, Float32Array>;
  private readonly grad: Record<ParamName, Float32Array>;
  private t = 0;

  constructor(readonly weights: MlpWeights) {
    const zeros = () =>
      Object.fromEntries(PARAMS.map((p) => [p, new Float32Array(weights[p].length)])) as Record<
        ParamName,
        Float32Array
      >;
    this.m = zeros();
    this.v = zeros();
    this.grad = zeros();
  }

  /**
   * One step of weighted binary cross-entropy over a batch of windows. `offsets[k]` is where window k
   * starts in `x` (windows are contiguous runs of embeddings, so they overlap in memory). Like
   * openWakeWord's trainer, only hard examples count: negatives scoring ≥ 0.001 and positives < 0.999.
   * Negatives weigh `negativeWeight`, positives 1. Returns the loss and how many examples were used.
   */
  step(
    x: Float32Array,
    offsets: ArrayLike<number>,
    labels: ArrayLike<number>,
    negativeWeight: number,
    lr: number,
  ): { loss: number; used: number } {
    const W = this.weights;
    const n = W.shape.input;
    const [h1, h2] = W.shape.hidden;
    const B = offsets.length;
    const A1 = new Float32Array(B * h1);
    const A2 = new Float32Array(B * h2);
    const P = new Float64Array(B);
    const a1 = new Float32Array(h1);
    const a2 = new Float32Array(h2);
    const hard: number[] = [];
    let totalWeight = 0;
    for (let k = 0; k < B; k++) {
      dense(W.w1, W.b1, x, offsets[k]!, n, a1, true);
      dense(W.w2, W.b2, a1, 0, h1, a2, true);
      let z = W.b3[0]!;
      for (let i = 0; i < h2; i++) z += W.w3[i]! * a2[i]!;
      const p = 1 / (1 + Math.exp(-z));
      P[k] = p;
      A1.set(a1, k * h1);
      A2.set(a2, k * h2);
      const y = labels[k]!;
      if ((y === 1 && p < 0.999) || (y === 0 && p >= 0.001)) {
        hard.push(k);
        totalWeight += y === 1 ? 1 : negativeWeight;
      }
    }
    if (hard.length === 0) return { loss: 0, used: 0 };
    for (const p of PARAMS) this.grad[p].fill(0);
    const d1 = new Float32Array(h1);
    const d2 = new Float32Array(h2);
    let loss = 0;
    for (const k of hard) {
      const off = offsets[k]!;
      const y = labels[k]!;
      const p = P[k]!;
      const wt = (y === 1 ? 1 : negativeWeight) / totalWeight;
      loss -= wt * (y ? Math.log(Math.max(p, 1e-7)) : Math.log(Math.max(1 - p, 1e-7)));
      const dz = wt * (p - y);
      this.grad.b3[0]! += dz;
      for (let i = 0; i < h2; i++) {
        const act = A2[k * h2 + i]!;
        this.grad.w3[i]! += dz * act;
        d2[i] = act > 0 ? dz * W.w3[i]! : 0;
      }
      d1.fill(0);
      for (let o = 0; o < h2; o++) {
        const g = d2[o]!;
        if (g === 0) continue;
        this.grad.b2[o]! += g;
        const row = o * h1;
        for (let i = 0; i < h1; i++) {
          this.grad.w2[row + i]! += g * A1[k * h1 + i]!;
          d1[i]! += g * W.w2[row + i]!;
        }
      }
      const gw = this.grad.w1;
      for (let o = 0; o < h1; o++) {
        const g = A1[k * h1 + o]! > 0 ? d1[o]! : 0;
        if (g === 0) continue;
        this.grad.b1[o]! += g;
        const row = o * n;
        for (let i = 0; i < n; i++) gw[row + i]! += g * x[off + i]!;
      }
    }
    this.apply(lr);
    return { loss, used: hard.length };
  }

  private apply(lr: number): void {
    const b1 = 0.9;
    const b2 = 0.999;
    this.t++;
    const c1 = 1 - b1 ** this.t;
    const c2 = 1 - b2 ** this.t;
    for (const p of PARAMS) {
      const w = this.weights[p];
      const g = this.grad[p];
      const m = this.m[p];
      const v = this.v[p];
      for (let i = 0; i < w.length; i++) {
        m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
        v[i] = b2 * v[i]! + (1 - b2) * g[i]! * g[i]!;
        w[i]! -= (lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + 1e-8);
      }
    }
  }
}

/** Averages several checkpoints into one head (openWakeWord merges its best checkpoints the same way). */
export function averageWeights(all: MlpWeights[]): MlpWeights {
  const out = {
    ...all[0]!,
    ...Object.fromEntries(PARAMS.map((p) => [p, new Float32Array(all[0]![p].length)])),
  } as MlpWeights;
  for (const w of all)
    for (const p of PARAMS) for (let i = 0; i < w[p].length; i++) out[p][i]! += w[p][i]! / all.length;
  return out;
}

/** JSON-safe form of the weights, for checkpoints in the output dir. */
export function weightsToJson(w: MlpWeights): object {
  return { shape: w.shape, ...Object.fromEntries(PARAMS.map((p) => [p, Array.from(w[p])])) };
}

/** The inverse of weightsToJson. */
export function weightsFromJson(o: { shape: MlpShape } & Record<ParamName, number[]>): MlpWeights {
  return {
    shape: o.shape,
    ...Object.fromEntries(PARAMS.map((p) => [p, Float32Array.from(o[p])])),
  } as MlpWeights;
}

/** The head as ONNX: input [1, frames, 96] like upstream heads, output [1, 1]; Gemm uses transB=1 (W is [out][in]). */
export function exportOnnx(w: MlpWeights, frames: number, metadata: Record<string, string>): Uint8Array {
  const [h1, h2] = w.shape.hidden;
  const n = w.shape.input;
  const gemm = (x: string, wt: string, b: string, y: string) => ({
    op: 'Gemm',
    inputs: [x, wt, b],
    outputs: [y],
    attributes: { transB: { int: 1 } },
  });
  return encodeOnnxModel({
    name: 'keyword_head',
    producer: 'voice-kiosk wake train',
    input: { name: 'embeddings', dims: [1, frames, n / frames] },
    output: { name: 'score', dims: [1, 1] },
    nodes: [
      { op: 'Flatten', inputs: ['embeddings'], outputs: ['flat'], attributes: { axis: { int: 1 } } },
      gemm('flat', 'w1', 'b1', 'z1'),
      { op: 'Relu', inputs: ['z1'], outputs: ['a1'] },
      gemm('a1', 'w2', 'b2', 'z2'),
      { op: 'Relu', inputs: ['z2'], outputs: ['a2'] },
      gemm('a2', 'w3', 'b3', 'z3'),
      { op: 'Sigmoid', inputs: ['z3'], outputs: ['score'] },
    ],
    initializers: [
      { name: 'w1', dims: [h1, n], data: w.w1 },
      { name: 'b1', dims: [h1], data: w.b1 },
      { name: 'w2', dims: [h2, h1], data: w.w2 },
      { name: 'b2', dims: [h2], data: w.b2 },
      { name: 'w3', dims: [1, h2], data: w.w3 },
      { name: 'b3', dims: [1], data: w.b3 },
    ],
    metadata,
  });
}
