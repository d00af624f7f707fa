import type { SpeechSegment } from '../contracts/audio.ts';

export interface EndpointerOptions {
  /** Probability at or above which a chunk is speech (config.vad.threshold). */
  threshold: number;
  /** Below this a chunk counts as silence; in between keeps the current state (default threshold − 0.15, as Silero's own). */
  negThreshold?: number;
  /** Speech ends after this much continuous silence (config.vad.trailingSilenceMs). */
  trailingSilenceMs: number;
  /** A segment is cut here even if the speaker keeps going (config.vad.maxUtteranceMs). */
  maxUtteranceMs: number;
  /** Voiced runs shorter than this (a cough, a door) never start a segment (config.vad.minSpeechMs). */
  minSpeechMs: number;
}

/**
 * Per-chunk events, for the live pipeline: `speech-start` fires once minSpeechMs of speech is confirmed
 * (its `startMs` is back-dated to the first voiced chunk), `speech-end` fires after the trailing
 * silence and carries the finished segment. `atMs` is when the event could be known (stream time).
 */
export type VadEvent =
  | { type: 'speech-start'; startMs: number; atMs: number }
  | { type: 'speech-end'; segment: SpeechSegment; atMs: number };

type State =
  | { kind: 'silence' }
  | { kind: 'pending'; startMs: number }
  | { kind: 'speech'; startMs: number; silenceFromMs: number | null };

/**
 * Turns a stream of speech probabilities into utterances. Pure and model-free, so its rules (minimum
 * speech, trailing silence, maximum length, hysteresis) are testable on exact probability sequences.
 */
export class Endpointer {
  private state: State = { kind: 'silence' };
  private readonly neg: number;

  constructor(private readonly opts: EndpointerOptions) {
    this.neg = opts.negThreshold ?? Math.max(0.01, opts.threshold - 0.15);
  }

  get inSpeech(): boolean {
    return this.state.kind === 'speech';
  }

  reset(): void {
    this.state = { kind: 'silence' };
  }

  /** Feeds the probability of the chunk [startMs, startMs + durMs); returns the events it completes. */
  push(prob: number, startMs: number, durMs: number): VadEvent[] {
    const endMs = startMs + durMs;
    const s = this.state;
    const voiced = prob >= this.opts.threshold;
    const silent = prob < this.neg;
    switch (s.kind) {
      case 'silence':
        if (!voiced) return [];
        this.state = { kind: 'pending', startMs };
        return this.confirm(endMs);
      case 'pending':
        if (silent) {
          this.state = { kind: 'silence' };
          return [];
        }
        return this.confirm(endMs);
      case 'speech': {
        if (voiced) s.silenceFromMs = null;
        else if (silent) s.silenceFromMs ??= startMs;
        if (s.silenceFromMs !== null && endMs - s.silenceFromMs >= this.opts.trailingSilenceMs) {
          return [this.end({ startMs: s.startMs, endMs: s.silenceFromMs, endReason: 'silence' }, endMs)];
        }
        if (endMs - s.startMs >= this.opts.maxUtteranceMs) {
          return [this.end({ startMs: s.startMs, endMs, endReason: 'max-length' }, endMs)];
        }
        return [];
      }
    }
  }

  /** End of stream at `endMs`: closes an open segment ('end-of-stream'); an unconfirmed blip is dropped. */
  finish(endMs: number): VadEvent[] {
    const s = this.state;
    if (s.kind !== 'speech') {
      this.state = { kind: 'silence' };
      return [];
    }
    return [
      this.end({ startMs: s.startMs, endMs: s.silenceFromMs ?? endMs, endReason: 'end-of-stream' }, endMs),
    ];
  }

  private confirm(nowMs: number): VadEvent[] {
    const s = this.state;
    if (s.kind !== 'pending' || nowMs - s.startMs < this.opts.minSpeechMs) return [];
    this.state = { kind: 'speech', startMs: s.startMs, silenceFromMs: null };
    return [{ type: 'speech-start', startMs: s.startMs, atMs: nowMs }];
  }

  private end(segment: SpeechSegment, atMs: number): VadEvent {
    this.state = { kind: 'silence' };
    return { type: 'speech-end', segment, atMs };
  }
}
