// Real: the shipped head and feature models; speech by espeak-ng with held-out voices. The streaming
// detector must fire exactly where the offline rule that chose its threshold and patience says it does.
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WavFileSource } from '../audio/wav-file-source.ts';
import { decodeWav } from '../audio/wav-decode.ts';
import { composeScene, type Scene } from '../../test/fixtures/synth.ts';
import { ensureModelsInstalled } from '../../test/fixtures/models.ts';
import { firingSteps } from './training/decision-rule.ts';
import { WakeWordDetector } from './wake-word-detector.ts';

const MODEL = 'models/wake/hey_greenleaf.onnx';
let scene: Scene;
let dir: string;

/** A copy of the shipped head whose sidecar says `threshold` and `patience`. */
async function variant(threshold: number, patience: number): Promise<string> {
  const name = `v-${threshold}-${patience}`;
  const sidecar = JSON.parse(await readFile(MODEL.replace(/\.onnx$/, '.json'), 'utf8'));
  await copyFile(MODEL, path.join(dir, `${name}.onnx`));
  await writeFile(path.join(dir, `${name}.json`), JSON.stringify({ ...sidecar, threshold, patience }));
  return path.join(dir, `${name}.onnx`);
}

beforeAll(async () => {
  await ensureModelsInstalled();
  dir = await mkdtemp(path.join(os.tmpdir(), 'vk-patience-'));
  scene = await composeScene([
    { silenceMs: 1000 },
    { say: { text: 'where is the green tea', engine: 'espeak-ng', voice: 'en-us-nyc' } },
    { silenceMs: 700 },
    { say: { text: 'hey greenleaf', engine: 'espeak-ng', voice: 'en-us+f4' } },
    { silenceMs: 2500 },
    { say: { text: 'hey greenleaf', engine: 'espeak-ng', voice: 'en-gb+Caleb' } },
    { silenceMs: 1200 },
  ]);
});

describe('patience in the streaming detector', () => {
  it('fires at the steps the offline firing rule predicts from the same scores, for patience 1–3', async () => {
    const tracer = await WakeWordDetector.create({
      keywords: [MODEL],
      threshold: 1,
      thresholdOverride: 2,
      refractoryMs: 0,
    });
    const samples = decodeWav(await readFile(scene.path), scene.path).samples;
    const scores: number[] = [];
    for (let i = 0; i + 1280 <= samples.length; i += 1280) {
      await tracer.process({ samples: samples.subarray(i, i + 1280), atMs: i / 16 });
      scores.push(tracer.scores()['hey_greenleaf'] ?? 0);
    }
    const peak = Math.max(...scores);
    expect(peak, 'the phrase must score at all for this test to mean anything').toBeGreaterThan(0.5);
    const threshold = Number((peak * 0.6).toFixed(2));
    let fired = 0;
    for (const patience of [1, 2, 3]) {
      const det = await WakeWordDetector.create({
        keywords: [await variant(threshold, patience)],
        threshold: 0.5,
        refractoryMs: 2000,
      });
      expect(det.keywords()[0]).toMatchObject({ threshold, patience });
      const found = await det.detectAll(new WavFileSource(scene.path));
      // Reported at the end of the run's first step (where the phrase ended), not the step it fired on.
      const expected = firingSteps(scores, threshold, patience, 25).map((s) => (s - patience + 2) * 80);
      expect(found.map((d) => d.atMs)).toEqual(expected);
      fired += found.length;
    }
    expect(fired).toBeGreaterThan(0);
  });

  it('a patience longer than the phrase keeps the head silent where patience 1 fires', async () => {
    const quick = await WakeWordDetector.create({
      keywords: [await variant(0.3, 1)],
      threshold: 0.5,
      refractoryMs: 2000,
    });
    const slow = await WakeWordDetector.create({
      keywords: [await variant(0.3, 8)],
      threshold: 0.5,
      refractoryMs: 2000,
    });
    const a = await quick.detectAll(new WavFileSource(scene.path));
    const b = await slow.detectAll(new WavFileSource(scene.path));
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeLessThan(a.length);
  });
});

describe('the stream clock', () => {
  it('follows a source that starts again at 0 (microphone back), so detections match the VAD times', async () => {
    const det = await WakeWordDetector.create({ keywords: [MODEL], threshold: 0.5, refractoryMs: 2000 });
    const samples = decodeWav(await readFile(scene.path), scene.path).samples;
    const feed = async (baseMs: number) => {
      const found = [];
      for (let i = 0; i + 1280 <= samples.length; i += 1280)
        found.push(...(await det.process({ samples: samples.subarray(i, i + 1280), atMs: baseMs + i / 16 })));
      return found;
    };
    const first = await feed(0);
    expect(first.length).toBeGreaterThan(0);
    // The same audio again from a restarted source: its clock starts at 0 again.
    const again = await feed(0);
    expect(again.map((d) => d.atMs)).toEqual(first.map((d) => d.atMs));
  });
});
