// Pure logic: exact probability sequences in, exact events out (no model involved here; the real
// Silero model is exercised in voice-activity-detector.test.ts).
import { describe, expect, it } from 'vitest';
import { Endpointer, type EndpointerOptions, type VadEvent } from './endpointer.ts';

const OPTS: EndpointerOptions = {
  threshold: 0.5,
  trailingSilenceMs: 300,
  maxUtteranceMs: 2000,
  minSpeechMs: 100,
};
const CHUNK = 32;

/** Feeds one probability per 32 ms chunk, then ends the stream; returns every event. */
function run(probs: number[], opts: EndpointerOptions = OPTS): VadEvent[] {
  const ep = new Endpointer(opts);
  const events = probs.flatMap((p, i) => ep.push(p, i * CHUNK, CHUNK));
  return [...events, ...ep.finish(probs.length * CHUNK)];
}
const rep = (p: number, n: number) => Array<number>(n).fill(p);

describe('Endpointer', () => {
  it('starts after minSpeechMs (back-dated) and ends after the trailing silence, at the first silent chunk', () => {
    const events = run([...rep(0.1, 10), ...rep(0.9, 20), ...rep(0.05, 15)]);
    expect(events).toEqual([
      { type: 'speech-start', startMs: 320, atMs: 320 + 4 * CHUNK },
      {
        type: 'speech-end',
        segment: { startMs: 320, endMs: 960, endReason: 'silence' },
        atMs: 960 + 10 * CHUNK,
      },
    ]);
  });

  it('ignores a voiced blip shorter than minSpeechMs', () => {
    expect(run([...rep(0.1, 5), ...rep(0.9, 2), ...rep(0.1, 20)])).toEqual([]);
  });

  it('keeps one segment across a pause shorter than the trailing silence, and uses hysteresis', () => {
    // 0.4 is between negThreshold (0.35) and threshold: it neither ends nor restarts the silence timer.
    const events = run([
      ...rep(0.9, 10),
      ...rep(0.1, 5),
      ...rep(0.9, 10),
      ...rep(0.4, 20),
      ...rep(0.9, 5),
      ...rep(0.1, 12),
    ]);
    const ends = events.filter((e) => e.type === 'speech-end');
    expect(ends).toHaveLength(1);
    expect(ends[0]!.type === 'speech-end' && ends[0]!.segment).toEqual({
      startMs: 0,
      endMs: 50 * CHUNK,
      endReason: 'silence',
    });
  });

  it('cuts at the maximum utterance length and starts a new segment if speech goes on', () => {
    const events = run(rep(0.9, 100)); // 3.2 s of speech, max 2 s
    const ends = events.flatMap((e) => (e.type === 'speech-end' ? [e.segment] : []));
    expect(ends[0]).toEqual({ startMs: 0, endMs: 2016, endReason: 'max-length' });
    expect(ends[1]).toEqual({ startMs: 2016, endMs: 3200, endReason: 'end-of-stream' });
    expect(events.filter((e) => e.type === 'speech-start')).toHaveLength(2);
  });

  it('closes an open segment at the end of the stream, at the start of any trailing silence', () => {
    const events = run([...rep(0.9, 10), ...rep(0.1, 3)]);
    expect(events.at(-1)).toEqual({
      type: 'speech-end',
      segment: { startMs: 0, endMs: 320, endReason: 'end-of-stream' },
      atMs: 13 * CHUNK,
    });
  });

  it('with minSpeechMs 0 starts on the first voiced chunk', () => {
    expect(run([0.1, 0.9, 0.1], { ...OPTS, minSpeechMs: 0 })[0]).toEqual({
      type: 'speech-start',
      startMs: 32,
      atMs: 64,
    });
  });
});
