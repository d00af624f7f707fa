import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { foldHeads } from './keyword-ensemble.ts';
import { exportOnnx, forward, initWeights } from './keyword-mlp.ts';
import { seededRandom } from '../../random/seeded-random.ts';

const logit = (p: number) => Math.log(p / (1 - p));

describe('foldHeads', () => {
  it('makes one wider head whose logit is the mean of the heads’ logits, in TypeScript and in ONNX', async () => {
    const rand = seededRandom(9);
    const dims = 16 * 96;
    const a = initWeights({ input: dims, hidden: [32, 32] }, rand);
    const b = initWeights({ input: dims, hidden: [24, 16] }, rand);
    // Non-zero biases, so their placement is checked too.
    for (const w of [a, b]) {
      w.b1.forEach((_, i) => (w.b1[i] = rand() - 0.5));
      w.b2.forEach((_, i) => (w.b2[i] = rand() - 0.5));
      w.b3[0] = rand() - 0.5;
    }
    const folded = foldHeads([a, b]);
    expect(folded.shape).toEqual({ input: dims, hidden: [56, 48] });
    const session = await ort.InferenceSession.create(exportOnnx(folded, 16, { phrase: 'toy' }));
    for (let k = 0; k < 6; k++) {
      const x = Float32Array.from({ length: dims }, () => (rand() - 0.5) * 0.2);
      const want = 1 / (1 + Math.exp(-(logit(forward(a, x)) + logit(forward(b, x))) / 2));
      expect(forward(folded, x)).toBeCloseTo(want, 5);
      const out = await session.run({ embeddings: new ort.Tensor('float32', x, [1, 16, 96]) });
      expect((out.score!.data as Float32Array)[0]).toBeCloseTo(want, 5);
    }
  });

  it('returns a single head as it is', () => {
    const w = initWeights({ input: 8, hidden: [4, 4] }, seededRandom(1));
    expect(foldHeads([w])).toBe(w);
  });
});
