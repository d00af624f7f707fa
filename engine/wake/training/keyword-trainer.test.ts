// Real: the ONNX bytes written by our encoder are loaded by onnxruntime-node (the runtime the kiosk
// uses); the feature models are the installed openWakeWord ones; the dictionary is Debian's CMU dict.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureModelsInstalled } from '../../../test/fixtures/models.ts';
import { OpenWakeWordFeatures } from '../openwakeword-features.ts';
import { ClipEmbedder } from './clip-embeddings.ts';
import { AdamTrainer, exportOnnx, forward, initWeights } from './keyword-mlp.ts';
import { seededRandom } from '../../random/seeded-random.ts';
import { encodeOnnxModel } from './onnx-writer.ts';
import { checkPhrase, nearMissPhrases } from './phonetics.ts';
import { trainKeyword } from './keyword-trainer.ts';

beforeAll(async () => {
  await ensureModelsInstalled();
});

describe('ONNX encoder', () => {
  it('writes a graph onnxruntime loads and computes: relu(x·Wᵀ + b) for a hand-checked 2×3 case', async () => {
    const bytes = encodeOnnxModel({
      name: 'g',
      producer: 'test',
      input: { name: 'x', dims: [1, 3] },
      output: { name: 'y', dims: [1, 2] },
      nodes: [
        { op: 'Gemm', inputs: ['x', 'w', 'b'], outputs: ['z'], attributes: { transB: { int: 1 } } },
        { op: 'Relu', inputs: ['z'], outputs: ['y'] },
      ],
      initializers: [
        { name: 'w', dims: [2, 3], data: Float32Array.from([1, 2, 3, -1, -1, -1]) },
        { name: 'b', dims: [2], data: Float32Array.from([0.5, 1]) },
      ],
      metadata: { phrase: 'test' },
    });
    const s = await ort.InferenceSession.create(bytes);
    const out = await s.run({ x: new ort.Tensor('float32', Float32Array.from([1, 1, 2]), [1, 3]) });
    // 1+2+6+0.5 = 9.5; -(1+1+2)+1 = -3 → relu 0
    expect(Array.from(out.y!.data as Float32Array)).toEqual([9.5, 0]);
  });
});

describe('keyword head trainer', () => {
  it('learns a separable toy task, and the exported ONNX model scores exactly like the TypeScript forward pass', async () => {
    const rand = seededRandom(5);
    const dims = 16 * 96;
    const rows = 64;
    // Positives have a bump in embedding slot 7 of every frame; negatives do not.
    const x = new Float32Array(rows * dims);
    const labels = new Uint8Array(rows);
    for (let r = 0; r < rows; r++) {
      labels[r] = r % 2;
      for (let i = 0; i < dims; i++) x[r * dims + i] = rand() - 0.5 + (labels[r] && i % 96 === 7 ? 1.5 : 0);
    }
    const w = initWeights({ input: dims, hidden: [16, 16] }, rand);
    const trainer = new AdamTrainer(w);
    const offsets = Int32Array.from({ length: rows }, (_, r) => r * dims);
    for (let s = 0; s < 300; s++) trainer.step(x, offsets, labels, 1, 3e-3);
    const scores = Array.from({ length: rows }, (_, r) => forward(w, x, r * dims));
    for (let r = 0; r < rows; r++) expect(scores[r]! > 0.5, `row ${r}`).toBe(labels[r] === 1);

    const session = await ort.InferenceSession.create(exportOnnx(w, 16, { phrase: 'toy' }));
    expect(session.inputNames).toEqual(['embeddings']);
    for (let r = 0; r < 8; r++) {
      const out = await session.run({
        embeddings: new ort.Tensor('float32', x.slice(r * dims, (r + 1) * dims), [1, 16, 96]),
      });
      expect((out.score!.data as Float32Array)[0]).toBeCloseTo(scores[r]!, 5);
    }
  });

  it('batched clip embeddings match the streaming front end chunk for chunk', async () => {
    const samples = new Int16Array(1280 * 24);
    const rand = seededRandom(3);
    for (let i = 0; i < samples.length; i++)
      samples[i] = Math.round(4000 * Math.sin(i * 0.03 * (1 + i / 30000)) + (rand() - 0.5) * 800);
    const batched = await new Promise<Float32Array[]>((ok, fail) =>
      ClipEmbedder.create()
        .then((e) => e.embed(samples))
        .then(ok, fail),
    );
    const streaming = await OpenWakeWordFeatures.create();
    streaming.reset();
    expect(batched).toHaveLength(24);
    let scale = 0;
    const worst = [0, 0];
    for (let c = 0; c < 24; c++) {
      const e = await streaming.step(samples.subarray(c * 1280, (c + 1) * 1280));
      for (let i = 0; i < 96; i++) {
        scale = Math.max(scale, Math.abs(e[i]!));
        const k = c < 10 ? 0 : 1;
        worst[k] = Math.max(worst[k]!, Math.abs(e[i]! - batched[c]![i]!));
      }
    }
    expect(scale).toBeGreaterThan(1);
    // Once the 76-frame window holds only audio (from chunk 10) the two are the same numbers; while it
    // still holds the all-ones start (the detector's warm-up) batched convolutions differ by ~1 %.
    expect(worst[1]! / scale).toBeLessThan(1e-4);
    expect(worst[0]! / scale).toBeLessThan(0.03);
  });
});

describe('phrase checks and near misses (CMU dictionary)', () => {
  it('refuses too short and too common phrases with the reason, accepts distinctive ones', () => {
    expect(checkPhrase('hello')).toMatchObject({ ok: false, reason: expect.stringContaining('too short') });
    expect(checkPhrase('hey there')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('too short'),
    });
    expect(checkPhrase('good morning everyone')).toMatchObject({ ok: true });
    expect(checkPhrase('thank you very much')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('too common'),
    });
    expect(checkPhrase('hey zorblax')).toMatchObject({
      ok: false,
      reason: expect.stringContaining("'zorblax'"),
    });
    expect(checkPhrase('hey greenleaf')).toMatchObject({ ok: true, phones: 9, syllables: 3 });
  });

  it('near misses of "hey greenleaf" include partial phrases and sound-alikes, never the phrase itself', () => {
    const n = nearMissPhrases('hey greenleaf');
    expect(n).toEqual(
      expect.arrayContaining(['hey green', 'greenleaf', 'hey', 'greenleaf market', 'hey greenery']),
    );
    expect(n).not.toContain('hey greenleaf');
    expect(n.some((p) => p.endsWith(' greenleaf') && !p.startsWith('hey'))).toBe(true);
  });

  it('trainKeyword refuses a too-short phrase before doing any work', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vk-train-'));
    await expect(trainKeyword({ phrase: 'hi', outDir: dir })).rejects.toMatchObject({
      code: 'bad-input',
      message: expect.stringContaining('too short'),
    });
  });
});

describe('trainKeyword end to end on tiny data', () => {
  it('writes x.onnx + x.json (sha256 of the file, threshold, licence) that the detector loads, and resumes from its checkpoints', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vk-train-'));
    const fractions: number[] = [];
    const res = await trainKeyword({
      phrase: 'hey greenleaf',
      outDir: dir,
      minutes: 0.05,
      onProgress: (p) => fractions.push(p.fraction),
    });
    expect(res.onnxPath).toBe(path.join(dir, 'hey_greenleaf.onnx'));
    const sidecar = JSON.parse(await readFile(res.sidecarPath, 'utf8'));
    const { createHash } = await import('node:crypto');
    expect(sidecar.sha256).toBe(
      createHash('sha256')
        .update(await readFile(res.onnxPath))
        .digest('hex'),
    );
    expect(sidecar).toMatchObject({
      phrase: 'hey greenleaf',
      keyword: 'hey_greenleaf',
      window: 16,
      licence: expect.stringContaining('Apache-2.0'),
    });
    expect(sidecar.threshold).toBeGreaterThanOrEqual(0.3);
    // The operating point was chosen on separate held-back negatives and says over how many hours.
    expect(sidecar.patience).toBeGreaterThanOrEqual(1);
    expect(sidecar.validation).toMatchObject({
      threshold: sidecar.threshold,
      patience: sidecar.patience,
      negativeHours: expect.any(Number),
      faPerHour: expect.any(Number),
      trainingClips: expect.objectContaining({ note: expect.stringContaining('held-back') }),
    });
    expect(sidecar.validation.negativeHours).toBeGreaterThan(0.015);
    expect(fractions.at(-1)).toBe(1);
    const { WakeWordDetector } = await import('../wake-word-detector.ts');
    const det = await WakeWordDetector.create({
      keywords: [res.onnxPath],
      threshold: 0.5,
      refractoryMs: 2000,
    });
    expect(det.keywords()).toEqual([
      {
        keyword: 'hey_greenleaf',
        phrase: 'hey greenleaf',
        threshold: sidecar.threshold,
        patience: sidecar.patience,
      },
    ]);
    // Resume: a second run with the same recipe reuses every feature part and the weights.
    const t0 = Date.now();
    const again = await trainKeyword({ phrase: 'hey greenleaf', outDir: dir, minutes: 0.05 });
    expect(Date.now() - t0).toBeLessThan(res.sidecar.trainingSec * 1000);
    expect(again.sidecar.threshold).toBe(sidecar.threshold);
    // A tampered model is refused by name.
    await writeFile(res.onnxPath, Buffer.concat([await readFile(res.onnxPath), Buffer.from([0])]));
    await expect(
      WakeWordDetector.create({ keywords: [res.onnxPath], threshold: 0.5, refractoryMs: 2000 }),
    ).rejects.toMatchObject({ code: 'bad-input', message: expect.stringContaining('sha256') });
    // ~10 s of CPU (36 clips, 120 steps) plus the calibration (16 clips, 1 min of negatives); the wall-clock
    // allowance is for a CI machine shared with other jobs.
  }, 420_000);
});
