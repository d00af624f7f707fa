import type { AskResult } from '../contracts/api.ts';
import type { Transcript } from '../contracts/audio.ts';
import type { EngineErrorData } from '../contracts/errors.ts';
import type { IdleReason, Route } from '../contracts/events.ts';

/**
 * Types of the conversation state machine. The reducer (conversation-reducer.ts) is pure: the runner
 * feeds it inputs (things that happened) and carries out the effects (things to do) it returns.
 */
export type Phase = 'idle' | 'listening' | 'transcribing' | 'replying' | 'speaking';

/** A staff voice command the reply stage allowed (a staff member is logged in); run after its acknowledgement. */
export type StaffCommand = Exclude<NonNullable<AskResult['action']>, 'staff-call'>;

/**
 * The shopper's turn, and beside it whether a staff meeting owns the microphone. A meeting is not a
 * phase of its own, so typed and tapped questions go on while one records; only voice turns wait.
 */
export type ConversationState = TurnState & { meetingId?: string };

export type TurnState =
  | { phase: 'idle' }
  | {
      phase: 'listening';
      correlationId: string;
      trigger: 'wake' | 'tap';
      heardSpeech: boolean;
      /**
       * Stream time of the wake detection that opened this turn. The pre-roll replayed from before it
       * holds the wake phrase's own tail, so a voiced run that ends about then is the wake word, not
       * the question; cleared once that run has been set aside.
       */
      wakeAtMs?: number;
      /** The "Did you mean …?" candidates this turn may answer ("yes", "the second one"). */
      offered?: string[];
    }
  | { phase: 'transcribing'; correlationId: string; trigger: 'wake' | 'tap' | 'typed'; offered?: string[] }
  | {
      phase: 'replying';
      correlationId: string;
      trigger: 'wake' | 'tap' | 'typed';
      question: string;
      transcript: Transcript | null;
    }
  | {
      phase: 'speaking';
      correlationId: string;
      answer: string;
      /** A staff command to carry out once the acknowledgement has been spoken (not if interrupted). */
      command?: StaffCommand;
      /** "Did you mean …?" candidates just offered: the kiosk listens for the choice when it has said them. */
      offered?: string[];
    }

export interface ReplyOutcome {
  answer: string;
  route: Route;
  reason: string;
  sources: string[];
  ttftMs: number;
  totalMs: number;
  queuedJobId?: string;
  /** A staff command is set only when the reply stage allowed it (a staff member is logged in). */
  action?: AskResult['action'];
  /** The staff call this question raised, for the shopper's "A colleague has been notified". */
  staffCallId?: string;
  confidence?: number;
  /** The kiosk was unsure: these candidate questions were offered instead of an answer. */
  didYouMean?: string[];
  declined?: boolean;
}

/** Things that happened. Results of async work carry the correlation id they were started for. */
export type ConversationInput =
  /** `streamMs`: stream time of the detection (the audio clock, not the bus clock). */
  | { type: 'wake'; correlationId: string; keyword: string; score: number; streamMs?: number }
  | { type: 'tap'; correlationId: string }
  /** The shopper ended a tap-to-talk turn (released the button): endpoint now. */
  | { type: 'tap-stop' }
  | { type: 'typed'; correlationId: string; text: string }
  /** The shopper tapped "Did you mean …?" candidate `index`; a new interaction answers it at once. */
  | { type: 'choose'; correlationId: string; index: number }
  | { type: 'voice-started'; correlationId: string }
  | { type: 'voice-stopped'; correlationId: string; startMs: number; endMs: number }
  | { type: 'no-speech-timeout'; correlationId: string }
  | { type: 'transcript'; correlationId: string; transcript: Transcript }
  | { type: 'asr-failed'; correlationId: string; error: EngineErrorData }
  | { type: 'reply-done'; correlationId: string; outcome: ReplyOutcome }
  | { type: 'reply-failed'; correlationId: string; error: EngineErrorData }
  | { type: 'speak-done'; correlationId: string; interrupted: boolean }
  | { type: 'cancel' }
  | { type: 'meeting-start'; meetingId: string }
  | { type: 'meeting-stop'; meetingId: string };

export type InputType = ConversationInput['type'];

export type { IdleReason };

/** Things to do, as data so the table can be tested without audio, models or timers. */
export type Effect =
  | { type: 'reset-wake' }
  | { type: 'start-asr'; correlationId: string; mode: 'kiosk' }
  | { type: 'finish-asr'; correlationId: string }
  | { type: 'cancel-asr'; correlationId: string }
  | { type: 'start-no-speech-timer'; correlationId: string }
  | { type: 'clear-no-speech-timer' }
  | {
      type: 'start-reply';
      correlationId: string;
      question: string;
      /** What the recognizer heard (with its alternatives), for spoken questions; absent when typed or chosen. */
      heard?: Transcript;
    }
  | { type: 'cancel-reply'; correlationId: string }
  | { type: 'speak'; correlationId: string; text: string }
  | { type: 'stop-speaking'; correlationId: string }
  | { type: 'play-cue'; cue: 'listening' | 'no-speech' | 'error' }
  | {
      type: 'store-interaction';
      correlationId: string;
      trigger: 'wake' | 'tap' | 'typed';
      question: string;
      transcript: Transcript | null;
      outcome: ReplyOutcome;
    }
  | { type: 'emit-listening'; correlationId: string; trigger: 'wake' | 'tap' }
  | { type: 'emit-idle'; correlationId: string; reason: IdleReason }
  | { type: 'emit-error'; correlationId: string; error: EngineErrorData }
  | { type: 'start-dictation'; meetingId: string }
  /** Ends meeting dictation: the last segment is transcribed and stored (the runner awaits it). */
  | { type: 'stop-dictation'; meetingId: string }
  | { type: 'run-staff-command'; correlationId: string; command: StaffCommand };

export interface Transition {
  state: ConversationState;
  effects: Effect[];
  /** Set when the input is not allowed in this state (or belongs to an earlier interaction): nothing changes. */
  refused?: string;
}
