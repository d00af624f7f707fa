import type { SummaryRow } from '../../../engine/contracts/api.ts';
import './shop-floor.css';

/** A summary as staff act on it: the gist, then decisions and action items (who, what, by when) apart. */
export function SummaryOutlineView({ summary }: { summary: SummaryRow }) {
  const o = summary.outline;
  if (!o || (o.decisions.length === 0 && o.actions.length === 0))
    return <p className="summary-text">{summary.text}</p>;
  return (
    <div className="outline" data-testid="summary-outline">
      <p className="summary-text">{o.gist}</p>
      {o.decisions.length > 0 && (
        <>
          <h4>Decisions</h4>
          <ul data-testid="summary-decisions">
            {o.decisions.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        </>
      )}
      {o.actions.length > 0 && (
        <>
          <h4>Action items</h4>
          <ul data-testid="summary-actions">
            {o.actions.map((a, i) => (
              <li key={i}>
                {a.who && <strong>{a.who}: </strong>}
                {a.what}
                {a.by && <span className="muted"> — {a.by}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
