import type { AskResult, KnowledgeInfo } from '../contracts/api.ts';
import type { AudioFrame, SpeechSegment, StageInfo, WakeDetection } from '../contracts/audio.ts';
import type { Transcript } from '../contracts/audio.ts';
import type { Route } from '../contracts/events.ts';

/**
 * What the pipeline needs from each stage, as small interfaces of its own. The composition root
 * (kiosk-engine.ts) adapts the real stage classes to these, so the runner never depends on a stage's
 * internals and a stage can change its API without touching the state machine.
 */
type MaybePromise<T> = T | Promise<T>;

/** Scores frames for the wake word; null until one is heard. */
export interface WakePort {
  process(frame: AudioFrame): MaybePromise<WakeDetection | null>;
  /** Clears internal buffers so audio from before a reply cannot trigger the next wake. */
  reset(): void;
  info(): StageInfo;
}

export type EndpointEvent =
  { type: 'voice-started'; atMs: number } | { type: 'voice-stopped'; segment: SpeechSegment };

/** Voice activity → start and end of one utterance. */
export interface EndpointPort {
  process(frame: AudioFrame): MaybePromise<EndpointEvent[]>;
  reset(): void;
  info(): StageInfo;
}

export interface AnswerRequest {
  text: string;
  correlationId: string;
  signal: AbortSignal;
  onToken?: (text: string) => void;
  /** The routing decision, before any answer text, so the route event precedes the reply. */
  onRoute?: (route: Route, reason: string) => void;
  /** For spoken questions: the transcript with the recognizer's alternatives, decided on jointly with the knowledge. */
  heard?: Transcript;
}

/** The router + reply stage: one question in, one grounded answer out (streamed through onToken). */
export interface ReplyPort {
  answer(request: AnswerRequest): Promise<AskResult>;
  info(): StageInfo;
}

/** One finished shopper interaction as stored in SQLite. */
export interface InteractionRecord {
  correlationId: string;
  trigger: 'wake' | 'tap' | 'typed';
  question: string;
  transcript: Transcript | null;
  result: AskResult;
  startedAt: string;
}

export interface InteractionSink {
  record(interaction: InteractionRecord): MaybePromise<void>;
}

/** Where meeting dictation goes: segments into the meeting, a summary job when it stops. */
export interface MeetingSink {
  addSegment(meetingId: string, text: string): MaybePromise<{ segmentId: number }>;
}

/**
 * Carries out a staff voice command ("start a meeting", …) once the reply stage has allowed it and
 * its acknowledgement has been spoken. It checks the staff session again: a logout in between wins.
 */
export interface StaffCommandPort {
  run(command: NonNullable<AskResult['action']>, correlationId: string): MaybePromise<void>;
}

/** The shop's knowledge base, for the UI's suggested questions and staff's reload. */
export interface KnowledgeSource {
  suggestions(): string[];
  reload(): { sections: number };
  /** The shop's name and section titles, so the UI names sources by title, not id. */
  overview(): KnowledgeInfo;
  /** How many sections are loaded now (the owner's panel shows it). */
  sections?(): number;
}
