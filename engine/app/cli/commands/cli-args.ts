import { parseArgs } from 'node:util';
import { EngineError } from '../../../errors/engine-error.ts';

/**
 * node:util's parseArgs for commands that take only options, returning `--name value` as a string and
 * `--switch` as true; an unknown option, a missing value or a stray argument is a one-line
 * 'bad-input' error rather than a silently ignored typo.
 */
export function parseFlags(
  argv: string[],
  spec: { values: readonly string[]; switches: readonly string[] },
): Record<string, string | true> {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const name of spec.values) options[name] = { type: 'string' };
  for (const name of spec.switches) options[name] = { type: 'boolean' };
  try {
    const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
    const out: Record<string, string | true> = {};
    for (const [name, value] of Object.entries(values)) {
      if (typeof value === 'string') out[name] = value;
      else if (value === true) out[name] = true;
    }
    return out;
  } catch (err) {
    throw new EngineError('bad-input', (err as Error).message, { stage: 'config', cause: err });
  }
}

/** A port number flag: an integer 0–65535 (0 = any free port). */
export function portFlag(value: string | true | undefined): number | undefined {
  if (value === undefined || value === true) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new EngineError('bad-input', `--port must be 0–65535, got '${value}'`, { stage: 'config' });
  return n;
}
