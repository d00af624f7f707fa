import type {
  AskResult,
  KnowledgeInfo,
  KnowledgeStatus,
  MeetingExport,
  MeetingLine,
  MeetingRow,
  OutboxJobRow,
  OwnerReport,
  StaffCallRow,
  SummaryRow,
  SystemStatus,
  WakeStatus,
} from '../../contracts/api.ts';
import type { JobState } from '../../contracts/events.ts';

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
  /** The shopper tapped a "Did you mean …?" candidate. */
  choose(index: number): MaybePromise<{ correlationId: string | null }>;
}

/** The shop's knowledge base as the UI sees it. */
export interface KnowledgePort {
  suggestions(): MaybePromise<string[]>;
  info(): MaybePromise<KnowledgeInfo>;
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
  /** Why `ok` is false, one sentence each (disk full, database locked, a model missing…). */
  problems?: string[];
  models: { stage: string; name: string; ready: boolean; note?: string }[];
  /** `url` never carries credentials (user:password are masked). */
  broker: { connected: boolean; url: string | null; queued: number };
  database: { ok: boolean; path: string | null; error?: string; freeBytes?: number | null; pendingWrites?: number };
}

// ── issue 12 ──
/** Shoppers' calls for a person; `staff` is the session's staff name. */
export interface StaffCallsPort {
  raise(question: string | null): MaybePromise<StaffCallRow>;
  list(): MaybePromise<StaffCallRow[]>;
  acknowledge(callId: string, staff: string | null): MaybePromise<StaffCallRow>;
  close(callId: string, staff: string | null): MaybePromise<StaffCallRow>;
}

/** A meeting's lines: read (always, after reload or restart), corrected, exported. */
export interface MeetingLinesPort {
  lines(meetingId: string): MaybePromise<MeetingLine[]>;
  editLine(meetingId: string, lineId: number, text: string): MaybePromise<MeetingLine>;
  exportMeeting(meetingId: string, format: 'markdown' | 'text'): MaybePromise<MeetingExport>;
}

/** The owner's view: unanswered questions, the day's totals, the knowledge files' state. */
export interface OwnerPort {
  report(): MaybePromise<OwnerReport>;
  knowledgeStatus(): MaybePromise<KnowledgeStatus>;
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
  staffCalls: StaffCallsPort;
  meetingLines: MeetingLinesPort;
  owner: OwnerPort;
  /** Absent when the kiosk runs without a wake stage; the wake-* names then answer 'unavailable'. */
  wakeModels?: WakeModelsPort;
}
