// Real: WakeWordDetector on the installed models and the shipped default head; training runs the real
// CLI in a child process group (only started and cancelled here — a full run is bench:wake-train's).
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger.ts';
import { ensureModelsInstalled } from '../../test/fixtures/models.ts';
import { WakeWordDetector } from '../wake/wake-word-detector.ts';
import { SwitchableWake } from '../pipeline/switchable-wake.ts';
import { readActiveWake, WakeModelsService } from './wake-models-service.ts';

const DEFAULT = 'models/wake/hey_greenleaf.onnx';
const build = (keywords: string[]) =>
  WakeWordDetector.create({ keywords, threshold: 0.5, refractoryMs: 2000 });

beforeAll(async () => {
  await ensureModelsInstalled();
});

async function service(dir: string) {
  const wake = new SwitchableWake(await build([DEFAULT]));
  return {
    wake,
    svc: new WakeModelsService(
      { wake, dir, build, configured: [DEFAULT], log: createLogger('wake-models-test', {}, () => undefined) },
      await readActiveWake(dir),
    ),
  };
}

describe('WakeModelsService', () => {
  it('activates another model on the live stage, remembers it across a restart, and rolls back', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vk-wake-'));
    const { wake, svc } = await service(dir);
    const before = await svc.status();
    expect(before.active.map((m) => m.phrase)).toEqual(['hey greenleaf']);
    expect(before.models.find((m) => m.model === 'hey_jarvis')?.licence).toMatch(/non-commercial/);

    const after = await svc.activate('hey_jarvis');
    expect(after.active.map((m) => m.model)).toEqual(['hey_jarvis']);
    expect(after.previous).toEqual([DEFAULT]);
    expect(wake.keywords().map((k) => k.keyword)).toEqual(['hey_jarvis']);
    expect(JSON.parse(await readFile(path.join(dir, 'active.json'), 'utf8'))).toEqual({
      active: ['hey_jarvis'],
      previous: [DEFAULT],
    });

    const restarted = await service(dir);
    expect((await restarted.svc.status()).active.map((m) => m.model)).toEqual(['hey_jarvis']);
    const back = await restarted.svc.rollback();
    expect(back.active.map((m) => m.model)).toEqual([DEFAULT]);
    expect(back.previous).toBeNull();
  });

  it('refuses a broken model and keeps the current one running', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vk-wake-'));
    const { wake, svc } = await service(dir);
    await expect(svc.activate(path.join(dir, 'missing.onnx'))).rejects.toMatchObject({ code: 'bad-input' });
    expect(wake.keywords().map((k) => k.keyword)).toEqual(['hey_greenleaf']);
  });

  it('try-it feeds a candidate the same frames and reports its live score', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vk-wake-'));
    const { wake, svc } = await service(dir);
    await svc.tryModel('hey_jarvis');
    for (let i = 0; i < 20; i++) await wake.process({ samples: new Int16Array(1280), atMs: i * 80 });
    const s = await svc.status();
    expect(s.trying).toMatchObject({ model: 'hey_jarvis', detections: 0 });
    expect(s.trying!.score).toBeGreaterThanOrEqual(0);
    expect((await svc.tryModel(null)).trying).toBeNull();
  });

  it('refuses a too-short phrase at once, and cancel kills the whole training process group', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vk-wake-'));
    const { svc } = await service(dir);
    await expect(svc.train('hi')).rejects.toMatchObject({
      code: 'bad-input',
      message: expect.stringContaining('too short'),
    });
    const started = await svc.train('hey greenleaf', 0.05);
    expect(started.training).toMatchObject({ state: 'running', phrase: 'hey greenleaf' });
    await expect(svc.train('hey greenleaf')).rejects.toMatchObject({ code: 'conflict' });
    const pid = (svc as unknown as { child: { pid: number } }).child.pid;
    await new Promise((r) => setTimeout(r, 1500));
    expect((await svc.cancel()).training.state).toBe('cancelled');
    const deadline = Date.now() + 10_000;
    let alive = true;
    while (alive && Date.now() < deadline) {
      try {
        process.kill(-pid, 0);
        await new Promise((r) => setTimeout(r, 100));
      } catch {
        alive = false;
      }
    }
    expect(alive, 'training process group still alive').toBe(false);
  }, 30_000);
});
