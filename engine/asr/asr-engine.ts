import type { AsrMode, StageInfo, Transcript } from '../contracts/audio.ts';

/** The engines the kiosk knows; config `asr.engine` picks one. */
export type AsrEngineName = 'pocketsphinx' | 'moonshine' | 'whisper';

/**
 * One utterance being decoded. Audio goes in as it arrives (16 kHz mono Int16), so most of the work
 * is done by the time the speaker stops and `finish()` only has the tail left.
 */
export interface AsrSession {
  /**
   * Feeds the next chunk; chunks are queued, so callers need not await each one. Never rejects (a
   * caller may `void` it from an audio callback): a bad chunk or a decoder failure is reported by
   * `finish()`, and chunks written after finish/cancel are ignored.
   */
  write(samples: Int16Array): Promise<void>;
  /** The best hypothesis so far ('' before any word): shown as the live caption. */
  partial(): string;
  /** Ends the utterance and returns the final transcript; silence or noise gives text ''. */
  finish(): Promise<Transcript>;
  /** Drops the utterance without a result (barge-in, cancel). */
  cancel(): Promise<void>;
}

/** A speech recognizer whose models are loaded once and reused for every utterance. */
export interface AsrEngine {
  readonly name: AsrEngineName;
  /** Loads models; safe to call twice. Throws EngineError('model-missing' | 'unavailable'). */
  load(): Promise<void>;
  /** Starts an utterance in a mode: `kiosk` (short questions, store vocabulary) or `dictation`. */
  start(mode: AsrMode): AsrSession;
  info(): StageInfo;
  close(): Promise<void>;
  /**
   * Rebuilds the kiosk-mode vocabulary from the shop's sentences (the knowledge base changed), without
   * a restart. Engines with an open vocabulary do not need it.
   */
  useDomain?(phrases: readonly string[]): Promise<{ words: number }>;
}

/** Decodes a whole buffer in one go (CLI, eval, tests), in chunks the size a microphone delivers. */
export async function transcribeSamples(
  engine: AsrEngine,
  samples: Int16Array,
  mode: AsrMode,
  chunk = 1600,
): Promise<Transcript> {
  const session = engine.start(mode);
  for (let i = 0; i < samples.length; i += chunk) void session.write(samples.subarray(i, i + chunk));
  return session.finish();
}
