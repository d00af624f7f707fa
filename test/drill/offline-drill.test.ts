import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../engine/app/config/load.ts';
import type { PipelineEvent } from '../../engine/contracts/events.ts';
import { createLogger } from '../../engine/log/logger.ts';
import { createKioskEngine, type KioskEngine } from '../../engine/app/kiosk-engine.ts';
import { MosquittoBroker } from '../chaos/mosquitto.ts';
import { buildBackend } from '../../cloud/compose.ts';
import { SummarizerService } from '../../cloud/service/summarizer-service.ts';
import { SqliteJobStore } from '../../cloud/store/sqlite-job-store.ts';

/*
 * The offline drill (issue 8 §6). Everything is real: our own Mosquitto on a free port (killed with
 * SIGKILL and restarted on the same port), the kiosk engine built by its composition root with the
 * offload client, a cloud summarizer worker (extractive) on that broker — the kiosk's embedded one runs
 * only beside its embedded broker —, the reply service and SQLite. Only the
 * microphone is absent (typed questions and typed meeting notes), which the engine supports as is.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-drill-'));
const broker = new MosquittoBroker();
const events: PipelineEvent[] = [];
let engine: KioskEngine;
let cloud: SummarizerService;

async function until<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 45_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`drill: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const lastConnectivity = () =>
  [...events].reverse().find((e) => e.type === 'connectivity') as
    Extract<PipelineEvent, { type: 'connectivity' }> | undefined;

beforeAll(async () => {
  await broker.start();
  const deviceId = `drill-${process.pid}-${Date.now().toString(36)}`;
  cloud = new SummarizerService({
    mqttUrl: broker.url,
    group: `drill-cloud-${deviceId}`,
    deviceIds: [deviceId],
    store: new SqliteJobStore(path.join(dir, 'cloud.db')),
    backend: buildBackend({ backend: 'extractive' }),
    batchWindowMs: 0,
    logger: createLogger('drill-cloud', {}, () => undefined),
  });
  await cloud.start();
  const config = loadConfig({
    env: {},
    overrides: {
      device: { id: deviceId },
      paths: { db: path.join(dir, 'kiosk.db'), dataDir: dir },
      mqtt: { url: broker.url },
      audio: { micEnabled: false },
      tts: { engine: 'none' },
      offload: { resendBaseMs: 200, resendMaxMs: 2000 },
    },
  });
  engine = await createKioskEngine(config, {
    audio: 'none',
    api: false,
    log: createLogger('drill', {}, () => undefined),
  });
  engine.bus.subscribe((e) => events.push(e));
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await cloud?.stop();
  await broker.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function meeting(title: string, lines: string[]): Promise<string> {
  const m = await engine.deps.meetings.start(title, 'drill');
  for (const line of lines) await engine.deps.meetings.addSegment(m.id, line);
  await engine.deps.meetings.stop(m.id);
  return m.id;
}

describe('offline drill', () => {
  it('broker down: local answers, summaries queue, status offline + N queued; broker back: summaries land without restart', async () => {
    await until('online', async () => (await engine.deps.status.status()).online);
    const first = await meeting('Before the outage', [
      'Deliveries move to Tuesday.',
      'The bakery needs two more staff on Saturday.',
      'Everyone should check the cold room log daily.',
    ]);
    await until('the first summary', () => events.find((e) => e.type === 'summary' && e.meetingId === first));

    await broker.kill9();
    await until('offline status', async () => !(await engine.deps.status.status()).online);
    expect(lastConnectivity()).toMatchObject({ online: false });

    // Questions are answered locally while the link is down.
    const answer = await engine.deps.conversation.ask('what time do you open on sunday');
    expect(answer.route).not.toBe('offload');
    expect(answer.answer.length).toBeGreaterThan(10);
    expect(engine.store.conversations.byCorrelation(answer.correlationId)).toHaveLength(1);

    const a = await meeting('Stock check', [
      'We are short of oat milk.',
      'Order forty crates of oat milk before Friday.',
      'The freezer in aisle four needs a technician.',
    ]);
    const b = await meeting('Rota', [
      'Sam covers the Sunday morning shift.',
      'Alex is on holiday next week.',
      'The new starter shadows the tills on Monday.',
    ]);
    const offline = await engine.deps.status.status();
    expect(offline).toMatchObject({ online: false, queued: 2 });
    const jobs = await engine.deps.outbox.list();
    expect(
      jobs
        .filter((j) => j.meetingId === a || j.meetingId === b)
        .map((j) => j.state)
        .sort(),
    ).toEqual(['pending', 'pending']);
    expect((await engine.deps.summaries.list()).some((s) => s.meetingId === a || s.meetingId === b)).toBe(
      false,
    );
    expect(lastConnectivity()).toMatchObject({ online: false, queued: 2 });

    await broker.start(); // same port, no kiosk restart
    await until(
      'both summaries',
      () =>
        events.some((e) => e.type === 'summary' && e.meetingId === a) &&
        events.some((e) => e.type === 'summary' && e.meetingId === b),
    );
    const summaries = await engine.deps.summaries.list();
    for (const id of [a, b]) expect(summaries.find((s) => s.meetingId === id)?.text).toBeTruthy();
    expect(summaries.find((s) => s.meetingId === a)!.text.toLowerCase()).toContain('oat milk');
    const after = await until('online and drained', async () => {
      const s = await engine.deps.status.status();
      return s.online && s.queued === 0 ? s : undefined;
    });
    expect(after).toMatchObject({ online: true, queued: 0 });
    expect(broker.starts).toBe(2);
  }, 180_000);
});
