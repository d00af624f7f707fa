import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { configSchema, type KioskConfig, type KioskConfigInput } from '../../contracts/config.ts';
import { EngineError } from '../../errors/engine-error.ts';
import { redactUrl } from '../../log/redact-url.ts';

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
  layered = deepMerge(layered, fromEnv(env));
  if (options.overrides) layered = deepMerge(layered, options.overrides as Record<string, unknown>);
  const parsed = configSchema.safeParse(layered);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new EngineError('bad-input', `invalid config at ${first?.path.join('.') || '(root)'}: ${first?.message}`, {
      stage: 'config',
      detail: { file: file ?? null },
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

/**
 * VOICE_KIOSK_<SECTION>_<KEY>=value, e.g. VOICE_KIOSK_MQTT_URL=mqtt://broker:1883. Values are parsed
 * as JSON when they look like it (numbers, booleans, null, arrays) and kept as strings otherwise.
 */
function fromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, Record<string, unknown>> = {};
  const sections = Object.keys(configSchema.shape);
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith('VOICE_KIOSK_') || raw === undefined || name === 'VOICE_KIOSK_CONFIG') continue;
    const rest = name.slice('VOICE_KIOSK_'.length).toLowerCase();
    const section = sections.find((s) => rest.startsWith(`${s.toLowerCase()}_`));
    if (!section) continue;
    const key = camel(rest.slice(section.length + 1));
    (out[section] ??= {})[key] = parseEnvValue(raw);
  }
  return out;
}

function camel(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function parseEnvValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
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
