import type { ApiDeps, HealthReport, WakeModelsPort } from './api/deps.ts';
import type { KnowledgeStatus, SystemStatus } from '../contracts/api.ts';
import type { JobState } from '../contracts/events.ts';
import type { StageInfo } from '../contracts/audio.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { Logger } from '../log/logger.ts';
import { redactUrl } from '../log/redact-url.ts';
import type { DeferredWrites } from '../store/deferred-writes.ts';
import type { KioskStore } from '../store/kiosk-store.ts';
import type { StoreHealthSnapshot } from '../store/store-health.ts';
import { toOutboxRow } from '../store/summary-outbox.ts';
import type { ConversationRunner } from '../pipeline/conversation-runner.ts';
import type { EventBus } from '../pipeline/event-bus.ts';
import type { OffloadLink } from './offload-wiring.ts';
import type { KnowledgeSource } from '../pipeline/stage-ports.ts';
import { exportMeeting } from '../store/meeting-export.ts';
import { ownerReport } from '../store/owner-report.ts';
import type { MeetingControl } from './meeting-control.ts';
import type { StaffCallService } from './staff-call-service.ts';
import { publishJob } from './job-events.ts';

export interface ServiceContext {
  bus: EventBus;
  log: Logger;
  store: KioskStore;
  runner: ConversationRunner;
  offload: () => OffloadLink | null;
  knowledge: KnowledgeSource | null;
  stages: () => StageInfo[];
  micAvailable: () => boolean;
  /** The active wake phrase, read at each status call (staff may switch it while running). */
  wakePhrase: string | (() => string);
  wakeModels?: WakeModelsPort;
  /** config device.locale, passed to the UI for dates and times. */
  locale: string;
  brokerUrl: () => string | null;
  /** Writes that wait out another process's lock instead of failing (meeting segments from the API). */
  writes?: DeferredWrites;
  /** What /health says about the database, kept in memory (store-health.ts); absent = probe inline. */
  storeHealth?: () => StoreHealthSnapshot;
  meetings: MeetingControl;
  staffCalls: StaffCallService;
  /** Why the knowledge base did not load at start, or null. */
  knowledgeError: string | null;
}

/** Through the offload client when there is one (it sends at once and emits job events), else just the outbox. */
export function queueSummaryVia(
  ctx: Pick<ServiceContext, 'bus' | 'store' | 'offload'>,
  meetingId: string,
): { jobId: string; state: JobState } {
  const link = ctx.offload();
  if (link) return link.enqueueSummary(meetingId);
  const job = ctx.store.outbox.enqueueSummary(meetingId);
  publishJob(ctx, job);
  return { jobId: job.jobId, state: job.state };
}

/**
 * Adapts the engine's services to the API's ports. Meetings (MeetingControl) are where two services
 * meet: starting one switches the microphone to dictation, ending one queues the summary job.
 */
export function createApiDeps(ctx: ServiceContext): ApiDeps {
  const { store, runner } = ctx;
  const queueSummary = (meetingId: string) => queueSummaryVia(ctx, meetingId);
  const knowledge: KnowledgeStatus = {
    sections: ctx.knowledge?.sections?.() ?? null,
    loadedAt: ctx.knowledge ? new Date().toISOString() : null,
    error: ctx.knowledgeError,
  };

  const status = (): SystemStatus => ({
    online: ctx.offload()?.online() ?? false,
    queued: store.outbox.openCount(),
    micAvailable: ctx.micAvailable(),
    voicePaused: runner.meetingId !== null,
    wakePhrase: typeof ctx.wakePhrase === 'function' ? ctx.wakePhrase() : ctx.wakePhrase,
    locale: ctx.locale,
    stages: ctx
      .stages()
      .map((s) => ({ stage: s.stage, name: s.name, ready: s.ready, ...(s.note ? { note: s.note } : {}) })),
  });

  return {
    ...(ctx.wakeModels ? { wakeModels: ctx.wakeModels } : {}),
    conversation: {
      tapStart: () => runner.tapStart(),
      tapStop: () => runner.tapStop(),
      ask: (text) => runner.ask(text),
      cancel: () => runner.cancel(),
      choose: (index) => runner.choose(index),
    },
    knowledge: {
      suggestions: () => ctx.knowledge?.suggestions() ?? [],
      info: () => ctx.knowledge?.overview() ?? { shopName: null, sections: [] },
      reload: () => {
        if (!ctx.knowledge)
          throw new EngineError('unavailable', 'no knowledge base is loaded', { stage: 'reply' });
        try {
          const r = ctx.knowledge.reload();
          Object.assign(knowledge, { sections: r.sections, loadedAt: new Date().toISOString(), error: null });
          return r;
        } catch (err) {
          // The last good knowledge stays in use; the owner's panel shows what is wrong and where.
          knowledge.error = EngineError.toData(err, 'reply').message;
          throw err;
        }
      },
    },
    meetings: {
      start: (title, staff) => ctx.meetings.start(title, staff),
      stop: (meetingId) => ctx.meetings.stop(meetingId),
      addSegment: async (meetingId, text) => {
        const add = () => store.meetings.addSegment(meetingId, text);
        const segmentId = ctx.writes ? await ctx.writes.run('meeting-segment', add) : add();
        ctx.bus.publish({
          type: 'meeting-segment',
          correlationId: meetingId,
          atMs: ctx.bus.now(),
          meetingId,
          text: text.trim(),
        });
        return { segmentId };
      },
      list: () => store.meetings.list(),
    },
    staffCalls: {
      raise: (question) => ctx.staffCalls.raise({ trigger: 'button', question }),
      list: () => ctx.staffCalls.list(),
      acknowledge: (id, staff) => ctx.staffCalls.acknowledge(id, staff),
      close: (id, staff) => ctx.staffCalls.close(id, staff),
    },
    meetingLines: {
      lines: (meetingId) => store.meetings.lines(meetingId),
      editLine: (meetingId, lineId, text) => store.meetings.editLine(meetingId, lineId, text),
      exportMeeting: (meetingId, format) => {
        return exportMeeting(store.meetings.require(meetingId), store.meetings.lines(meetingId), store.summaries.current(meetingId), format);
      },
    },
    owner: {
      report: () => ownerReport(store.db),
      knowledgeStatus: () => ({ ...knowledge }),
    },
    summaries: {
      summarize: (meetingId) => queueSummary(meetingId),
      list: () => store.summaries.list(),
    },
    outbox: {
      list: () => store.outbox.list().map(toOutboxRow),
      retry: (jobId) => {
        const link = ctx.offload();
        if (link) return link.retry(jobId);
        const job = store.outbox.retry(jobId);
        publishJob(ctx, job);
        return { jobId: job.jobId, state: job.state };
      },
    },
    status: {
      status,
      // From memory only: no statement runs here, so another process's lock cannot delay the answer.
      health(): HealthReport {
        const snap = ctx.storeHealth?.() ?? inlineStoreHealth(store);
        const stages = ctx.stages();
        const models = stages
          .filter((x) => ['wake', 'vad', 'asr', 'reply'].includes(x.stage))
          .map((m) => ({ stage: m.stage, name: m.name, ready: m.ready, ...(m.note ? { note: m.note } : {}) }));
        const problems = [...snap.problems];
        for (const m of models) if (!m.ready) problems.push(`${m.stage} (${m.name}) is not ready${m.note ? `: ${m.note}` : ''}`);
        const database: HealthReport['database'] = {
          ok: snap.ok,
          path: store.file,
          freeBytes: snap.freeBytes,
          pendingWrites: snap.pendingWrites,
          ...(snap.ok ? {} : { error: snap.problems.join('; ') }),
        };
        return {
          ok: problems.length === 0,
          problems,
          models,
          broker: { connected: ctx.offload()?.online() ?? false, url: redactUrl(ctx.brokerUrl()), queued: snap.queued },
          database,
        };
      },
    },
  };
}

/** /health for a caller without a monitor (tests wiring the services alone): one probe, now. */
function inlineStoreHealth(store: KioskStore): StoreHealthSnapshot {
  try {
    store.db.prepare('SELECT 1').get();
    return { ok: true, problems: [], freeBytes: null, pendingWrites: 0, queued: store.outbox.openCount(), lastWriteOkAt: null };
  } catch (err) {
    const problems = [`database unreadable: ${(err as Error).message}`];
    return { ok: false, problems, freeBytes: null, pendingWrites: 0, queued: 0, lastWriteOkAt: null };
  }
}
