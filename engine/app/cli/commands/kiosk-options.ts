import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig } from '../../config/load.ts';
import type { KioskConfig, KioskConfigInput } from '../../../contracts/config.ts';
import { EngineError } from '../../../errors/engine-error.ts';

/** Flags every store/offload command accepts (issue 4 §4: all take --db PATH and --mqtt URL). */
export const KIOSK_FLAGS = {
  db: { type: 'string' },
  mqtt: { type: 'string' },
  device: { type: 'string' },
  config: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const satisfies ParseArgsConfig['options'];

/** Parses argv with the shared flags plus the command's own, turning parse errors into bad-input. */
export function parseKioskArgs<O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  own: O,
  usage: string,
) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: { ...KIOSK_FLAGS, ...own } });
  } catch (err) {
    throw new EngineError('bad-input', `${(err as Error).message}\n${usage}`, { stage: 'config' });
  }
}

/** The effective config with --db/--mqtt/--device applied on top of file and environment. */
export function kioskConfig(values: {
  db?: string | boolean | undefined;
  mqtt?: string | boolean | undefined;
  device?: string | boolean | undefined;
  config?: string | boolean | undefined;
}): KioskConfig {
  const overrides: KioskConfigInput = {};
  if (typeof values.db === 'string') overrides.paths = { db: values.db };
  if (typeof values.mqtt === 'string') overrides.mqtt = { url: values.mqtt };
  if (typeof values.device === 'string') overrides.device = { id: values.device };
  return loadConfig(typeof values.config === 'string' ? { file: values.config, overrides } : { overrides });
}
