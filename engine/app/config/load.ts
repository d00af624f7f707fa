import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { configSchema, type KioskConfig, type KioskConfigInput } from '../../contracts/config.ts';
import type { z } from 'zod';
import { EngineError } from '../../errors/engine-error.ts';
import { redactUrl } from '../../log/redact-url.ts';
import { configFromEnv } from './env-keys.ts';

// The app root lives in a support module so stages can resolve paths without loading config.
export { APP_ROOT, resolvePath } from '../../paths/app-root.ts';

const SECRET_KEYS = new Set(['password', 'apiKey', 'pinHash']);

export interface LoadOptions {
  /** A JSON config file; default: $VOICE_KIOSK_CONFIG, else ./voice-kiosk.config.json if present. */
  file?: string;
  env?: NodeJS.ProcessEnv;
  /** Last layer, e.g. CLI flags such as --db or --mqtt. */
  overrides?: KioskConfigInput;
}

/**
 * Loads defaults → file → environment → overrides, validates and freezes the result, so every
 * module reads one consistent, already-checked configuration.
 */
export function loadConfig(options: LoadOptions = {}): KioskConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? env.VOICE_KIOSK_CONFIG ?? defaultFile();
  let layered: Record<string, unknown> = {};
  if (file) layered = deepMerge(layered, readConfigFile(file));
  layered = deepMerge(layered, configFromEnv(env));
  if (options.overrides) layered = deepMerge(layered, options.overrides as Record<string, unknown>);
  const parsed = configSchema.safeParse(layered);
  if (!parsed.success) {
    const { key, message } = describeIssue(parsed.error.issues[0]);
    throw new EngineError('bad-input', `invalid config at ${key}: ${message}${file ? ` (file ${file})` : ''}`, {
      stage: 'config',
      detail: { file: file ?? null, key },
    });
  }
  return deepFreeze(parsed.data);
}

/** The effective config for printing: secrets replaced so it can be pasted into a ticket. */
export function maskSecrets(config: KioskConfig): unknown {
  return JSON.parse(
    JSON.stringify(config, (key, value) =>
      SECRET_KEYS.has(key) && value ? '********' : key === 'url' && typeof value === 'string' ? redactUrl(value) : value,
    ),
  );
}

function defaultFile(): string | undefined {
  const candidate = path.resolve('voice-kiosk.config.json');
  return existsSync(candidate) ? candidate : undefined;
}

function readConfigFile(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new EngineError('bad-input', `cannot read config file ${file}: ${(err as Error).message}`, {
      stage: 'config',
      detail: { file },
    });
  }
}

/** The full key path of a schema issue; an unknown key names itself, not just its section. */
function describeIssue(issue: z.core.$ZodIssue | undefined): { key: string; message: string } {
  if (!issue) return { key: '(root)', message: 'invalid' };
  const at = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => [...at, k].join('.'));
    return { key: keys.join(', '), message: keys.length > 1 ? 'unknown keys' : 'unknown key' };
  }
  return { key: at.join('.') || '(root)', message: issue.message };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    const prev = out[k];
    out[k] = isPlainObject(prev) && isPlainObject(v) ? deepMerge(prev, v) : v;
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
