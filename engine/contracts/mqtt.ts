import type { JobKind } from './events.ts';

/**
 * The kiosk ↔ cloud job protocol (MQTT v5). docs/protocol.md is the prose version; these types are
 * what both sides compile against.
 */
export const PROTOCOL_SCHEMA = 'kiosk.job/1';

export const topics = {
  request: (deviceId: string) => `kiosk/v1/${deviceId}/req`,
  response: (deviceId: string) => `kiosk/v1/${deviceId}/res`,
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

export interface AnswerPayload {
  question: string;
  context?: string;
}

/** Response body, correlationData = job id. */
export type JobResponse =
  | { status: 'accepted'; jobId: string }
  | { status: 'result'; jobId: string; kind: JobKind; text: string; model: string; meetingId?: string }
  | { status: 'error'; jobId: string; code: JobErrorCode; message: string; retryable: boolean }
  | { status: 'unknown'; jobId: string };

export type JobErrorCode = 'conflict' | 'schema' | 'too-large' | 'backend' | 'bad-request';
