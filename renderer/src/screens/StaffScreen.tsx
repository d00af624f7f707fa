import { useCallback, useEffect, useState } from 'react';
import type { MeetingRow, OutboxJobRow, SummaryRow } from '../../../engine/contracts/api.ts';
import { useEngine, useEngineEvents } from '../hooks/use-engine.ts';
import { MeetingsPanel } from './MeetingsPanel.tsx';
import { OutboxPanel } from './OutboxPanel.tsx';
import { OwnerPanel } from './OwnerPanel.tsx';
import { StaffCallsPanel } from './StaffCallsPanel.tsx';
import { SummariesPanel } from './SummariesPanel.tsx';
import { WakeWordPanel } from './WakeWordPanel.tsx';

export interface StaffData {
  meetings: MeetingRow[];
  jobs: OutboxJobRow[];
  summaries: SummaryRow[];
}

/** The staff area: meetings with their live transcript, the offload outbox and landed summaries. */
export function StaffScreen() {
  const client = useEngine();
  const [data, setData] = useState<StaffData>({ meetings: [], jobs: [], summaries: [] });
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const [m, j, s] = await Promise.all([client.request('meetings-list', {}), client.request('outbox-list', {}), client.request('summaries-list', {})]);
    const bad = [m, j, s].find((r) => !r.ok);
    setError(bad && !bad.ok ? bad.error.message : null);
    setData((d) => ({
      meetings: m.ok ? m.value.meetings : d.meetings,
      jobs: j.ok ? j.value.jobs : d.jobs,
      summaries: s.ok ? s.value.summaries : d.summaries,
    }));
  }, [client]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEngineEvents((e) => {
    if (e.type === 'meeting-segment') {
      setData((d) => ({ ...d, meetings: d.meetings.map((m) => (m.id === e.meetingId ? { ...m, segments: m.segments + 1 } : m)) }));
    } else if (e.type === 'job') {
      setData((d) => {
        const known = d.jobs.some((j) => j.jobId === e.jobId);
        if (!known) void reload();
        return { ...d, jobs: d.jobs.map((j) => (j.jobId === e.jobId ? { ...j, state: e.state, attempts: e.attempts, lastError: e.lastError ?? j.lastError } : j)) };
      });
    } else if (e.type === 'summary' || e.type === 'meeting' || e.type === 'connectivity') {
      void reload();
    }
  });

  return (
    <div className="staff">
      <StaffCallsPanel />
      {error && (
        <p className="notice notice-bad" role="alert">
          {error}
        </p>
      )}
      <MeetingsPanel meetings={data.meetings} onChanged={reload} />
      <OutboxPanel jobs={data.jobs} meetings={data.meetings} onChanged={reload} />
      <SummariesPanel summaries={data.summaries} meetings={data.meetings} />
      <OwnerPanel />
      <WakeWordPanel />
    </div>
  );
}
