import { describe, expect, it } from 'vitest';
import { INITIAL_STATE, reduce } from './conversation-reducer.ts';
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

/**
 * An effect in a few words: its type, the interaction or meeting it is for, and the one field that
 * matters for it. Only formats the reducer's output; the expected values are the table below.
 */
function word(e: Effect): string {
  const id = 'correlationId' in e ? ` ${e.correlationId}` : 'meetingId' in e ? ` ${e.meetingId}` : '';
  switch (e.type) {
    case 'emit-idle':
      return `emit-idle${id} ${e.reason}`;
    case 'emit-listening':
      return `emit-listening${id} ${e.trigger}`;
    case 'play-cue':
      return `play-cue ${e.cue}`;
    case 'start-reply':
      return `start-reply${id} "${e.question}"`;
    case 'speak':
      return `speak${id} "${e.text}"`;
    case 'run-staff-command':
      return `run-staff-command${id} ${e.command}`;
    default:
      return `${e.type}${id}`;
  }
}

/** Starting to listen for `id` after abandoning `abandoned` (effect words in order). */
const listen = (trigger: 'wake' | 'tap') => [
  'reset-wake',
  `start-asr c2`,
  `emit-listening c2 ${trigger}`,
  'play-cue listening',
  'start-no-speech-timer c2',
];
const TYPED_REPLY = 'start-reply c2 "where is the bread"';

/**
 * The expected conversation, written out from docs/pipeline.md's table (not read from the code):
 * state × input (the samples above, results for the interaction on screen 'c1') → next state (phase
 * and the interaction it holds) and the effects in order. A missing cell means refused: state
 * unchanged, no effects.
 */
const EXPECTED: Record<Phase, Partial<Record<InputType, [next: string, effects: string[]]>>> = {
  idle: {
    wake: ['listening c2', listen('wake')],
    tap: ['listening c2', listen('tap')],
    typed: ['replying c2', [TYPED_REPLY]],
    'meeting-start': ['idle +meeting m1', ['start-dictation m1']],
    // Tried with meeting m1 running (see below): the meeting mark goes, the turn stays.
    'meeting-stop': ['idle', ['stop-dictation m1', 'reset-wake']],
  },
  listening: {
    typed: ['replying c2', ['clear-no-speech-timer', 'cancel-asr c1', 'emit-idle c1 cancelled', TYPED_REPLY]],
    'voice-started': ['listening c1', ['clear-no-speech-timer']],
    'voice-stopped': ['transcribing c1', ['clear-no-speech-timer', 'finish-asr c1']],
    // No speech heard yet: releasing the button ends the turn.
    'tap-stop': [
      'idle',
      ['clear-no-speech-timer', 'cancel-asr c1', 'play-cue no-speech', 'emit-idle c1 no-speech', 'reset-wake'],
    ],
    'no-speech-timeout': ['idle', ['cancel-asr c1', 'play-cue no-speech', 'emit-idle c1 no-speech', 'reset-wake']],
    cancel: ['idle', ['clear-no-speech-timer', 'cancel-asr c1', 'emit-idle c1 cancelled', 'reset-wake']],
    'meeting-start': [
      'idle +meeting m1',
      ['clear-no-speech-timer', 'cancel-asr c1', 'emit-idle c1 cancelled', 'start-dictation m1'],
    ],
  },
  transcribing: {
    typed: ['replying c2', ['cancel-asr c1', 'emit-idle c1 cancelled', TYPED_REPLY]],
    transcript: ['replying c1', ['start-reply c1 "when do you open"']],
    'asr-failed': ['idle', ['emit-error c1', 'play-cue error', 'emit-idle c1 error', 'reset-wake']],
    cancel: ['idle', ['cancel-asr c1', 'emit-idle c1 cancelled', 'reset-wake']],
    'meeting-start': ['idle +meeting m1', ['cancel-asr c1', 'emit-idle c1 cancelled', 'start-dictation m1']],
  },
  replying: {
    wake: ['listening c2', ['cancel-reply c1', 'emit-idle c1 cancelled', ...listen('wake')]],
    tap: ['listening c2', ['cancel-reply c1', 'emit-idle c1 cancelled', ...listen('tap')]],
    typed: ['replying c2', ['cancel-reply c1', 'emit-idle c1 cancelled', TYPED_REPLY]],
    'reply-done': ['speaking c1', ['store-interaction c1', 'speak c1 "at nine"']],
    'reply-failed': ['idle', ['emit-error c1', 'play-cue error', 'emit-idle c1 error', 'reset-wake']],
    cancel: ['idle', ['cancel-reply c1', 'emit-idle c1 cancelled', 'reset-wake']],
    'meeting-start': ['idle +meeting m1', ['cancel-reply c1', 'emit-idle c1 cancelled', 'start-dictation m1']],
    'meeting-stop': ['replying c1', ['stop-dictation m1', 'reset-wake']],
  },
  speaking: {
    wake: ['listening c2', ['stop-speaking c1', 'emit-idle c1 cancelled', ...listen('wake')]],
    tap: ['listening c2', ['stop-speaking c1', 'emit-idle c1 cancelled', ...listen('tap')]],
    typed: ['replying c2', ['stop-speaking c1', 'emit-idle c1 cancelled', TYPED_REPLY]],
    'speak-done': ['idle', ['emit-idle c1 done', 'reset-wake']],
    cancel: ['idle', ['stop-speaking c1', 'emit-idle c1 cancelled', 'reset-wake']],
    'meeting-start': ['idle +meeting m1', ['stop-speaking c1', 'emit-idle c1 cancelled', 'start-dictation m1']],
    'meeting-stop': ['speaking c1', ['stop-dictation m1', 'reset-wake']],
  },
};

/** "listening c2" for a state: its phase, the interaction it holds and the meeting beside it. */
function where(s: ConversationState): string {
  const turn = 'correlationId' in s ? `${s.phase} ${s.correlationId}` : s.phase;
  return s.meetingId ? `${turn} +meeting ${s.meetingId}` : turn;
}

describe('conversation transitions (expected table written out in this test)', () => {
  for (const phase of PHASES) {
    for (const type of INPUT_TYPES) {
      const expected = EXPECTED[phase][type];
      it(`${phase} + ${type} → ${expected ? expected[0] : 'refused'}`, () => {
        // meeting-stop only makes sense while that meeting records, so it is tried with one running.
        const before: ConversationState = type === 'meeting-stop' ? { ...STATES[phase], meetingId: 'm1' } : STATES[phase];
        const t = reduce(before, sample(type));
        if (expected) {
          expect(t.refused).toBeUndefined();
          expect(where(t.state)).toBe(expected[0]);
          expect(t.effects.map(word)).toEqual(expected[1]);
        } else {
          expect(t.refused).toMatch(/not allowed|not the running meeting/);
          expect(t.state).toBe(before);
          expect(t.effects).toEqual([]);
        }
      });
      if (expected && RESULT_TYPES.has(type)) {
        it(`${phase} + ${type} for another interaction is refused as stale`, () => {
          const t = reduce(STATES[phase], sample(type, 'old'));
          expect(t.refused).toMatch(/stale/);
          expect(t.state).toBe(STATES[phase]);
          expect(t.effects).toEqual([]);
        });
      }
    }
  }

  it('the states the reducer moves into carry what the next step needs', () => {
    expect(reduce(STATES.idle, sample('tap')).state).toEqual({
      phase: 'listening',
      correlationId: 'c2',
      trigger: 'tap',
      heardSpeech: false,
    });
    expect(reduce(STATES.listening, sample('voice-started')).state).toEqual({ ...STATES.listening, heardSpeech: true });
    expect(reduce(STATES.listening, sample('voice-stopped')).state).toEqual({
      phase: 'transcribing',
      correlationId: 'c1',
      trigger: 'wake',
    });
    expect(reduce(STATES.transcribing, sample('transcript')).state).toEqual({
      phase: 'replying',
      correlationId: 'c1',
      trigger: 'wake',
      question: 'when do you open',
      transcript: transcript('when do you open'),
    });
    expect(reduce(STATES.idle, sample('typed')).state).toEqual({
      phase: 'replying',
      correlationId: 'c2',
      trigger: 'typed',
      question: 'where is the bread',
      transcript: null,
    });
    expect(reduce(STATES.replying, sample('reply-done')).state).toEqual({
      phase: 'speaking',
      correlationId: 'c1',
      answer: 'at nine',
    });
  });
});

describe('staff commands wait for their acknowledgement', () => {
  const withCommand = { ...outcome('Starting a meeting recording.'), action: 'meeting-start' as const };

  it('an allowed command is held while speaking and run when the speech ends', () => {
    const t = reduce(STATES.replying, { type: 'reply-done', correlationId: 'c1', outcome: withCommand });
    expect(t.state).toEqual({
      phase: 'speaking',
      correlationId: 'c1',
      answer: 'Starting a meeting recording.',
      command: 'meeting-start',
    });
    expect(t.effects.map(word)).toEqual(['store-interaction c1', 'speak c1 "Starting a meeting recording."']);
    const done = reduce(t.state, { type: 'speak-done', correlationId: 'c1', interrupted: false });
    expect(done.state).toEqual({ phase: 'idle' });
    expect(done.effects.map(word)).toEqual(['emit-idle c1 done', 'reset-wake', 'run-staff-command c1 meeting-start']);
  });

  it('an interrupted or barged-in acknowledgement drops the command', () => {
    const speaking = reduce(STATES.replying, { type: 'reply-done', correlationId: 'c1', outcome: withCommand }).state;
    const cut = reduce(speaking, { type: 'speak-done', correlationId: 'c1', interrupted: true });
    expect(cut.effects.map(word)).toEqual(['emit-idle c1 cancelled', 'reset-wake']);
    const tapped = reduce(speaking, sample('tap'));
    expect(tapped.effects.map(word)).not.toContain('run-staff-command c1 meeting-start');
    expect(tapped.state).toEqual({ phase: 'listening', correlationId: 'c2', trigger: 'tap', heardSpeech: false });
  });

  it('with nothing to say the command runs at once; with no command nothing extra runs', () => {
    const silent = reduce(STATES.replying, {
      type: 'reply-done',
      correlationId: 'c1',
      outcome: { ...withCommand, answer: ' ', action: 'meeting-summarize' },
    });
    expect(silent.effects.map(word)).toEqual([
      'store-interaction c1',
      'emit-idle c1 done',
      'reset-wake',
      'run-staff-command c1 meeting-summarize',
    ]);
    const plain = reduce(STATES.replying, sample('reply-done'));
    expect(plain.state).not.toHaveProperty('command');
  });
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
    ).toEqual(['reset-wake', 'start-asr', 'emit-listening', 'play-cue', 'start-no-speech-timer']);
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
    expect(t.effects.slice(0, 4)).toEqual([
      { type: 'cancel-reply', correlationId: 'c1' },
      { type: 'emit-idle', correlationId: 'c1', reason: 'cancelled' },
      { type: 'reset-wake' },
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

  it('a meeting runs beside the shopper turn: voice waits, typed questions are answered on screen only', () => {
    const m = reduce(STATES.speaking, { type: 'meeting-start', meetingId: 'm9' });
    expect(m.state).toEqual({ phase: 'idle', meetingId: 'm9' });
    expect(types(m.effects)).toEqual(['stop-speaking', 'emit-idle', 'start-dictation']);
    expect(reduce(m.state, { type: 'meeting-start', meetingId: 'm10' }).refused).toMatch(/already being recorded/);
    for (const type of ['wake', 'tap'] as const)
      expect(reduce(m.state, sample(type)).refused).toMatch(/recording a staff meeting/);

    const asked = reduce(m.state, sample('typed'));
    expect(asked.refused).toBeUndefined();
    expect(asked.state).toMatchObject({ phase: 'replying', correlationId: 'c2', meetingId: 'm9' });
    const answered = reduce(asked.state, { type: 'reply-done', correlationId: 'c2', outcome: outcome('in aisle 3') });
    // Stored and shown, but not spoken: no 'speak' effect while the meeting dictates.
    expect(types(answered.effects)).toEqual(['store-interaction', 'emit-idle', 'reset-wake']);
    expect(answered.state).toEqual({ phase: 'idle', meetingId: 'm9' });

    expect(reduce(asked.state, { type: 'meeting-stop', meetingId: 'other' }).refused).toMatch(/not the running meeting/);
    const stop = reduce(asked.state, { type: 'meeting-stop', meetingId: 'm9' });
    // The typed question in flight survives the stop; the meeting mark is gone.
    expect(stop.state).toMatchObject({ phase: 'replying', correlationId: 'c2' });
    expect('meetingId' in stop.state).toBe(false);
    expect(stop.effects[0]).toEqual({ type: 'stop-dictation', meetingId: 'm9' });
    expect(reduce(stop.state, sample('tap')).refused).toBeUndefined();
  });

  it('failures become an error event and idle', () => {
    const t = reduce(STATES.replying, { type: 'reply-failed', correlationId: 'c1', error });
    expect(t.effects).toContainEqual({ type: 'emit-error', correlationId: 'c1', error });
    expect(t.effects).toContainEqual({ type: 'emit-idle', correlationId: 'c1', reason: 'error' });
  });
});
