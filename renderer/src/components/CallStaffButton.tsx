import { useEffect, useState } from 'react';
import type { StaffCallState } from '../../../engine/contracts/events.ts';
import { useEngine, useEngineEvents } from '../hooks/use-engine.ts';
import './shop-floor.css';

/** A call's banner stays this long after it closed or went unanswered, then the next shopper gets a clean screen. */
const CLOSED_BANNER_MS = 8000;
const STALE_CALL_MS = 15 * 60_000;

interface Shown {
  callId: string;
  state: StaffCallState;
  staff: string | null;
}

/** What the shopper reads for each state of their call. */
export function callText(s: Shown): string {
  if (s.state === 'raised') return 'A colleague has been notified and will be with you shortly.';
  if (s.state === 'acknowledged') return `${s.staff ?? 'A colleague'} is on the way.`;
  return 'Thank you — your call is closed.';
}

/**
 * The shopper's big "Call staff" button and the state of their call. Calls raised by voice ("yes"
 * to the offer, "can I speak to someone") arrive as the same `staff-call` events, so the banner
 * shows whichever way the shopper asked.
 */
export function CallStaffButton({ question }: { question: string | null }) {
  const client = useEngine();
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEngineEvents((e) => {
    if (e.type !== 'staff-call') return;
    setShown((cur) =>
      e.state === 'raised' || cur?.callId === e.callId
        ? { callId: e.callId, state: e.state, staff: e.staff }
        : cur,
    );
  });

  useEffect(() => {
    if (!shown) return;
    const t = setTimeout(() => setShown(null), shown.state === 'closed' ? CLOSED_BANNER_MS : STALE_CALL_MS);
    return () => clearTimeout(t);
  }, [shown]);

  const call = async () => {
    setBusy(true);
    setError(null);
    const r = await client.request('staff-call-raise', question ? { question } : {});
    setBusy(false);
    if (r.ok)
      setShown((cur) =>
        cur?.callId === r.value.id ? cur : { callId: r.value.id, state: r.value.state, staff: null },
      );
    else
      setError(
        r.error.code === 'unavailable'
          ? 'The assistant is restarting. Please ask at the till.'
          : r.error.message,
      );
  };

  const open = shown !== null && shown.state !== 'closed';
  return (
    <section className="call-staff" aria-label="Call a member of staff">
      {!open && (
        <button type="button" className="btn btn-call-staff" disabled={busy} onClick={() => void call()}>
          Call staff
        </button>
      )}
      {shown && (
        <p
          className={`call-banner call-${shown.state}`}
          role="status"
          aria-live="assertive"
          data-testid="staff-call-banner"
        >
          {callText(shown)}
        </p>
      )}
      {error && (
        <p className="notice notice-bad" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
