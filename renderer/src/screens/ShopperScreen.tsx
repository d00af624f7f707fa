import { useEffect, useReducer, useState } from 'react';
import { AnswerSources } from '../components/AnswerSources.tsx';
import { QuestionBox } from '../components/QuestionBox.tsx';
import { VoiceUnavailable } from '../components/VoiceUnavailable.tsx';
import { useEngine, useEngineEvents } from '../hooks/use-engine.ts';
import { DidYouMean } from '../components/DidYouMean.tsx';
import { initialShopperState, shopperReducer, type ShopperPhase } from '../state/shopper-state.ts';
import { CallStaffButton } from '../components/CallStaffButton.tsx';
import { VoicePausedNotice } from '../components/VoicePausedNotice.tsx';
import { useVoicePaused } from '../hooks/use-voice-paused.ts';

/** An answer stays on screen this long before the next shopper gets a clean idle screen (privacy). */
const ANSWER_RESET_MS = 60_000;

const PHASE_TEXT: Record<ShopperPhase, string> = {
  idle: 'Ready',
  listening: 'Listening…',
  thinking: 'Thinking…',
  replying: 'Answering…',
  answered: 'Here is what I found',
};
// Above "I don't know that" or "we don't list it", "Here is what I found" would say the opposite.
const NOT_FOUND_TEXT = 'I could not find that';

/** "hey_jarvis" → "Hey Jarvis": wake word ids are model names, shoppers read the phrase. */
export function wakePhraseText(id: string): string {
  return id
    .split(/[_\s]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}

/** The shopper's screen: wake phrase, tap to talk, what was heard, the reply, suggestions, typing. */
export function ShopperScreen({ wakePhrase, micAvailable, voicePaused: pausedAtStart }: { wakePhrase: string | null; micAvailable: boolean; voicePaused?: boolean }) {
  const client = useEngine();
  const [state, dispatch] = useReducer(shopperReducer, initialShopperState);
  const [suggestions, setSuggestions] = useState<string[]>([]);
  useEngineEvents((event) => dispatch({ kind: 'event', event }));
  const voicePaused = useVoicePaused(pausedAtStart);

  useEffect(() => {
    let alive = true;
    void client.request('knowledge-suggestions', {}).then((r) => {
      if (alive && r.ok) setSuggestions(r.value.questions.slice(0, 6));
    });
    return () => {
      alive = false;
    };
  }, [client]);

  useEffect(() => {
    if (state.phase !== 'answered' && !(state.phase === 'idle' && state.notice)) return;
    const t = setTimeout(() => dispatch({ kind: 'reset' }), ANSWER_RESET_MS);
    return () => clearTimeout(t);
  }, [state.phase, state.notice, state.correlationId]);

  const ask = async (text: string) => {
    const q = text.trim();
    if (!q) return;
    dispatch({ kind: 'asked', text: q });
    const reply = await client.request('conversation-ask', { text: q });
    if (reply.ok) dispatch({ kind: 'ask-result', result: reply.value });
    else dispatch({ kind: 'ask-failed', message: reply.error.code === 'unavailable' ? 'The assistant is restarting. Please try again in a moment.' : reply.error.message });
  };

  const choose = (index: number) => {
    dispatch({ kind: 'chose', text: state.didYouMean[index] ?? '' });
    void client.request('conversation-choose', { index });
  };

  const listening = state.phase === 'listening';
  const toggleTalk = () => void (listening ? client.request('conversation-tap-stop', {}) : client.request('conversation-tap-start', {}));

  return (
    <div className={`shopper phase-${state.phase}`}>
      <section className="talk" aria-labelledby="talk-heading">
        {!micAvailable && <VoiceUnavailable />}
        {micAvailable && (
          <h2 id="talk-heading" className="wake-phrase">
            {wakePhrase ? <>Say “{wakePhraseText(wakePhrase)}” or tap</> : 'Ask me anything about the shop'}
          </h2>
        )}
        {micAvailable && (
          <button type="button" className={`btn btn-talk${listening ? ' is-listening' : ''}`} aria-pressed={listening} disabled={voicePaused} onClick={toggleTalk}>
            {listening ? 'Stop listening' : 'Tap to talk'}
          </button>
        )}
        <p className="phase" role="status" aria-live="polite" data-testid="phase">
          {state.phase === 'answered' && state.declined ? NOT_FOUND_TEXT : PHASE_TEXT[state.phase]}
        </p>
      </section>

      <section className="conversation" aria-label="Conversation">
        <CallStaffButton question={state.heard || null} />
        {voicePaused && <VoicePausedNotice />}
        {state.notice && (
          <p className="notice" role="alert">
            {state.notice}
          </p>
        )}
        {state.heard && (
          <div className="heard">
            <h3>You asked</h3>
            <p className={state.heardIsPartial ? 'partial' : undefined} data-testid="heard">
              {state.heard}
            </p>
          </div>
        )}
        {state.reply && (
          <div className="reply">
            <h3>{state.fuller ? 'Fuller answer from our online assistant' : 'Answer'}</h3>
            <p aria-live="polite" data-testid="reply">
              {state.reply}
            </p>
            {state.phase === 'answered' && <AnswerSources ids={state.sources} />}
          </div>
        )}
        <DidYouMean candidates={state.didYouMean} onChoose={choose} />
      </section>

      <section className="ask" aria-labelledby="ask-heading">
        <h2 id="ask-heading" className="section-title">
          Or type your question
        </h2>
        <QuestionBox onAsk={(q) => void ask(q)} />
        {suggestions.length > 0 && (
          <>
            <h2 className="section-title">People often ask</h2>
            <ul className="suggestions">
              {suggestions.map((q) => (
                <li key={q}>
                  <button type="button" className="btn btn-suggestion" onClick={() => void ask(q)}>
                    {q}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
