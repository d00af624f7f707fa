import type { ApiDeps, HealthReport, WakeModelsPort } from '../api/deps.ts';
import type { MeetingRow, SystemStatus } from '../contracts/api.ts';
import type { JobState } from '../contracts/events.ts';
import type { StageInfo } from '../contracts/audio.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { Logger } from '../log/logger.ts';
import type { KioskStore } from '../store/kiosk-store.ts';
import { toOutboxRow, type OutboxJob } from '../store/summary-outbox.ts';
import type { ConversationRunner } from './conversation-runner.ts';
import type { EventBus } from './event-bus.ts';
import type { OffloadLink } from './offload-wiring.ts';
import type { KnowledgeSource } from './stage-ports.ts';

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
  brokerUrl: () => string | null;
}

/** Publishes a job's state so the UI's outbox view and "offline, N queued" banner update live. */
export function publishJob(ctx: Pick<ServiceContext, 'bus'>, job: OutboxJob): void {
  const e = {
    type: 'job' as const,
    correlationId: job.jobId,
    atMs: ctx.bus.now(),
    jobId: job.jobId,
    kind: job.kind,
    state: job.state,
    attempts: job.attempts,
  };
  ctx.bus.publish(job.lastError ? { ...e, lastError: job.lastError } : e);
}

/**
 * Adapts the engine's services to the API's ports. Meetings are the one place two services meet:
 * starting one switches the conversation into dictation, stopping one flushes the last words and
 * queues the summary job in the same step, so "stop → summary queued" holds even offline.
 */
export function createApiDeps(ctx: ServiceContext): ApiDeps {
  const { store, runner } = ctx;

  /** Through the offload client when there is one (it sends at once and emits job events), else just the outbox. */
  const queueSummary = (meetingId: string): { jobId: string; state: JobState } => {
    const link = ctx.offload();
    if (link) return link.enqueueSummary(meetingId);
    const job = store.outbox.enqueueSummary(meetingId);
    publishJob(ctx, job);
    return { jobId: job.jobId, state: job.state };
  };

  const status = (): SystemStatus => ({
    online: ctx.offload()?.online() ?? false,
    queued: store.outbox.openCount(),
    micAvailable: ctx.micAvailable(),
    wakePhrase: typeof ctx.wakePhrase === 'function' ? ctx.wakePhrase() : ctx.wakePhrase,
    stages: ctx
      .stages()
      .map((s) => ({ stage: s.stage, name: s.name, ready: s.ready, ...(s.note ? { note: s.note } : {}) })),
  });

  return {
    conversation: {
      tapStart: () => runner.tapStart(),
      tapStop: () => runner.tapStop(),
      ask: (text) => runner.ask(text),
      cancel: () => runner.cancel(),
    },
    knowledge: {
      suggestions: () => ctx.knowledge?.suggestions() ?? [],
      reload: () => {
        if (!ctx.knowledge)
          throw new EngineError('unavailable', 'no knowledge base is loaded', { stage: 'reply' });
        return ctx.knowledge.reload();
      },
    },
    meetings: {
      start(title: string, staff: string | null): MeetingRow {
        if (runner.phase === 'meeting')
          throw new EngineError('conflict', 'a meeting is already being recorded', { stage: 'pipeline' });
        const m = store.meetings.start({ title, staff });
        runner.startMeeting(m.id);
        return store.meetings.require(m.id);
      },
      async stop(meetingId: string): Promise<MeetingRow> {
        store.meetings.require(meetingId);
        if (runner.phase === 'meeting')
          await runner.stopMeeting(meetingId).catch((err: unknown) => {
            // Another meeting is running: stopping this (already ended) one only closes its row.
            if (!(err instanceof EngineError && err.code === 'conflict')) throw err;
          });
        const row = store.meetings.stop(meetingId);
        if (store.meetings.transcript(meetingId)) queueSummary(meetingId);
        else ctx.log.info('meeting stopped with no transcript; no summary queued', { meetingId });
        return row;
      },
      addSegment: (meetingId, text) => {
        const segmentId = store.meetings.addSegment(meetingId, text);
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
      health(): HealthReport {
        const s = status();
        let database: HealthReport['database'] = { ok: true, path: store.file };
        try {
          store.db.prepare('SELECT 1').get();
        } catch (err) {
          database = { ok: false, path: store.file, error: (err as Error).message };
        }
        const models = s.stages.filter((x) => ['wake', 'vad', 'asr', 'reply'].includes(x.stage));
        return {
          ok: database.ok && models.every((m) => m.ready),
          models,
          broker: { connected: s.online, url: ctx.brokerUrl(), queued: s.queued },
          database,
        };
      },
    },
    ...(ctx.wakeModels ? { wakeModels: ctx.wakeModels } : {}),
  };
}
