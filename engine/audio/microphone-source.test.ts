// Real: the arecord / sox programs from Debian, run through node-record-lpcm16. This machine (and CI)
// has no sound card, so what is tested is the failure path: a clear 'device-unavailable' error and a
// process that keeps running. On a Pi with a microphone the nonexistent-device case still fails.
import { describe, expect, it } from 'vitest';
import { MicrophoneSource, onPath } from './microphone-source.ts';

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
