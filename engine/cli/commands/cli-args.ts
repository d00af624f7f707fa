import { EngineError } from '../../errors/engine-error.ts';

/**
 * Parses `--flag value` / `--flag=value` / `--switch` options against a declared list, so a typo is a
 * clear one-line error instead of a silently ignored option.
 */
export function parseFlags(
  argv: string[],
  spec: { values: readonly string[]; switches: readonly string[] },
): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--'))
      throw new EngineError('bad-input', `unexpected argument '${arg}'`, { stage: 'config' });
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (spec.switches.includes(name)) {
      out[name] = true;
    } else if (spec.values.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith('--')))
        throw new EngineError('bad-input', `--${name} needs a value`, { stage: 'config' });
      out[name] = value;
    } else {
      throw new EngineError('bad-input', `unknown option --${name}`, { stage: 'config' });
    }
  }
  return out;
}

/** A port number flag: an integer 0–65535 (0 = any free port). */
export function portFlag(value: string | true | undefined): number | undefined {
  if (value === undefined || value === true) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new EngineError('bad-input', `--port must be 0–65535, got '${value}'`, { stage: 'config' });
  return n;
}
