import type { MeetingRow, SummaryRow } from '../../../engine/contracts/api.ts';
import { SummaryOutlineView } from '../components/SummaryOutlineView.tsx';

/** Summaries that have landed in the local cache, newest first. */
export function SummariesPanel({ summaries, meetings }: { summaries: SummaryRow[]; meetings: MeetingRow[] }) {
  const sorted = [...summaries].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <section className="panel" aria-labelledby="summaries-heading">
      <h2 id="summaries-heading">Summaries</h2>
      {sorted.length === 0 ? (
        <p className="muted">No summaries yet. They appear here when the cloud answers.</p>
      ) : (
        <ul className="summaries" data-testid="summaries">
          {sorted.map((s) => (
            <li key={s.jobId} className="summary">
              <h3>{meetings.find((m) => m.id === s.meetingId)?.title ?? s.meetingId}</h3>
              <SummaryOutlineView summary={s} />
              <p className="muted">
                {s.model} · {new Date(s.createdAt).toLocaleString()}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
