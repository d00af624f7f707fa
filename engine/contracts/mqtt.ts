import type { JobKind } from './events.ts';

/**
 * The kiosk ↔ cloud job protocol (MQTT v5). docs/protocol.md is the prose version; these types are
 * what both sides compile against.
 */
export const PROTOCOL_SCHEMA = 'kiosk.job/1';

export const topics = {
  request: (deviceId: string) => `kiosk/v1/${deviceId}/req`,
  response: (deviceId: string) => `kiosk/v1/${deviceId}/res`,
  /** Staff-call notices for staff phones and pagers (docs/protocol.md "Staff calls"). */
  staffCall: (deviceId: string) => `kiosk/v1/${deviceId}/staff-call`,
  /** Shared subscription so N summarizer workers split the load. */
  sharedRequests: '$share/summarizers/kiosk/v1/+/req',
} as const;

/** Request body (JSON, gzip-compressed above a threshold; see docs/protocol.md). */
export type JobRequest =
  | {
      op: 'job';
      jobId: string;
      deviceId: string;
      kind: JobKind;
      contentHash: string;
      createdAt: string;
      /** summarize: the meeting transcript; answer: the question and its context. */
      payload: SummarizePayload | AnswerPayload;
    }
  | { op: 'reconcile'; deviceId: string; jobIds: string[] };

export interface SummarizePayload {
  meetingId: string;
  title: string;
  transcript: string;
}

/** What a staff phone or pager receives on topics.staffCall (JSON, QoS 1, never compressed). */
export interface StaffCallPayload {
  schema: 'kiosk.staff-call/1';
  callId: string;
  deviceId: string;
  state: 'raised' | 'acknowledged' | 'closed';
  /** The shopper's question that led to the call, when there was one. */
  question: string | null;
  trigger: 'button' | 'asked' | 'offer';
  raisedAt: string;
  /** When this state began, and who (staff name) moved it there. */
  at: string;
  staff: string | null;
}

/** A summary staff can act on; the plain text of a result carries the same in a fixed layout. */
export interface SummaryOutline {
  gist: string;
  decisions: string[];
  actions: { who: string | null; what: string; by: string | null }[];
}

export interface AnswerPayload {
  question: string;
  context?: string;
}

/** Response body, correlationData = job id. */
export type JobResponse =
  | { status: 'accepted'; jobId: string }
  | {
      status: 'result';
      jobId: string;
      kind: JobKind;
      text: string;
      model: string;
      meetingId?: string;
      /** Optional (added for issue 12): the summary split into gist, decisions and action items. */
      outline?: SummaryOutline;
    }
  | { status: 'error'; jobId: string; code: JobErrorCode; message: string; retryable: boolean }
  | { status: 'unknown'; jobId: string };

export type JobErrorCode = 'conflict' | 'schema' | 'too-large' | 'backend' | 'bad-request';
