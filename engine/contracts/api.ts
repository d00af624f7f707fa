import type { EngineErrorData } from './errors.ts';
import type { JobKind, JobState, PipelineEvent, Route } from './events.ts';

/**
 * The one typed API between the engine and its clients (renderer over HTTP/WebSocket or Electron IPC,
 * tests in-process). Names are `domain-verb` (after Actual Budget's handler maps); the HTTP routes, the
 * IPC bridge and the client's `send<K>()` are all derived from this map.
 */
export interface EngineApi {
  // conversation (shoppers)
  'conversation-tap-start': { args: Record<string, never>; result: { correlationId: string } };
  'conversation-tap-stop': { args: Record<string, never>; result: { correlationId: string | null } };
  'conversation-ask': { args: { text: string }; result: AskResult };
  'conversation-cancel': { args: Record<string, never>; result: { cancelled: boolean } };
  /** Answers one of the "Did you mean …?" candidates on screen (index into the did-you-mean event's list). */
  'conversation-choose': { args: { index: number }; result: { correlationId: string | null } };
  'knowledge-suggestions': { args: Record<string, never>; result: { questions: string[] } };

  // staff
  'staff-login': { args: { pin: string }; result: { token: string; expiresAt: string } };
  'staff-logout': { args: Record<string, never>; result: { ok: true } };
  'knowledge-reload': { args: Record<string, never>; result: { sections: number } };

  // meetings (staff)
  'meetings-start': { args: { title: string }; result: MeetingRow };
  'meetings-stop': { args: { meetingId: string }; result: MeetingRow };
  'meetings-add-segment': { args: { meetingId: string; text: string }; result: { segmentId: number } };
  'meetings-list': { args: Record<string, never>; result: { meetings: MeetingRow[] } };
  'meetings-summarize': { args: { meetingId: string }; result: { jobId: string; state: JobState } };
  'summaries-list': { args: Record<string, never>; result: { summaries: SummaryRow[] } };
  'outbox-list': { args: Record<string, never>; result: { jobs: OutboxJobRow[] } };
  'outbox-retry': { args: { jobId: string }; result: { jobId: string; state: JobState } };

  // system
  'system-status': { args: Record<string, never>; result: SystemStatus };
}

export type EngineApiName = keyof EngineApi;
export type ApiArgs<K extends EngineApiName> = EngineApi[K]['args'];
export type ApiResult<K extends EngineApiName> = EngineApi[K]['result'];
export type ApiReply<K extends EngineApiName> = { ok: true; value: ApiResult<K> } | { ok: false; error: EngineErrorData };

/** Names that need a logged-in staff session. */
export const STAFF_ONLY: ReadonlySet<EngineApiName> = new Set<EngineApiName>([
  'staff-logout',
  'knowledge-reload',
  'meetings-start',
  'meetings-stop',
  'meetings-add-segment',
  'meetings-list',
  'meetings-summarize',
  'summaries-list',
  'outbox-list',
  'outbox-retry',
]);

export interface AskResult {
  correlationId: string;
  route: Route;
  reason: string;
  answer: string;
  sources: string[];
  ttftMs: number;
  totalMs: number;
  /** Set when a fuller answer was queued for the cloud (offline, or the router offloaded). */
  queuedJobId?: string;
  /** A recognised staff voice command the pipeline should carry out (the answer only acknowledges it). */
  action?: 'meeting-start' | 'meeting-stop' | 'meeting-summarize';
  /** One calibrated 0–1 confidence for the whole interaction (what was heard × how well it matched the shop). */
  confidence?: number;
  /**
   * Set instead of an answer when the kiosk is unsure what was asked: the 2–3 questions it may have
   * heard, shown as "Did you mean …?" buttons; `answer` then says the question out loud.
   */
  didYouMean?: string[];
  /** True when the kiosk declined to answer (not known, or not listed): it offered staff instead. */
  declined?: boolean;
}

export interface MeetingRow {
  id: string;
  title: string;
  staff: string | null;
  startedAt: string;
  endedAt: string | null;
  segments: number;
}

export interface SummaryRow {
  meetingId: string;
  jobId: string;
  text: string;
  model: string;
  createdAt: string;
}

export interface OutboxJobRow {
  jobId: string;
  kind: JobKind;
  state: JobState;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  meetingId: string | null;
}

export interface SystemStatus {
  online: boolean;
  queued: number;
  micAvailable: boolean;
  wakePhrase: string;
  stages: { stage: string; name: string; ready: boolean; note?: string }[];
  /** Set by the API: true while the documented first-run staff PIN (1234) is still in force. */
  staffPinIsDefault?: boolean;
}

/** What the event stream (WebSocket /events) sends: pipeline events, one JSON object per message. */
export type EngineStreamMessage = PipelineEvent;
