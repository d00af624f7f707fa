import type { AskResult } from '../../../engine/contracts/api.ts';
import type { PipelineEvent, Route } from '../../../engine/contracts/events.ts';

export type ShopperPhase = 'idle' | 'listening' | 'thinking' | 'replying' | 'answered';

/** What the shopper screen shows, derived only from pipeline events and ask results. */
export interface ShopperState {
  phase: ShopperPhase;
  /** The interaction on screen; events of older interactions are ignored. */
  correlationId: string | null;
  heard: string;
  /** True while `heard` is a partial transcript that may still change. */
  heardIsPartial: boolean;
  reply: string;
  /** True once the cloud's fuller answer has replaced the kiosk's first answer on screen. */
  fuller: boolean;
  route: Route | null;
  sources: string[];
  notice: string | null;
  /** "Did you mean …?" candidates on screen (a tap sends conversation-choose with the index). */
  didYouMean: string[];
  /** The answer on screen says the kiosk does not know or does not list it (and offers staff). */
  declined: boolean;
}

export type ShopperAction =
  | { kind: 'event'; event: PipelineEvent }
  | { kind: 'asked'; text: string }
  /** The shopper tapped a "Did you mean" candidate: its answer comes under a new correlation id. */
  | { kind: 'chose'; text: string }
  | { kind: 'ask-result'; result: AskResult }
  | { kind: 'ask-failed'; message: string }
  /** The screen was left alone after an answer: back to the idle screen for the next shopper. */
  | { kind: 'reset' };

export const initialShopperState: ShopperState = {
  phase: 'idle',
  correlationId: null,
  heard: '',
  heardIsPartial: false,
  reply: '',
  fuller: false,
  route: null,
  sources: [],
  notice: null,
  didYouMean: [],
  declined: false,
};

/** Events that open a new interaction on screen. */
const STARTS: ReadonlySet<PipelineEvent['type']> = new Set(['wake', 'listening']);
/** Events that belong to the shopper conversation (staff and system events leave it alone). */
const CONVERSATION: ReadonlySet<PipelineEvent['type']> = new Set([
  'wake',
  'listening',
  'transcript-partial',
  'transcript',
  'route',
  'reply-token',
  'reply',
  'did-you-mean',
  'idle',
]);

/** Pure reducer for the shopper screen, so its behaviour is unit-tested without a browser. */
export function shopperReducer(state: ShopperState, action: ShopperAction): ShopperState {
  switch (action.kind) {
    case 'asked':
    case 'chose':
      return { ...initialShopperState, phase: 'thinking', heard: action.text };
    case 'ask-result': {
      const r = action.result;
      if (state.correlationId && state.correlationId !== r.correlationId) return state;
      return { ...state, correlationId: r.correlationId, phase: 'answered', reply: r.answer, route: r.route, sources: r.sources, didYouMean: r.didYouMean ?? [], declined: !!r.declined };
    }
    case 'ask-failed':
      return { ...state, phase: 'idle', notice: action.message };
    case 'reset':
      return state.phase === 'answered' || state.phase === 'idle' ? initialShopperState : state;
    case 'event':
      return onEvent(state, action.event);
  }
}

function onEvent(state: ShopperState, e: PipelineEvent): ShopperState {
  // The cloud's fuller answer replaces the shown one only while that interaction is still on screen.
  if (e.type === 'fuller-answer')
    return e.correlationId === state.correlationId && state.reply ? { ...state, reply: e.text, fuller: true } : state;
  if (!CONVERSATION.has(e.type)) return state;
  let s = state;
  if (e.correlationId !== state.correlationId) {
    // A typed question's first event adopts it; a wake or tap starts afresh; stray events are dropped.
    if (STARTS.has(e.type)) s = { ...initialShopperState, correlationId: e.correlationId };
    else if (state.phase === 'thinking' && state.correlationId === null) s = { ...state, correlationId: e.correlationId };
    else if (state.phase === 'idle' || state.phase === 'answered') s = { ...initialShopperState, correlationId: e.correlationId };
    else return state;
  }
  switch (e.type) {
    case 'wake':
    case 'listening':
      return { ...s, phase: 'listening' };
    case 'transcript-partial':
      return { ...s, phase: 'listening', heard: e.text, heardIsPartial: true };
    case 'transcript':
      return { ...s, phase: 'thinking', heard: e.text, heardIsPartial: false };
    case 'route':
      return { ...s, route: e.route };
    case 'did-you-mean':
      return { ...s, didYouMean: e.candidates };
    case 'reply-token':
      return { ...s, phase: 'replying', reply: s.phase === 'replying' ? s.reply + e.text : e.text };
    case 'reply':
      return { ...s, phase: 'answered', reply: e.text, route: e.route, sources: e.sources, declined: !!e.declined };
    case 'idle':
      if (e.reason === 'no-speech') return { ...s, phase: 'idle', notice: 'Sorry, I did not hear anything. Tap to try again.' };
      return { ...s, phase: s.reply ? 'answered' : 'idle' };
    default:
      return s;
  }
}
