import { describe, expect, it } from 'vitest';
import type { AudioSource } from '../audio/audio-source.ts';
import type { AudioFrame } from '../contracts/audio.ts';
import type { PipelineEvent } from '../contracts/events.ts';
import { EngineError } from '../errors/engine-error.ts';
import { createLogger } from '../log/logger.ts';
import { AudioPump } from './audio-pump.ts';
import { EventBus } from './event-bus.ts';

const frame: AudioFrame = { samples: new Int16Array(1280), atMs: 0 };

/** A source whose n-th run (0-based) fails when `fails(n)`, and otherwise yields one frame. */
function scripted(fails: (run: number) => boolean): AudioSource & { runs: number } {
  const source = {
    runs: 0,
    info: () => ({ stage: 'audio' as const, name: 'scripted', ready: true }),
    async *frames() {
      const run = source.runs++;
      if (fails(run)) throw new EngineError('device-unavailable', `run ${run}: audio open error`, { stage: 'audio' });
      yield frame;
    },
  };
  return source;
}

async function pumpUntil(source: ReturnType<typeof scripted>, runs: number, live: boolean) {
  const bus = new EventBus();
  const notices: string[] = [];
  const availability: boolean[] = [];
  bus.subscribe((e: PipelineEvent) => {
    if (e.type === 'notice') notices.push(e.code);
  });
  const pump = new AudioPump({
    source,
    feed: async () => undefined,
    bus,
    log: createLogger('test', {}, () => undefined),
    restartAfterMs: live ? 1 : null,
    restartMaxMs: 2,
    onAvailability: (a) => availability.push(a),
  });
  const done = pump.start();
  while (live && source.runs < runs) await new Promise((r) => setTimeout(r, 1));
  if (live) await pump.stop();
  await done;
  return { notices, availability };
}

describe('AudioPump notices', () => {
  // The screen re-reads micAvailable only on these notices: one that loaded before the microphone's
  // first audio stayed on "Voice is not available right now" when the first audio was announced by none.
  it('announces the first audio of a live microphone once, and a recovery after an outage', async () => {
    const { notices, availability } = await pumpUntil(
      scripted((run) => run === 2),
      5,
      true,
    );
    expect(notices).toEqual(['microphone-ready', 'no-microphone', 'microphone-restored']);
    expect(availability.slice(0, 4)).toEqual([true, true, false, true]);
  });

  it('announces a microphone that fails at first only by its recovery', async () => {
    const { notices } = await pumpUntil(
      scripted((run) => run === 0),
      3,
      true,
    );
    expect(notices).toEqual(['no-microphone', 'microphone-restored']);
  });

  it('says nothing about a microphone for a file that plays to its end', async () => {
    const { notices, availability } = await pumpUntil(
      scripted(() => false),
      1,
      false,
    );
    expect(notices).toEqual([]);
    expect(availability).toEqual([true]);
  });
});
