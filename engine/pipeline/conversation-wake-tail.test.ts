import { describe, expect, it } from 'vitest';
import { INITIAL_STATE, reduce } from './conversation-reducer.ts';
import type { ConversationState, Effect } from './conversation-types.ts';

// Pure reducer: the wake detection fired at stream time 1040 ms; the pre-roll replayed from 740 ms holds
// the wake phrase's tail. Times below are what the endpointer reports (stream ms).

const WAKE_AT = 1040;
const woken = reduce(INITIAL_STATE, {
  type: 'wake',
  correlationId: 'c1',
  keyword: 'hey_greenleaf',
  score: 0.7,
  streamMs: WAKE_AT,
}).state;
const heard = reduce(woken, { type: 'voice-started', correlationId: 'c1' }).state;
const types = (effects: Effect[]) => effects.map((e) => e.type);
const stopped = (state: ConversationState, startMs: number, endMs: number) =>
  reduce(state, { type: 'voice-stopped', correlationId: 'c1', startMs, endMs });

describe('the wake phrase in the pre-roll is not the question', () => {
  it('a voiced run ending just after the detection keeps listening, with fresh audio and a new no-speech wait', () => {
    const t = stopped(heard, 720, 1136);
    expect(t.refused).toBeUndefined();
    expect(t.state).toEqual({ phase: 'listening', correlationId: 'c1', trigger: 'wake', heardSpeech: false });
    expect(types(t.effects)).toEqual(['cancel-asr', 'start-asr', 'start-no-speech-timer']);
    // Nothing follows (the shopper said only the wake word): the turn ends as no speech.
    expect(reduce(t.state, { type: 'no-speech-timeout', correlationId: 'c1' }).state.phase).toBe('idle');
    const eof = reduce(t.state, { type: 'tap-stop' });
    expect(eof.effects).toContainEqual({ type: 'emit-idle', correlationId: 'c1', reason: 'no-speech' });
  });

  it('the question after the pause ends the turn on its own trailing silence', () => {
    const waiting = stopped(heard, 720, 1136).state;
    const speaking = reduce(waiting, { type: 'voice-started', correlationId: 'c1' }).state;
    // Even a short question that ends within the tail window: the wake run was already set aside.
    const t = stopped(speaking, 1300, 1420);
    expect(t.state.phase).toBe('transcribing');
    expect(types(t.effects)).toContain('finish-asr');
  });

  it('a question said straight on top of the wake word is one run that goes on: it is the question', () => {
    const t = stopped(heard, 720, 2032);
    expect(t.state.phase).toBe('transcribing');
  });

  it('speech that starts after the detection is the question however short', () => {
    expect(stopped(heard, WAKE_AT + 40, WAKE_AT + 300).state.phase).toBe('transcribing');
  });

  it('a tap or a "did you mean" follow-up has no wake phrase to set aside', () => {
    const tapped = reduce(INITIAL_STATE, { type: 'tap', correlationId: 'c1' }).state;
    const tapHeard = reduce(tapped, { type: 'voice-started', correlationId: 'c1' }).state;
    expect(stopped(tapHeard, 0, 300).state.phase).toBe('transcribing');
    const noTime = reduce(INITIAL_STATE, { type: 'wake', correlationId: 'c1', keyword: 'k', score: 0.9 }).state;
    const noTimeHeard = reduce(noTime, { type: 'voice-started', correlationId: 'c1' }).state;
    expect(stopped(noTimeHeard, 0, 300).state.phase).toBe('transcribing');
  });
});
