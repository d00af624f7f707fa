import { describe, expect, it } from 'vitest';
import type { AskResult } from '../contracts/api.ts';
import type { PipelineEvent } from '../contracts/events.ts';
import { EngineError } from '../errors/engine-error.ts';
import { createLogger } from '../log/logger.ts';
import { SilentSynthesizer } from '../tts/speech-synthesizer.ts';
import { ConversationEffects } from './conversation-effects.ts';
import { ConversationRunner } from './conversation-runner.ts';
import { EventBus } from './event-bus.ts';
import { MeetingDictation } from './meeting-dictation.ts';
import type { AnswerRequest, ReplyPort, StaffCommandPort } from './stage-ports.ts';
import { TypedQuestions } from './typed-questions.ts';
import { UtteranceCapture } from './utterance-capture.ts';

/*
 * The runner and its effects with no audio stages. Real: ConversationRunner, ConversationEffects,
 * the reducer, MeetingDictation, EventBus, SilentSynthesizer. The reply port is scripted per test
 * (this tests the pipeline's handling of a reply, not the reply stage, which has its own tests).
 */
const log = createLogger('test', {}, () => undefined);

function result(over: Partial<AskResult> = {}): AskResult {
  return { correlationId: 'x', route: 'fast', reason: 'test', answer: 'Aisle 3.', sources: [], ttftMs: 1, totalMs: 1, ...over };
}

function runner(reply: (req: AnswerRequest) => Promise<AskResult>, staffCommands?: StaffCommandPort) {
  const bus = new EventBus();
  const events: PipelineEvent[] = [];
  bus.subscribe((e) => events.push(e));
  const port: ReplyPort = { answer: reply, info: () => ({ stage: 'reply', name: 'scripted', ready: true }) };
  const r = new ConversationRunner({
    bus,
    log,
    wake: null,
    endpoint: null,
    asr: null,
    reply: port,
    tts: new SilentSynthesizer(),
    interactions: { record: () => undefined },
    meetings: { addSegment: () => ({ segmentId: 1 }) },
    ...(staffCommands ? { staffCommands } : {}),
  });
  return { r, events };
}

/** A reply that only ends when it is cancelled, like an LLM still streaming. */
const untilAborted = (req: AnswerRequest) =>
  new Promise<AskResult>((_, reject) =>
    req.signal.addEventListener('abort', () => reject(new EngineError('cancelled', 'answer cancelled', { stage: 'reply' }))),
  );

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

describe('work in flight is released', () => {
  it('a cancelled reply leaves no abort handle behind', async () => {
    const { r } = runner(untilAborted);
    const asked = r.ask('can I return an opened item');
    expect(r.inFlight()).toBe(1);
    expect(r.cancel()).toEqual({ cancelled: true });
    await expect(asked).rejects.toMatchObject({ code: 'cancelled' });
    await settle();
    expect(r.inFlight()).toBe(0);
  });

  it('a reply superseded by a new question, and a failed reply, leave none either', async () => {
    let calls = 0;
    const { r } = runner((req) => (++calls === 1 ? untilAborted(req) : Promise.reject(new Error('model crashed'))));
    const first = r.ask('first question');
    const second = r.ask('second question');
    await expect(first).rejects.toMatchObject({ code: 'cancelled' });
    await expect(second).rejects.toMatchObject({ message: 'model crashed' });
    await settle();
    expect(r.inFlight()).toBe(0);
    expect(r.phase).toBe('idle');
  });

  it('an answered and spoken question leaves none', async () => {
    const { r, events } = runner(async () => result());
    await r.ask('where is the milk');
    await settle();
    expect(events.at(-1)).toMatchObject({ type: 'idle', reason: 'done' });
    expect(r.inFlight()).toBe(0);
  });
});

describe('effects that do something', () => {
  it('stop-dictation stops the meeting dictation', () => {
    const bus = new EventBus();
    const dictation = new MeetingDictation({
      asr: null,
      endpoint: null,
      sink: { addSegment: () => ({ segmentId: 1 }) },
      bus,
      log,
    });
    const effects = new ConversationEffects({
      bus,
      log,
      dispatch: () => undefined,
      wake: null,
      reply: { answer: async () => result(), info: () => ({ stage: 'reply', name: 'x', ready: true }) },
      tts: new SilentSynthesizer(),
      interactions: { record: () => undefined },
      capture: new UtteranceCapture({ asr: null, endpoint: null, bus }),
      dictation,
      questions: new TypedQuestions(),
    });
    effects.run({ type: 'start-dictation', meetingId: 'm1' });
    expect(dictation.active).toBe('m1');
    effects.run({ type: 'stop-dictation', meetingId: 'm1' });
    expect(dictation.active).toBeNull();
  });

  it('an allowed staff command runs once its acknowledgement has been spoken', async () => {
    const ran: [string, string][] = [];
    const { r, events } = runner(async () => result({ answer: 'Starting a meeting recording.', action: 'meeting-start' }), {
      run: (command, correlationId) => void ran.push([command, correlationId]),
    });
    const answered = await r.ask('start a meeting');
    expect(answered.action).toBe('meeting-start');
    await settle();
    expect(ran).toEqual([['meeting-start', answered.correlationId]]);
    expect(events.filter((e) => e.type === 'idle')).toHaveLength(1);
  });

  it('a staff command that fails is an error event, not a crash', async () => {
    const { r, events } = runner(async () => result({ action: 'meeting-summarize' }), {
      run: () => {
        throw new EngineError('conflict', 'the staff member logged out', { stage: 'pipeline' });
      },
    });
    const answered = await r.ask('summarize the meeting');
    await settle();
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'error', correlationId: answered.correlationId, error: expect.objectContaining({ code: 'conflict' }) }),
    );
  });
});
