import { useEffect, useRef, useState, type PointerEvent, type RefObject } from 'react';

type Layout = 'letters' | 'symbols';

const ROWS: Record<Layout, string[][]> = {
  letters: ['qwertyuiop'.split(''), 'asdfghjkl'.split(''), 'zxcvbnm'.split('')],
  symbols: ['1234567890'.split(''), ['?', '!', "'", ',', '.', '-', '&', '£', '%'], ['(', ')', ':', '/', '@', '+', '"']],
};

/** Accessible names of the keys that are not characters; the character keys are named by themselves. */
const SYMBOL_NAMES: Record<string, string> = {
  '?': 'question mark',
  '!': 'exclamation mark',
  "'": 'apostrophe',
  ',': 'comma',
  '.': 'full stop',
  '-': 'hyphen',
  '&': 'ampersand',
  '£': 'pound sign',
  '%': 'percent',
  '(': 'left bracket',
  ')': 'right bracket',
  ':': 'colon',
  '/': 'slash',
  '@': 'at sign',
  '+': 'plus',
  '"': 'quotation mark',
};

export interface OnScreenKeyboardProps {
  /** The input the keys type into: they insert at its caret (or replace its selection). */
  target: RefObject<HTMLInputElement | HTMLTextAreaElement | null>;
  value: string;
  onChange(next: string): void;
  /** The enter key: submit, for a one-line box. */
  onEnter(): void;
  /** Shown on the enter key; its accessible name stays "enter". */
  enterLabel?: string;
  /** The enter key is disabled (e.g. the text is over the limit); the other keys still type. */
  enterDisabled?: boolean;
  /** Closes the keyboard (a "hide keyboard" key is shown when given). */
  onHide?: () => void;
  label?: string;
}

/**
 * A touchscreen keyboard built into the kiosk, because a kiosk has no physical keyboard and its browser
 * shows none. Every key is a real button named by its letter ("a", "b", … "space", "backspace",
 * "enter"), so it works with a screen reader and tests find keys by role. Pressing a key never takes
 * focus from the input, so its caret stays where the shopper put it. Usable by any text input.
 */
export function OnScreenKeyboard({ target, value, onChange, onEnter, enterLabel = 'Enter', enterDisabled = false, onHide, label = 'On-screen keyboard' }: OnScreenKeyboardProps) {
  const [layout, setLayout] = useState<Layout>('letters');
  const [shift, setShift] = useState(false);
  const self = useRef<HTMLDivElement>(null);
  // On a small screen the keyboard may open below the fold: bring it (and the box above it) into view.
  useEffect(() => {
    // Braces matter: newer Chromium returns a Promise from scrollIntoView, and React would call it on unmount.
    void self.current?.scrollIntoView({ block: 'nearest' });
  }, []);

  const edit = (insert: string | null) => {
    const el = target.current;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    let next: string;
    let caret: number;
    if (insert === null) {
      // Backspace: remove the selection, or the character before the caret.
      const from = start === end ? Math.max(0, start - 1) : start;
      next = value.slice(0, from) + value.slice(end);
      caret = from;
    } else {
      next = value.slice(0, start) + insert + value.slice(end);
      caret = start + insert.length;
    }
    onChange(next);
    // After React has written the new value, put the caret back after what was typed.
    requestAnimationFrame(() => {
      const input = target.current;
      if (!input) return;
      input.focus({ preventScroll: true });
      input.setSelectionRange(caret, caret);
    });
  };

  const type = (ch: string) => {
    edit(shift ? ch.toUpperCase() : ch);
    if (shift) setShift(false);
  };

  // Keeps focus (and the caret) in the input while a key is pressed.
  const keepFocus = (e: PointerEvent) => e.preventDefault();

  return (
    <div ref={self} className={`osk osk-${layout}`} role="group" aria-label={label} data-testid="on-screen-keyboard">
      {ROWS[layout].map((row, i) => (
        <div className="osk-row" key={`${layout}-${i}`}>
          {i === 2 && layout === 'letters' && (
            <button type="button" className={`btn osk-key osk-wide${shift ? ' is-on' : ''}`} aria-label="shift" aria-pressed={shift} onPointerDown={keepFocus} onClick={() => setShift((s) => !s)}>
              ⇧
            </button>
          )}
          {row.map((ch) => (
            <button key={ch} type="button" className="btn osk-key" aria-label={SYMBOL_NAMES[ch] ?? ch} onPointerDown={keepFocus} onClick={() => type(ch)}>
              {shift ? ch.toUpperCase() : ch}
            </button>
          ))}
          {i === 2 && (
            <button type="button" className="btn osk-key osk-wide" aria-label="backspace" onPointerDown={keepFocus} onClick={() => edit(null)}>
              ⌫
            </button>
          )}
        </div>
      ))}
      <div className="osk-row">
        <button
          type="button"
          className="btn osk-key osk-wide"
          aria-label={layout === 'letters' ? 'numbers and symbols' : 'letters'}
          onPointerDown={keepFocus}
          onClick={() => setLayout((l) => (l === 'letters' ? 'symbols' : 'letters'))}
        >
          {layout === 'letters' ? '123' : 'abc'}
        </button>
        <button type="button" className="btn osk-key osk-space" aria-label="space" onPointerDown={keepFocus} onClick={() => edit(' ')}>
          space
        </button>
        <button type="button" className="btn osk-key osk-wide osk-enter" aria-label="enter" disabled={enterDisabled} onPointerDown={keepFocus} onClick={onEnter}>
          {enterLabel}
        </button>
        {onHide && (
          <button type="button" className="btn osk-key osk-wide" aria-label="hide keyboard" onPointerDown={keepFocus} onClick={onHide}>
            Hide
          </button>
        )}
      </div>
    </div>
  );
}
