import { describe, expect, it } from 'vitest';
import type { PipelineEvent } from '../../../engine/contracts/events.ts';
import { initialShopperState, shopperReducer, type ShopperState } from './shopper-state.ts';

const ev = (e: Record<string, unknown>): { kind: 'event'; event: PipelineEvent } => ({
  kind: 'event',
  event: { atMs: 1, ...e } as PipelineEvent,
});

describe('shopper screen: "Did you mean …?"', () => {
  it('shows the candidates of the interaction on screen, keeps them while it listens for "yes", and clears them on a tap', () => {
    let s: ShopperState = shopperReducer(initialShopperState, ev({ type: 'listening', correlationId: 'c1', trigger: 'wake' }));
    s = shopperReducer(s, ev({ type: 'transcript', correlationId: 'c1', text: 'where is the mill', confidence: 0.4, engine: 'pocketsphinx', audioMs: 900, decodeMs: 4 }));
    s = shopperReducer(s, ev({ type: 'did-you-mean', correlationId: 'c1', candidates: ['Where is the milk?', 'Where are the toilets?'], confidence: 0.3 }));
    s = shopperReducer(s, ev({ type: 'reply', correlationId: 'c1', text: 'Did you mean …', route: 'fast', sources: [], ttftMs: 1, totalMs: 1 }));
    expect(s.didYouMean).toEqual(['Where is the milk?', 'Where are the toilets?']);
    s = shopperReducer(s, ev({ type: 'listening', correlationId: 'c1', trigger: 'wake' }));
    expect(s.didYouMean).toHaveLength(2);
    s = shopperReducer(s, { kind: 'chose', text: 'Where is the milk?' });
    expect(s).toMatchObject({ phase: 'thinking', heard: 'Where is the milk?', didYouMean: [] });
  });

  it('a stray did-you-mean of another interaction is ignored', () => {
    const s = shopperReducer(
      { ...initialShopperState, correlationId: 'c2', phase: 'listening' },
      ev({ type: 'did-you-mean', correlationId: 'c1', candidates: ['Where is the milk?'], confidence: 0.3 }),
    );
    expect(s.didYouMean).toEqual([]);
  });
});
