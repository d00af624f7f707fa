import { describe, expect, it } from 'vitest';
import type { PipelineEvent } from '../../../engine/contracts/events.ts';
import { initialShopperState, shopperReducer, type ShopperAction, type ShopperState } from './shopper-state.ts';

// Pure: the shopper screen's reducer, fed the events the engine sends.
const ev = (e: Record<string, unknown> & { type: PipelineEvent['type'] }, id: string): ShopperAction => ({
  kind: 'event',
  event: { correlationId: id, atMs: 0, ...e } as PipelineEvent,
});
const run = (actions: ShopperAction[], from: ShopperState = initialShopperState) => actions.reduce(shopperReducer, from);
const answered = (id: string) =>
  run([
    ev({ type: 'listening', trigger: 'tap' }, id),
    ev({ type: 'reply', text: 'We stock three. A fuller answer will appear here shortly.', route: 'offload', sources: [], ttftMs: 1, totalMs: 2 }, id),
    ev({ type: 'idle', reason: 'done' }, id),
  ]);
const fuller = (id: string) => ev({ type: 'fuller-answer', jobId: 'j1', text: 'Three machines: A, B and C.' }, id);

describe('the fuller cloud answer on the shopper screen', () => {
  it('replaces the shown answer while that interaction is still on screen', () => {
    const s = run([fuller('c1')], answered('c1'));
    expect(s).toMatchObject({ phase: 'answered', correlationId: 'c1', reply: 'Three machines: A, B and C.', fuller: true });
  });

  it('leaves the screen alone once another interaction (or the idle screen) is showing', () => {
    const other = answered('c2');
    expect(run([fuller('c1')], other)).toBe(other);
    expect(run([fuller('c1')], initialShopperState)).toBe(initialShopperState);
  });

  it('a new interaction starts without the fuller mark', () => {
    const s = run([fuller('c1'), ev({ type: 'listening', trigger: 'wake' }, 'c3')], answered('c1'));
    expect(s).toMatchObject({ correlationId: 'c3', fuller: false, reply: '' });
  });
});
