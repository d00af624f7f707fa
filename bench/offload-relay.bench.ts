/**
 * Kiosk relay throughput: N answer jobs enqueued at once, published by the real OffloadClient to a
 * private Mosquitto, answered by a scripted peer (CloudPeer — computes nothing), results committed to
 * SQLite (WAL, synchronous=FULL) before each PUBACK. Prints figures; asserts nothing.
 *   npm run bench:offload [-- N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openKioskStore } from '../engine/store/kiosk-store.ts';
import { OffloadClient } from '../engine/offload/offload-client.ts';
import { CloudPeer, waitFor } from '../engine/offload/testing/cloud-peer.ts';
import { MosquittoProcess } from '../engine/offload/testing/mosquitto-process.ts';

const N = Number(process.argv[2] ?? 500);
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-bench-offload-'));
const broker = await MosquittoProcess.start();
const store = openKioskStore(path.join(dir, 'k.db'), { maxJobAgeMs: 3600_000, maxPayloadBytes: 1 << 20, transcriptDays: 30 });
const peer = await CloudPeer.connect(broker.url, 'bench-kiosk');
peer.respond = (req) => (req.jobId ? [{ status: 'result', jobId: req.jobId, kind: 'answer', text: `Answer for ${req.jobId}`, model: 'peer' }] : []);
const client = new OffloadClient({
  store,
  deviceId: 'bench-kiosk',
  mqtt: { url: broker.url, username: null, password: null, caFile: null, certFile: null, keyFile: null },
  offload: { maxPayloadBytes: 1 << 20, compressAboveBytes: 1 << 14, maxJobAgeMs: 3600_000, reconcileIntervalMs: 60_000, resendBaseMs: 10_000, resendMaxMs: 60_000, sessionExpirySec: 60 },
  tickMs: 20,
});
client.start();
await waitFor('online', () => client.online());

const enqueuedAt = new Map<string, number>();
const t0 = performance.now();
for (let i = 0; i < N; i++) enqueuedAt.set(client.enqueueAnswer(`Question number ${i}: when do you open?`), performance.now());
const tEnqueued = performance.now();
const latencies: number[] = [];
const pending = new Set(enqueuedAt.keys());
await waitFor(
  'all results',
  () => {
    for (const id of pending) {
      if (store.summaries.answer(id)) {
        latencies.push(performance.now() - enqueuedAt.get(id)!);
        pending.delete(id);
      }
    }
    return pending.size === 0;
  },
  120_000,
);
const total = performance.now() - t0;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);

// The commit-before-ack cost alone: one result transaction with synchronous=FULL.
const extra = Array.from({ length: 200 }, (_, i) => store.outbox.enqueueAnswer(`commit probe ${i}`).jobId);
const c0 = performance.now();
for (const id of extra) store.inbox.accept({ jobId: id, kind: 'answer', text: 'x', model: 'm' });
const commitMs = (performance.now() - c0) / extra.length;

console.log(`offload relay: ${N} jobs, enqueue ${((tEnqueued - t0) / N).toFixed(2)} ms/job`);
console.log(`  end-to-end ${(N / (total / 1000)).toFixed(0)} jobs/s (${total.toFixed(0)} ms total)`);
console.log(`  enqueue→stored latency p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${pct(100)} ms`);
console.log(`  result commit (inbox+answer+outbox, synchronous=FULL): ${commitMs.toFixed(2)} ms each`);
console.log(`  published ${client.stats.published}, stored ${client.stats.stored}, duplicates ${client.stats.duplicates}`);

await client.stop();
await peer.close();
store.close();
await broker.stop();
rmSync(dir, { recursive: true, force: true });
