import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineEvent } from '../contracts/events.ts';
import { createLogger } from '../log/logger.ts';
import { startOfflineKiosk, type OfflineKiosk } from '../../test/support/kiosk/offline-kiosk.ts';
import { hashPin } from './api/staff-auth.ts';
import type { KioskEngine } from './kiosk-engine.ts';
import { createStaffVoiceCommands } from './staff-voice-commands.ts';

const STAFF_PIN = '4826';

/*
 * Staff voice commands through the whole kiosk as the composition root builds it. Real: the reply
 * service with the shop's knowledge base (fast-path staff intents), the conversation runner, staff
 * PIN sessions (StaffAuth), the meeting services and SQLite. Questions are typed (the same path a
 * transcript takes after ASR); TTS is off so the acknowledgement "finishes speaking" at once.
 */
let kiosk: OfflineKiosk;
let engine: KioskEngine;
const events: PipelineEvent[] = [];

beforeAll(async () => {
  kiosk = await startOfflineKiosk('staff-voice');
  engine = kiosk.engine;
  engine.bus.subscribe((e) => events.push(e));
}, 120_000);

afterAll(async () => {
  await kiosk?.close();
});

async function until(what: string, probe: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; saw ${events.map((e) => e.type).join(',')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const idleFor = (id: string) => until(`idle for ${id}`, () => events.some((e) => e.type === 'idle' && e.correlationId === id));

describe('staff voice commands', () => {
  it('refused in words, and nothing happens, while no staff member is logged in', async () => {
    for (const [question, words] of [
      ['start a meeting', /Only staff can start a meeting recording: log in on the staff screen first/],
      ['stop the meeting', /Only staff can stop the meeting recording/],
      ['summarize the meeting', /Only staff can ask for a meeting summary/],
    ] as const) {
      const r = await engine.runner.ask(question);
      expect(r.route).toBe('fast');
      expect(r.answer).toMatch(words);
      expect(r.action).toBeUndefined();
      await idleFor(r.correlationId);
      expect(engine.store.conversations.byCorrelation(r.correlationId)[0]?.reply).toBe(r.answer);
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(engine.runner.phase).toBe('idle');
    expect(engine.store.meetings.list()).toEqual([]);
    expect(events.some((e) => e.type === 'meeting')).toBe(false);
  });

  it('"start a meeting" starts one when staff are logged in; "summarize the meeting" queues its summary', async () => {
    engine.store.staffPins.set('staff', await hashPin(STAFF_PIN));
    const { token } = await engine.auth.login(STAFF_PIN);
    const r = await engine.runner.ask('start a meeting');
    expect(r.answer).toMatch(/^Starting a meeting recording/);
    expect(r.action).toBe('meeting-start');
    await until('meeting started', () => events.some((e) => e.type === 'meeting' && e.state === 'started'));
    expect(engine.runner.meetingId).not.toBeNull();
    const [meeting] = engine.store.meetings.list();
    expect(meeting).toMatchObject({ staff: 'staff', endedAt: null });
    expect(meeting!.title).toMatch(/^Meeting recorded by voice/);

    // Dictation stores what is said; the staff screen's Stop ends the meeting (and queues the summary).
    await engine.deps.meetings.addSegment(meeting!.id, 'We need more bread for the weekend.');
    await engine.deps.meetings.stop(meeting!.id);
    expect(engine.runner.meetingId).toBeNull();
    const queued = engine.store.outbox.list().filter((j) => j.meetingId === meeting!.id);
    expect(queued).toHaveLength(1);

    const s = await engine.runner.ask('summarize the meeting');
    expect(s.answer).toMatch(/^Queuing a summary of “Meeting recorded by voice/);
    await idleFor(s.correlationId);
    await until('summary job touched', () => events.some((e) => e.type === 'job' && e.jobId === queued[0]!.jobId));
    // Same unchanged transcript → the same job (no second cloud call), still open.
    expect(engine.store.outbox.list().filter((j) => j.meetingId === meeting!.id)).toHaveLength(1);

    // "stop the meeting" with none open says so; with a meeting left open (e.g. after a restart) it ends it.
    const none = await engine.runner.ask('stop the meeting');
    expect(none.answer).toBe('No meeting is being recorded.');
    const left = engine.store.meetings.start({ title: 'Left open' });
    const stop = await engine.runner.ask('stop the meeting');
    expect(stop.answer).toBe('Stopping the recording of “Left open”. Its summary is queued.');
    await until('left-open meeting ended', () => engine.store.meetings.require(left.id).endedAt !== null);

    // During a meeting the microphone dictates: "hey jarvis, stop the meeting" arrives as a segment.
    const notices: string[] = [];
    const voice = createStaffVoiceCommands({
      auth: engine.auth,
      services: () => engine.deps,
      meetings: () => engine.store.meetings.list(),
      log: createLogger('test', {}, () => undefined),
      notice: (_code, message) => notices.push(message),
      wakePhrase: 'hey jarvis',
    });
    const second = await engine.runner.ask('start a meeting');
    await idleFor(second.correlationId);
    await until('second meeting started', () => engine.runner.meetingId !== null);
    const running = engine.store.meetings.list().find((m) => m.endedAt === null)!;
    expect(voice.onMeetingSegment('we should stop ordering so much milk')).toBeNull();
    expect(voice.onMeetingSegment('Hey Jarvis, stop the meeting.')).toBe('meeting-stop');
    await until('meeting stopped by a dictated command', () => engine.runner.meetingId === null);
    expect(engine.store.meetings.require(running.id).endedAt).not.toBeNull();

    engine.auth.logout(token);
    const third = engine.store.meetings.start({ title: 'Logged out' });
    expect(voice.onMeetingSegment('stop the meeting')).toBeNull();
    expect(notices).toEqual(['Only staff can stop the meeting recording: log in on the staff screen first.']);
    expect(engine.store.meetings.require(third.id).endedAt).toBeNull();
    engine.store.meetings.stop(third.id);

    const after = await engine.runner.ask('start a meeting');
    expect(after.answer).toMatch(/Only staff can start/);
    await idleFor(after.correlationId);
    await new Promise((r) => setTimeout(r, 100));
    expect(engine.runner.phase).toBe('idle');
  });
});
