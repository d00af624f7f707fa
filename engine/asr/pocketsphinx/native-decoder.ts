import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineError } from '../../errors/engine-error.ts';

/** What the C++ addon returns after each chunk and at the end of an utterance. */
export interface NativeHyp {
  hyp: string;
  /** Path score of the best hypothesis (log domain, more negative = worse). */
  score: number;
  /** Log posterior of the hypothesis (only at the end of an utterance). */
  prob: number;
  frames: number;
  inSpeech: boolean;
  /** Acoustic and language-model scores of the best path, summed over its words (end of utterance only). */
  ascr: number;
  lscr: number;
  /** Distinct best word strings from the lattice with their path scores, best first (end of utterance, lattice decoders only). */
  nbest?: { hyp: string; score: number }[];
}

/** The raw addon class (engine/asr/pocketsphinx/native/decoder.cc). Not re-entrant: use SerialDecoder. */
export interface NativeDecoder {
  load(args: string[]): Promise<void>;
  setLmFile(name: string, file: string): void;
  setJsgf(name: string, jsgf: string): void;
  setSearch(name: string): void;
  start(): void;
  process(samples: Int16Array): Promise<NativeHyp>;
  end(samples?: Int16Array): Promise<NativeHyp>;
  close(): void;
}

const ADDON = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'native',
  'build',
  'Release',
  'pocketsphinx.node',
);
let cached: { Decoder: new () => NativeDecoder } | undefined;

/** Loads the addon once; a clear 'unavailable' error says how to build it when it is missing. */
export function loadNativeAddon(): { Decoder: new () => NativeDecoder } {
  if (cached) return cached;
  try {
    cached = createRequire(import.meta.url)(ADDON) as { Decoder: new () => NativeDecoder };
    return cached;
  } catch (err) {
    throw new EngineError(
      'unavailable',
      'pocketsphinx addon not built: apt-get install libpocketsphinx-dev pocketsphinx-en-us pkg-config, then npm run build:asr',
      { stage: 'asr', detail: { file: ADDON }, cause: err },
    );
  }
}

/**
 * Serializes calls to one native decoder: audio chunks arrive faster than workers finish, and the
 * decoder must see them one at a time and in order.
 */
export class SerialDecoder {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly native: NativeDecoder) {}

  /** Runs `op` after every previously queued operation; a failed op does not block later ones. */
  run<T>(op: (d: NativeDecoder) => T | Promise<T>): Promise<T> {
    const next = this.tail.then(() => op(this.native));
    this.tail = next.catch(() => undefined);
    return next;
  }
}
