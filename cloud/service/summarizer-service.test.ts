import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../engine/log/logger.ts';
import { startOpenAiPeer } from '../../test/support/llm/chat-peers.ts';
import { ExtractiveBackend } from '../backends/extractive-backend.ts';
import { OpenAiBackend } from '../backends/openai-backend.ts';
import { SummarizerMetrics } from './metrics.ts';
import { SqliteJobStore } from '../store/sqlite-job-store.ts';
import { BROKER_URL, KioskPeer, meetingTranscript } from '../../test/support/cloud/kiosk-peer.ts';
import { SummarizerService, type SummarizerOptions } from './summarizer-service.ts';

// Real: Mosquitto on 127.0.0.1:1883, SQLite job store, the extractive (TextRank) backend, the service.
// Test peer: KioskPeer, a real mqtt.js client speaking the job protocol through the shared codec.
describe('summarizer service over the real Mosquitto (kiosk side is a test peer)', () => {
  let dir: string;
  const services: SummarizerService[] = [];
  const logLines: string[] = [];
  const logger = createLogger('summarizer', {}, (line) => logLines.push(line));
  const peers: KioskPeer[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vk-summarizer-'));
  });
  afterEach(async () => {
    for (const p of peers.splice(0)) await p.close();
    for (const s of services.splice(0)) await s.stop();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function startWorker(over: Partial<SummarizerOptions> = {}): Promise<{ svc: SummarizerService; store: SqliteJobStore }> {
    const store = new SqliteJobStore(join(dir, `${randomBytes(4).toString('hex')}.db`));
    const svc = new SummarizerService({
      mqttUrl: BROKER_URL,
      group: `g${randomBytes(4).toString('hex')}`,
      store,
      backend: new ExtractiveBackend(),
      batchWindowMs: 20,
      logger,
      ...over,
    });
    await svc.start();
    services.push(svc);
    return { svc, store };
  }
  async function peer(): Promise<KioskPeer> {
    const p = await KioskPeer.connect('svc');
    peers.push(p);
    return p;
  }

  it('answers accepted then a TextRank summary, and replays the stored result for a resend', async () => {
    const kiosk = await peer();
    const { svc, store } = await startWorker({ deviceIds: [kiosk.deviceId] });
    const transcript = meetingTranscript(1);
    const job = kiosk.job('job-1', transcript);
    await kiosk.send(job);
    await kiosk.waitFor((rs) => rs.some((r) => r.jobId === 'job-1' && r.status === 'result'));
    const [accepted, result] = kiosk.of('job-1');
    expect(accepted?.status).toBe('accepted');
    expect(result).toMatchObject({ status: 'result', kind: 'summarize', model: 'textrank-1', meetingId: 'm-job-1' });
    const text = (result as { text: string }).text;
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThan(transcript.length);
    expect(transcript).toContain(text.split('. ')[0]!);

    const callsBefore = await svc.metrics.count('summarizer_backend_calls_total');
    await kiosk.send(job);
    await kiosk.waitFor((rs) => rs.filter((r) => r.jobId === 'job-1' && r.status === 'result').length === 2);
    const results = kiosk.of('job-1', 'result');
    expect(results[1]).toEqual(results[0]);
    expect(await svc.metrics.count('summarizer_backend_calls_total')).toBe(callsBefore);
    expect(await store.counts()).toEqual({ pending: 0, done: 1, failed: 0 });
  });

  it('same job id with different content is a conflict; reconcile replays known ids and says unknown for others', async () => {
    const kiosk = await peer();
    await startWorker({ deviceIds: [kiosk.deviceId] });
    await kiosk.send(kiosk.job('job-c', meetingTranscript(2)));
    await kiosk.waitFor((rs) => rs.some((r) => r.jobId === 'job-c' && r.status === 'result'));
    await kiosk.send(kiosk.job('job-c', meetingTranscript(3)));
    await kiosk.waitFor((rs) => rs.some((r) => r.jobId === 'job-c' && r.status === 'error'));
    expect(kiosk.of('job-c', 'error')[0]).toMatchObject({ code: 'conflict', retryable: false });

    const before = kiosk.of('job-c', 'result').length;
    await kiosk.send({ op: 'reconcile', deviceId: kiosk.deviceId, jobIds: ['job-c', 'never-sent'] });
    await kiosk.waitFor((rs) => rs.some((r) => r.jobId === 'never-sent') && rs.filter((r) => r.jobId === 'job-c' && r.status === 'result').length > before);
    expect(kiosk.of('never-sent')).toEqual([{ status: 'unknown', jobId: 'never-sent' }]);
  });

  it('another device cannot read a job result by reconciling its id', async () => {
    const a = await peer();
    const b = await peer();
    await startWorker({ deviceIds: [a.deviceId, b.deviceId] });
    await a.send(a.job('job-secret', meetingTranscript(4)));
    await a.waitFor((rs) => rs.some((r) => r.status === 'result'));
    await b.send({ op: 'reconcile', deviceId: b.deviceId, jobIds: ['job-secret'] });
    await b.waitFor((rs) => rs.length > 0);
    expect(b.responses).toEqual([{ status: 'unknown', jobId: 'job-secret' }]);
  });

  it('rejects malformed JSON, a wrong schema, an oversized body and a gzip bomb with reasons, stores nothing, keeps running', async () => {
    const kiosk = await peer();
    const { svc, store } = await startWorker({ deviceIds: [kiosk.deviceId], limits: { maxPayloadBytes: 64 * 1024 } });
    await kiosk.sendRaw(Buffer.from('{"op":"job",'), { jobId: 'bad-json' });
    await kiosk.sendRaw(Buffer.from(JSON.stringify(kiosk.job('bad-schema', 'Hello there. Fine.'))), { jobId: 'bad-schema', schema: 'kiosk.job/0' });
    await kiosk.sendRaw(Buffer.alloc(70 * 1024, 0x20), { jobId: 'too-big' });
    await kiosk.sendRaw(gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20)), { jobId: 'bomb' });
    const wrongHash = { ...kiosk.job('bad-hash', 'One sentence. Two sentences.'), contentHash: 'a'.repeat(64) };
    await kiosk.sendRaw(Buffer.from(JSON.stringify(wrongHash)), { jobId: 'bad-hash' });
    await kiosk.sendRaw(Buffer.from('garbage without an id'));
    await kiosk.send(kiosk.job('good-after', meetingTranscript(5)));
    await kiosk.waitFor((rs) => rs.some((r) => r.jobId === 'good-after' && r.status === 'result'));
    const err = (id: string) => kiosk.of(id, 'error')[0] as { code: string; message: string; retryable: boolean } | undefined;
    expect(err('bad-json')).toMatchObject({ code: 'bad-request', retryable: false });
    expect(err('bad-json')?.message).toMatch(/malformed JSON/);
    expect(err('bad-schema')).toMatchObject({ code: 'schema' });
    expect(err('too-big')).toMatchObject({ code: 'too-large' });
    expect(err('bomb')).toMatchObject({ code: 'too-large' });
    expect(err('bad-hash')?.message).toMatch(/contentHash/);
    expect(await store.counts()).toEqual({ pending: 0, done: 1, failed: 0 });
    expect(await svc.metrics.count('summarizer_rejected_total')).toBe(6);
    const logged = logLines.map((l) => JSON.parse(l) as { msg: string; jobId?: string; reason?: string }).filter((l) => l.msg === 'request rejected');
    expect(logged.map((l) => l.jobId)).toEqual(expect.arrayContaining(['bad-json', 'bad-schema', 'too-big', 'bomb', 'bad-hash', null]));
    expect(logged.every((l) => typeof l.reason === 'string' && l.reason.length > 0)).toBe(true);
  });

  it('an empty transcript gets a clear non-retryable error, stored and replayed, never an empty summary', async () => {
    const kiosk = await peer();
    const { store } = await startWorker({ deviceIds: [kiosk.deviceId] });
    await kiosk.send(kiosk.job('job-empty', '  ...  \n  '));
    await kiosk.waitFor((rs) => rs.some((r) => r.jobId === 'job-empty' && r.status === 'error'));
    expect(kiosk.of('job-empty', 'error')[0]).toMatchObject({ code: 'bad-request', retryable: false });
    expect((kiosk.of('job-empty', 'error')[0] as { message: string }).message).toMatch(/nothing to summarize/);
    expect(await store.counts()).toMatchObject({ failed: 1 });
  });

  it('batches jobs inside the window and coalesces identical content into one backend item', async () => {
    const backend = new ExtractiveBackend();
    const items: number[] = [];
    const runBatch = backend.runBatch.bind(backend);
    backend.runBatch = async (batch) => {
      items.push(batch.length);
      return runBatch(batch);
    };
    const kiosk = await peer();
    const { svc } = await startWorker({ deviceIds: [kiosk.deviceId], backend, batchWindowMs: 300, maxBatch: 16 });
    const same = meetingTranscript(7);
    const jobs = [...Array.from({ length: 6 }, (_, i) => kiosk.job(`dup-${i}`, same, 'm-same')), ...Array.from({ length: 6 }, (_, i) => kiosk.job(`uniq-${i}`, meetingTranscript(100 + i)))];
    await Promise.all(jobs.map((j) => kiosk.send(j)));
    await kiosk.waitFor((rs) => rs.filter((r) => r.status === 'result').length === 12);
    const dupTexts = new Set(jobs.slice(0, 6).map((j) => (kiosk.of(j.jobId, 'result')[0] as { text: string }).text));
    expect(dupTexts.size).toBe(1);
    const batches = await svc.metrics.histogram('summarizer_batch_size');
    expect(batches.sum).toBe(12);
    expect(batches.count).toBeLessThan(12);
    expect(await svc.metrics.count('summarizer_coalesced_total')).toBeGreaterThanOrEqual(5 - (batches.count - 1));
    expect(items.reduce((a, b) => a + b, 0)).toBeLessThan(12);
  });

  // Test peer here also: a conforming OpenAI-compatible HTTP server that fails its first request with a 500.
  it('openai backend: a server 500 becomes a retryable error response, the job is released, and the resend succeeds', async () => {
    let calls = 0;
    const llm = await startOpenAiPeer(() => (++calls === 1 ? { status: 500 } : { tokens: ['Stock ', 'order ', 'approved.'] }));
    try {
      const kiosk = await peer();
      const metrics = new SummarizerMetrics(0.5);
      const { store } = await startWorker({ deviceIds: [kiosk.deviceId], metrics, backend: new OpenAiBackend({ baseUrl: llm.url, model: 'test-model' }) });
      const job = kiosk.job('job-llm', meetingTranscript(9));
      await kiosk.send(job);
      await kiosk.waitFor((rs) => rs.some((r) => r.status === 'error'));
      expect(kiosk.of('job-llm', 'error')[0]).toMatchObject({ code: 'backend', retryable: true });
      expect((await store.get(['job-llm'])).get('job-llm')).toMatchObject({ state: 'pending', owner: null });
      await kiosk.send(job);
      await kiosk.waitFor((rs) => rs.some((r) => r.status === 'result'));
      expect(kiosk.of('job-llm', 'result')[0]).toMatchObject({ text: 'Stock order approved.', model: 'test-model' });
      // The peer reports 7 prompt + 3 completion tokens: at 0.5 per 1k tokens that is 0.005.
      expect((await metrics.histogram('summarizer_cost_per_summary')).sum).toBeCloseTo(0.005, 9);
    } finally {
      await llm.close();
    }
  });
});
