import type { MeetingRow, OutboxJobRow } from '../../../engine/contracts/api.ts';
import type { JobState } from '../../../engine/contracts/events.ts';
import { useEngine } from '../hooks/use-engine.ts';

/**
 * Staff-facing words for job states. Until the cloud accepts a job it is still queued as far as staff
 * are concerned: "pending" waits in the local outbox (offline), "sent" is on the broker awaiting a
 * summarizer.
 */
export const JOB_STATE_TEXT: Record<JobState, string> = {
  pending: 'queued',
  sent: 'queued · sent',
  accepted: 'summarizing',
  done: 'done',
  failed: 'failed',
};

/** The offload outbox: every job and its state, with retry for failed ones. */
export function OutboxPanel({ jobs, meetings, onChanged }: { jobs: OutboxJobRow[]; meetings: MeetingRow[]; onChanged: () => Promise<void> }) {
  const client = useEngine();
  const title = (id: string | null) => meetings.find((m) => m.id === id)?.title ?? id ?? '—';
  return (
    <section className="panel" aria-labelledby="outbox-heading">
      <h2 id="outbox-heading">Outbox</h2>
      {jobs.length === 0 ? (
        <p className="muted">No jobs yet.</p>
      ) : (
        <table className="jobs" data-testid="outbox">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Meeting</th>
              <th scope="col">State</th>
              <th scope="col">Tries</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.jobId} data-job-id={j.jobId}>
                <td>{j.kind}</td>
                <td>{title(j.meetingId)}</td>
                <td>
                  <span className={`state state-${j.state}`} data-state={j.state}>
                    {JOB_STATE_TEXT[j.state]}
                  </span>
                  {j.lastError && <span className="muted"> — {j.lastError}</span>}
                </td>
                <td>{j.attempts}</td>
                <td>
                  {j.state === 'failed' && (
                    <button type="button" className="btn btn-small" aria-label={`Retry job for ${title(j.meetingId)}`} onClick={() => void client.request('outbox-retry', { jobId: j.jobId }).then(onChanged)}>
                      Retry
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
