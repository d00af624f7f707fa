import { useRef, useState, type FormEvent } from 'react';
import { MAX_TYPED_QUESTION_CHARS } from '../../../engine/contracts/limits.ts';
import { OnScreenKeyboard } from './OnScreenKeyboard.tsx';

/** Why a question cannot be sent yet, in words a shopper can act on; null when it can. */
export function questionProblem(text: string, max = MAX_TYPED_QUESTION_CHARS): string | null {
  const n = text.trim().length;
  if (n > max) return `That question is ${n} characters long; the most I can take is ${max}. Please shorten it by ${n - max}.`;
  return null;
}

/**
 * The shopper's typed question: a one-line box with the built-in keyboard (opened by tapping the box),
 * refused with a visible reason when it is longer than the API accepts — never cut silently.
 */
export function QuestionBox({ onAsk }: { onAsk(text: string): void }) {
  const [typed, setTyped] = useState('');
  const [keyboard, setKeyboard] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const problem = questionProblem(typed);

  const submit = () => {
    if (!typed.trim() || problem) return;
    onAsk(typed);
    setTyped('');
    setKeyboard(false);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit();
  };

  return (
    <div className="question-box">
      <form className="ask-form" onSubmit={onSubmit}>
        <label htmlFor="question" className="visually-hidden">
          Your question
        </label>
        <input
          id="question"
          ref={input}
          className="input"
          value={typed}
          autoComplete="off"
          // The kiosk's own keyboard replaces any the system might pop up over the screen.
          inputMode={keyboard ? 'none' : 'text'}
          placeholder="e.g. Where is the bread?"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'question-problem' : undefined}
          onChange={(e) => setTyped(e.target.value)}
          onPointerDown={() => setKeyboard(true)}
          onFocus={() => setKeyboard(true)}
        />
        <button type="submit" className="btn btn-primary" disabled={!typed.trim() || !!problem}>
          Ask
        </button>
      </form>
      {problem && (
        <p id="question-problem" className="notice notice-bad" role="alert" data-testid="question-problem">
          {problem}
        </p>
      )}
      {keyboard ? (
        <OnScreenKeyboard target={input} value={typed} onChange={setTyped} onEnter={submit} enterLabel="Ask ⏎" enterDisabled={!typed.trim() || !!problem} onHide={() => setKeyboard(false)} label="Keyboard for your question" />
      ) : (
        <button type="button" className="btn btn-quiet btn-show-keyboard" onClick={() => setKeyboard(true)}>
          ⌨ Show keyboard
        </button>
      )}
    </div>
  );
}
