import type { AudioInputLimits } from '../../../audio/wav-stream.ts';
import type { KioskConfig } from '../../../contracts/config.ts';
import { EngineError } from '../../../errors/engine-error.ts';

/** The two flags every command that reads an audio file takes, overriding config audio.maxFile*. */
export const AUDIO_LIMIT_OPTIONS = {
  'max-file-bytes': { type: 'string' },
  'max-file-ms': { type: 'string' },
} as const;

/** The caps for this run: config audio.maxFileBytes / maxFileMs, or the flags when given. */
export function audioLimits(
  values: { 'max-file-bytes'?: string | boolean | undefined; 'max-file-ms'?: string | boolean | undefined },
  audio: Pick<KioskConfig['audio'], 'maxFileBytes' | 'maxFileMs'>,
): AudioInputLimits {
  const num = (flag: string, raw: string | boolean | undefined, fallback: number, min: number): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (typeof raw !== 'string' || !Number.isInteger(n) || n < min)
      throw new EngineError('bad-input', `--${flag} must be an integer >= ${min}, got '${String(raw)}'`, {
        stage: 'audio',
      });
    return n;
  };
  return {
    maxFileBytes: num('max-file-bytes', values['max-file-bytes'], audio.maxFileBytes, 1024),
    maxFileMs: num('max-file-ms', values['max-file-ms'], audio.maxFileMs, 1000),
  };
}
