import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { LIMITS } from '../../../engine/contracts/limits.ts';
import { NoStaffPin } from '../components/NoStaffPin.tsx';
import { useEngine } from '../hooks/use-engine.ts';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'Clear', '0', 'Delete'] as const;

/** PIN entry with a large keypad; the engine hashes, rate-limits and locks, this only reports. */
export function StaffLogin({ pinSet: pinSetAtStart }: { pinSet: boolean }) {
  const client = useEngine();
  const [pinSet, setPinSet] = useState(pinSetAtStart);
  useEffect(() => setPinSet(pinSetAtStart), [pinSetAtStart]);
  const onSet = useCallback(() => setPinSet(true), []);
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<{ text: string; locked: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const press = (k: (typeof KEYS)[number]) => {
    if (k === 'Clear') setPin('');
    else if (k === 'Delete') setPin((p) => p.slice(0, -1));
    else setPin((p) => (p.length < 12 ? p + k : p));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!pin || busy) return;
    setBusy(true);
    const reply = await client.request('staff-login', { pin });
    setBusy(false);
    setPin('');
    if (reply.ok) return;
    const { code, detail, message: why } = reply.error;
    if (code === 'unavailable' && detail?.pinSet === false) setPinSet(false);
    else if (code === 'locked') {
      const secs = typeof detail?.retryAfterMs === 'number' ? Math.ceil(detail.retryAfterMs / 1000) : null;
      setMessage({ text: `Login locked after too many wrong PINs.${secs ? ` Try again in ${secs} seconds.` : ''}`, locked: true });
    } else if (code === 'unauthorized') {
      const left = typeof detail?.attemptsLeft === 'number' ? ` ${detail.attemptsLeft} attempts left.` : '';
      setMessage({ text: `Wrong PIN.${left}`, locked: false });
    } else setMessage({ text: why, locked: false });
  };

  if (!pinSet) return <NoStaffPin onSet={onSet} />;
  return (
    <form className="login" onSubmit={(e) => void submit(e)} aria-labelledby="login-heading">
      <h2 id="login-heading">Staff login</h2>
      <label htmlFor="pin">PIN</label>
      <input id="pin" className="input input-pin" type="password" inputMode="numeric" autoComplete="off" value={pin} maxLength={LIMITS.pinDigits} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
      {message && (
        <p className={`notice ${message.locked ? 'notice-bad' : 'notice-warn'}`} role="alert" data-testid="login-message">
          {message.text}
        </p>
      )}
      <div className="keypad" role="group" aria-label="PIN keypad">
        {KEYS.map((k) => (
          <button key={k} type="button" className={`btn btn-key${k === 'Clear' ? ' btn-key-word' : ''}`} aria-label={k === 'Delete' ? 'Delete last digit' : k === 'Clear' ? 'Clear PIN' : `Digit ${k}`} onClick={() => press(k)}>
            {k === 'Delete' ? '⌫' : k}
          </button>
        ))}
      </div>
      <button type="submit" className="btn btn-primary" disabled={!pin || busy}>
        Log in
      </button>
    </form>
  );
}
