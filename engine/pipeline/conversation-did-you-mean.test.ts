import { describe, expect, it } from 'vitest';
import type { Transcript } from '../contracts/audio.ts';
import { resolveChoice } from './choice-words.ts';
import { reduce } from './conversation-reducer.ts';
import type { ConversationState, ReplyOutcome } from './conversation-types.ts';

const CANDIDATES = ['Where is the milk?', 'Where are the toilets?'];
const dym: ReplyOutcome = {
  answer: 'Did you mean “Where is the milk?” or “Where are the toilets?”',
  route: 'fast',
  reason: 'unsure',
  sources: [],
  ttftMs: 1,
  totalMs: 1,
  confidence: 0.3,
  didYouMean: CANDIDATES,
};
const heard = (text: string): Transcript => ({ text, confidence: 0.6, engine: 'pocketsphinx', audioMs: 900, decodeMs: 5 });
const replying: ConversationState = { phase: 'replying', correlationId: 'c1', trigger: 'wake', question: 'where is the mill', transcript: heard('where is the mill') };

describe('"did you mean" in the conversation reducer', () => {
  it('speaks the question back, then listens for the answer without a wake word', () => {
    const spoken = reduce(replying, { type: 'reply-done', correlationId: 'c1', outcome: dym });
    expect(spoken.state).toEqual({ phase: 'speaking', correlationId: 'c1', answer: dym.answer, offered: CANDIDATES });
    expect(spoken.effects.map((e) => e.type)).toEqual(['store-interaction', 'speak']);
    const listening = reduce(spoken.state, { type: 'speak-done', correlationId: 'c1', interrupted: false });
    expect(listening.state).toEqual({ phase: 'listening', correlationId: 'c1', trigger: 'wake', heardSpeech: false, offered: CANDIDATES });
    expect(listening.effects.map((e) => e.type)).toEqual(['reset-wake', 'start-asr', 'emit-listening', 'play-cue', 'start-no-speech-timer']);
  });

  it('"the second one" answers the second candidate', () => {
    const transcribing: ConversationState = { phase: 'transcribing', correlationId: 'c1', trigger: 'wake', offered: CANDIDATES };
    const t = reduce(transcribing, { type: 'transcript', correlationId: 'c1', transcript: heard('the second one') });
    expect(t.state).toMatchObject({ phase: 'replying', correlationId: 'c1', question: 'Where are the toilets?' });
    expect(t.effects).toEqual([{ type: 'start-reply', correlationId: 'c1', question: 'Where are the toilets?' }]);
  });

  it('"no" ends the turn; another question is just asked', () => {
    const transcribing: ConversationState = { phase: 'transcribing', correlationId: 'c1', trigger: 'wake', offered: CANDIDATES };
    expect(reduce(transcribing, { type: 'transcript', correlationId: 'c1', transcript: heard('no') }).state).toEqual({ phase: 'idle' });
    const other = reduce(transcribing, { type: 'transcript', correlationId: 'c1', transcript: heard('do you sell batteries') });
    expect(other.effects).toEqual([
      { type: 'start-reply', correlationId: 'c1', question: 'do you sell batteries', heard: heard('do you sell batteries') },
    ]);
  });

  it('a tap on a candidate answers it at once as a new interaction, and is refused when nothing is offered', () => {
    const speaking: ConversationState = { phase: 'speaking', correlationId: 'c1', answer: dym.answer, offered: CANDIDATES };
    const t = reduce(speaking, { type: 'choose', correlationId: 'c2', index: 0 });
    expect(t.state).toEqual({ phase: 'replying', correlationId: 'c2', trigger: 'tap', question: 'Where is the milk?', transcript: null });
    expect(t.effects).toEqual([
      { type: 'stop-speaking', correlationId: 'c1' },
      { type: 'emit-idle', correlationId: 'c1', reason: 'cancelled' },
      { type: 'start-reply', correlationId: 'c2', question: 'Where is the milk?' },
    ]);
    expect(reduce(speaking, { type: 'choose', correlationId: 'c2', index: 2 }).refused).toBeTruthy();
    const plain: ConversationState = { phase: 'speaking', correlationId: 'c1', answer: 'Aisle 3.' };
    expect(reduce(plain, { type: 'choose', correlationId: 'c2', index: 0 }).refused).toBeTruthy();
    expect(reduce({ phase: 'idle' }, { type: 'choose', correlationId: 'c2', index: 0 }).refused).toBeTruthy();
  });

  it('an ordinary answer still ends in idle after speaking', () => {
    const t = reduce({ phase: 'speaking', correlationId: 'c1', answer: 'Aisle 3.' }, { type: 'speak-done', correlationId: 'c1', interrupted: false });
    expect(t.state).toEqual({ phase: 'idle' });
  });
});

describe('resolveChoice', () => {
  const three = ['Where is the milk?', 'Where are the toilets?', 'Is parking free?'];
  it.each([
    ['yes', 0],
    ['yes please', 0],
    ['the first one', 0],
    ['the second one', 1],
    ['number three', 2],
    ['the last one', 2],
    ['where are the toilets', 1],
    ['no', 'none'],
    ['neither', 'none'],
    ['do you sell batteries', null],
    ['', null],
  ] as const)('%s → %s', (text, expected) => {
    expect(resolveChoice(text, three)).toBe(expected);
  });
});
