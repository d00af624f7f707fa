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
import { CloudPeer, waitFor } from '../test/support/offload/cloud-peer.ts';
import { MosquittoProcess } from '../test/support/offload/mosquitto-process.ts';
import { plainMqtt, testOffloadSettings } from '../test/support/offload/client-settings.ts';

const N = Number(process.argv[2] ?? 500);
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-bench-offload-'));
const broker = await MosquittoProcess.start(
  process.env.BENCH_NODELAY === '0' ? [] : ['set_tcp_nodelay true'],
);
const store = openKioskStore(path.join(dir, 'k.db'), {
  maxJobAgeMs: 3600_000,
  maxPayloadBytes: 1 << 20,
  transcriptDays: 30,
});
const peer = await CloudPeer.connect(broker.url, 'bench-kiosk');
peer.respond = (req) =>
  req.jobId
    ? [{ status: 'result', jobId: req.jobId, kind: 'answer', text: `Answer for ${req.jobId}`, model: 'peer' }]
    : [];
const client = new OffloadClient({
  store,
  deviceId: 'bench-kiosk',
  mqtt: plainMqtt(broker.url),
  offload: testOffloadSettings({ maxJobAgeMs: 3600_000, resendBaseMs: 10_000, resendMaxMs: 60_000 }),
  tickMs: 20,
});
// Phase 1: a backlog (as after a day offline), enqueued before the relay runs.
const t0 = performance.now();
const backlog = new Set<string>();
for (let i = 0; i < N; i++) backlog.add(client.enqueueAnswer(`Question number ${i}: when do you open?`));
const enqueueMs = (performance.now() - t0) / N;

// Phase 2: the relay drains it.
const t1 = performance.now();
client.start();
await waitFor('backlog drained', () => store.outbox.openCount() === 0, 300_000);
const drainMs = performance.now() - t1;

// Phase 3: one job at a time on an idle relay: enqueue → result committed.
const latencies: number[] = [];
for (let i = 0; i < 30; i++) {
  const s0 = performance.now();
  const id = client.enqueueAnswer(`Idle question ${i}`);
  await waitFor('one result', () => store.summaries.answer(id), 10_000);
  latencies.push(performance.now() - s0);
}
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);

// The commit-before-ack cost alone: one result transaction with synchronous=FULL.
const extra = Array.from({ length: 200 }, (_, i) => store.outbox.enqueueAnswer(`commit probe ${i}`).jobId);
const c0 = performance.now();
for (const id of extra) store.inbox.accept({ jobId: id, kind: 'answer', text: 'x', model: 'm' });
const commitMs = (performance.now() - c0) / extra.length;

console.log(`offload relay, private Mosquitto, scripted peer, SQLite synchronous=FULL`);
console.log(`  enqueue: ${enqueueMs.toFixed(2)} ms/job (one fsync'd transaction each)`);
console.log(
  `  backlog of ${N}: drained in ${drainMs.toFixed(0)} ms = ${(N / (drainMs / 1000)).toFixed(0)} jobs/s`,
);
console.log(
  `  idle round trip enqueue→result committed (30 jobs): p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${pct(100)} ms`,
);
console.log(`  result commit alone (inbox+answer+outbox): ${commitMs.toFixed(2)} ms each`);
console.log(
  `  published ${client.stats.published}, stored ${client.stats.stored}, duplicates ${client.stats.duplicates}`,
);

await client.stop();
await peer.close();
store.close();
await broker.stop();
rmSync(dir, { recursive: true, force: true });
