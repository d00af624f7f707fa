// `npm run bench:summarizer`: jobs/s through the summarizer with batching vs. without, same backend,
// same store, one run, via the local Mosquitto. Prints figures; asserts nothing.
//
// Real: Mosquitto (VOICE_KIOSK_TEST_MQTT, default 127.0.0.1:1883), the SummarizerService, a SQLite job
// store at synchronous=FULL in a temp dir, and the extractive (TextRank) backend. The kiosk side is a
// test peer in its own process (bench/summarizer-load.ts) that publishes a backlog of N jobs at once, as
// kiosks do when the broker comes back after an outage, and waits for every result.
// `--backend openai` swaps in the OpenAI backend against a conforming in-process test server with a
// fixed per-request latency (a stand-in for a model server, not a model).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { APP_ROOT } from '../engine/app/config/load.ts';
import { createLogger } from '../engine/log/logger.ts';
import { startOpenAiPeer, type ChatPeer } from '../test/support/llm/chat-peers.ts';
import type { SummaryBackend } from '../cloud/backends/backend.ts';
import { ExtractiveBackend } from '../cloud/backends/extractive-backend.ts';
import { OpenAiBackend } from '../cloud/backends/openai-backend.ts';
import { SummarizerService } from '../cloud/service/summarizer-service.ts';
import { PostgresJobStore } from '../cloud/store/postgres-job-store.ts';
import { SqliteJobStore } from '../cloud/store/sqlite-job-store.ts';

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '300' },
    sentences: { type: 'string', default: '24' },
    backend: { type: 'string', default: 'extractive' },
    'latency-ms': { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '4' },
    store: { type: 'string', default: 'sqlite' },
    rounds: { type: 'string', default: '3' },
  },
});
const PG_URL = process.env.VOICE_KIOSK_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const N = Number(values.jobs);
const CONCURRENCY = Number(values.concurrency);

interface Mode {
  name: string;
  batchWindowMs: number;
  maxBatch: number;
}
const MODES: Mode[] = [
  { name: 'no batching (window 0, max batch 1)', batchWindowMs: 0, maxBatch: 1 },
  { name: 'batching (window 100 ms, max batch 16)', batchWindowMs: 100, maxBatch: 16 },
];

/** Starts the load generator and resolves with a function that fires it and waits for its figures. */
async function loadGenerator(deviceId: string): Promise<() => Promise<{ seconds: number; reconciles: number }>> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(APP_ROOT, 'bench/summarizer-load.ts'), '--device', deviceId, '--jobs', String(N), '--sentences', values.sentences], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const next = () => new Promise<Record<string, number>>((resolve, reject) => {
    lines.once('line', (l) => resolve(JSON.parse(l) as Record<string, number>));
    child.once('exit', (code) => reject(new Error(`load generator exited ${code}`)));
  });
  await next();
  return async () => {
    const done = next();
    child.stdin!.write('go\n');
    const r = await done;
    return { seconds: r.seconds!, reconciles: r.reconciles! };
  };
}

async function runMode(mode: Mode, dir: string, makeBackend: () => SummaryBackend): Promise<{ jobsPerSec: number; line: string }> {
  const deviceId = `bench-${randomBytes(4).toString('hex')}`;
  const svc = new SummarizerService({
    mqttUrl: process.env.VOICE_KIOSK_TEST_MQTT ?? 'mqtt://127.0.0.1:1883',
    group: `bench${randomBytes(4).toString('hex')}`,
    deviceIds: [deviceId],
    store: values.store === 'postgres' ? new PostgresJobStore(PG_URL, { schema: `vk_bench_${deviceId.replace(/-/g, '_')}` }) : new SqliteJobStore(join(dir, `${deviceId}.db`)),
    backend: makeBackend(),
    batchWindowMs: mode.batchWindowMs,
    maxBatch: mode.maxBatch,
    concurrency: CONCURRENCY,
    logger: createLogger('summarizer', {}, () => undefined),
  });
  await svc.start();
  const fire = await loadGenerator(deviceId);
  const { seconds, reconciles } = await fire();
  const batches = await svc.metrics.histogram('summarizer_batch_size');
  const wait = await svc.metrics.histogram('summarizer_queue_wait_seconds');
  const backend = await svc.metrics.histogram('summarizer_backend_latency_seconds');
  const claims = await svc.metrics.histogram('summarizer_claim_commit_size');
  await svc.stop();
  if (values.store === 'postgres') {
    const drop = new PostgresJobStore(PG_URL, { schema: `vk_bench_${deviceId.replace(/-/g, '_')}` });
    await drop.dropSchema();
    await drop.close();
  }
  const avg = (h: { sum: number; count: number }) => (h.count ? h.sum / h.count : 0);
  const line =
    `${mode.name.padEnd(40)} ${(N / seconds).toFixed(1).padStart(7)} jobs/s  ${seconds.toFixed(2)} s | ` +
    `batches ${batches.count} (avg ${avg(batches).toFixed(1)}), claim commits ${claims.count || N} (avg ${(avg(claims) || 1).toFixed(1)}), ` +
    `backend ${(backend.sum * 1000).toFixed(0)} ms in total, queue wait avg ${(avg(wait) * 1000).toFixed(1)} ms` +
    (reconciles ? `, ${reconciles} reconcile rounds for responses the broker dropped` : '');
  return { jobsPerSec: N / seconds, line };
}

/** Median time of one single-row durable commit in the chosen store: the cost batching spreads over a group. */
async function commitLatencyMs(dir: string): Promise<number> {
  const schema = `vk_bench_probe_${randomBytes(4).toString('hex')}`;
  const store = values.store === 'postgres' ? new PostgresJobStore(PG_URL, { schema }) : new SqliteJobStore(join(dir, 'probe.db'));
  await store.init();
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const payload = { meetingId: `m${i}`, title: 't', transcript: 'x' };
    const t0 = performance.now();
    await store.claimMany([{ request: { op: 'job', jobId: `p${i}`, deviceId: 'probe', kind: 'summarize', contentHash: 'a'.repeat(64), createdAt: '', payload }, responseTopic: 'kiosk/v1/probe/res' }], 'probe', 1000);
    times.push(performance.now() - t0);
  }
  if (store instanceof PostgresJobStore) await store.dropSchema();
  await store.close();
  return times.sort((a, b) => a - b)[15]!;
}

const dir = mkdtempSync(join(tmpdir(), 'vk-bench-summarizer-'));
let llm: ChatPeer | null = null;
try {
  let makeBackend: () => SummaryBackend = () => new ExtractiveBackend();
  if (values.backend === 'openai') {
    const latency = Number(values['latency-ms']);
    llm = await startOpenAiPeer(() => ({ hangMs: latency, tokens: ['A ', 'short ', 'summary.'] }));
    makeBackend = () => new OpenAiBackend({ baseUrl: llm!.url, model: 'bench-peer', concurrency: CONCURRENCY });
  }
  console.log(
    `summarizer bench: ${N} jobs of ${values.sentences} sentences, backend ${values.backend}` +
      `${values.backend === 'openai' ? ` (test server, ${values['latency-ms']} ms per request)` : ' (TextRank)'}, concurrency ${CONCURRENCY}, SQLite job store synchronous=FULL`,
  );
  console.log(`durable commit latency of the job store right now: ${(await commitLatencyMs(dir)).toFixed(2)} ms (what batching amortizes)`);
  // Modes alternate over rounds so disk and CPU contention from other processes hits both alike.
  const rates: number[][] = MODES.map(() => []);
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const [i, mode] of MODES.entries()) {
      const r = await runMode(mode, dir, makeBackend);
      console.log(`round ${round + 1}  ${r.line}`);
      rates[i]!.push(r.jobsPerSec);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
  const ratio = median(rates[1]!) / median(rates[0]!);
  console.log(`batching ratio (median over rounds): ${ratio.toFixed(2)}x (goal >= 4x); per round: ${rates[1]!.map((b, i) => (b / rates[0]![i]!).toFixed(2)).join(', ')}`);
} finally {
  await llm?.close();
  rmSync(dir, { recursive: true, force: true });
}
