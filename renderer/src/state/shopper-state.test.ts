import { describe, expect, it } from 'vitest';
import type { PipelineEvent } from '../../../engine/contracts/events.ts';
import { initialShopperState, shopperReducer, type ShopperAction, type ShopperState } from './shopper-state.ts';

const ev = (e: Record<string, unknown> & { type: PipelineEvent['type'] }, id = 'c1'): ShopperAction => ({
  kind: 'event',
  event: { correlationId: id, atMs: 0, ...e } as PipelineEvent,
});
const run = (actions: ShopperAction[], from: ShopperState = initialShopperState) => actions.reduce(shopperReducer, from);

describe('shopperReducer', () => {
  it('goes idle → listening on wake, shows partials, then the final transcript and a streamed reply', () => {
    const s1 = run([ev({ type: 'wake', keyword: 'hey_jarvis', score: 0.8 })]);
    expect(s1.phase).toBe('listening');
    const s2 = run([ev({ type: 'transcript-partial', text: 'where is' })], s1);
    expect(s2).toMatchObject({ heard: 'where is', heardIsPartial: true });
    const s3 = run(
      [
        ev({ type: 'transcript', text: 'where is the bread', confidence: 0.9, engine: 'x', audioMs: 1, decodeMs: 1 }),
        ev({ type: 'route', route: 'retrieval', reason: 'matched' }),
        ev({ type: 'reply-token', text: 'Aisle ' }),
        ev({ type: 'reply-token', text: 'four.' }),
      ],
      s2,
    );
    expect(s3).toMatchObject({ phase: 'replying', heard: 'where is the bread', heardIsPartial: false, reply: 'Aisle four.', route: 'retrieval' });
    const s4 = run([ev({ type: 'reply', text: 'Aisle 4.', route: 'retrieval', sources: ['bakery'], ttftMs: 1, totalMs: 2 }), ev({ type: 'idle', reason: 'done' })], s3);
    expect(s4).toMatchObject({ phase: 'answered', reply: 'Aisle 4.', sources: ['bakery'], declined: false });
  });

  it('remembers that the answer on screen declined, spoken or typed, and forgets it on the next question', () => {
    const spoken = run([
      ev({ type: 'wake', keyword: 'hey_jarvis', score: 0.8 }),
      ev({ type: 'reply', text: "I'm sorry, I don't know that.", route: 'retrieval', sources: [], ttftMs: 1, totalMs: 2, declined: true }),
    ]);
    expect(spoken).toMatchObject({ phase: 'answered', declined: true });
    const next = run([{ kind: 'asked', text: 'where is the bread' }], spoken);
    expect(next.declined).toBe(false);
    const typed = run(
      [{ kind: 'ask-result', result: { correlationId: 'q2', route: 'fast', reason: '', answer: "I can't find oat milk in our list.", sources: [], ttftMs: 1, totalMs: 1, declined: true } }],
      next,
    );
    expect(typed).toMatchObject({ phase: 'answered', declined: true });
  });

  it('adopts the first event of a typed question and ignores stray events of another interaction mid-reply', () => {
    const asked = run([{ kind: 'asked', text: 'opening hours?' }]);
    expect(asked).toMatchObject({ phase: 'thinking', heard: 'opening hours?', correlationId: null });
    const s = run([ev({ type: 'reply-token', text: 'We open ' }, 'q1'), ev({ type: 'reply-token', text: 'late' }, 'old'), ev({ type: 'reply-token', text: 'at 8.' }, 'q1')], asked);
    expect(s).toMatchObject({ correlationId: 'q1', reply: 'We open at 8.' });
    const done = run([{ kind: 'ask-result', result: { correlationId: 'q1', route: 'fast', reason: '', answer: 'We open at 8.', sources: [], ttftMs: 1, totalMs: 1 } }], s);
    expect(done.phase).toBe('answered');
  });

  it('starts afresh on a new wake after an answer, and ignores staff events', () => {
    const answered: ShopperState = { ...initialShopperState, phase: 'answered', correlationId: 'a', reply: 'old' };
    expect(run([ev({ type: 'meeting-segment', meetingId: 'm', text: 'x' }, 'm')], answered)).toBe(answered);
    const s = run([ev({ type: 'listening', trigger: 'tap' }, 'b')], answered);
    expect(s).toMatchObject({ phase: 'listening', correlationId: 'b', reply: '' });
    expect(run([ev({ type: 'idle', reason: 'no-speech' }, 'b')], s)).toMatchObject({ phase: 'idle', notice: expect.stringContaining('did not hear') });
  });

  it('returns to idle with a notice when asking fails', () => {
    expect(run([{ kind: 'asked', text: 'x' }, { kind: 'ask-failed', message: 'engine unreachable' }])).toMatchObject({ phase: 'idle', notice: 'engine unreachable' });
  });

  it('resets to the idle screen only when nothing is in progress', () => {
    const answered: ShopperState = { ...initialShopperState, phase: 'answered', correlationId: 'a', reply: 'Aisle 4', heard: 'bread?' };
    expect(shopperReducer(answered, { kind: 'reset' })).toEqual(initialShopperState);
    const listening: ShopperState = { ...initialShopperState, phase: 'listening', correlationId: 'b' };
    expect(shopperReducer(listening, { kind: 'reset' })).toBe(listening);
  });
});
