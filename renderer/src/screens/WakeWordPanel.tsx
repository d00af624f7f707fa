import { useCallback, useEffect, useState } from 'react';
import type { WakeModelRow, WakeStatus } from '../../../engine/contracts/api.ts';
import { useEngine } from '../hooks/use-engine.ts';

/** Fired on window after the active wake word changes, so the shopper headline re-reads system-status. */
export const WAKE_CHANGED_EVENT = 'voice-kiosk:wake-changed';

const pct = (x: number | undefined) => (x === undefined ? '—' : `${(x * 100).toFixed(0)} %`);
const clock = (s: number | undefined) =>
  s === undefined ? '' : `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')} left`;

/**
 * Staff: the shop's own wake word. Type a phrase and train it on the kiosk (a child process; progress
 * polled from the engine), try a model by speaking (its live score), activate it or roll back.
 */
export function WakeWordPanel() {
  const client = useEngine();
  const [status, setStatus] = useState<WakeStatus | null>(null);
  const [phrase, setPhrase] = useState('');
  const [message, setMessage] = useState<{ text: string; bad: boolean } | null>(null);

  const apply = useCallback(
    async (
      p: Promise<{ ok: true; value: WakeStatus } | { ok: false; error: { message: string } }>,
      done?: string,
    ) => {
      const r = await p;
      if (r.ok) {
        setStatus(r.value);
        if (done) setMessage({ text: done, bad: false });
      } else setMessage({ text: r.error.message, bad: true });
      return r.ok;
    },
    [],
  );

  const refresh = useCallback(() => apply(client.request('wake-status', {})), [apply, client]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Poll while something is live: training progress or the try-it score (4 Hz is enough to watch).
  const live = status?.training.state === 'running' || !!status?.trying;
  useEffect(() => {
    if (!live) return;
    const t = setInterval(() => void refresh(), status?.trying ? 250 : 1000);
    return () => clearInterval(t);
  }, [live, refresh, status?.trying]);

  const switched = async (p: ReturnType<typeof client.request<'wake-activate'>>, text: string) => {
    if (await apply(p, text)) window.dispatchEvent(new Event(WAKE_CHANGED_EVENT));
  };

  const training = status?.training;
  const activeModels = new Set(status?.active.map((m) => m.model));
  const row = (m: WakeModelRow) => (
    <tr key={m.model} data-model={m.model}>
      <td>
        “{m.phrase}” {activeModels.has(m.model) && <span className="state state-done">active</span>}
      </td>
      <td
        title={
          m.patience && m.patience > 1
            ? `score ≥ ${m.threshold.toFixed(2)} for ${m.patience} steps of 80 ms in a row`
            : undefined
        }
      >
        {m.threshold.toFixed(2)}
        {m.patience && m.patience > 1 ? ` × ${m.patience}` : ''}
      </td>
      <td>
        {m.recall === undefined
          ? '—'
          : `${pct(m.recall)} · ${m.faPerHour?.toFixed(1)}/h${m.negativeHours === undefined ? '' : ` over ${m.negativeHours < 1 ? `${Math.round(m.negativeHours * 60)} min` : `${m.negativeHours.toFixed(1)} h`}`}`}
      </td>
      <td className="muted">{m.licence.startsWith('CC-BY-NC') ? 'non-commercial' : 'own'}</td>
      <td>
        <button
          type="button"
          className="btn btn-small"
          aria-label={`Try ${m.phrase}`}
          onClick={() =>
            void apply(
              client.request('wake-try', { model: status?.trying?.model === m.model ? null : m.model }),
            )
          }
        >
          {status?.trying?.model === m.model ? 'Stop trying' : 'Try'}
        </button>{' '}
        {!activeModels.has(m.model) && (
          <button
            type="button"
            className="btn btn-small btn-primary"
            aria-label={`Activate ${m.phrase}`}
            onClick={() =>
              void switched(
                client.request('wake-activate', { model: m.model }),
                `Now waking on “${m.phrase}”.`,
              )
            }
          >
            Activate
          </button>
        )}
      </td>
    </tr>
  );

  return (
    <section className="panel" aria-labelledby="wake-heading">
      <h2 id="wake-heading">Wake word</h2>
      <p className="muted">
        Active: {status?.active.map((m) => `“${m.phrase}”`).join(', ') || '—'}
        {status?.previous && (
          <>
            {' '}
            <button
              type="button"
              className="btn btn-small"
              onClick={() => void switched(client.request('wake-rollback', {}), 'Rolled back.')}
            >
              Roll back
            </button>
          </>
        )}
      </p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void apply(
            client.request('wake-train-start', { phrase: phrase.trim() }),
            'Training started: the kiosk keeps working meanwhile.',
          );
        }}
      >
        <label htmlFor="wake-phrase" className="visually-hidden">
          Wake phrase
        </label>
        <input
          id="wake-phrase"
          className="input"
          placeholder="e.g. hey greenleaf"
          value={phrase}
          maxLength={60}
          onChange={(e) => setPhrase(e.target.value)}
          disabled={training?.state === 'running'}
        />
        {training?.state === 'running' ? (
          <button
            type="button"
            className="btn"
            onClick={() =>
              void apply(
                client.request('wake-train-cancel', {}),
                'Cancelled; training the same phrase again resumes.',
              )
            }
          >
            Cancel
          </button>
        ) : (
          <button type="submit" className="btn btn-primary" disabled={!phrase.trim()}>
            Train
          </button>
        )}
      </form>
      {training && training.state !== 'idle' && (
        <div data-testid="wake-training" data-state={training.state}>
          <progress max={1} value={training.fraction ?? 0} aria-label={`Training “${training.phrase}”`} />{' '}
          {pct(training.fraction)} {clock(training.etaSec)}{' '}
          <span className="muted">
            {training.state === 'failed'
              ? training.error
              : training.state === 'running'
                ? training.detail
                : training.state}
          </span>
        </div>
      )}
      {status?.trying && (
        <p data-testid="wake-try-score" aria-live="polite">
          Say “{status.models.find((m) => m.model === status.trying?.model)?.phrase}”: score{' '}
          <strong>{status.trying.score.toFixed(2)}</strong> (peak {status.trying.peak.toFixed(2)}, heard{' '}
          {status.trying.detections}×)
        </p>
      )}
      {message && (
        <p className={`notice ${message.bad ? 'notice-bad' : ''}`} role={message.bad ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {status && status.models.length > 0 && (
        <table className="jobs wake-models">
          <thead>
            <tr>
              <th scope="col">Phrase</th>
              <th scope="col">Threshold</th>
              <th scope="col">Recall · false/h</th>
              <th scope="col">Licence</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>{status.models.map(row)}</tbody>
        </table>
      )}
    </section>
  );
}
