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

  // wake word (staff): train the shop's own keyword, try it, switch to it or back
  'wake-status': { args: Record<string, never>; result: WakeStatus };
  'wake-train-start': { args: { phrase: string; minutes?: number }; result: WakeStatus };
  'wake-train-cancel': { args: Record<string, never>; result: WakeStatus };
  'wake-try': { args: { model: string | null }; result: WakeStatus };
  'wake-activate': { args: { model: string }; result: WakeStatus };
  'wake-rollback': { args: Record<string, never>; result: WakeStatus };
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
  'wake-status',
  'wake-train-start',
  'wake-train-cancel',
  'wake-try',
  'wake-activate',
  'wake-rollback',
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

/** A keyword model the kiosk can wake on: a manifest id (hey_jarvis) or a trained file. */
export interface WakeModelRow {
  /** What wake.keywords holds: a manifest id or the .onnx path. */
  model: string;
  keyword: string;
  phrase: string;
  threshold: number;
  licence: string;
  /** Held-back validation figures of a trained model (recall 0–1, false accepts per hour). */
  recall?: number;
  faPerHour?: number;
  trainedAt?: string;
}

/** The wake word as staff see it: what is active, what can be rolled back to, training and try-it state. */
export interface WakeStatus {
  active: WakeModelRow[];
  previous: string[] | null;
  models: WakeModelRow[];
  training: {
    state: 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
    phrase?: string;
    fraction?: number;
    etaSec?: number;
    detail?: string;
    error?: string;
    /** The model written by the last successful run. */
    model?: string;
  };
  trying: { model: string; score: number; peak: number; detections: number } | null;
}

/** What the event stream (WebSocket /events) sends: pipeline events, one JSON object per message. */
export type EngineStreamMessage = PipelineEvent;
