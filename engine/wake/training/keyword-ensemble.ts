import type { MlpWeights } from './keyword-mlp.ts';

/**
 * Folds several heads of the same input size into ONE wider head whose logit is the mean of theirs:
 * first layers stacked, second layers block-diagonal, output weights and bias divided by the count.
 * The result is the same 3-layer MLP the detector and ONNX export already know, so an ensemble
 * costs nothing at run time but a wider (still tiny) matrix product.
 */
export function foldHeads(heads: MlpWeights[]): MlpWeights {
  if (heads.length === 0) throw new Error('foldHeads needs at least one head');
  if (heads.length === 1) return heads[0]!;
  const input = heads[0]!.shape.input;
  if (heads.some((h) => h.shape.input !== input)) throw new Error('foldHeads: heads differ in input size');
  const H1 = heads.reduce((n, h) => n + h.shape.hidden[0], 0);
  const H2 = heads.reduce((n, h) => n + h.shape.hidden[1], 0);
  const w1 = new Float32Array(H1 * input);
  const b1 = new Float32Array(H1);
  const w2 = new Float32Array(H2 * H1);
  const b2 = new Float32Array(H2);
  const w3 = new Float32Array(H2);
  const b3 = new Float32Array(1);
  let o1 = 0;
  let o2 = 0;
  for (const h of heads) {
    const [h1, h2] = h.shape.hidden;
    w1.set(h.w1, o1 * input);
    b1.set(h.b1, o1);
    for (let r = 0; r < h2; r++) w2.set(h.w2.subarray(r * h1, (r + 1) * h1), (o2 + r) * H1 + o1);
    b2.set(h.b2, o2);
    for (let i = 0; i < h2; i++) w3[o2 + i] = h.w3[i]! / heads.length;
    b3[0]! += h.b3[0]! / heads.length;
    o1 += h1;
    o2 += h2;
  }
  return { shape: { input, hidden: [H1, H2] }, w1, b1, w2, b2, w3, b3 };
}
