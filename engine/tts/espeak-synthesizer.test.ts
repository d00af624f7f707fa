import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EspeakSynthesizer } from './espeak-synthesizer.ts';
import { createSynthesizer } from './create-synthesizer.ts';
import { loadConfig } from '../app/config/load.ts';

// Real: the espeak-ng binary (Debian). File output is used because CI has no sound card; the speaker
// path differs only in piping the same stream into aplay.
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-tts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// espeak-ng is installed by `npm test`'s set-up (bin/setup-system.sh): this suite never skips.
describe('EspeakSynthesizer (real espeak-ng)', () => {
  it('writes a playable WAV whose length matches the text', async () => {
    const tts = new EspeakSynthesizer({ output: 'file', outDir: dir });
    let first = 0;
    const short = await tts.speak('Yes.', { correlationId: 'short-1', onFirstAudio: () => first++ });
    const long = await tts.speak(
      'The bakery opens at nine in the morning and closes at six in the evening.',
      { correlationId: 'long-1' },
    );
    expect(first).toBe(1);
    expect(short.firstAudioMs).not.toBeNull();
    expect(long.interrupted).toBe(false);
    expect(long.audioMs).toBeGreaterThan(short.audioMs * 3);
    const wav = readFileSync(long.file!);
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(40)).toBe(wav.length - 44);
    expect(path.basename(long.file!)).toBe('long-1.wav');
  });

  it('stops at once when aborted (barge-in) and writes nothing', async () => {
    const tts = new EspeakSynthesizer({ output: 'file', outDir: dir });
    const ac = new AbortController();
    const text = 'This is a very long answer about every aisle in the shop. '.repeat(40);
    const r = await tts.speak(text, {
      signal: ac.signal,
      correlationId: 'cut-1',
      onFirstAudio: () => ac.abort(),
    });
    expect(r.interrupted).toBe(true);
    expect(existsSync(path.join(dir, 'cut-1.wav'))).toBe(false);
  });

  it('reads a leading dash as text, not as an option', async () => {
    const tts = new EspeakSynthesizer({ output: 'file', outDir: dir });
    const r = await tts.speak('--version minus five', { correlationId: 'dash-1' });
    expect(r.audioMs).toBeGreaterThan(300);
  });

  it('keeps only the newest WAV files', async () => {
    const own = mkdtempSync(path.join(dir, 'keep-'));
    const tts = new EspeakSynthesizer({ output: 'file', outDir: own, keepFiles: 2 });
    for (const id of ['k1', 'k2', 'k3']) {
      await tts.speak('ok', { correlationId: id });
      await new Promise((r) => setTimeout(r, 15));
    }
    expect(readdirSync(own).sort()).toEqual(['k2.wav', 'k3.wav']);
  });

  it('a missing binary is a clear unavailable error', async () => {
    const tts = new EspeakSynthesizer({ output: 'file', outDir: dir, binary: 'espeak-ng-not-here' });
    await expect(tts.speak('hello')).rejects.toMatchObject({ code: 'unavailable', stage: 'tts' });
  });

  it('createSynthesizer keeps no reply audio by default when there is no speaker, and purges old files', async () => {
    const own = mkdtempSync(path.join(dir, 'default-'));
    // What an older version left behind: one WAV per reply, never removed.
    for (const n of ['old-1.wav', 'old-2.wav']) writeFileSync(path.join(own, n), 'RIFF');
    writeFileSync(path.join(own, 'notes.txt'), 'not audio');
    const cfg = loadConfig({ env: {} });
    const choice = createSynthesizer(cfg, { fileDir: own, forceOutput: 'file' });
    expect(choice.synthesizer.info()).toMatchObject({ name: 'espeak-ng', model: 'voice en-gb' });
    expect(choice.notice).toMatch(/not heard/);
    expect(readdirSync(own)).toEqual(['notes.txt']);
    let heardFirstAudio = false;
    const r = await choice.synthesizer.speak('The toilets are by the entrance.', { correlationId: 'd1', onFirstAudio: () => (heardFirstAudio = true) });
    expect(heardFirstAudio).toBe(true);
    expect(r.audioMs).toBeGreaterThan(500);
    expect(r.file).toBeUndefined();
    expect(readdirSync(own)).toEqual(['notes.txt']);
  });

  it('createSynthesizer keeps at most tts.keepFiles replies when asked to', async () => {
    const own = mkdtempSync(path.join(dir, 'keep-cfg-'));
    const choice = createSynthesizer(loadConfig({ env: {}, overrides: { tts: { keepFiles: 1 } } }), { fileDir: own, forceOutput: 'file' });
    expect(choice.notice).toMatch(/newest 1 spoken replies are kept/);
    for (const id of ['a1', 'a2']) {
      await choice.synthesizer.speak('ok', { correlationId: id });
      await new Promise((r) => setTimeout(r, 15));
    }
    expect(readdirSync(own)).toEqual(['a2.wav']);
    const off = createSynthesizer(loadConfig({ env: {}, overrides: { tts: { engine: 'none' } } }));
    expect(off.synthesizer.info().name).toBe('none');
  });
});
