import { randomBytes } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { createLogger } from '../../engine/log/logger.ts';
import { ExtractiveBackend } from '../backends/extractive-backend.ts';
import { PostgresJobStore } from '../store/postgres-job-store.ts';
import { BROKER_URL, KioskPeer, meetingTranscript } from '../../test/support/cloud/kiosk-peer.ts';
import { SummarizerService } from './summarizer-service.ts';

const PG_URL = process.env.VOICE_KIOSK_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `vk_multi_${randomBytes(5).toString('hex')}`;

afterAll(async () => {
  const s = new PostgresJobStore(PG_URL, { schema });
  await s.dropSchema();
  await s.close();
});

// Real: Mosquitto shared subscription, PostgreSQL job store shared by two workers, extractive backend.
// Test peer: KioskPeer (a real mqtt.js client) sends the jobs, and resends every one of them once.
it('two workers on one shared subscription with a PostgreSQL store split the jobs and never store one twice', async () => {
  const group = `g${randomBytes(4).toString('hex')}`;
  const quiet = createLogger('summarizer', {}, () => undefined);
  const kiosk = await KioskPeer.connect('multi');
  const workers = [0, 1].map(
    () => new SummarizerService({ mqttUrl: BROKER_URL, group, store: new PostgresJobStore(PG_URL, { schema }), deviceIds: [kiosk.deviceId], backend: new ExtractiveBackend(), batchWindowMs: 30, maxBatch: 8, logger: quiet }),
  );
  for (const w of workers) await w.start();
  try {
    const jobs = Array.from({ length: 40 }, (_, i) => kiosk.job(`mw-${i}`, meetingTranscript(i)));
    for (const j of jobs) await kiosk.send(j);
    // A resend of every job while the first copies are still in flight: the duplicates land on either worker.
    for (const j of jobs) await kiosk.send(j);
    await kiosk.waitFor((rs) => jobs.every((j) => rs.some((r) => r.jobId === j.jobId && r.status === 'result')), 30_000, 'a result for every job');

    const stored = await Promise.all(workers.map((w) => w.metrics.count('summarizer_results_stored_total')));
    expect(stored[0]! + stored[1]!).toBe(40);
    // Both workers got work from the shared subscription (Mosquitto round-robins the group).
    expect(stored[0]).toBeGreaterThan(0);
    expect(stored[1]).toBeGreaterThan(0);
    // Every result a job received is the same text: duplicates were replays, not second summaries.
    for (const j of jobs) expect(new Set(kiosk.of(j.jobId, 'result').map((r) => (r as { text: string }).text)).size).toBe(1);
    const check = new PostgresJobStore(PG_URL, { schema });
    expect(await check.counts()).toEqual({ pending: 0, done: 40, failed: 0 });
    await check.close();
  } finally {
    await kiosk.close();
    for (const w of workers) await w.stop();
  }
});
