// Real: PocketsphinxEngine (libpocketsphinx + Debian model) as the fallback, the TransformersAsrEngine's
// file checks against a real models directory in a temp dir. Not real: the Moonshine/Whisper weights
// themselves, which cannot be downloaded on this machine — so these tests cover selection, fallback
// and error paths, not neural decoding.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createAsrEngine } from './create-asr-engine.ts';
import { TransformersAsrEngine } from './neural/transformers-engine.ts';
import { NEURAL_MODELS } from './neural/neural-models.ts';
import { SAMPLE_KIOSK_PHRASES } from './kiosk-phrases.ts';
import type { AsrEngine } from './asr-engine.ts';

const dirs: string[] = [];
const engines: AsrEngine[] = [];
function tempModelsDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'vk-asr-models-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()));
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('neural engine files', () => {
  it('says which command installs a missing Moonshine model', async () => {
    const engine = new TransformersAsrEngine({ engine: 'moonshine', modelsDir: tempModelsDir() });
    await expect(engine.load()).rejects.toMatchObject({
      code: 'model-missing',
      stage: 'asr',
      message: 'model moonshine-tiny not installed: run npm run models:fetch -- moonshine-tiny',
    });
    expect(engine.info()).toMatchObject({
      name: 'moonshine',
      model: 'moonshine-tiny',
      ready: false,
      note: expect.stringContaining('models:fetch'),
    });
    expect(() => engine.start('kiosk')).toThrow(expect.objectContaining({ code: 'model-missing' }));
  });

  it('says the same for Whisper tiny.en', async () => {
    const engine = new TransformersAsrEngine({ engine: 'whisper', modelsDir: tempModelsDir() });
    await expect(engine.load()).rejects.toMatchObject({
      code: 'model-missing',
      message: 'model whisper-tiny.en not installed: run npm run models:fetch -- whisper-tiny.en',
    });
  });

  it('refuses a truncated or substituted model file before onnxruntime sees it', async () => {
    const dir = tempModelsDir();
    const spec = NEURAL_MODELS.moonshine;
    for (const f of spec.files) {
      mkdirSync(path.dirname(path.join(dir, f.file)), { recursive: true });
      writeFileSync(path.join(dir, f.file), 'x');
    }
    const engine = new TransformersAsrEngine({ engine: 'moonshine', modelsDir: dir });
    await expect(engine.load()).rejects.toMatchObject({
      code: 'model-checksum',
      detail: expect.objectContaining({ model: 'moonshine-tiny' }),
    });
    // Right size, wrong bytes: the sha256 pin catches it.
    const small = spec.files.find((f) => f.file.endsWith('special_tokens_map.json'))!;
    for (const f of spec.files) writeFileSync(path.join(dir, f.file), Buffer.alloc(f.size ?? 1, 0x20));
    const again = new TransformersAsrEngine({ engine: 'moonshine', modelsDir: dir });
    await expect(again.load()).rejects.toMatchObject({
      code: 'model-checksum',
      message: expect.stringContaining('does not match the pinned'),
    });
    expect(small.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('pins every Moonshine file by sha256 and size, and the manifest carries the same entries', async () => {
    const { readManifest } = await import('../models/manifest.ts');
    const group = readManifest().models.filter((m) => m.group === 'moonshine-tiny');
    for (const f of NEURAL_MODELS.moonshine.files) {
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(group.find((m) => m.file === f.file)).toMatchObject({
        sha256: f.sha256,
        size: f.size,
        stage: 'asr',
        licence: 'MIT',
      });
    }
  });
});

describe('engine selection', () => {
  it('loads pocketsphinx when it is configured', async () => {
    const sel = await createAsrEngine({
      engine: 'pocketsphinx',
      modelsDir: tempModelsDir(),
      pocketsphinx: { phrases: SAMPLE_KIOSK_PHRASES },
    });
    engines.push(sel.engine);
    expect(sel.engine.name).toBe('pocketsphinx');
    expect(sel.fallback).toBeUndefined();
    expect(sel.engine.info().ready).toBe(true);
  });

  it('falls back to pocketsphinx when moonshine is not installed, with the reason as data', async () => {
    const sel = await createAsrEngine({
      engine: 'moonshine',
      modelsDir: tempModelsDir(),
      pocketsphinx: { phrases: SAMPLE_KIOSK_PHRASES },
    });
    engines.push(sel.engine);
    expect(sel.engine.name).toBe('pocketsphinx');
    expect(sel.engine.info().ready).toBe(true);
    expect(sel.fallback).toEqual({
      from: 'moonshine',
      error: expect.objectContaining({
        type: 'error',
        code: 'model-missing',
        stage: 'asr',
        message: 'model moonshine-tiny not installed: run npm run models:fetch -- moonshine-tiny',
      }),
    });
  });

  it('throws when pocketsphinx itself cannot load (nothing left to fall back to)', async () => {
    await expect(
      createAsrEngine({
        engine: 'whisper',
        modelsDir: tempModelsDir(),
        pocketsphinx: { modelDir: '/nonexistent/sphinx' },
      }),
    ).rejects.toMatchObject({ code: 'model-missing', stage: 'asr' });
  });
});
