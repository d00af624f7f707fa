import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWav } from '../../audio/wav-decode.ts';
import { transcribeSamples } from '../asr-engine.ts';
import { PocketsphinxEngine } from './pocketsphinx-engine.ts';

// Real decoder, real synthesized speech (espeak-ng) and real noise (sox): the phrases are written here.
const tmp = mkdtempSync(path.join(os.tmpdir(), 'vk-asr-domain-'));
const engine = new PocketsphinxEngine({ phrases: ['where is the bread', 'where is the milk', 'do you sell batteries'] });

function wav(name: string, args: string[]): Int16Array {
  const file = path.join(tmp, `${name}.wav`);
  execFileSync(args[0]!, [...args.slice(1).map((a) => a.replace('OUT', file))]);
  const raw = decodeWav(readFileSync(file), file);
  return raw.samples;
}

beforeAll(() => engine.load(), 60_000);
afterAll(async () => {
  await engine.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('kiosk vocabulary from the loaded knowledge', () => {
  it('hears a new shop word only after useDomain() rebuilds the vocabulary (no restart)', async () => {
    const speech = wav('para', ['espeak-ng', '-v', 'en-us', '-s', '160', '-w', 'OUT', 'where is the paracetamol']);
    const before = await transcribeSamples(engine, speech, 'kiosk');
    expect(before.text).not.toMatch(/paracetamol/);
    // "paracetamol" is not in the CMU dictionary: its pronunciation is guessed.
    await engine.useDomain(['where is the paracetamol', 'where is the ibuprofen', 'do you sell plasters']);
    const after = await transcribeSamples(engine, speech, 'kiosk');
    expect(after.text).toBe('where is the paracetamol');
    expect(after.alternatives?.[0]?.text).toBe('where is the paracetamol');
    const total = after.alternatives!.reduce((a, x) => a + x.weight, 0);
    expect(total).toBeCloseTo(1, 1);
  }, 120_000);

  it('pink noise never becomes words (60 s in one utterance)', async () => {
    const noise = wav('pink', ['sox', '-R', '-n', '-r', '16000', '-c', '1', '-b', '16', 'OUT', 'synth', '60', 'pinknoise', 'vol', '0.05']);
    const t = await transcribeSamples(engine, noise, 'kiosk');
    expect(t.text).toBe('');
    expect(t.confidence).toBe(0);
    const dictation = await transcribeSamples(engine, noise, 'dictation');
    expect(dictation.text).toBe('');
  }, 180_000);
});

