import { useCallback, useEffect, useState } from 'react';
import type { StaffCallRow } from '../../../engine/contracts/api.ts';
import { useEngine, useEngineEvents } from '../hooks/use-engine.ts';
import '../components/shop-floor.css';

const STATE_TEXT: Record<StaffCallRow['state'], string> = {
  raised: 'waiting',
  acknowledged: 'on the way',
  closed: 'done',
};
const TRIGGER_TEXT: Record<StaffCallRow['trigger'], string> = {
  button: 'pressed Call staff',
  asked: 'asked for a person',
  offer: 'said yes to the offer',
};

function time(iso: string | null): string {
  return iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';
}

/** Shoppers waiting for a person: appear at once (staff-call events), "On my way" and "Done" per call. */
export function StaffCallsPanel() {
  const client = useEngine();
  const [calls, setCalls] = useState<StaffCallRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const r = await client.request('staff-call-list', {});
    if (r.ok) setCalls(r.value.calls);
    else setError(r.error.message);
  }, [client]);
  useEffect(() => {
    void reload();
  }, [reload]);
  useEngineEvents((e) => {
    if (e.type === 'staff-call') void reload();
  });

  const act = async (name: 'staff-call-acknowledge' | 'staff-call-close', callId: string) => {
    const r = await client.request(name, { callId });
    setError(r.ok ? null : r.error.message);
    await reload();
  };

  const open = calls.filter((c) => c.state !== 'closed');
  const recent = calls.filter((c) => c.state === 'closed').slice(0, 5);
  return (
    <section
      className={`panel staff-calls-panel${open.length ? ' has-open' : ''}`}
      aria-labelledby="calls-heading"
    >
      <h2 id="calls-heading">
        Staff calls {open.length > 0 && <span className="muted">· {open.length} waiting</span>}
      </h2>
      {error && (
        <p className="notice notice-bad" role="alert">
          {error}
        </p>
      )}
      {calls.length === 0 && (
        <p className="muted">No calls yet. When a shopper asks for a person it appears here at once.</p>
      )}
      <ul className="calls" data-testid="staff-calls">
        {[...open, ...recent].map((c) => (
          <li key={c.id} className="call" data-state={c.state} data-call-id={c.id}>
            <p className="muted">
              {time(c.raisedAt)} · shopper {TRIGGER_TEXT[c.trigger]} · <strong>{STATE_TEXT[c.state]}</strong>
              {c.state === 'acknowledged' && c.acknowledgedBy && ` · ${c.acknowledgedBy} is going`}
              {c.state === 'closed' && c.closedBy && ` · closed by ${c.closedBy}`}
            </p>
            <p className="call-question">{c.question ? `“${c.question}”` : 'No question asked.'}</p>
            {c.state !== 'closed' && (
              <div className="row">
                {c.state === 'raised' && (
                  <button
                    type="button"
                    className="btn btn-primary"
                    onClick={() => void act('staff-call-acknowledge', c.id)}
                  >
                    On my way
                  </button>
                )}
                <button type="button" className="btn" onClick={() => void act('staff-call-close', c.id)}>
                  Done
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
