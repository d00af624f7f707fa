import type { AskResult, MeetingRow, OutboxJobRow, SummaryRow, SystemStatus, WakeStatus } from '../contracts/api.ts';
import type { JobState } from '../contracts/events.ts';

/**
 * What the API handlers need from the engine, as small interfaces the composition root adapts the
 * real services to. Keeping them narrow means the API never reaches into a service's internals and a
 * test can wire the API to the real services without the rest of the pipeline.
 */
type MaybePromise<T> = T | Promise<T>;

/** The shopper conversation: tap-to-talk, typed questions, cancel. */
export interface ConversationPort {
  tapStart(): MaybePromise<{ correlationId: string }>;
  tapStop(): MaybePromise<{ correlationId: string | null }>;
  ask(text: string): MaybePromise<AskResult>;
  cancel(): MaybePromise<{ cancelled: boolean }>;
}

/** The shop's knowledge base as the UI sees it. */
export interface KnowledgePort {
  suggestions(): MaybePromise<string[]>;
  reload(): MaybePromise<{ sections: number }>;
}

/** Staff meetings; `staff` is the session's staff name, recorded with the meeting. */
export interface MeetingsPort {
  start(title: string, staff: string | null): MaybePromise<MeetingRow>;
  stop(meetingId: string): MaybePromise<MeetingRow>;
  addSegment(meetingId: string, text: string): MaybePromise<{ segmentId: number }>;
  list(): MaybePromise<MeetingRow[]>;
}

/** Summaries: asking for one queues an offload job; landed ones are read from the local cache. */
export interface SummariesPort {
  summarize(meetingId: string): MaybePromise<{ jobId: string; state: JobState }>;
  list(): MaybePromise<SummaryRow[]>;
}

/** The offload outbox as staff see it. */
export interface OutboxPort {
  list(): MaybePromise<OutboxJobRow[]>;
  retry(jobId: string): MaybePromise<{ jobId: string; state: JobState }>;
}

/** Overall state for the UI (system-status) and for monitoring (GET /health). */
export interface StatusPort {
  status(): MaybePromise<SystemStatus>;
  health(): MaybePromise<HealthReport>;
}

/** GET /health body; `ok` is false when the database is down or a required model is missing. */
export interface HealthReport {
  ok: boolean;
  models: { stage: string; name: string; ready: boolean; note?: string }[];
  broker: { connected: boolean; url: string | null; queued: number };
  database: { ok: boolean; path: string | null; error?: string };
}

/** The shop's wake word: train a keyword model (in a child process), try it live, activate or roll back. */
export interface WakeModelsPort {
  status(): MaybePromise<WakeStatus>;
  train(phrase: string, minutes?: number): MaybePromise<WakeStatus>;
  cancel(): MaybePromise<WakeStatus>;
  tryModel(model: string | null): MaybePromise<WakeStatus>;
  activate(model: string): MaybePromise<WakeStatus>;
  rollback(): MaybePromise<WakeStatus>;
}

export interface ApiDeps {
  conversation: ConversationPort;
  knowledge: KnowledgePort;
  meetings: MeetingsPort;
  summaries: SummariesPort;
  outbox: OutboxPort;
  status: StatusPort;
  /** Absent when the kiosk runs without a wake stage; the wake-* names then answer 'unavailable'. */
  wakeModels?: WakeModelsPort;
}
