import { z } from 'zod';
import { configSchema } from '../../contracts/config.ts';
import { EngineError } from '../../errors/engine-error.ts';

/**
 * The one rule from environment variables to config keys: `VOICE_KIOSK_` + the key path, each segment
 * in SCREAMING_SNAKE_CASE, joined by `_` — reply.llm.url ↔ VOICE_KIOSK_REPLY_LLM_URL, paths.dataDir ↔
 * VOICE_KIOSK_PATHS_DATA_DIR. The value is read as the key's type: strings as written (so
 * VOICE_KIOSK_DEVICE_ID=42 is the string "42"), numbers, booleans (true/false/1/0/yes/no), lists as a
 * JSON array or comma-separated; for a key that may be null, the empty string or `null` means null.
 * A variable that starts with a section's name but names no key is an error, like a typo in a file.
 */
export const ENV_PREFIX = 'VOICE_KIOSK_';

type LeafKind = 'string' | 'number' | 'boolean' | 'string-list';

interface EnvKey {
  path: string[];
  kind: LeafKind;
  nullable: boolean;
}

type AnySchema = z.ZodType & {
  def: { type: string; innerType?: AnySchema; element?: AnySchema; shape?: unknown };
};

/** Strips default/prefault/optional/nullable wrappers; says whether null is allowed. */
function unwrap(schema: AnySchema): { inner: AnySchema; nullable: boolean } {
  let s = schema;
  let nullable = false;
  while (['default', 'prefault', 'optional', 'nullable'].includes(s.def.type) && s.def.innerType) {
    if (s.def.type === 'nullable') nullable = true;
    s = s.def.innerType;
  }
  return { inner: s, nullable };
}

function leafKind(s: AnySchema, where: string): LeafKind {
  switch (s.def.type) {
    case 'string':
    case 'enum':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      if (s.def.element && ['string', 'enum'].includes(unwrap(s.def.element).inner.def.type))
        return 'string-list';
      break;
  }
  throw new Error(`config key ${where} has a type (${s.def.type}) the environment rule cannot read`);
}

function collect(schema: AnySchema, prefix: string[], out: EnvKey[]): void {
  const { inner, nullable } = unwrap(schema);
  if (inner.def.type === 'object') {
    for (const [key, child] of Object.entries((inner as unknown as z.ZodObject).shape))
      collect(child as AnySchema, [...prefix, key], out);
    return;
  }
  out.push({ path: prefix, kind: leafKind(inner, prefix.join('.')), nullable });
}

/** `dataDir` → `DATA_DIR`. */
function screamingSnake(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** The environment variable that sets a config key path, e.g. ['reply','llm','url'] → VOICE_KIOSK_REPLY_LLM_URL. */
export function envNameOf(path: readonly string[]): string {
  return ENV_PREFIX + path.map(screamingSnake).join('_');
}

/** Every config key by its variable name (built once from the schema, so a new key is reachable at once). */
export const ENV_KEYS: ReadonlyMap<string, EnvKey> = (() => {
  const keys: EnvKey[] = [];
  collect(configSchema as unknown as AnySchema, [], keys);
  const byName = new Map<string, EnvKey>();
  for (const k of keys) {
    const name = envNameOf(k.path);
    const clash = byName.get(name);
    if (clash) throw new Error(`config keys ${clash.path.join('.')} and ${k.path.join('.')} share ${name}`);
    byName.set(name, k);
  }
  return byName;
})();

const SECTION_PREFIXES = Object.keys(configSchema.shape).map((s) => `${ENV_PREFIX}${screamingSnake(s)}_`);

function bad(name: string, key: string, message: string): EngineError {
  return new EngineError('bad-input', `invalid config at ${key} (from ${name}): ${message}`, {
    stage: 'config',
    detail: { variable: name, key },
  });
}

function parseValue(name: string, key: EnvKey, raw: string): unknown {
  const where = key.path.join('.');
  if (key.nullable && (raw === '' || raw === 'null')) return null;
  switch (key.kind) {
    case 'string':
      return raw;
    case 'number': {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) throw bad(name, where, `expected a number, got '${raw}'`);
      return n;
    }
    case 'boolean': {
      const v = raw.trim().toLowerCase();
      if (['true', '1', 'yes'].includes(v)) return true;
      if (['false', '0', 'no'].includes(v)) return false;
      throw bad(name, where, `expected true or false, got '${raw}'`);
    }
    case 'string-list': {
      if (raw.trim().startsWith('[')) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(raw);
        } catch (err) {
          throw bad(name, where, `not a JSON list: ${(err as Error).message}`);
        }
        return parsed;
      }
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    }
  }
}

/** The config layer given by the environment: nested like a config file, values already typed. */
export function configFromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(env)) {
    if (raw === undefined || !name.startsWith(ENV_PREFIX)) continue;
    const key = ENV_KEYS.get(name);
    if (!key) {
      // Other VOICE_KIOSK_* variables (VOICE_KIOSK_CONFIG, _FAULTS, _LOG_LEVEL, …) are not config keys;
      // one that starts with a section's name is meant to be one, so a typo there is an error.
      if (SECTION_PREFIXES.some((p) => name.startsWith(p)))
        throw new EngineError(
          'bad-input',
          `${name} is not a config key (known in this section: ${knownLike(name)})`,
          {
            stage: 'config',
            detail: { variable: name },
          },
        );
      continue;
    }
    let node = out;
    for (const seg of key.path.slice(0, -1)) node = (node[seg] ??= {}) as Record<string, unknown>;
    node[key.path[key.path.length - 1]!] = parseValue(name, key, raw);
  }
  return out;
}

function knownLike(name: string): string {
  const prefix = SECTION_PREFIXES.find((p) => name.startsWith(p))!;
  return [...ENV_KEYS.keys()].filter((k) => k.startsWith(prefix)).join(', ');
}
