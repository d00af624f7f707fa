import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineEvent } from '../contracts/events.ts';
import type { StaffCallPayload } from '../contracts/mqtt.ts';
import { createLogger } from '../log/logger.ts';
import { openKioskStoreFromConfig } from '../store/kiosk-store.ts';
import { loadConfig } from './config/load.ts';
import { createKioskEngine, type KioskEngine } from './kiosk-engine.ts';
import { CALL_RAISED } from './staff-call-reply.ts';

/*
 * Real: the composition root (store, reply service with the sample knowledge, conversation runner,
 * offload client), SQLite, and the machine's Mosquitto on 127.0.0.1:1883, where a plain mqtt.js
 * client stands in for a staff pager by subscribing to the documented staff-call topic.
 */
const BROKER = 'mqtt://127.0.0.1:1883';
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-calls-'));
const deviceId = `calls-${randomUUID().slice(0, 8)}`;
const quiet = createLogger('test', {}, () => undefined);
let engine: KioskEngine | null = null;
let pager: mqtt.MqttClient;
const received: StaffCallPayload[] = [];
const events: PipelineEvent[] = [];

function configFor(url: string, extra: Record<string, unknown> = {}) {
  return loadConfig({
    env: {},
    overrides: {
      paths: { db: path.join(dir, 'kiosk.db'), dataDir: dir },
      device: { id: deviceId },
      mqtt: { url },
      audio: { micEnabled: false },
      tts: { engine: 'none' },
      summarizer: { embedded: false },
      ...extra,
    },
  });
}

async function start(url: string, extra: Record<string, unknown> = {}): Promise<KioskEngine> {
  const e = await createKioskEngine(configFor(url, extra), { audio: 'none', api: false, log: quiet });
  e.bus.subscribe((ev) => events.push(ev));
  return e;
}

async function until<T>(get: () => T | undefined | null | false, what: string, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  pager = await mqtt.connectAsync(BROKER, { protocolVersion: 5, clientId: `pager-${deviceId}` });
  pager.on('message', (_t, payload) => received.push(JSON.parse(payload.toString()) as StaffCallPayload));
  await pager.subscribeAsync(`kiosk/v1/${deviceId}/staff-call`, { qos: 1 });
}, 30_000);

afterAll(async () => {
  await engine?.close();
  await pager?.endAsync();
  rmSync(dir, { recursive: true, force: true });
});

describe('staff calls end to end', () => {
  it('queues a call made while the broker is unreachable and delivers it to the pager once it is back', async () => {
    engine = await start('mqtt://127.0.0.1:9'); // nothing listens on the discard port
    const call = await engine.deps.staffCalls.raise(null);
    expect(call).toMatchObject({ state: 'raised', trigger: 'button', question: null });
    const job = engine.store.outbox.list().find((j) => j.kind === 'staff-call');
    expect(job?.state).toBe('pending');
    await engine.close();
    expect(received).toEqual([]);

    engine = await start(BROKER);
    const got = await until(
      () => received.find((r) => r.callId === call.id),
      'the queued call on the pager topic',
    );
    expect(got).toMatchObject({
      schema: 'kiosk.staff-call/1',
      deviceId,
      state: 'raised',
      trigger: 'button',
      question: null,
    });
    await until(
      () => engine!.store.outbox.get(job!.jobId)?.state === 'done',
      'the staff-call job done at PUBACK',
    );
    // Pressing again while that call still waits returns it: staff are not paged twice.
    expect((await engine.deps.staffCalls.raise(null)).id).toBe(call.id);
    await engine.deps.staffCalls.close(call.id, 'Sam');
  }, 60_000);

  it('a call queued so long that paging is pointless is not sent to pagers, and says so', async () => {
    const e = engine!;
    const old = new Date(Date.now() - 20 * 60_000).toISOString();
    const job = e.store.outbox.enqueueStaffCall({
      schema: 'kiosk.staff-call/1',
      callId: 'stale-call',
      deviceId,
      state: 'raised',
      question: null,
      trigger: 'button',
      raisedAt: old,
      at: old,
      staff: null,
    });
    await until(() => e.store.outbox.get(job.jobId)?.state === 'done', 'the stale job settled', 10_000);
    expect(e.store.outbox.get(job.jobId)?.lastError).toMatch(/too old to page/);
    await new Promise((r) => setTimeout(r, 300));
    expect(received.some((r) => r.callId === 'stale-call')).toBe(false);
  }, 30_000);

  it('a spoken or typed "yes" to the offer raises a call carrying the question that led to it', async () => {
    const e = engine!;
    const offer = await e.runner.ask('Can I book a flight to Paris here?');
    expect(offer.answer).toMatch(/Shall I call a member of staff/);
    const yes = await e.runner.ask('Yes please');
    expect(yes.answer).toBe(CALL_RAISED);
    expect(yes.staffCallId).toBeTruthy();
    const msg = await until(
      () => received.find((r) => r.callId === yes.staffCallId),
      'the offer call on MQTT',
    );
    expect(msg).toMatchObject({
      state: 'raised',
      trigger: 'offer',
      question: 'Can I book a flight to Paris here?',
    });
    expect(events.find((ev) => ev.type === 'staff-call' && ev.callId === yes.staffCallId)).toMatchObject({
      state: 'raised',
    });

    // "yes" with no offer pending is just a question again: no second call.
    const before = e.store.staffCalls.list().length;
    await e.runner.ask('yes');
    expect(e.store.staffCalls.list().length).toBe(before);
  }, 30_000);

  it('"can I speak to someone" raises a call; On my way and Done move it and reach the pager', async () => {
    const e = engine!;
    const r = await e.runner.ask('Can I speak to someone?');
    expect(r.answer).toBe(CALL_RAISED);
    const id = r.staffCallId!;
    expect(e.store.staffCalls.get(id)).toMatchObject({
      trigger: 'asked',
      question: 'Can I speak to someone?',
    });
    expect(await e.deps.staffCalls.acknowledge(id, 'Sam')).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: 'Sam',
    });
    expect(() => e.store.staffCalls.move(id, 'acknowledged', 'Sam')).not.toThrow(); // a double tap is harmless
    expect(await e.deps.staffCalls.close(id, 'Sam')).toMatchObject({ state: 'closed', closedBy: 'Sam' });
    await expect(async () => e.deps.staffCalls.acknowledge(id, 'Priya')).rejects.toThrow(
      /closed; it cannot become acknowledged/,
    );
    await until(() => received.filter((m) => m.callId === id).length === 3, 'three state messages');
    expect(received.filter((m) => m.callId === id).map((m) => [m.state, m.staff])).toEqual([
      ['raised', null],
      ['acknowledged', 'Sam'],
      ['closed', 'Sam'],
    ]);
    const staffEvents = events
      .filter((ev) => ev.type === 'staff-call' && ev.callId === id)
      .map((ev) => (ev as { state: string }).state);
    expect(staffEvents).toEqual(['raised', 'acknowledged', 'closed']);
  }, 30_000);
});

describe('meetings beside shoppers', () => {
  it('typed questions are answered during a meeting; voice waits; the status says so', async () => {
    const e = engine!;
    const m = await e.deps.meetings.start('Stand-up', 'Sam');
    expect(m.staff).toBe('Sam');
    expect(await e.deps.status.status()).toMatchObject({ voicePaused: true });
    const r = await e.runner.ask('Where is the bread?');
    expect(r.answer.toLowerCase()).toContain('bread');
    expect(() => e.runner.tapStart()).toThrow(/recording a staff meeting/);
    e.deps.meetings.addSegment(m.id, 'Bob will update the price labels by Friday.');
    const stopped = await e.deps.meetings.stop(m.id);
    expect(stopped.endReason).toBe('stopped');
    expect(await e.deps.status.status()).toMatchObject({ voicePaused: false });
    expect(
      events.filter((ev) => ev.type === 'voice-questions').map((ev) => (ev as { paused: boolean }).paused),
    ).toEqual([true, false]);
  });

  it('a meeting left open by a crash is closed on start with "kiosk restarted" and its summary queued', async () => {
    await engine!.close();
    engine = null;
    // What kill -9 leaves behind: a meeting row with no end, written by the store directly.
    const store = openKioskStoreFromConfig(configFor(BROKER));
    const m = store.meetings.start({ title: 'Crashed', staff: 'Priya' });
    store.meetings.addSegment(m.id, 'We agreed to open at eight on Sundays.');
    store.close();

    engine = await start(BROKER);
    const row = engine.store.meetings.require(m.id);
    expect(row.endedAt).not.toBeNull();
    expect(row.endReason).toBe('kiosk restarted');
    expect(engine.store.outbox.list().some((j) => j.kind === 'summarize' && j.meetingId === m.id)).toBe(true);
  }, 60_000);

  it('a clean stop ends the running meeting as "kiosk stopped"; a meeting past its maximum length is stopped', async () => {
    const running = await engine!.deps.meetings.start('Left running', null);
    engine!.deps.meetings.addSegment(running.id, 'Alice will restock the dairy aisle.');
    await engine!.close();
    engine = null;
    engine = await start(BROKER, { meetings: { maxMinutes: 0.01 } }); // 600 ms
    expect(engine.store.meetings.require(running.id).endReason).toBe('kiosk stopped');

    const long = await engine.deps.meetings.start('Long one', null);
    engine.deps.meetings.addSegment(long.id, 'Sam needs to call the bakery tomorrow.');
    await until(
      () => engine!.store.meetings.require(long.id).endReason === 'maximum length reached',
      'the maximum-length stop',
      5000,
    );
    expect(engine.runner.meetingId).toBeNull();
    expect(engine.store.outbox.list().some((j) => j.kind === 'summarize' && j.meetingId === long.id)).toBe(
      true,
    );
  }, 60_000);
});
