import { describe, expect, it } from 'vitest';
import { INITIAL_STATE, TRANSITIONS, reduce } from './conversation-reducer.ts';
import type { ConversationInput, ConversationState, Effect, InputType, Phase } from './conversation-types.ts';

// Pure function under test: no audio, no timers, nothing faked.

const transcript = (text: string) => ({ text, confidence: 0.9, engine: 'test', audioMs: 1000, decodeMs: 10 });
const outcome = (answer: string) => ({
  answer,
  route: 'fast' as const,
  reason: 'faq',
  sources: ['hours.md'],
  ttftMs: 5,
  totalMs: 9,
});
const error = { type: 'error' as const, code: 'internal' as const, message: 'boom' };

const STATES: Record<Phase, ConversationState> = {
  idle: { phase: 'idle' },
  listening: { phase: 'listening', correlationId: 'c1', trigger: 'wake', heardSpeech: false },
  transcribing: { phase: 'transcribing', correlationId: 'c1', trigger: 'wake' },
  replying: {
    phase: 'replying',
    correlationId: 'c1',
    trigger: 'wake',
    question: 'when do you open',
    transcript: null,
  },
  speaking: { phase: 'speaking', correlationId: 'c1', answer: 'at nine' },
  meeting: { phase: 'meeting', meetingId: 'm1' },
};

/** One representative input per type; results carry the id of the interaction in STATES ('c1'). */
function sample(type: InputType, id = 'c1'): ConversationInput {
  switch (type) {
    case 'wake':
      return { type, correlationId: 'c2', keyword: 'hey_jarvis', score: 0.9 };
    case 'tap':
      return { type, correlationId: 'c2' };
    case 'tap-stop':
      return { type };
    case 'typed':
      return { type, correlationId: 'c2', text: 'where is the bread' };
    case 'choose':
      return { type, correlationId: 'c2', index: 0 };
    case 'voice-started':
      return { type, correlationId: id };
    case 'voice-stopped':
      return { type, correlationId: id, startMs: 100, endMs: 900 };
    case 'no-speech-timeout':
      return { type, correlationId: id };
    case 'transcript':
      return { type, correlationId: id, transcript: transcript('when do you open') };
    case 'asr-failed':
      return { type, correlationId: id, error };
    case 'reply-done':
      return { type, correlationId: id, outcome: outcome('at nine') };
    case 'reply-failed':
      return { type, correlationId: id, error };
    case 'speak-done':
      return { type, correlationId: id, interrupted: false };
    case 'cancel':
      return { type };
    case 'meeting-start':
      return { type, meetingId: 'm1' };
    case 'meeting-stop':
      return { type, meetingId: 'm1' };
  }
}

const INPUT_TYPES: InputType[] = [
  'wake',
  'tap',
  'tap-stop',
  'typed',
  'voice-started',
  'voice-stopped',
  'no-speech-timeout',
  'transcript',
  'asr-failed',
  'reply-done',
  'reply-failed',
  'speak-done',
  'cancel',
  'meeting-start',
  'meeting-stop',
];
const PHASES = Object.keys(STATES) as Phase[];
const RESULT_TYPES = new Set<InputType>([
  'voice-started',
  'voice-stopped',
  'no-speech-timeout',
  'transcript',
  'asr-failed',
  'reply-done',
  'reply-failed',
  'speak-done',
]);

const types = (effects: Effect[]) => effects.map((e) => e.type);

describe('conversation transition table (exhaustive)', () => {
  for (const phase of PHASES) {
    for (const type of INPUT_TYPES) {
      const allowed = TRANSITIONS[phase][type];
      it(`${phase} + ${type} → ${allowed ? allowed.join('|') : 'refused'}`, () => {
        const before = STATES[phase];
        const t = reduce(before, sample(type));
        if (allowed) {
          expect(t.refused).toBeUndefined();
          expect(allowed).toContain(t.state.phase);
        } else {
          expect(t.refused).toMatch(/not allowed/);
          expect(t.state).toBe(before);
          expect(t.effects).toEqual([]);
        }
      });
      if (allowed && RESULT_TYPES.has(type)) {
        it(`${phase} + ${type} for another interaction is refused as stale`, () => {
          const t = reduce(STATES[phase], sample(type, 'old'));
          expect(t.refused).toMatch(/stale/);
          expect(t.state).toBe(STATES[phase]);
        });
      }
    }
  }
});

describe('conversation flows', () => {
  it('wake → speech → transcript → reply → speech → idle, one correlation id throughout', () => {
    let s = INITIAL_STATE;
    const all: Effect[] = [];
    const run = (i: ConversationInput) => {
      const t = reduce(s, i);
      expect(t.refused).toBeUndefined();
      s = t.state;
      all.push(...t.effects);
      return t;
    };
    expect(
      types(run({ type: 'wake', correlationId: 'k1', keyword: 'hey_jarvis', score: 0.8 }).effects),
    ).toEqual(['start-asr', 'emit-listening', 'play-cue', 'start-no-speech-timer']);
    expect(types(run({ type: 'voice-started', correlationId: 'k1' }).effects)).toEqual([
      'clear-no-speech-timer',
    ]);
    expect(
      types(run({ type: 'voice-stopped', correlationId: 'k1', startMs: 0, endMs: 800 }).effects),
    ).toEqual(['clear-no-speech-timer', 'finish-asr']);
    expect(
      run({ type: 'transcript', correlationId: 'k1', transcript: transcript(' Where is the milk ') }).effects,
    ).toEqual([
      // The reply stage also gets what was heard (with the recognizer's alternatives) to decide on.
      { type: 'start-reply', correlationId: 'k1', question: 'Where is the milk', heard: transcript(' Where is the milk ') },
    ]);
    const done = run({ type: 'reply-done', correlationId: 'k1', outcome: outcome('Aisle 3.') });
    expect(types(done.effects)).toEqual(['store-interaction', 'speak']);
    expect(done.effects[0]).toMatchObject({
      question: 'Where is the milk',
      trigger: 'wake',
      transcript: { text: ' Where is the milk ' },
    });
    expect(types(run({ type: 'speak-done', correlationId: 'k1', interrupted: false }).effects)).toEqual([
      'emit-idle',
      'reset-wake',
    ]);
    expect(s).toEqual({ phase: 'idle' });
    for (const e of all) if ('correlationId' in e) expect(e.correlationId).toBe('k1');
  });

  it('no speech after the wake word → idle with a cue; a timeout after speech began is refused', () => {
    const listening = reduce(INITIAL_STATE, { type: 'tap', correlationId: 't1' }).state;
    const t = reduce(listening, { type: 'no-speech-timeout', correlationId: 't1' });
    expect(t.state.phase).toBe('idle');
    expect(t.effects).toContainEqual({ type: 'play-cue', cue: 'no-speech' });
    expect(t.effects).toContainEqual({ type: 'emit-idle', correlationId: 't1', reason: 'no-speech' });
    expect(t.effects).toContainEqual({ type: 'cancel-asr', correlationId: 't1' });
    const speaking = reduce(listening, { type: 'voice-started', correlationId: 't1' }).state;
    expect(reduce(speaking, { type: 'no-speech-timeout', correlationId: 't1' }).refused).toMatch(
      /speech already started/,
    );
  });

  it('barge-in: wake while replying cancels the reply and starts a new interaction', () => {
    const t = reduce(STATES.replying, {
      type: 'wake',
      correlationId: 'c2',
      keyword: 'hey_jarvis',
      score: 0.7,
    });
    expect(t.state).toEqual({ phase: 'listening', correlationId: 'c2', trigger: 'wake', heardSpeech: false });
    expect(t.effects.slice(0, 3)).toEqual([
      { type: 'cancel-reply', correlationId: 'c1' },
      { type: 'emit-idle', correlationId: 'c1', reason: 'cancelled' },
      { type: 'start-asr', correlationId: 'c2', mode: 'kiosk' },
    ]);
    // The cancelled reply finishing late must not move the new interaction.
    expect(
      reduce(t.state, { type: 'reply-done', correlationId: 'c1', outcome: outcome('late') }).refused,
    ).toBeDefined();
  });

  it('barge-in: tap while speaking stops playback', () => {
    const t = reduce(STATES.speaking, { type: 'tap', correlationId: 'c2' });
    expect(t.effects[0]).toEqual({ type: 'stop-speaking', correlationId: 'c1' });
    expect(t.state.phase).toBe('listening');
  });

  it('empty transcript → idle no-speech, empty answer → stored but not spoken', () => {
    const a = reduce(STATES.transcribing, {
      type: 'transcript',
      correlationId: 'c1',
      transcript: transcript('  '),
    });
    expect(a.state.phase).toBe('idle');
    expect(a.effects).toContainEqual({ type: 'emit-idle', correlationId: 'c1', reason: 'no-speech' });
    const b = reduce(STATES.replying, { type: 'reply-done', correlationId: 'c1', outcome: outcome('') });
    expect(types(b.effects)).toEqual(['store-interaction', 'emit-idle', 'reset-wake']);
  });

  it('tap-stop without speech ends the turn; with speech it endpoints', () => {
    expect(reduce(STATES.listening, { type: 'tap-stop' }).state.phase).toBe('idle');
    const heard = { ...STATES.listening, heardSpeech: true } as ConversationState;
    expect(types(reduce(heard, { type: 'tap-stop' }).effects)).toContain('finish-asr');
  });

  it('meeting mode pauses shopper interactions and only its own stop ends it', () => {
    const m = reduce(STATES.speaking, { type: 'meeting-start', meetingId: 'm9' });
    expect(m.state).toEqual({ phase: 'meeting', meetingId: 'm9' });
    expect(types(m.effects)).toEqual(['stop-speaking', 'emit-idle', 'start-dictation']);
    for (const type of ['wake', 'tap', 'typed', 'cancel'] as const)
      expect(reduce(m.state, sample(type)).refused).toBeDefined();
    expect(reduce(m.state, { type: 'meeting-stop', meetingId: 'other' }).refused).toMatch(
      /not the running meeting/,
    );
    const stop = reduce(m.state, { type: 'meeting-stop', meetingId: 'm9' });
    expect(stop.state.phase).toBe('idle');
    expect(stop.effects[0]).toEqual({ type: 'stop-dictation', meetingId: 'm9' });
  });

  it('failures become an error event and idle', () => {
    const t = reduce(STATES.replying, { type: 'reply-failed', correlationId: 'c1', error });
    expect(t.effects).toContainEqual({ type: 'emit-error', correlationId: 'c1', error });
    expect(t.effects).toContainEqual({ type: 'emit-idle', correlationId: 'c1', reason: 'error' });
  });
});
