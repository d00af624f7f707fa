// Real: WAV files written by sox (the reference encoder) from espeak-ng speech; our decoder must agree.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesize } from '../../test/fixtures/synth.ts';
import { decodeWav } from './wav-decode.ts';
import { encodeWav } from './wav-encode.ts';
import { resample } from './resample.ts';
import { WavFileSource } from './wav-file-source.ts';
import { SampleChunker } from './sample-chunker.ts';

const run = promisify(execFile);
let dir: string;
let refPath: string;
let ref: Int16Array;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vk-wav-'));
  refPath = await synthesize({
    text: 'the quick brown fox buys fresh bread',
    engine: 'espeak-ng',
    voice: 'en-us',
  });
  ref = decodeWav(await readFile(refPath), refPath).samples;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Normalised cross-correlation at zero lag (1 = same waveform up to gain). */
function correlation(a: Int16Array, b: Int16Array): number {
  const n = Math.min(a.length, b.length);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return ab / Math.sqrt(aa * bb);
}
const rms = (x: ArrayLike<number>) => Math.sqrt(Array.from(x).reduce((s, v) => s + v * v, 0) / x.length);

async function soxTo(name: string, ...args: string[]): Promise<string> {
  const out = path.join(dir, name);
  await run('sox', [refPath, ...args, out]);
  return out;
}

describe('decodeWav', () => {
  const formats: [string, string[], number][] = [
    ['u8.wav', ['-b', '8', '-e', 'unsigned-integer'], 0.99],
    ['s24.wav', ['-b', '24'], 0.999],
    ['s32.wav', ['-b', '32', '-e', 'signed-integer'], 0.999],
    ['f32.wav', ['-b', '32', '-e', 'floating-point'], 0.999],
    ['f64.wav', ['-b', '64', '-e', 'floating-point'], 0.999],
    ['44k1-stereo.wav', ['-r', '44100', '-c', '2'], 0.99],
    ['48k-s24-stereo.wav', ['-r', '48000', '-c', '2', '-b', '24'], 0.99],
    ['22k05.wav', ['-r', '22050'], 0.99],
    // 8 kHz throws away everything above 4 kHz: the waveform can only match in the band that is left.
    ['8k.wav', ['-r', '8000'], 0.85],
  ];
  for (const [name, args, minCorr] of formats) {
    it(`decodes ${name} to 16 kHz mono matching the original (r ≥ ${minCorr})`, async () => {
      const file = await soxTo(name, ...args);
      const d = decodeWav(await readFile(file), file);
      expect(d.sampleRate).toBe(16000);
      expect(Math.abs(d.samples.length - ref.length)).toBeLessThanOrEqual(2);
      expect(correlation(d.samples, ref)).toBeGreaterThanOrEqual(minCorr);
    });
  }

  it('downmixes by averaging channels', async () => {
    const silent = path.join(dir, 'silent.wav');
    await run('sox', [
      '-n',
      '-r',
      '16000',
      '-c',
      '1',
      '-b',
      '16',
      silent,
      'trim',
      '0',
      String(ref.length / 16000),
    ]);
    const stereo = path.join(dir, 'left-only.wav');
    await run('sox', ['-M', refPath, silent, stereo]);
    const d = decodeWav(await readFile(stereo), stereo);
    expect(d.source.channels).toBe(2);
    expect(correlation(d.samples, ref)).toBeGreaterThan(0.999);
    expect(rms(d.samples) / rms(ref)).toBeCloseTo(0.5, 2);
  });

  it('round-trips encodeWav exactly at 16 kHz', () => {
    expect(decodeWav(encodeWav(ref), 'mem').samples).toEqual(ref);
  });

  const bad: [string, () => Promise<Buffer>, RegExp][] = [
    ['an empty file', async () => Buffer.alloc(0), /empty file/],
    ['a text file', async () => Buffer.from('this is not audio at all, just some text\n'), /not a WAV file/],
    [
      'an MP3-like header',
      async () => Buffer.from([0x49, 0x44, 0x33, 0x04, 0, 0, 0, 0, 0, 0x21, 1, 2, 3, 4, 5, 6]),
      /not a WAV file/,
    ],
    [
      'a WAV cut in half',
      async () => (await readFile(refPath)).subarray(0, 44 + ref.length),
      /truncated WAV: data chunk declares/,
    ],
    [
      'a WAV header with no data chunk',
      async () => (await readFile(refPath)).subarray(0, 36),
      /truncated WAV: no 'data' chunk/,
    ],
    ['a WAV with no samples', async () => encodeWav(new Int16Array(0)), /no audio samples/],
    [
      'A-law WAV',
      async () => readFile(await soxTo('alaw.wav', '-e', 'a-law')),
      /unsupported WAV encoding \(format tag 6/,
    ],
    [
      'MS-ADPCM WAV',
      async () => readFile(await soxTo('adpcm.wav', '-e', 'ms-adpcm')),
      /unsupported WAV encoding \(format tag 2/,
    ],
  ];
  for (const [what, make, message] of bad) {
    it(`refuses ${what} with a 'bad-audio' error naming the file`, async () => {
      const file = path.join(dir, 'input-under-test.wav');
      await writeFile(file, await make());
      let caught: unknown;
      try {
        decodeWav(await readFile(file), file);
      } catch (err) {
        caught = err;
      }
      expect(caught).toMatchObject({ code: 'bad-audio', stage: 'audio', detail: { file } });
      expect((caught as Error).message).toMatch(message);
      expect((caught as Error).message).toContain(file);
    });
  }
});

describe('resample', () => {
  const tone = (hz: number, rate: number, seconds = 0.5) =>
    Float32Array.from({ length: rate * seconds }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / rate));
  const zeroCrossHz = (x: Float32Array, rate: number) => {
    let n = 0;
    for (let i = 1; i < x.length; i++) if (x[i - 1]! < 0 !== x[i]! < 0) n++;
    return n / 2 / (x.length / rate);
  };
  it('keeps an in-band tone at its frequency and level', () => {
    const out = resample(tone(1000, 44100), 44100, 16000);
    expect(zeroCrossHz(out.subarray(200, -200), 16000)).toBeCloseTo(1000, -1);
    expect(rms(out.subarray(200, -200))).toBeCloseTo(0.5 / Math.SQRT2, 2);
  });
  it('removes content above the new Nyquist frequency instead of aliasing it', () => {
    const out = resample(tone(12000, 48000), 48000, 16000);
    expect(rms(out.subarray(200, -200))).toBeLessThan(0.01);
  });
});

describe('WavFileSource and SampleChunker', () => {
  it('yields contiguous frames with stream timestamps, paces in real time, and stops on abort', async () => {
    const frames = [];
    for await (const f of new WavFileSource(refPath, { frameSamples: 1600 }).frames()) frames.push(f);
    expect(frames[1]!.atMs).toBe(100);
    expect(frames.reduce((n, f) => n + f.samples.length, 0)).toBe(ref.length);

    const ac = new AbortController();
    const t0 = performance.now();
    let n = 0;
    for await (const _ of new WavFileSource(refPath, { frameSamples: 1600, realtime: true }).frames({
      signal: ac.signal,
    })) {
      if (++n === 4) ac.abort();
    }
    // Four 100 ms frames paced in real time: the 4th is not yielded before ~300 ms.
    expect(n).toBe(4);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(280);
  });

  it("reports a missing file as 'not-found' naming it", async () => {
    const missing = path.join(dir, 'nope.wav');
    await expect(new WavFileSource(missing).decode()).rejects.toMatchObject({
      code: 'not-found',
      detail: { file: missing },
    });
  });

  it('re-cuts frames into fixed chunks without losing or duplicating samples', () => {
    const chunker = new SampleChunker(512);
    const input = Int16Array.from({ length: 5000 }, (_, i) => i % 30000);
    const out: number[] = [];
    for (let at = 0; at < input.length; at += 333)
      for (const c of chunker.push(input.subarray(at, at + 333))) out.push(...c.chunk);
    const tail = chunker.flush()!;
    expect(tail.validSamples).toBe(5000 % 512);
    out.push(...tail.chunk.subarray(0, tail.validSamples));
    expect(Int16Array.from(out)).toEqual(input);
  });
});
