import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend } from '../../cloud/compose.ts';
import { SummarizerService } from '../../cloud/service/summarizer-service.ts';
import { SqliteJobStore } from '../../cloud/store/sqlite-job-store.ts';
import { createLogger } from '../log/logger.ts';
import { startOpenAiPeer, type ChatPeer } from '../../test/support/llm/chat-peers.ts';
import { loadConfig } from './config/load.ts';
import { createKioskEngine, type KioskEngine } from './kiosk-engine.ts';

/*
 * Where the summarizer runs. Real: the system Mosquitto (127.0.0.1:1883), a real cloud
 * SummarizerService (OpenAI backend, talking HTTP to a test peer that speaks the OpenAI wire format)
 * and the kiosk built by the one composition root. The cloud worker subscribes in its own shared
 * group, as a separately deployed cloud does, so any second worker the kiosk started beside it would
 * receive every request too — the race this guards against.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-summarizer-place-'));
const deviceId = `place-${randomBytes(4).toString('hex')}`;
const silent = createLogger('test', {}, () => undefined);
let peer: ChatPeer;
let cloud: SummarizerService;
let engine: KioskEngine;

beforeAll(async () => {
  peer = await startOpenAiPeer(() => ({ tokens: ['CLOUD SUMMARY: ', 'order bread; fix the freezer.'] }));
  cloud = new SummarizerService({
    mqttUrl: 'mqtt://127.0.0.1:1883',
    group: `cloud-${deviceId}`,
    deviceIds: [deviceId],
    store: new SqliteJobStore(path.join(dir, 'cloud.db')),
    backend: buildBackend({ backend: 'openai', openaiUrl: peer.url, model: 'cloud-model-1' }),
    batchWindowMs: 0,
    logger: silent,
  });
  await cloud.start();
  const config = loadConfig({
    env: {},
    overrides: {
      paths: { db: path.join(dir, 'kiosk.db'), dataDir: path.join(dir, 'data') },
      device: { id: deviceId },
      mqtt: { url: 'mqtt://127.0.0.1:1883' },
      audio: { micEnabled: false },
      tts: { engine: 'none' },
    },
  });
  expect(config.summarizer.embedded).toBe(true); // the default: it must still not start here
  engine = await createKioskEngine(config, { audio: 'none', api: false, log: silent });
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await cloud?.stop();
  await peer?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('summarizer placement', () => {
  it('with mqtt.url on a real broker the kiosk starts no summarizer and the cloud summary is the summary', async () => {
    // The embedded summarizer keeps its job store in the data dir: no file means it never started.
    expect(existsSync(path.join(dir, 'data', 'summarizer.db'))).toBe(false);
    const meeting = engine.store.meetings.importTranscript({
      title: 'Stock check',
      transcript: [
        'We are running low on bread before the weekend.',
        'The freezer in aisle four is broken again and needs an engineer.',
        'Sam will call the bakery on Friday morning.',
        'Everyone agreed to check the milk dates every evening.',
      ].join('\n'),
    });
    const { jobId } = engine.deps.summaries.summarize(meeting.id) as { jobId: string };
    const end = Date.now() + 30_000;
    while (!engine.store.summaries.byJob(jobId) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    const summary = engine.store.summaries.byJob(jobId);
    expect(summary).toMatchObject({
      meetingId: meeting.id,
      model: 'cloud-model-1',
      text: 'CLOUD SUMMARY: order bread; fix the freezer.',
    });
    // Nothing else answered: the cloud worker saw the job, and exactly one result was delivered.
    expect(peer.requests.length).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(engine.store.inbox.duplicateDeliveries()).toBe(0);
  }, 60_000);
});
