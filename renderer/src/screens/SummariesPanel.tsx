import type { MeetingRow, SummaryRow } from '../../../engine/contracts/api.ts';
import { SummaryOutlineView } from '../components/SummaryOutlineView.tsx';

/** Summaries that have landed in the local cache, newest first. */
export function SummariesPanel({ summaries, meetings }: { summaries: SummaryRow[]; meetings: MeetingRow[] }) {
  // Newest request first: after an edit, the summary of the corrected transcript leads even if an
  // older request's answer landed later; earlier versions stay listed, marked as such.
  const asked = (s: SummaryRow) => s.requestedAt ?? s.createdAt;
  const sorted = [...summaries].sort((a, b) => asked(b).localeCompare(asked(a)));
  const seen = new Set<string>();
  const earlier = new Set(sorted.filter((s) => (seen.has(s.meetingId) ? true : (seen.add(s.meetingId), false))).map((s) => s.jobId));
  return (
    <section className="panel" aria-labelledby="summaries-heading">
      <h2 id="summaries-heading">Summaries</h2>
      {sorted.length === 0 ? (
        <p className="muted">No summaries yet. They appear here when the cloud answers.</p>
      ) : (
        <ul className="summaries" data-testid="summaries">
          {sorted.map((s) => (
            <li key={s.jobId} className="summary">
              <h3>
                {meetings.find((m) => m.id === s.meetingId)?.title ?? s.meetingId}
                {earlier.has(s.jobId) && <span className="muted"> · earlier version</span>}
              </h3>
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
