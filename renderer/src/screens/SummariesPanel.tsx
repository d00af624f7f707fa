import type { MeetingRow, SummaryRow, SummarySource } from '../../../engine/contracts/api.ts';
import { useKioskInfo } from '../hooks/use-kiosk-info.ts';
import { formatDateTime } from '../locale-format.ts';
import { SummaryOutlineView } from '../components/SummaryOutlineView.tsx';

/** Who wrote the summary, in the staff's words: a kiosk draft is replaced when the cloud's arrives. */
export const SOURCE_LABEL: Record<SummarySource, string> = {
  device: 'Draft made on this kiosk',
  cloud: 'Summary from the cloud',
};

/** Summaries that have landed in the local cache, newest first. */
export function SummariesPanel({ summaries, meetings }: { summaries: SummaryRow[]; meetings: MeetingRow[] }) {
  const { locale } = useKioskInfo();
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
        <p className="muted">No summaries yet. They appear here when the cloud answers (or as a kiosk draft if it stays unreachable).</p>
      ) : (
        <ul className="summaries" data-testid="summaries">
          {sorted.map((s) => (
            <li key={s.jobId} className={`summary summary-${s.source}`} data-source={s.source}>
              <h3>
                {meetings.find((m) => m.id === s.meetingId)?.title ?? s.meetingId}
                {earlier.has(s.jobId) && <span className="muted"> · earlier version</span>}
              </h3>
              <p className="summary-source" data-testid="summary-source">
                {SOURCE_LABEL[s.source]}
                {s.source === 'device' && ' — the cloud summary replaces it when it arrives'}
              </p>
              <SummaryOutlineView summary={s} />
              <p className="muted">
                {s.model} · {formatDateTime(s.createdAt, locale)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
