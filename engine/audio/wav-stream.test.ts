import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeWav } from './wav-decode.ts';
import { encodeWav } from './wav-encode.ts';
import { WavFileSource } from './wav-file-source.ts';

// Real: sox-made WAV files (44.1 kHz stereo 24-bit, several read blocks long), /dev/zero, a FIFO.
// Oracle for the streamed decode: the whole-buffer decodeWav on the same bytes.
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-wavstream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function streamed(src: WavFileSource): Promise<Int16Array> {
  const parts: Int16Array[] = [];
  for await (const f of src.frames()) parts.push(f.samples);
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('WavFileSource streaming decode', () => {
  it('gives sample for sample what the whole-file decoder gives (44.1 kHz stereo 24-bit, 7 s)', async () => {
    const file = path.join(dir, 'tone.wav');
    execFileSync('sox', [
      '-n',
      '-r',
      '44100',
      '-c',
      '2',
      '-b',
      '24',
      file,
      'synth',
      '7',
      'sine',
      '440',
      'sine',
      '1000',
    ]);
    const whole = decodeWav(readFileSync(file), file).samples;
    expect(whole.length).toBe(7 * 16000);
    const got = await streamed(new WavFileSource(file));
    expect(got.length).toBe(whole.length);
    expect(Buffer.from(got.buffer).equals(Buffer.from(whole.buffer))).toBe(true);
  });

  it('refuses /dev/zero and a FIFO as not regular files, before reading a byte', async () => {
    await expect(new WavFileSource('/dev/zero').probe()).rejects.toMatchObject({
      code: 'bad-audio',
      message: '/dev/zero: is a character device, not a WAV file: only regular files are read',
    });
    const fifo = path.join(dir, 'pipe.wav');
    execFileSync('mkfifo', [fifo]);
    // Opening a FIFO for reading blocks until a writer appears: give it one that writes nothing.
    const writer = execFileSync('sh', ['-c', `(sleep 5 > ${fifo}) >/dev/null 2>&1 & echo $!`], {
      encoding: 'utf8',
    }).trim();
    try {
      await expect(new WavFileSource(fifo).probe()).rejects.toMatchObject({
        message: `${fifo}: is a FIFO, not a WAV file: only regular files are read`,
      });
    } finally {
      execFileSync('kill', [writer]);
    }
  });

  it('refuses a file above the byte cap or the duration cap with too-large, naming the limit', async () => {
    const file = path.join(dir, 'ten-seconds.wav');
    writeFileSync(file, encodeWav(new Int16Array(10 * 16000)));
    await expect(
      new WavFileSource(file, { limits: { maxFileBytes: 100_000, maxFileMs: 3600_000 } }).probe(),
    ).rejects.toMatchObject({
      code: 'too-large',
      message: `${file}: is 320044 bytes, above the 100000-byte limit (audio.maxFileBytes, --max-file-bytes)`,
    });
    await expect(
      new WavFileSource(file, { limits: { maxFileBytes: 1 << 30, maxFileMs: 5000 } }).probe(),
    ).rejects.toMatchObject({
      code: 'too-large',
      message: `${file}: holds 10.0 s of audio, above the 5 s limit (audio.maxFileMs, --max-file-ms)`,
    });
    expect((await new WavFileSource(file).probe()).durationMs).toBe(10_000);
  });
});
