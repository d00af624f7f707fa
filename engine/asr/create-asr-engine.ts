import type { EngineErrorData } from '../contracts/errors.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { Logger } from '../log/logger.ts';
import type { AsrEngine, AsrEngineName } from './asr-engine.ts';
import { TransformersAsrEngine } from './neural/transformers-engine.ts';
import { PocketsphinxEngine, type PocketsphinxOptions } from './pocketsphinx/pocketsphinx-engine.ts';

export interface AsrSelection {
  engine: AsrEngine;
  /** Set when the configured engine could not load and pocketsphinx took over (shown as a notice). */
  fallback?: { from: AsrEngineName; error: EngineErrorData };
}

export interface CreateAsrOptions {
  engine: AsrEngineName;
  modelsDir: string;
  pocketsphinx?: PocketsphinxOptions;
  logger?: Logger;
  /** Lets tests build engines another way; the kiosk uses the real constructors. */
  factory?: (name: AsrEngineName) => AsrEngine;
}

/** Builds one engine by name without loading it. */
export function buildAsrEngine(
  name: AsrEngineName,
  modelsDir: string,
  pocketsphinx?: PocketsphinxOptions,
): AsrEngine {
  if (name === 'pocketsphinx') return new PocketsphinxEngine(pocketsphinx);
  return new TransformersAsrEngine({ engine: name, modelsDir });
}

/**
 * Loads the configured engine; if a neural model is missing or broken the kiosk still hears people,
 * so pocketsphinx is loaded instead and the reason is returned for a notice. A pocketsphinx failure
 * has nothing to fall back to and is thrown.
 */
export async function createAsrEngine(opts: CreateAsrOptions): Promise<AsrSelection> {
  const make = opts.factory ?? ((n: AsrEngineName) => buildAsrEngine(n, opts.modelsDir, opts.pocketsphinx));
  const first = make(opts.engine);
  try {
    await first.load();
    return { engine: first };
  } catch (err) {
    if (opts.engine === 'pocketsphinx') throw err;
    const error = EngineError.toData(err, 'asr');
    opts.logger?.warn('asr engine unavailable, falling back to pocketsphinx', {
      engine: opts.engine,
      code: error.code,
      reason: error.message,
    });
    await first.close().catch(() => undefined);
    const fallback = make('pocketsphinx');
    await fallback.load();
    return { engine: fallback, fallback: { from: opts.engine, error } };
  }
}
