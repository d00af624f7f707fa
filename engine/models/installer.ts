import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { APP_ROOT } from '../paths/app-root.ts';
import { EngineError } from '../errors/engine-error.ts';
import { DEFAULT_MANIFEST, isNpmSource, parseNpmSpec, readManifest, type ModelEntry } from './manifest.ts';
import { checksumError, installHint, modelsDirOf, sha256File, type ModelLocation } from './verified-path.ts';

const CONNECT_TIMEOUT_MS = 30_000;

export type InstallOutcome = 'installed' | 'already-installed' | 'skipped-url' | 'missing-package';

export interface InstallResult {
  id: string;
  file: string;
  outcome: InstallOutcome;
  message?: string;
}

export interface ModelStatus {
  id: string;
  group: string;
  stage: string;
  file: string;
  licence: string;
  source: string;
  installed: boolean;
  verified: boolean;
  /** Present when the file exists but its sha256 differs from the manifest. */
  actualSha256?: string;
  install: string;
}

/** Finds an installed npm package's directory by walking up node_modules from the app root. */
export function findPackageDir(name: string, from: string = APP_ROOT): string | null {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * Copies every npm-shipped model into the models dir, verifying the source's sha256 BEFORE copying and
 * the copy after it. A mismatch throws 'model-checksum' (file + both hashes); url models are skipped
 * (they are fetched on a networked device with `models fetch`).
 */
export async function installNpmModels(loc: ModelLocation = {}): Promise<InstallResult[]> {
  const manifest = readManifest(loc.manifestPath ?? DEFAULT_MANIFEST);
  const modelsDir = modelsDirOf(loc);
  const results: InstallResult[] = [];
  for (const entry of manifest.models) {
    const target = path.join(modelsDir, entry.file);
    if (!isNpmSource(entry.source)) {
      const ok = (await stat(target).catch(() => null)) && (await sha256File(target)) === entry.sha256;
      results.push({ id: entry.id, file: target, outcome: ok ? 'already-installed' : 'skipped-url', message: ok ? undefined : `fetch on a networked device: ${installHint(entry)}` });
      continue;
    }
    results.push(await installOne(entry, entry.source, target));
  }
  return results;
}

async function installOne(entry: ModelEntry, source: { npm: string; path: string }, target: string): Promise<InstallResult> {
  if ((await stat(target).catch(() => null)) && (await sha256File(target)) === entry.sha256) {
    return { id: entry.id, file: target, outcome: 'already-installed' };
  }
  const { name, version } = parseNpmSpec(source.npm);
  const pkgDir = findPackageDir(name);
  if (!pkgDir) {
    return { id: entry.id, file: target, outcome: 'missing-package', message: `npm package ${source.npm} is not installed (run npm install)` };
  }
  const from = path.join(pkgDir, source.path);
  if (!existsSync(from)) {
    const installed = (JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version?: string }).version;
    throw new EngineError('model-missing', `${from} not found in ${name}@${installed} (manifest pins ${version})`, {
      stage: 'models',
      detail: { model: entry.id, file: from },
    });
  }
  const sourceSha = await sha256File(from);
  if (sourceSha !== entry.sha256) throw checksumError(entry.id, from, entry.sha256, sourceSha);
  await mkdir(path.dirname(target), { recursive: true });
  // Copy beside the target then rename, so a crash never leaves a half-written file under the real name.
  const part = `${target}.part`;
  await copyFile(from, part);
  const copiedSha = await sha256File(part);
  if (copiedSha !== entry.sha256) {
    await rm(part, { force: true });
    throw checksumError(entry.id, target, entry.sha256, copiedSha);
  }
  await rename(part, target);
  return { id: entry.id, file: target, outcome: 'installed' };
}

/**
 * Downloads every `{url}` model of a group (or one id): streamed to `<file>.part` while hashing,
 * verified, then renamed. No network → 'unavailable' naming the URL; a bad download is deleted and
 * refused with 'model-checksum'.
 */
export async function fetchGroup(group: string, loc: ModelLocation = {}, fetchImpl: typeof fetch = fetch): Promise<InstallResult[]> {
  const manifest = readManifest(loc.manifestPath ?? DEFAULT_MANIFEST);
  const entries = manifest.models.filter((m) => m.group === group || m.id === group);
  if (entries.length === 0) {
    const groups = [...new Set(manifest.models.map((m) => m.group))].join(', ');
    throw new EngineError('not-found', `no model group or id '${group}' in the manifest (groups: ${groups})`, { stage: 'models', detail: { model: group } });
  }
  const modelsDir = modelsDirOf(loc);
  const results: InstallResult[] = [];
  for (const entry of entries) {
    const target = path.join(modelsDir, entry.file);
    if (isNpmSource(entry.source)) {
      results.push(await installOne(entry, entry.source, target));
      continue;
    }
    if ((await stat(target).catch(() => null)) && (await sha256File(target)) === entry.sha256) {
      results.push({ id: entry.id, file: target, outcome: 'already-installed' });
      continue;
    }
    await download(entry, entry.source.url, target, fetchImpl);
    results.push({ id: entry.id, file: target, outcome: 'installed' });
  }
  return results;
}

async function download(entry: ModelEntry, url: string, target: string, fetchImpl: typeof fetch): Promise<void> {
  let res: Response;
  // A black-holed network would otherwise hang `models fetch` forever; the limit covers only the wait
  // for response headers, since a large model's body legitimately takes minutes on a slow link.
  const connect = new AbortController();
  const timer = setTimeout(() => connect.abort(new Error(`no response within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
  try {
    res = await fetchImpl(url, { signal: connect.signal });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new EngineError(
      'unavailable',
      `cannot download model '${entry.id}' from ${url}: ${cause?.code ?? cause?.message ?? (err as Error).message}`,
      {
        stage: 'models',
        detail: { model: entry.id, url },
        cause: err,
      },
    );
  } finally {
    clearTimeout(timer);
  }
  if (!res.ok || !res.body) {
    throw new EngineError('unavailable', `cannot download model '${entry.id}' from ${url}: HTTP ${res.status}`, { stage: 'models', detail: { model: entry.id, url, status: res.status } });
  }
  await mkdir(path.dirname(target), { recursive: true });
  const part = `${target}.part`;
  const hash = createHash('sha256');
  const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
  body.on('data', (chunk: Buffer) => hash.update(chunk));
  try {
    await pipeline(body, createWriteStream(part));
  } catch (err) {
    await rm(part, { force: true });
    throw new EngineError('unavailable', `download of model '${entry.id}' from ${url} failed: ${(err as Error).message}`, { stage: 'models', detail: { model: entry.id, url }, cause: err });
  }
  const actual = hash.digest('hex');
  if (actual !== entry.sha256) {
    await rm(part, { force: true });
    throw checksumError(entry.id, `${target} (from ${url})`, entry.sha256, actual);
  }
  await rename(part, target);
}

/** What `models list` shows: every manifest entry, whether it is present, and whether its sha256 matches. */
export async function listModels(loc: ModelLocation = {}): Promise<ModelStatus[]> {
  const manifest = readManifest(loc.manifestPath ?? DEFAULT_MANIFEST);
  const modelsDir = modelsDirOf(loc);
  const out: ModelStatus[] = [];
  for (const entry of manifest.models) {
    const file = path.join(modelsDir, entry.file);
    const installed = Boolean(await stat(file).catch(() => null));
    const actual = installed ? await sha256File(file) : undefined;
    const status: ModelStatus = {
      id: entry.id,
      group: entry.group,
      stage: entry.stage,
      file,
      licence: entry.licence,
      source: isNpmSource(entry.source) ? `npm:${entry.source.npm}/${entry.source.path}` : entry.source.url,
      installed,
      verified: actual === entry.sha256,
      install: installHint(entry),
    };
    if (actual !== undefined && actual !== entry.sha256) status.actualSha256 = actual;
    out.push(status);
  }
  return out;
}
