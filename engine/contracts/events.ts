import { z } from 'zod';
import type { EngineErrorData } from './errors.ts';
import type { Transcript } from './audio.ts';

export const routeSchema = z.enum(['fast', 'local-llm', 'retrieval', 'offload']);
export type Route = z.infer<typeof routeSchema>;
export const jobStateSchema = z.enum(['pending', 'sent', 'accepted', 'done', 'failed']);
export type JobState = z.infer<typeof jobStateSchema>;
/** `staff-call`: a notice for staff phones and pagers (published once, no cloud result). */
export const jobKindSchema = z.enum(['summarize', 'answer', 'staff-call']);
/** What the cloud summarizer is asked to do (a staff call never goes to the cloud). */
export const cloudJobKindSchema = z.enum(['summarize', 'answer']);
export type CloudJobKind = z.infer<typeof cloudJobKindSchema>;
export type JobKind = z.infer<typeof jobKindSchema>;
/** Why a conversation went back to idle: the pipeline's reducer, the event and the UI all use this one. */
export const idleReasonSchema = z.enum(['done', 'no-speech', 'cancelled', 'error']);
export type IdleReason = z.infer<typeof idleReasonSchema>;
export const staffCallStateSchema = z.enum(['raised', 'acknowledged', 'closed']);
export type StaffCallState = z.infer<typeof staffCallStateSchema>;

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
    | {
        type: 'reply';
        text: string;
        route: Route;
        sources: string[];
        ttftMs: number;
        totalMs: number;
        /** The kiosk does not know or does not list what was asked, and offered staff instead. */
        declined?: boolean;
      }
    /** The kiosk is unsure what was asked: show these candidate questions as buttons (a tap answers one). */
    | { type: 'did-you-mean'; candidates: string[]; confidence: number }
    | { type: 'speak-started' }
    | { type: 'speak-stopped'; interrupted: boolean }
    | { type: 'idle'; reason: IdleReason }
    | { type: 'job'; jobId: string; kind: JobKind; state: JobState; attempts: number; lastError?: string }
    | { type: 'connectivity'; online: boolean; queued: number }
    | { type: 'meeting'; meetingId: string; state: 'started' | 'stopped' }
    | { type: 'meeting-segment'; meetingId: string; text: string }
    | { type: 'summary'; meetingId: string; jobId: string; text: string; source: 'cloud' | 'device' }
    /** The cloud's fuller answer to a question the kiosk answered briefly (correlationId: that interaction). */
    | { type: 'fuller-answer'; jobId: string; text: string }
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
