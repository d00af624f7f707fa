// Attack (issue 15 §6): a response without the `schema` user property, or without correlationData, was
// stored. Real: Mosquitto on 127.0.0.1:1883, the `voice-kiosk engine` relay as its own process, SQLite,
// and an mqtt.js client playing the forger. The job is `failed` (past its age) before the relay starts,
// so the relay never publishes it and no summarizer on the shared broker can answer it first: a late
// result is the only thing that can complete it, which is what the forger sends.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { openKioskStore } from '../../engine/store/kiosk-store.ts';
import { CliProcess, until } from '../support/attack/cli-process.ts';

const BROKER = 'mqtt://127.0.0.1:1883';
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-attack-forge-'));
const db = path.join(dir, 'kiosk.db');
const device = `atk-forge-${randomUUID().slice(0, 8)}`;
let relay: CliProcess | null = null;
afterAll(async () => {
  relay?.killGroup();
  await relay?.exited;
  rmSync(dir, { recursive: true, force: true });
});

function failedJob(): string {
  const store = openKioskStore(db, { maxJobAgeMs: 1000, maxPayloadBytes: 1 << 20, transcriptDays: 30 });
  try {
    const m = store.meetings.importTranscript({
      title: 'Standup',
      transcript: 'We open at nine.\nUmbrellas are late.',
    });
    const job = store.outbox.enqueueSummary(m.id);
    store.outbox.expire(Date.now() + 60_000);
    expect(store.outbox.require(job.jobId).state).toBe('failed');
    return job.jobId;
  } finally {
    store.close();
  }
}

function storedSummary(): { text: string } | undefined {
  const store = openKioskStore(db, { maxJobAgeMs: 1000, maxPayloadBytes: 1 << 20, transcriptDays: 30 });
  try {
    return store.db.prepare('SELECT text FROM summaries').get() as { text: string } | undefined;
  } finally {
    store.close();
  }
}

describe('attack: forged responses without schema or correlationData', () => {
  it('the relay rejects both with a reason, stores neither, and still stores a well-formed one', async () => {
    const jobId = failedJob();
    relay = CliProcess.spawn(['engine', '--mqtt', BROKER, '--db', db, '--device', device], { cwd: dir });
    await relay.waitFor(/"msg":"online"/);
    const forger = await mqtt.connectAsync(BROKER, {
      protocolVersion: 5,
      reconnectPeriod: 0,
      clientId: `forger-${device}`,
    });
    try {
      const topic = `kiosk/v1/${device}/res`;
      const body = (text: string) =>
        JSON.stringify({ status: 'result', jobId, kind: 'summarize', text, model: 'forger' });
      const corr = Buffer.from(jobId);
      await forger.publishAsync(topic, body('FORGED: no schema'), {
        qos: 1,
        properties: { correlationData: corr },
      });
      await forger.publishAsync(topic, body('FORGED: no correlationData'), {
        qos: 1,
        properties: { userProperties: { schema: 'kiosk.job/1' } },
      });
      await relay.waitFor(/unsupported schema '\(none\)'/, 10_000);
      await relay.waitFor(/has no \(valid\) correlationData/, 10_000);
      expect(storedSummary()).toBeUndefined();

      // The same message with both properties is a valid late result (ACLs, not the codec, keep
      // strangers off this topic: see embedded-broker.test.ts and broker-acl.test.ts).
      await forger.publishAsync(topic, body('Open at nine; umbrellas late.'), {
        qos: 1,
        properties: { correlationData: corr, userProperties: { schema: 'kiosk.job/1' } },
      });
      const s = await until('well-formed result stored', () => storedSummary());
      expect(s.text).toBe('Open at nine; umbrellas late.');
    } finally {
      await forger.endAsync(true);
    }
  }, 120_000);
});
