// Real: the arecord / sox programs from Debian, run through node-record-lpcm16. This machine (and CI)
// has no sound card, so the failure paths run against the real arecord/sox. Test peer: for the happy
// path a stand-in `arecord` (a shell script put first on PATH) streams a real synthesized WAV as raw
// S16_LE to stdout through sox, exactly as arecord would stream a microphone.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesize } from '../../test/fixtures/synth.ts';
import { MicrophoneSource, onPath } from './microphone-source.ts';
import { decodeWav } from './wav-decode.ts';

let binDir: string;
let speech: string;
beforeAll(async () => {
  binDir = await mkdtemp(path.join(os.tmpdir(), 'vk-mic-'));
  speech = await synthesize({ text: 'is the pharmacy open on sunday', engine: 'flite', voice: 'slt' });
  // Ignores arecord's flags (-r 16000 -c 1 -t raw -f S16_LE -); REPEAT makes an endless "microphone".
  const script = `#!/bin/sh\nexec sox "${speech}" -t raw -r 16000 -c 1 -b 16 -e signed-integer - repeat \${REPEAT:-0}\n`;
  await writeFile(path.join(binDir, 'arecord'), script);
  await chmod(path.join(binDir, 'arecord'), 0o755);
});
afterAll(async () => {
  await rm(binDir, { recursive: true, force: true });
});

async function withRecorderPeer<T>(repeat: number, body: () => Promise<T>): Promise<T> {
  const saved = { PATH: process.env.PATH, REPEAT: process.env.REPEAT };
  process.env.PATH = `${binDir}${path.delimiter}${saved.PATH}`;
  process.env.REPEAT = String(repeat);
  try {
    return await body();
  } finally {
    process.env.PATH = saved.PATH;
    if (saved.REPEAT === undefined) delete process.env.REPEAT;
    else process.env.REPEAT = saved.REPEAT;
  }
}

async function firstError(source: MicrophoneSource): Promise<unknown> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), 3000);
  try {
    for await (const _ of source.frames({ signal: ac.signal })) {
      /* a real device would deliver frames; we only wait for the failure or the timeout */
    }
    return null;
  } catch (err) {
    return err;
  } finally {
    clearTimeout(timer);
  }
}

describe('MicrophoneSource', () => {
  it("streams the recorder's raw PCM as contiguous 16 kHz frames with stream timestamps", async () => {
    const expected = decodeWav(await readFile(speech), speech).samples;
    const frames = await withRecorderPeer(0, async () => {
      const got = [];
      for await (const f of new MicrophoneSource({ recorder: 'arecord', device: null }).frames()) got.push(f);
      return got;
    });
    const all = new Int16Array(frames.reduce((n, f) => n + f.samples.length, 0));
    let at = 0;
    for (const f of frames) {
      expect(f.atMs).toBeCloseTo((at / 16000) * 1000, 6);
      all.set(f.samples, at);
      at += f.samples.length;
    }
    expect(all).toEqual(expected);
  });

  it('stops an endless recording when aborted, and kills the recorder', async () => {
    await withRecorderPeer(1000, async () => {
      const ac = new AbortController();
      let samples = 0;
      for await (const f of new MicrophoneSource({ recorder: 'arecord', device: null }).frames({
        signal: ac.signal,
      })) {
        samples += f.samples.length;
        if (samples > 16000 * 3) ac.abort();
      }
      expect(samples).toBeGreaterThan(16000 * 3);
    });
  });

  it("reports a nonexistent ALSA device as 'device-unavailable' with arecord's own reason", async () => {
    const err = await firstError(new MicrophoneSource({ recorder: 'arecord', device: 'hw:97,0' }));
    expect(err).toMatchObject({
      code: 'device-unavailable',
      stage: 'audio',
      detail: { recorder: 'arecord', device: 'hw:97,0' },
    });
    expect((err as Error).message).toMatch(/arecord/);
  });

  it("reports a recorder program that is not installed as 'device-unavailable' (no crash)", async () => {
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent-bin';
    try {
      const src = new MicrophoneSource({ recorder: 'sox', device: null });
      expect(src.info()).toMatchObject({ stage: 'audio', ready: false });
      const err = await firstError(src);
      expect(err).toMatchObject({
        code: 'device-unavailable',
        message: expect.stringContaining("'sox' is not installed"),
      });
    } finally {
      process.env.PATH = saved;
    }
    expect(onPath('sox')).toBe(true);
  });

  it('stops cleanly when aborted before it starts', async () => {
    const ac = new AbortController();
    ac.abort();
    const frames = [];
    for await (const f of new MicrophoneSource({ recorder: 'arecord', device: null }).frames({
      signal: ac.signal,
    }))
      frames.push(f);
    expect(frames).toEqual([]);
  });
});
