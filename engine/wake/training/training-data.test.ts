// Real: espeak-ng speaks, the installed openWakeWord feature models embed.
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureModelsInstalled } from '../../../test/fixtures/models.ts';
import { ClipEmbedder } from './clip-embeddings.ts';
import { makeClip, type ClipJob } from './training-data.ts';
import { type VoiceSpec } from './tts-voices.ts';

const hasEspeak = (() => {
  try {
    execFileSync('espeak-ng', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

function cosine(a: Float32Array, b: Float32Array): number {
  let ab = 0,
    aa = 0,
    bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! ** 2;
    bb += b[i]! ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

describe.skipIf(!hasEspeak)('positives said inside speech', () => {
  let embedder: ClipEmbedder;
  let tmp: string;
  beforeAll(async () => {
    await ensureModelsInstalled();
    embedder = await ClipEmbedder.create();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'vk-td-'));
  });
  const voice: VoiceSpec = { engine: 'espeak-ng', voice: 'en-us', speed: 1, pitch: 50 };
  const job: ClipJob = {
    kind: 'positive',
    split: 'train',
    text: 'hey greenleaf',
    voice,
    aug: { peak: 0.5 },
    leadMs: 1500,
    tailMs: 700,
    seed: 1,
  };
  it('labels the phrase end, not the end of the question said after it', async () => {
    const alone = await makeClip(job, embedder, undefined, tmp);
    const asked = await makeClip(
      { ...job, after: { text: 'where can I find the batteries', gapMs: 100 } },
      embedder,
      undefined,
      tmp,
    );
    expect(alone.meta.context).toBeUndefined();
    expect(asked.meta.context).toBe('after');
    // Positives are the window ends from −80 to +400 ms of the phrase end: 6 or 7 steps of 80 ms.
    expect(alone.meta.positive.length).toBeGreaterThanOrEqual(6);
    expect(alone.meta.positive.length).toBeLessThanOrEqual(7);
    // Same phrase at the same place: the same windows are positive and count as hits, question or not
    // (were the question's end labelled, they would sit ~2 s = 25 steps later).
    expect(asked.meta.positive).toEqual(alone.meta.positive);
    expect(asked.meta.hitWindow).toEqual(alone.meta.hitWindow);
    // And they hold the same sound: the first positive window ends 80 ms before the phrase does, so
    // before the question starts (a window ~2 s later, on the question, scores ~0.6 here).
    const row = (e: Float32Array, r: number) => e.subarray(r * 96, (r + 1) * 96);
    const p0 = alone.meta.positive[0]!;
    expect(cosine(row(asked.emb, p0), row(alone.emb, p0))).toBeGreaterThan(0.99);
    // The question itself is not embedded past the hit window.
    expect(asked.meta.rows).toBeGreaterThan(Math.max(...asked.meta.hitWindow));
    expect(asked.meta.rows).toBeLessThanOrEqual(Math.max(...asked.meta.hitWindow) + 3);
    expect(asked.emb.length).toBe(asked.meta.rows * 96);
  });

  it('keeps the labels on the phrase when speech comes before it', async () => {
    const alone = await makeClip(job, embedder, undefined, tmp);
    const before = await makeClip(
      { ...job, before: { text: 'excuse me', gapMs: 200 } },
      embedder,
      undefined,
      tmp,
    );
    expect(before.meta.context).toBe('before');
    // Labelled from the phrase end as before (the 80 ms grid may fall one step differently).
    expect(before.meta.positive.length).toBeGreaterThanOrEqual(6);
    expect(before.meta.positive.length).toBeLessThanOrEqual(7);
    expect(Math.abs(before.meta.positive[0]! - alone.meta.positive[0]!)).toBeLessThanOrEqual(1);
    expect(Math.abs(before.meta.rows - alone.meta.rows)).toBeLessThanOrEqual(1);
    // But the audio under those windows is not the same: "excuse me" is in them, silence was.
    const first = (e: Float32Array) => Array.from(e.subarray(0, 96));
    expect(first(before.emb)).not.toEqual(first(alone.emb));
  });
});
