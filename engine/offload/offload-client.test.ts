// Real: Mosquitto (a private instance on a free port, so summarizer workers that other suites run on the
// shared 127.0.0.1:1883 broker cannot answer our jobs first; set VOICE_KIOSK_TEST_BROKER=mqtt://127.0.0.1:1883
// to run against the system broker), mqtt.js v5, SQLite (better-sqlite3), the shared job codec.
// Test peer: CloudPeer — a real MQTT v5 client that answers requests as the test scripts it (it is not
// the summarizer and computes no summaries).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KioskConfig } from '../contracts/config.ts';
import type { PipelineEvent } from '../contracts/events.ts';
import { PROTOCOL_SCHEMA } from '../contracts/mqtt.ts';
import { createLogger } from '../log/logger.ts';
import { EventBus } from '../pipeline/event-bus.ts';
import { openKioskStore, type KioskStore } from '../store/kiosk-store.ts';
import { handleInbound } from './inbound-responses.ts';
import { GZIP_CONTENT_TYPE } from '../protocol/job-codec.ts';
import { OffloadClient, type OffloadClientOptions } from './offload-client.ts';
import { CloudPeer, waitFor } from '../../test/support/offload/cloud-peer.ts';
import { MosquittoProcess } from '../../test/support/offload/mosquitto-process.ts';

let BROKER = process.env.VOICE_KIOSK_TEST_BROKER ?? '';
let broker: MosquittoProcess | null = null;
beforeAll(async () => {
  if (!BROKER) {
    broker = await MosquittoProcess.start();
    BROKER = broker.url;
  }
});
afterAll(async () => {
  await broker?.stop();
});
const OFFLOAD: KioskConfig['offload'] = {
  maxPayloadBytes: 64 * 1024,
  compressAboveBytes: 1024,
  maxJobAgeMs: 60_000,
  reconcileIntervalMs: 60_000,
  resendBaseMs: 300,
  resendMaxMs: 2_000,
  sessionExpirySec: 120,
  deviceDraftAfterMs: null,
};
const MQTT = { username: null, password: null, caFile: null, certFile: null, keyFile: null };

let dir: string;
let store: KioskStore;
let deviceId: string;
let bus: EventBus;
let events: PipelineEvent[];
let logs: string[];
const cleanups: (() => Promise<void> | void)[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vk-offload-'));
  store = openKioskStore(path.join(dir, 'k.db'), {
    maxJobAgeMs: OFFLOAD.maxJobAgeMs,
    maxPayloadBytes: OFFLOAD.maxPayloadBytes,
    transcriptDays: 30,
  });
  deviceId = `t-${randomUUID().slice(0, 12)}`;
  bus = new EventBus();
  events = [];
  bus.subscribe((e) => events.push(e));
  logs = [];
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function client(over: Partial<OffloadClientOptions> = {}): OffloadClient {
  const c = new OffloadClient({
    store,
    deviceId,
    mqtt: { ...MQTT, url: BROKER },
    offload: OFFLOAD,
    bus,
    tickMs: 50,
    reconnect: { baseMs: 50, maxMs: 1000 },
    logger: createLogger('offload', { deviceId }, (l) => logs.push(l)),
    ...over,
  });
  cleanups.push(() => c.stop());
  return c;
}

async function peer(max?: number): Promise<CloudPeer> {
  const p = await CloudPeer.connect(BROKER, deviceId, max);
  cleanups.push(() => p.close());
  return p;
}

function meeting(lines = ['We open at nine on Sundays.', 'The umbrella delivery is late.']): string {
  return store.meetings.importTranscript({ title: 'Standup', transcript: lines.join('\n') }).id;
}

const jobStates = (jobId: string) =>
  events.flatMap((e) => (e.type === 'job' && e.jobId === jobId ? [e.state] : []));

describe('OffloadClient against a real Mosquitto (peer: scripted CloudPeer)', () => {
  it('publishes a job with the protocol properties, moves it pending → sent → accepted → done, and stores the summary', async () => {
    const p = await peer();
    p.respond = (req) => [
      { status: 'accepted', jobId: req.jobId! },
      {
        status: 'result',
        jobId: req.jobId!,
        kind: 'summarize',
        text: 'Open at nine; umbrellas late.',
        model: 'peer-model',
      },
    ];
    const c = client();
    c.start();
    const mid = meeting();
    const { jobId, state } = c.enqueueSummary(mid);
    expect(state).toBe('pending');
    await waitFor('summary stored', () => store.summaries.byJob(jobId));

    const req = p.requests[0]!;
    const props = req.raw.properties!;
    expect(Buffer.from(props.correlationData!).toString()).toBe(jobId);
    expect(props.responseTopic).toBe(`kiosk/v1/${deviceId}/res`);
    expect(props.userProperties).toMatchObject({
      schema: PROTOCOL_SCHEMA,
      attempt: '1',
      contentHash: store.outbox.require(jobId).contentHash,
    });
    expect(props.messageExpiryInterval).toBeGreaterThan(50);
    expect(props.messageExpiryInterval).toBeLessThanOrEqual(60);
    expect(req.decoded?.request).toMatchObject({
      op: 'job',
      kind: 'summarize',
      payload: { meetingId: mid, transcript: store.meetings.transcript(mid) },
    });

    expect(store.summaries.list()).toEqual([
      expect.objectContaining({
        meetingId: mid,
        jobId,
        text: 'Open at nine; umbrellas late.',
        model: 'peer-model',
      }),
    ]);
    await waitFor('done event', () => jobStates(jobId).includes('done'));
    expect(jobStates(jobId)).toEqual(['pending', 'sent', 'accepted', 'done']);
    expect(events.some((e) => e.type === 'summary' && e.jobId === jobId && e.meetingId === mid)).toBe(true);
    expect(events.some((e) => e.type === 'connectivity' && e.online)).toBe(true);
    expect(c.status()).toEqual({ online: true, queued: 0 });
  });

  it('gzips a large transcript on the wire and the peer reads it back intact', async () => {
    const p = await peer();
    const c = client();
    c.start();
    const lines = Array.from(
      { length: 200 },
      (_, i) => `Line ${i}: the stock count for aisle ${i % 7} was checked.`,
    );
    const { jobId } = c.enqueueSummary(meeting(lines));
    await waitFor('request', () => p.jobs()[0]);
    expect(p.requests[0]!.raw.properties?.contentType).toBe(GZIP_CONTENT_TYPE);
    expect(p.requests[0]!.raw.payload.length).toBeLessThan(lines.join('\n').length / 2);
    expect((p.jobs()[0]!.request as { payload: { transcript: string } }).payload.transcript).toBe(
      lines.join('\n'),
    );
    expect(p.jobs()[0]!.jobId).toBe(jobId);
  });

  it('commits the result BEFORE the PUBACK: dropped unacked after commit → broker redelivers → duplicate ignored and acked', async () => {
    const p = await peer();
    p.respond = (req) => [{ status: 'result', jobId: req.jobId!, kind: 'summarize', text: 'S', model: 'm' }];
    let calls = 0;
    const seenCommitted: number[] = [];
    const c = client({
      // No application-level resend during the test: the second delivery can only be the broker's.
      offload: { ...OFFLOAD, resendBaseMs: 60_000, resendMaxMs: 60_000 },
      faults: {
        afterCommitBeforeAck: () => {
          calls += 1;
          // Read through a separate connection: the row must already be durable when we would ack.
          const other = new Database(store.file, { readonly: true });
          seenCommitted.push((other.prepare('SELECT count(*) AS n FROM summaries').get() as { n: number }).n);
          other.close();
          return calls === 1 ? 'redeliver' : 'ack';
        },
      },
    });
    c.start();
    const { jobId } = c.enqueueSummary(meeting());
    await waitFor('redelivery after reconnect', () => calls >= 2, 15_000);
    expect(seenCommitted[0]).toBe(1);
    expect(p.jobs()).toHaveLength(1); // one request, one result published: the repeat was the broker's redelivery
    expect(store.summaries.list().filter((s) => s.jobId === jobId)).toHaveLength(1);
    expect(store.inbox.duplicateDeliveries()).toBeGreaterThanOrEqual(1);
    expect(c.stats.duplicates).toBeGreaterThanOrEqual(1);
    expect(logs.some((l) => l.includes('duplicate result ignored'))).toBe(true);
    expect(c.reconnectDelays().length).toBeGreaterThanOrEqual(1);

    // The duplicate was acked: a new session with the same client id gets nothing more.
    await c.stop();
    const dupBefore = store.inbox.duplicateDeliveries();
    const again = client();
    again.start();
    await waitFor('back online', () => again.online());
    await new Promise((r) => setTimeout(r, 500));
    expect(store.inbox.duplicateDeliveries()).toBe(dupBefore);
  });

  it('a duplicate result published twice is stored once and acked', async () => {
    const p = await peer();
    const c = client();
    c.start();
    const { jobId } = c.enqueueSummary(meeting());
    await waitFor('sent', () => store.outbox.require(jobId).state === 'sent');
    const res = { status: 'result' as const, jobId, kind: 'summarize' as const, text: 'Once.', model: 'm' };
    await p.send(res);
    await p.send(res);
    await p.send(res);
    await waitFor('two duplicates', () => c.stats.duplicates === 2);
    expect(store.summaries.list()).toHaveLength(1);
    expect(c.stats.stored).toBe(1);
  });

  it('reconciles waiting jobs on connect; `unknown` (lost by the broker) → resent at once → result', async () => {
    const p = await peer();
    // First session: the job is published but the "cloud" never answers (as if a killed broker lost it).
    const first = client();
    first.start();
    const { jobId } = first.enqueueSummary(meeting());
    await waitFor('sent', () => store.outbox.require(jobId).state === 'sent');
    await waitFor('peer got it', () => p.jobs().length === 1);
    await first.stop();
    p.respond = (req) =>
      req.jobId
        ? [{ status: 'result', jobId: req.jobId, kind: 'summarize', text: 'After reconcile.', model: 'm' }]
        : [];
    p.requests.length = 0;
    const peerReplies = p.respond;
    p.respond = (req, self) => {
      if (req.request.op === 'reconcile')
        return req.request.jobIds.map((id) => ({ status: 'unknown' as const, jobId: id }));
      return peerReplies(req, self);
    };
    const second = client({ offload: { ...OFFLOAD, resendBaseMs: 60_000, resendMaxMs: 60_000 } });
    store.db
      .prepare('UPDATE outbox SET next_attempt_at = ? WHERE job_id = ?')
      .run(Date.now() + 60_000, jobId);
    second.start();
    await waitFor('summary after reconcile', () => store.summaries.byJob(jobId));
    expect(p.reconciles()[0]).toEqual([jobId]);
    const resent = p.jobs().find((j) => j.jobId === jobId)!;
    expect(resent.attempt).toBe(2);
  });

  it('non-retryable error → failed with the reason; staff retry → pending → delivered; retryable error → resent', async () => {
    const p = await peer();
    let n = 0;
    p.respond = (req) => {
      n += 1;
      if (n === 1)
        return [
          { status: 'error', jobId: req.jobId!, code: 'conflict', message: 'hash differs', retryable: false },
        ];
      if (n === 2)
        return [
          {
            status: 'error',
            jobId: req.jobId!,
            code: 'backend',
            message: 'model timed out',
            retryable: true,
          },
        ];
      return [{ status: 'result', jobId: req.jobId!, kind: 'answer', text: 'We open at nine.', model: 'm' }];
    };
    const c = client();
    c.start();
    const jobId = c.enqueueAnswer('When do you open on Sunday?');
    await waitFor('failed', () => store.outbox.require(jobId).state === 'failed');
    expect(store.outbox.require(jobId).lastError).toBe('conflict: hash differs');
    expect(c.retry(jobId).state).toBe('pending');
    await waitFor('answer stored', () => store.summaries.answer(jobId));
    expect(store.summaries.answer(jobId)?.text).toBe('We open at nine.');
    expect(jobStates(jobId)).toContain('failed');
    expect(n).toBe(3);
    expect(store.outbox.require(jobId)).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('rejects bad responses with a reason, stores nothing, keeps running', async () => {
    const p = await peer();
    const c = client({ offload: { ...OFFLOAD, maxPayloadBytes: 8 * 1024 } });
    c.start();
    await waitFor('online', () => c.online());
    const jobId = c.enqueueAnswer('Is there parking?');
    await waitFor('sent', () => store.outbox.require(jobId).state === 'sent');
    const res = `kiosk/v1/${deviceId}/res`;
    const schema = { userProperties: { schema: PROTOCOL_SCHEMA } };
    await p.sendRaw(res, '{not json', schema);
    await p.sendRaw(res, JSON.stringify({ status: 'result', jobId, kind: 'answer', text: 'x', model: 'm' }), {
      userProperties: { schema: 'kiosk.job/99' },
    });
    await p.sendRaw(
      res,
      JSON.stringify({ status: 'result', jobId, kind: 'answer', text: 'x'.repeat(9000), model: 'm' }),
      schema,
    );
    await p.sendRaw(
      res,
      JSON.stringify({ status: 'result', jobId: 'not-ours', kind: 'answer', text: 'x', model: 'm' }),
      { ...schema, correlationData: Buffer.from('not-ours') },
    );
    await p.sendRaw(res, JSON.stringify({ status: 'weird', jobId }), schema);
    await p.sendRaw(res, Buffer.from([0x1f, 0x8b, 1, 2, 3]), { ...schema, contentType: GZIP_CONTENT_TYPE });
    await waitFor('six rejections', () => c.stats.rejected === 6);
    expect(store.summaries.answer(jobId)).toBeNull();
    expect(store.db.prepare('SELECT count(*) AS n FROM inbox').get()).toEqual({ n: 0 });
    const reasons = logs
      .filter((l) => l.includes('response rejected'))
      .map((l) => JSON.parse(l).reason as string);
    expect(reasons.join('\n')).toMatch(/malformed JSON/);
    expect(reasons.join('\n')).toMatch(/unsupported schema/);
    expect(reasons.join('\n')).toMatch(/too-large/);
    expect(reasons.join('\n')).toMatch(/unknown job/);
    expect(reasons.join('\n')).toMatch(/gzip/);
    // Still alive: a good result is stored.
    await p.send({ status: 'result', jobId, kind: 'answer', text: 'Yes, behind the shop.', model: 'm' });
    await waitFor('answer stored', () => store.summaries.answer(jobId));
  });

  it('rejects a result addressed to another device (topic check), without storing', () => {
    const jobId = store.outbox.enqueueAnswer('q').jobId;
    const ctx = {
      deviceId,
      limits: { maxPayloadBytes: 4096 },
      outbox: store.outbox,
      inbox: store.inbox,
      log: createLogger('t', {}, (l) => logs.push(l)),
      resendAt: () => 0,
      now: () => 0,
      onJobChanged: () => {},
      onSummaryStored: () => {},
      onAnswerStored: () => {},
      kick: () => {},
    };
    const body = Buffer.from(
      JSON.stringify({ status: 'result', jobId, kind: 'answer', text: 't', model: 'm' }),
    );
    const r = handleInbound(
      {
        topic: 'kiosk/v1/someone-else/res',
        payload: body,
        properties: { correlationData: Buffer.from(jobId) },
      },
      ctx,
    );
    expect(r).toMatchObject({ verdict: 'ack', outcome: 'rejected' });
    expect(r.reason).toMatch(/not addressed to device/);
    expect(store.summaries.answer(jobId)).toBeNull();
    const ours = {
      correlationData: Buffer.from(jobId),
      userProperties: { schema: PROTOCOL_SCHEMA },
    };
    expect(
      handleInbound({ topic: `kiosk/v1/${deviceId}/res`, payload: body, properties: ours }, ctx).outcome,
    ).toBe('stored');
  });

  it('resends with backoff while no worker is listening (the broker drops such messages) until one appears', async () => {
    const c = client();
    c.start();
    const jobId = c.enqueueAnswer('Anyone there?');
    await waitFor('three attempts', () => store.outbox.require(jobId).attempts >= 3, 10_000);
    const p = await peer();
    p.respond = (req) =>
      req.jobId
        ? [{ status: 'result', jobId: req.jobId, kind: 'answer', text: 'Here now.', model: 'm' }]
        : [];
    await waitFor('delivered once a worker listens', () => store.summaries.answer(jobId), 10_000);
    expect(store.outbox.require(jobId).attempts).toBeGreaterThanOrEqual(4);
  });

  it('fails a job past its maximum age while offline, visibly', async () => {
    store.close();
    store = openKioskStore(path.join(dir, 'k.db'), {
      maxJobAgeMs: 200,
      maxPayloadBytes: OFFLOAD.maxPayloadBytes,
      transcriptDays: 30,
    });
    const c2 = client({
      mqtt: { ...MQTT, url: 'mqtt://127.0.0.1:1' },
      offload: { ...OFFLOAD, maxJobAgeMs: 200 },
    });
    c2.start();
    const jobId = c2.enqueueAnswer('Too late?');
    await waitFor('failed', () => store.outbox.require(jobId).state === 'failed');
    expect(jobStates(jobId)).toEqual(['pending', 'failed']);
    expect(c2.status()).toEqual({ online: false, queued: 0 });
  });
});
