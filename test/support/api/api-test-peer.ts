import type { MeetingRow, OutboxJobRow, StaffCallRow, SummaryRow } from '../../../engine/contracts/api.ts';
import type { EventBus } from '../../../engine/pipeline/event-bus.ts';
import { EngineError } from '../../../engine/errors/engine-error.ts';
import type { ApiDeps, HealthReport } from '../../../engine/app/api/deps.ts';

/**
 * A TEST PEER for the API layer's own tests: small in-memory ports that keep state and publish the
 * events the real services publish, so the server, dispatcher and client can be exercised without
 * the store, ASR or LLM. It is not used outside tests; the e2e suite runs the real services.
 */
export function createApiTestPeer(bus: EventBus, opts: { healthy?: boolean } = {}) {
  const meetings = new Map<string, MeetingRow & { lines: string[] }>();
  const jobs: OutboxJobRow[] = [];
  const summaries: SummaryRow[] = [];
  const asked: string[] = [];
  const calls: StaffCallRow[] = [];
  const getCall = (id: string) => {
    const c = calls.find((x) => x.id === id);
    if (!c) throw new EngineError('not-found', `no staff call ${id}`, { stage: 'store', detail: { callId: id } });
    return c;
  };
  let seq = 0;
  const next = (p: string) => `${p}-${++seq}`;
  const getMeeting = (id: string) => {
    const m = meetings.get(id);
    if (!m) throw new EngineError('not-found', `no meeting ${id}`, { stage: 'store', detail: { meetingId: id } });
    return m;
  };
  const row = ({ lines: _l, ...m }: MeetingRow & { lines: string[] }): MeetingRow => ({ ...m });
  const health: HealthReport = {
    ok: opts.healthy ?? true,
    models: [{ stage: 'asr', name: 'pocketsphinx', ready: true }],
    broker: { connected: opts.healthy ?? true, url: null, queued: 0 },
    database: { ok: opts.healthy ?? true, path: null },
  };
  const deps: ApiDeps = {
    conversation: {
      tapStart: () => {
        const correlationId = next('c');
        bus.publish({ type: 'listening', trigger: 'tap', correlationId, atMs: bus.now() });
        return { correlationId };
      },
      tapStop: () => ({ correlationId: null }),
      ask: (text) => {
        asked.push(text);
        const correlationId = next('c');
        const answer = `You asked: ${text}`;
        for (const word of answer.split(' ')) bus.publish({ type: 'reply-token', text: `${word} `, correlationId, atMs: bus.now() });
        return { correlationId, route: 'fast', reason: 'test peer', answer, sources: [], ttftMs: 1, totalMs: 2 };
      },
      cancel: () => ({ cancelled: false }),
      choose: () => ({ correlationId: null }),
    },
    knowledge: {
      suggestions: () => ['Where is the bakery?'],
      reload: () => ({ sections: 3 }),
      info: () => ({ shopName: 'Test Shop', sections: [{ id: 'bakery', title: 'Bakery' }] }),
    },
    meetings: {
      start: (title, staff) => {
        const m = { id: next('m'), title, staff, startedAt: new Date().toISOString(), endedAt: null, segments: 0, lines: [] };
        meetings.set(m.id, m);
        bus.publish({ type: 'meeting', meetingId: m.id, state: 'started', correlationId: m.id, atMs: bus.now() });
        return row(m);
      },
      stop: (id) => {
        const m = getMeeting(id);
        m.endedAt = new Date().toISOString();
        return row(m);
      },
      addSegment: (id, text) => {
        const m = getMeeting(id);
        m.lines.push(text);
        m.segments = m.lines.length;
        bus.publish({ type: 'meeting-segment', meetingId: id, text, correlationId: id, atMs: bus.now() });
        return { segmentId: m.segments };
      },
      list: () => [...meetings.values()].map(row),
    },
    summaries: {
      summarize: (id) => {
        getMeeting(id);
        const job: OutboxJobRow = { jobId: next('j'), kind: 'summarize', state: 'pending', attempts: 0, lastError: null, createdAt: new Date().toISOString(), meetingId: id };
        jobs.push(job);
        bus.publish({ type: 'job', jobId: job.jobId, kind: 'summarize', state: 'pending', attempts: 0, correlationId: job.jobId, atMs: bus.now() });
        return { jobId: job.jobId, state: job.state };
      },
      list: () => summaries,
    },
    outbox: {
      list: () => jobs,
      retry: (jobId) => {
        const j = jobs.find((x) => x.jobId === jobId);
        if (!j) throw new EngineError('not-found', `no job ${jobId}`, { stage: 'offload', detail: { jobId } });
        return { jobId, state: j.state };
      },
    },
    status: {
      status: () => ({ online: true, queued: jobs.length, micAvailable: false, wakePhrase: 'hey jarvis', stages: [] }),
      health: () => health,
    },
    staffCalls: {
      raise: (question) => {
        const c: StaffCallRow = { id: next('call'), state: 'raised', trigger: 'button', question, raisedAt: new Date().toISOString(), acknowledgedAt: null, acknowledgedBy: null, closedAt: null, closedBy: null };
        calls.push(c);
        bus.publish({ type: 'staff-call', callId: c.id, state: 'raised', question, staff: null, raisedAt: c.raisedAt, correlationId: c.id, atMs: bus.now() });
        return c;
      },
      list: () => calls,
      acknowledge: (id, staff) => Object.assign(getCall(id), { state: 'acknowledged' as const, acknowledgedBy: staff }),
      close: (id, staff) => Object.assign(getCall(id), { state: 'closed' as const, closedBy: staff }),
    },
    meetingLines: {
      lines: (id) => getMeeting(id).lines.map((text, i) => ({ id: i + 1, text, createdAt: new Date().toISOString(), editedAt: null })),
      editLine: (id, lineId, text) => {
        getMeeting(id).lines[lineId - 1] = text;
        return { id: lineId, text, createdAt: new Date().toISOString(), editedAt: new Date().toISOString() };
      },
      exportMeeting: (id, format) => ({ filename: `${id}.${format === 'markdown' ? 'md' : 'txt'}`, mimeType: 'text/plain', text: getMeeting(id).lines.join('\n') }),
    },
    owner: {
      report: () => ({ today: { date: '2026-01-01', questions: asked.length, answered: asked.length, declined: 0, lowConfidence: 0, staffCalls: calls.length }, unanswered: [] }),
      knowledgeStatus: () => ({ sections: 3, loadedAt: null, error: null }),
    },
  };
  return { deps, asked, meetings };
}
