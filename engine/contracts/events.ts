import type { EngineErrorData } from './errors.ts';
import type { Transcript } from './audio.ts';

export type Route = 'fast' | 'local-llm' | 'retrieval' | 'offload';
export type JobState = 'pending' | 'sent' | 'accepted' | 'done' | 'failed';
export type JobKind = 'summarize' | 'answer';

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
    /** The kiosk is unsure what was asked: show these candidate questions as buttons (a tap answers one). */
    | { type: 'did-you-mean'; candidates: string[]; confidence: number }
    | { type: 'speak-started' }
    | { type: 'speak-stopped'; interrupted: boolean }
    | { type: 'idle'; reason: 'done' | 'no-speech' | 'cancelled' | 'error' }
    | { type: 'job'; jobId: string; kind: JobKind; state: JobState; attempts: number; lastError?: string }
    | { type: 'connectivity'; online: boolean; queued: number }
    | { type: 'meeting'; meetingId: string; state: 'started' | 'stopped' }
    | { type: 'meeting-segment'; meetingId: string; text: string }
    | { type: 'summary'; meetingId: string; jobId: string; text: string }
    | { type: 'notice'; level: 'info' | 'warning'; code: string; message: string }
    | { type: 'error'; error: EngineErrorData }
  );

export type PipelineEventType = PipelineEvent['type'];
export type EventOf<T extends PipelineEventType> = Extract<PipelineEvent, { type: T }>;
