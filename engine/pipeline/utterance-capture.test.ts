import { describe, expect, it } from 'vitest';
import type { AsrEngine, AsrSession } from '../asr/asr-engine.ts';
import type { AudioFrame, Transcript } from '../contracts/audio.ts';
import { EventBus } from './event-bus.ts';
import { UtteranceCapture, betterReading } from './utterance-capture.ts';

// A recorder stands in for the recognizer: each session "hears" the frames written to it, identified by
// their first sample, so the test sees exactly which audio each reading was decoded from.
const FRAME_MS = 100;
const frame = (i: number): AudioFrame => ({ atMs: i * FRAME_MS, samples: new Int16Array(1600).fill(i) });

function recordingAsr(confidences: number[]): { engine: AsrEngine; heard: number[][] } {
  const heard: number[][] = [];
  const engine = {
    name: 'pocketsphinx',
    load: async () => undefined,
    info: () => ({ stage: 'asr', name: 'recorder', ready: true }),
    close: async () => undefined,
    start(): AsrSession {
      const mine: number[] = [];
      const n = heard.push(mine) - 1;
      return {
        write: async (s) => void mine.push(s[0]!),
        partial: () => '',
        finish: async (): Promise<Transcript> => ({
          text: `frames ${mine.join(',')}`,
          confidence: confidences[n] ?? 0.5,
          engine: 'recorder',
          audioMs: mine.length * FRAME_MS,
          decodeMs: 1,
        }),
        cancel: async () => undefined,
      };
    },
  } satisfies AsrEngine;
  return { engine, heard };
}

async function wakeTurn(confidences: number[]) {
  const { engine, heard } = recordingAsr(confidences);
  const capture = new UtteranceCapture({ asr: engine, endpoint: null, bus: new EventBus(), preRollMs: 300 });
  for (let i = 0; i <= 10; i++) capture.remember(frame(i)); // the wake detector fires at the end of frame 10
  capture.start('t1');
  for (const f of capture.takePreRoll(1100)) await capture.push(f);
  for (let i = 11; i <= 13; i++) await capture.push(frame(i));
  return { heard, transcript: await capture.finish('t1') };
}

describe('the pre-roll is decoded both ways', () => {
  it('one session hears the pre-roll, the other starts at the wake detection', async () => {
    const { heard } = await wakeTurn([0.6, 0.6]);
    expect(heard).toEqual([
      [8, 9, 10, 11, 12, 13],
      [11, 12, 13],
    ]);
  });

  it('the reading from the detection on wins unless the pre-roll one is clearly more confident', async () => {
    expect((await wakeTurn([0.65, 0.64])).transcript?.text).toBe('frames 11,12,13');
    expect((await wakeTurn([0.64, 0.32])).transcript?.text).toBe('frames 8,9,10,11,12,13');
  });

  it('a reading that heard nothing never wins over one that heard words', () => {
    const t = (text: string, confidence: number): Transcript => ({ text, confidence, engine: 'x', audioMs: 1, decodeMs: 1 });
    expect(betterReading(t('where is the milk', 0.3), t('', 1)).text).toBe('where is the milk');
    expect(betterReading(t('', 1), t('is the milk', 0.2)).text).toBe('is the milk');
    expect(betterReading(t('where is the milk', 0.9), null).text).toBe('where is the milk');
  });

  it('a turn with no pre-roll (tap, or a restart after the wake tail) is one plain session', async () => {
    const { engine, heard } = recordingAsr([0.5]);
    const capture = new UtteranceCapture({ asr: engine, endpoint: null, bus: new EventBus() });
    capture.start('t2');
    await capture.push(frame(1));
    expect((await capture.finish('t2'))?.text).toBe('frames 1');
    expect(heard).toHaveLength(1);
  });
});
