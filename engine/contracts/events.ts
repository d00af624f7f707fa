import type { EngineErrorData } from './errors.ts';
import type { Transcript } from './audio.ts';

export type Route = 'fast' | 'local-llm' | 'retrieval' | 'offload';
export type JobState = 'pending' | 'sent' | 'accepted' | 'done' | 'failed';
/** `staff-call`: a notice for staff phones and pagers (published once, no cloud result). */
export type JobKind = 'summarize' | 'answer' | 'staff-call';
export type StaffCallState = 'raised' | 'acknowledged' | 'closed';

/** Every event names the interaction it belongs to and when it happened, in ms since the engine started. */
interface Base {
  correlationId: string;
  atMs: number;
}

/**
 * The one vocabulary between stages, the pipeline and the UI (after Wyoming: requests are verbs,
 * answers are nouns). Raw PCM never appears here, so nothing audio-sized reaches the renderer.
 */
export type PipelineEvent = Base &
  (
    | { type: 'wake'; keyword: string; score: number }
    | { type: 'listening'; trigger: 'wake' | 'tap' }
    | { type: 'voice-started' }
    | { type: 'voice-stopped'; startMs: number; endMs: number }
    | { type: 'transcript-partial'; text: string }
    | ({ type: 'transcript' } & Transcript)
    | { type: 'route'; route: Route; reason: string }
    | { type: 'reply-token'; text: string }
    | { type: 'reply'; text: string; route: Route; sources: string[]; ttftMs: number; totalMs: number }
    | { type: 'speak-started' }
    | { type: 'speak-stopped'; interrupted: boolean }
    | { type: 'idle'; reason: 'done' | 'no-speech' | 'cancelled' | 'error' }
    | { type: 'job'; jobId: string; kind: JobKind; state: JobState; attempts: number; lastError?: string }
    | { type: 'connectivity'; online: boolean; queued: number }
    | { type: 'meeting'; meetingId: string; state: 'started' | 'stopped' }
    | { type: 'meeting-segment'; meetingId: string; text: string }
    | { type: 'summary'; meetingId: string; jobId: string; text: string }
    /** A shopper asked for a person; shoppers see it too ("A colleague has been notified"). */
    | {
        type: 'staff-call';
        callId: string;
        state: StaffCallState;
        question: string | null;
        /** Who pressed "On my way" (acknowledged) or closed it. */
        staff: string | null;
        raisedAt: string;
      }
    /** The microphone belongs to meeting dictation (voice questions paused) or back to shoppers. */
    | { type: 'voice-questions'; paused: boolean; reason: 'meeting' | null }
    | { type: 'notice'; level: 'info' | 'warning'; code: string; message: string }
    | { type: 'error'; error: EngineErrorData }
  );

export type PipelineEventType = PipelineEvent['type'];
export type EventOf<T extends PipelineEventType> = Extract<PipelineEvent, { type: T }>;

/**
 * Where a stage publishes events without knowing who listens: the pipeline's EventBus is one, a test's
 * array is another. Stages take this type so they never import the pipeline.
 */
export interface EventSink {
  publish(event: PipelineEvent): void;
  /** Milliseconds since the engine started: the `atMs` clock. */
  now(): number;
}
