// Real: libpocketsphinx through the N-API addon, Debian's CMU en-us acoustic model, dictionary and
// generic LM, the kiosk LM generated from the store's questions, speech synthesized by espeak-ng and
// flite (test/fixtures/synth.ts). Nothing here is a test peer or a fake.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWav } from '../../audio/wav-decode.ts';
import { EngineError } from '../../errors/engine-error.ts';
import { composeScene, synthesizeSamples, type SynthSpec } from '../../../test/fixtures/synth.ts';
import { transcribeSamples } from '../asr-engine.ts';
import { SAMPLE_KIOSK_PHRASES } from '../kiosk-phrases.ts';
import { normalizeText } from '../text-normalize.ts';
import { wordErrorRate } from '../wer.ts';
import { PocketsphinxEngine } from './pocketsphinx-engine.ts';

const engine = new PocketsphinxEngine({ phrases: SAMPLE_KIOSK_PHRASES });

async function speech(
  text: string,
  voice: Omit<SynthSpec, 'text'> = { engine: 'flite', voice: 'slt' },
): Promise<Int16Array> {
  const s = await synthesizeSamples({ ...voice, text });
  const padded = new Int16Array(s.length + 9600);
  padded.set(s, 4800);
  return padded;
}

beforeAll(async () => {
  await engine.load();
});
afterAll(async () => {
  await engine.close();
});

describe('PocketsphinxEngine (real decoder)', () => {
  it('describes itself as ready with the kiosk LM built from the phrases', () => {
    const info = engine.info();
    expect(info).toMatchObject({ stage: 'asr', name: 'pocketsphinx', ready: true, sampleRate: 16000 });
    expect(info.note).toMatch(/kiosk LM: \d+ phrases/);
  });

  it('recognizes a knowledge-base question in kiosk mode', async () => {
    const t = await transcribeSamples(engine, await speech('Can I get a refund without a receipt?'), 'kiosk');
    expect(t.text).toBe('can i get a refund without a receipt');
    expect(t.engine).toBe('pocketsphinx');
    expect(t.confidence).toBeGreaterThan(0);
    expect(t.confidence).toBeLessThanOrEqual(1);
    expect(t.audioMs).toBeGreaterThan(1500);
    expect(t.decodeMs).toBeGreaterThan(0);
  });

  it('transcribes open-vocabulary speech in dictation mode', async () => {
    const ref = 'the weather is lovely today';
    const t = await transcribeSamples(engine, await speech(ref), 'dictation');
    expect(wordErrorRate(ref, t.text)).toBeLessThanOrEqual(0.2);
  });

  it('does not force off-topic speech onto a kiosk phrase in kiosk mode', async () => {
    const ref = 'the train to the airport leaves every twenty minutes';
    const t = await transcribeSamples(engine, await speech(ref), 'kiosk');
    const nearest = Math.min(...SAMPLE_KIOSK_PHRASES.map((p) => wordErrorRate(p, t.text)));
    expect(nearest).toBeGreaterThan(0.5);
    // It falls back to the open-vocabulary decode, which gets most of the words right.
    expect(wordErrorRate(ref, t.text)).toBeLessThan(0.5);
    expect(t.confidence).toBeLessThanOrEqual(0.5);
  });

  it('gives no text for silence or for noise alone', async () => {
    const silence = await transcribeSamples(engine, new Int16Array(16000 * 2), 'kiosk');
    expect(silence.text).toBe('');
    const noisy = await composeScene([{ silenceMs: 3000 }], { noise: { kind: 'pink', amplitude: 0.03 } });
    const samples = decodeWav(await readFile(noisy.path), noisy.path).samples;
    for (const mode of ['kiosk', 'dictation'] as const) {
      const t = await transcribeSamples(engine, samples, mode);
      expect(t.text, `${mode} on noise`).toBe('');
    }
  });

  it('streams: partial hypotheses grow while audio arrives, then the final text', async () => {
    const audio = await speech('Where can I recycle batteries?');
    const session = engine.start('kiosk');
    const partials: string[] = [];
    for (let i = 0; i < audio.length; i += 1600) {
      await session.write(audio.subarray(i, i + 1600));
      partials.push(session.partial());
    }
    const t = await session.finish();
    expect(t.text).toBe('where can i recycle batteries');
    expect(partials.some((p) => p.length > 0 && p !== t.text)).toBe(true);
  });

  it('runs a kiosk question while a dictation is open (a decoder per utterance)', async () => {
    const [a, b] = await Promise.all([
      speech('Where is the pharmacy?'),
      speech('please send the minutes to everyone'),
    ]);
    const meeting = engine.start('dictation');
    const question = engine.start('kiosk');
    await Promise.all([transcribeInto(meeting, b), transcribeInto(question, a)]);
    const [m, q] = await Promise.all([meeting.finish(), question.finish()]);
    expect(q.text).toBe('where is the pharmacy');
    expect(wordErrorRate('please send the minutes to everyone', m.text)).toBeLessThanOrEqual(0.34);
  });

  it('rejects bad input as data and keeps working', async () => {
    const session = engine.start('kiosk');
    // write() never rejects (callers void it from audio callbacks); finish() reports the bad chunk.
    await expect(session.write(new Float32Array(10) as unknown as Int16Array)).resolves.toBeUndefined();
    await expect(session.finish()).rejects.toMatchObject({ code: 'bad-audio', stage: 'asr' });
    await expect(session.finish()).rejects.toBeInstanceOf(EngineError);
    await expect(session.write(new Int16Array(160))).resolves.toBeUndefined();
    const t = await transcribeSamples(engine, await speech('Do you accept cash?'), 'kiosk');
    expect(normalizeText(t.text)).toBe('do you accept cash');
  });

  it('cancels an utterance without a result and frees its decoder', async () => {
    const session = engine.start('dictation');
    await session.write((await speech('we need more stock')).subarray(0, 8000));
    await session.cancel();
    const t = await transcribeSamples(engine, await speech('Is parking free?'), 'kiosk');
    expect(t.text).toBe('is parking free');
  });
});

async function transcribeInto(session: ReturnType<typeof engine.start>, audio: Int16Array): Promise<void> {
  for (let i = 0; i < audio.length; i += 1600) await session.write(audio.subarray(i, i + 1600));
}

describe('PocketsphinxEngine before load', () => {
  it('refuses to start an utterance with an unavailable error', () => {
    const cold = new PocketsphinxEngine();
    expect(() => cold.start('kiosk')).toThrow(expect.objectContaining({ code: 'unavailable' }));
    expect(cold.info().ready).toBe(false);
  });

  it('reports a missing model directory as model-missing, and info() says why', async () => {
    const broken = new PocketsphinxEngine({ modelDir: '/nonexistent/pocketsphinx-model' });
    await expect(broken.load()).rejects.toMatchObject({
      code: 'model-missing',
      stage: 'asr',
      message: expect.stringContaining('apt-get install pocketsphinx-en-us'),
    });
    expect(broken.info()).toMatchObject({ ready: false, note: expect.stringContaining('not found') });
    expect(() => broken.start('dictation')).toThrow(expect.objectContaining({ code: 'model-missing' }));
  });
});
