// `npm run bench:summarizer`: jobs/s through the summarizer with batching vs. without, same backend,
// same store, one run, via the local Mosquitto. Prints figures; asserts nothing.
//
// Real: Mosquitto (VOICE_KIOSK_TEST_MQTT, default 127.0.0.1:1883), the SummarizerService, a SQLite job
// store at synchronous=FULL in a temp dir, and the extractive (TextRank) backend. The kiosk side is a
// test peer (a real mqtt.js client) that publishes a backlog of N jobs at once, as a fleet of kiosks does
// when the broker comes back after an outage. `--backend openai` swaps in the OpenAI backend against a
// conforming in-process test server with a fixed per-request latency (a stand-in, not a model).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { createLogger } from '../engine/log/logger.ts';
import { startOpenAiPeer, type ChatPeer } from '../engine/reply/llm/testing/chat-peers.ts';
import type { SummaryBackend } from '../cloud/backends/backend.ts';
import { ExtractiveBackend } from '../cloud/backends/extractive-backend.ts';
import { OpenAiBackend } from '../cloud/backends/openai-backend.ts';
import { SummarizerService } from '../cloud/service/summarizer-service.ts';
import { SqliteJobStore } from '../cloud/store/sqlite-job-store.ts';
import { KioskPeer, meetingTranscript } from '../cloud/testing/kiosk-peer.ts';

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '300' },
    sentences: { type: 'string', default: '24' },
    backend: { type: 'string', default: 'extractive' },
    'latency-ms': { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '4' },
  },
});
const N = Number(values.jobs);
const SENTENCES = Number(values.sentences);
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

async function runMode(mode: Mode, dir: string, makeBackend: () => SummaryBackend): Promise<{ jobsPerSec: number; seconds: number; line: string }> {
  const kiosk = await KioskPeer.connect('bench');
  const store = new SqliteJobStore(join(dir, `${randomBytes(4).toString('hex')}.db`));
  const svc = new SummarizerService({
    mqttUrl: process.env.VOICE_KIOSK_TEST_MQTT ?? 'mqtt://127.0.0.1:1883',
    group: `bench${randomBytes(4).toString('hex')}`,
    deviceIds: [kiosk.deviceId],
    store,
    backend: makeBackend(),
    batchWindowMs: mode.batchWindowMs,
    maxBatch: mode.maxBatch,
    concurrency: CONCURRENCY,
    logger: createLogger('summarizer', {}, () => undefined),
  });
  await svc.start();
  const jobs = Array.from({ length: N }, (_, i) => kiosk.job(`bench-${i}`, meetingTranscript(i, SENTENCES)));
  const t0 = performance.now();
  await Promise.all(jobs.map((j) => kiosk.send(j)));
  await kiosk.waitFor((rs) => rs.filter((r) => r.status === 'result').length >= N, 600_000, 'all results');
  const seconds = (performance.now() - t0) / 1000;
  const batches = await svc.metrics.histogram('summarizer_batch_size');
  const wait = await svc.metrics.histogram('summarizer_queue_wait_seconds');
  const backend = await svc.metrics.histogram('summarizer_backend_latency_seconds');
  const claims = await svc.metrics.histogram('summarizer_claim_commit_size');
  await svc.stop();
  await kiosk.close();
  const line =
    `${mode.name.padEnd(42)} ${(N / seconds).toFixed(1).padStart(8)} jobs/s  ${seconds.toFixed(2)} s  ` +
    `batches ${batches.count} (avg ${(batches.sum / Math.max(1, batches.count)).toFixed(1)})  ` +
    `claim commits ${claims.count || N} (avg ${(claims.count ? claims.sum / claims.count : 1).toFixed(1)})  ` +
    `backend ${(backend.sum * 1000).toFixed(0)} ms total  queue wait avg ${((wait.sum / Math.max(1, wait.count)) * 1000).toFixed(1)} ms`;
  return { jobsPerSec: N / seconds, seconds, line };
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
  console.log(`summarizer bench: ${N} jobs, ${SENTENCES}-sentence transcripts, backend ${values.backend}${values.backend === 'openai' ? ` (test server, ${values['latency-ms']} ms per request)` : ''}, concurrency ${CONCURRENCY}, SQLite store synchronous=FULL`);
  const results = [];
  for (const mode of MODES) {
    const r = await runMode(mode, dir, makeBackend);
    console.log(r.line);
    results.push(r);
  }
  const ratio = results[1]!.jobsPerSec / results[0]!.jobsPerSec;
  console.log(`batching ratio: ${ratio.toFixed(2)}x (goal >= 4x)`);
} finally {
  await llm?.close();
  rmSync(dir, { recursive: true, force: true });
}
