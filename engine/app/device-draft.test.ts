import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOutline } from '../protocol/summary-outline.ts';
import { buildBackend } from '../../cloud/compose.ts';
import { SummarizerService } from '../../cloud/service/summarizer-service.ts';
import { SqliteJobStore } from '../../cloud/store/sqlite-job-store.ts';
import type { PipelineEvent } from '../contracts/events.ts';
import { createLogger } from '../log/logger.ts';
import { startOpenAiPeer, type ChatPeer } from '../../test/support/llm/chat-peers.ts';
import { APP_ROOT, loadConfig } from './config/load.ts';
import { createKioskEngine, type KioskEngine } from './kiosk-engine.ts';

/*
 * The on-device draft summary. Real: the system Mosquitto (127.0.0.1:1883) with no worker serving this
 * kiosk at first (so the cloud is unreachable for its jobs), the kiosk built by the composition root,
 * SQLite, the `voice-kiosk summaries` CLI as a child process, and later a real cloud SummarizerService
 * (OpenAI backend against an OpenAI-protocol test peer) that comes up and answers.
 */
const run = promisify(execFile);
const BIN = path.join(APP_ROOT, 'bin', 'voice-kiosk.mjs');
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-device-draft-'));
const db = path.join(dir, 'kiosk.db');
const deviceId = `draft-${randomBytes(4).toString('hex')}`;
const silent = createLogger('test', {}, () => undefined);
const events: PipelineEvent[] = [];
let engine: KioskEngine;
let peer: ChatPeer | null = null;
let cloud: SummarizerService | null = null;

const SENTENCES = [
  'We are running low on bread before the weekend.',
  'The freezer in aisle four is broken again and needs an engineer.',
  'Sam will call the bakery on Friday morning.',
  'Everyone agreed to check the milk dates every evening.',
  'The new price labels arrive on Tuesday.',
  'Anna will train the two new staff members on the tills.',
];

async function summariesCli(): Promise<Record<string, unknown>[]> {
  const r = await run(process.execPath, [BIN, 'summaries', '--json', '--db', db], { cwd: dir });
  return r.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function until<T>(what: string, probe: () => T | null | undefined | false, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  const config = loadConfig({
    env: {},
    overrides: {
      paths: { db, dataDir: path.join(dir, 'data') },
      device: { id: deviceId },
      mqtt: { url: 'mqtt://127.0.0.1:1883' },
      offload: { deviceDraftAfterMs: 400, resendBaseMs: 200, resendMaxMs: 800 },
      audio: { micEnabled: false },
      tts: { engine: 'none' },
    },
  });
  engine = await createKioskEngine(config, { audio: 'none', api: false, log: silent });
  engine.bus.subscribe((e) => events.push(e));
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await cloud?.stop();
  await peer?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('on-device draft summary', () => {
  it('drafts on the kiosk while the cloud is unreachable; the cloud result, when it lands, becomes the summary', async () => {
    const meeting = engine.store.meetings.importTranscript({ title: 'Stock check', transcript: SENTENCES.join('\n') });
    const { jobId } = engine.deps.summaries.summarize(meeting.id) as { jobId: string };

    // No worker listens for this kiosk: after offload.deviceDraftAfterMs the kiosk drafts it itself.
    const draft = await until('the device draft', () => engine.store.summaries.byJob(jobId));
    expect(draft).toMatchObject({ meetingId: meeting.id, jobId, source: 'device', model: 'textrank-1' });
    // The draft is the same outline the cloud's extractive backend writes: what the meeting settled
    // and who does what listed apart, the gist picked from the other sentences.
    const outline = parseOutline(draft.text);
    expect(outline.decisions).toEqual(['Everyone agreed to check the milk dates every evening.']);
    expect(outline.actions).toEqual([
      { who: 'Sam', what: 'call the bakery', by: 'on Friday morning' },
      { who: 'Anna', what: 'train the two new staff members on the tills', by: null },
    ]);
    const gist = outline.gist.match(/[^.]+\./g)!.map((s) => s.trim());
    expect(gist.length).toBeGreaterThanOrEqual(1);
    for (const s of gist) expect(SENTENCES.slice(0, 2).concat(SENTENCES[4]!)).toContain(s);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'summary', jobId, meetingId: meeting.id, source: 'device', text: draft.text }),
    );
    // Still owed by the cloud: the draft does not close the job.
    expect(engine.store.outbox.get(jobId)?.state).not.toBe('done');
    expect(await summariesCli()).toEqual([
      expect.objectContaining({ meetingId: meeting.id, jobId, text: draft.text, source: 'device' }),
    ]);

    // The cloud comes up; the kiosk's resend reaches it and its summary replaces the draft.
    peer = await startOpenAiPeer(() => ({ tokens: ['CLOUD SUMMARY: ', 'bread, freezer, labels.'] }));
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
    const landed = await until('the cloud summary', () => {
      const s = engine.store.summaries.byJob(jobId);
      return s?.source === 'cloud' ? s : null;
    });
    expect(landed).toMatchObject({ text: 'CLOUD SUMMARY: bread, freezer, labels.', model: 'cloud-model-1' });
    expect(engine.store.summaries.forMeeting(meeting.id)).toHaveLength(1);
    expect(engine.store.outbox.get(jobId)?.state).toBe('done');
    expect(events).toContainEqual(expect.objectContaining({ type: 'summary', jobId, source: 'cloud' }));
    expect(await summariesCli()).toEqual([
      expect.objectContaining({
        meetingId: meeting.id,
        jobId,
        text: 'CLOUD SUMMARY: bread, freezer, labels.',
        source: 'cloud',
      }),
    ]);
    // Once the cloud has answered, no later sweep drafts over it.
    await new Promise((r) => setTimeout(r, 600));
    expect(engine.store.summaries.byJob(jobId)?.source).toBe('cloud');
  }, 90_000);
});
