import type { EngineErrorData } from './errors.ts';
import type { JobKind, JobState, PipelineEvent, Route, StaffCallState } from './events.ts';
import type { SummaryOutline } from './mqtt.ts';

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

  // ── issue 12: staff calls, meeting lines, the owner's view (one block for an easy merge) ──
  'staff-call-raise': { args: { question?: string }; result: StaffCallRow };
  'staff-call-list': { args: Record<string, never>; result: { calls: StaffCallRow[] } };
  'staff-call-acknowledge': { args: { callId: string }; result: StaffCallRow };
  'staff-call-close': { args: { callId: string }; result: StaffCallRow };
  'meetings-lines': { args: { meetingId: string }; result: { lines: MeetingLine[] } };
  'meetings-edit-line': { args: { meetingId: string; lineId: number; text: string }; result: MeetingLine };
  'meetings-export': { args: { meetingId: string; format: 'markdown' | 'text' }; result: MeetingExport };
  'owner-report': { args: Record<string, never>; result: OwnerReport };
  'knowledge-status': { args: Record<string, never>; result: KnowledgeStatus };
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
  // issue 12 (staff-call-raise stays open: it is the shopper's button)
  'staff-call-list',
  'staff-call-acknowledge',
  'staff-call-close',
  'meetings-lines',
  'meetings-edit-line',
  'meetings-export',
  'owner-report',
  'knowledge-status',
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
  action?: 'meeting-start' | 'meeting-stop' | 'meeting-summarize' | 'staff-call';
  /** Set when this question raised a staff call (a "yes" to the offer, or "can I speak to someone"). */
  staffCallId?: string;
}

export interface MeetingRow {
  id: string;
  title: string;
  staff: string | null;
  startedAt: string;
  endedAt: string | null;
  segments: number;
  /** Why it ended: 'stopped', 'kiosk restarted', 'kiosk stopped', 'maximum length reached'. */
  endReason?: string | null;
}

export interface SummaryRow {
  meetingId: string;
  jobId: string;
  text: string;
  model: string;
  createdAt: string;
  /** Gist, decisions and action items, read from the summary's text layout. */
  outline?: SummaryOutline;
  /** When this summary was asked for; the newest request is the meeting's current summary. */
  requestedAt?: string;
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
  /** False until a staff PIN has been set (`voice-kiosk staff set-pin`): the staff screen says how. */
  staffPinSet?: boolean;
  /** True while a meeting dictates: voice questions wait, typing and tapping still work. */
  voicePaused?: boolean;
}

/** A shopper's request for a person, as staff screens list it. */
export interface StaffCallRow {
  id: string;
  state: StaffCallState;
  trigger: 'button' | 'asked' | 'offer';
  question: string | null;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
}

export interface MeetingLine {
  id: number;
  text: string;
  createdAt: string;
  editedAt: string | null;
}

export interface MeetingExport {
  filename: string;
  mimeType: string;
  text: string;
}

/** One group of questions the kiosk could not answer well, newest first. */
export interface UnansweredGroup {
  category: 'declined' | 'low-confidence' | 'did-you-mean' | 'staff-call';
  question: string;
  count: number;
  lastAskedAt: string;
}

/** The owner's view: what shoppers asked today and what the kiosk could not answer. */
export interface OwnerReport {
  today: { date: string; questions: number; answered: number; declined: number; lowConfidence: number; staffCalls: number };
  unanswered: UnansweredGroup[];
}

export interface KnowledgeStatus {
  sections: number | null;
  loadedAt: string | null;
  /** The last load or reload error, in plain words (which file, what is wrong), or null. */
  error: string | null;
}

/** What the event stream (WebSocket /events) sends: pipeline events, one JSON object per message. */
export type EngineStreamMessage = PipelineEvent;
