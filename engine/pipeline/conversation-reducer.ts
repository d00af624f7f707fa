import type {
  ConversationInput,
  ConversationState,
  Effect,
  IdleReason,
  InputType,
  Phase,
  ReplyOutcome,
  StaffCommand,
  Transition,
} from './conversation-types.ts';
import { resolveChoice } from './choice-words.ts';

/**
 * How long after the wake detection a voiced run may end and still be the wake phrase itself. The
 * detector fires between ~200 ms before and ~250 ms after the phrase ends (openWakeWord, espeak-ng /
 * flite / festival voices); a question said straight on top of the wake word runs on well past this.
 */
export const WAKE_TAIL_MS = 400;

type Table = Record<Phase, Partial<Record<InputType, readonly Phase[]>>>;

/**
 * Every allowed (phase, input) pair and the phases it may lead to. Anything missing is refused, so a
 * late ASR result can never move the conversation. Typed questions and barge-in (wake/tap while
 * replying or speaking) supersede whatever interaction is in flight. A meeting runs beside the turn
 * (state.meetingId): it starts from any phase (dropping the turn in flight), stops in any phase a
 * meeting can be in, and while it runs wake and tap are refused — the microphone is dictating.
 */
export const TRANSITIONS: Table = {
  idle: {
    wake: ['listening'],
    tap: ['listening'],
    typed: ['replying'],
    'meeting-start': ['idle'],
    'meeting-stop': ['idle'],
  },
  listening: {
    'voice-started': ['listening'],
    // A voiced run that is only the wake phrase's tail (in the pre-roll) keeps listening for the question.
    'voice-stopped': ['transcribing', 'listening'],
    'tap-stop': ['transcribing', 'idle'],
    'no-speech-timeout': ['idle'],
    typed: ['replying'],
    choose: ['replying'],
    cancel: ['idle'],
    'meeting-start': ['idle'],
  },
  transcribing: {
    transcript: ['replying', 'idle'],
    'asr-failed': ['idle'],
    typed: ['replying'],
    choose: ['replying'],
    cancel: ['idle'],
    'meeting-start': ['idle'],
  },
  replying: {
    'reply-done': ['speaking', 'idle'],
    'reply-failed': ['idle'],
    wake: ['listening'],
    tap: ['listening'],
    typed: ['replying'],
    cancel: ['idle'],
    'meeting-start': ['idle'],
    'meeting-stop': ['replying'],
  },
  speaking: {
    // After "Did you mean …?" the kiosk listens for "yes" / "the second one" without a wake word.
    'speak-done': ['idle', 'listening'],
    wake: ['listening'],
    tap: ['listening'],
    typed: ['replying'],
    choose: ['replying'],
    cancel: ['idle'],
    'meeting-start': ['idle'],
    'meeting-stop': ['speaking'],
  },
};

export const INITIAL_STATE: ConversationState = { phase: 'idle' };

/** The conversation as a pure function: what the next state is and what must be done to get there. */
export function reduce(state: ConversationState, input: ConversationInput): Transition {
  const allowed = TRANSITIONS[state.phase][input.type];
  if (!allowed) return refuse(state, `${input.type} is not allowed while ${state.phase}`);
  const current = 'correlationId' in state ? state.correlationId : null;
  if (isResult(input) && input.correlationId !== current) {
    return refuse(state, `${input.type} for ${input.correlationId} is stale (current: ${current ?? 'none'})`);
  }
  if (input.type === 'meeting-start' && state.meetingId) {
    return refuse(state, `meeting ${state.meetingId} is already being recorded`);
  }
  if (input.type === 'meeting-stop' && input.meetingId !== state.meetingId) {
    return refuse(state, `meeting ${input.meetingId} is not the running meeting (${state.meetingId ?? 'none'})`);
  }
  if ((input.type === 'wake' || input.type === 'tap') && state.meetingId) {
    return refuse(state, 'the microphone is recording a staff meeting; voice questions wait until it ends');
  }
  if (input.type === 'choose') {
    const offered = 'offered' in state ? state.offered : undefined;
    if (!offered?.[input.index]) return refuse(state, `no "did you mean" candidate ${input.index} is offered`);
  }
  if (input.type === 'no-speech-timeout' && state.phase === 'listening' && state.heardSpeech) {
    return refuse(state, 'speech already started; the endpointer ends this turn');
  }
  const stepped = step(state, input);
  // The meeting rides along with every turn change; only meeting-start/stop set or clear it.
  const next =
    state.meetingId && input.type !== 'meeting-stop' && input.type !== 'meeting-start'
      ? { ...stepped, state: { ...stepped.state, meetingId: state.meetingId } }
      : stepped;
  if (!allowed.includes(next.state.phase)) {
    // A bug in step(), not bad input: the table is the contract.
    throw new Error(
      `conversation: ${state.phase} --${input.type}--> ${next.state.phase} is not in the table`,
    );
  }
  return next;
}

/** Inputs that are the result of work started for one interaction (checked against the current id). */
function isResult(input: ConversationInput): input is Extract<ConversationInput, { correlationId: string }> {
  return (
    input.type !== 'wake' &&
    input.type !== 'tap' &&
    input.type !== 'typed' &&
    input.type !== 'choose' &&
    'correlationId' in input
  );
}

function refuse(state: ConversationState, reason: string): Transition {
  return { state, effects: [], refused: reason };
}

/** Stops whatever the interaction in flight is doing; returns the effects in the order to run them. */
function abandon(state: ConversationState): Effect[] {
  switch (state.phase) {
    case 'listening':
      return [{ type: 'clear-no-speech-timer' }, { type: 'cancel-asr', correlationId: state.correlationId }];
    case 'transcribing':
      return [{ type: 'cancel-asr', correlationId: state.correlationId }];
    case 'replying':
      return [{ type: 'cancel-reply', correlationId: state.correlationId }];
    case 'speaking':
      return [{ type: 'stop-speaking', correlationId: state.correlationId }];
    default:
      return [];
  }
}

function cancelledIdle(state: ConversationState): Effect[] {
  return 'correlationId' in state
    ? [{ type: 'emit-idle', correlationId: state.correlationId, reason: 'cancelled' }]
    : [];
}

function startListening(
  state: ConversationState,
  correlationId: string,
  trigger: 'wake' | 'tap',
  offered?: string[],
  wakeAtMs?: number,
): Transition {
  return {
    state: {
      phase: 'listening',
      correlationId,
      trigger,
      heardSpeech: false,
      ...(wakeAtMs !== undefined ? { wakeAtMs } : {}),
      ...(offered ? { offered } : {}),
    },
    effects: [
      ...abandon(state),
      ...cancelledIdle(state),
      // The detector hears audio again while the reply is said (a wake word interrupts it), long
      // before the idle reset: still holding the phrase that woke it, it woke the kiosk a second time
      // just after the reply, cancelling a "did you mean" on screen (loaded live-microphone runs).
      { type: 'reset-wake' },
      { type: 'start-asr', correlationId, mode: 'kiosk' },
      { type: 'emit-listening', correlationId, trigger },
      { type: 'play-cue', cue: 'listening' },
      { type: 'start-no-speech-timer', correlationId },
    ],
  };
}

/** A voiced run that began before the wake detection and ended by WAKE_TAIL_MS after it. */
function isWakeTail(wakeAtMs: number | undefined, run: { startMs: number; endMs: number }): boolean {
  return wakeAtMs !== undefined && run.startMs < wakeAtMs && run.endMs <= wakeAtMs + WAKE_TAIL_MS;
}

function toIdle(
  correlationId: string,
  reason: IdleReason,
  extra: Effect[] = [],
): Transition {
  return {
    state: { phase: 'idle' },
    effects: [...extra, { type: 'emit-idle', correlationId, reason }, { type: 'reset-wake' }],
  };
}

/** The actions the pipeline carries out itself; a staff call was already raised by the reply stage. */
function staffCommand(action: ReplyOutcome['action']): StaffCommand | undefined {
  return action === 'meeting-start' || action === 'meeting-stop' || action === 'meeting-summarize' ? action : undefined;
}

function runCommand(correlationId: string, command: StaffCommand | undefined): Effect[] {
  return command ? [{ type: 'run-staff-command', correlationId, command }] : [];
}

function step(state: ConversationState, input: ConversationInput): Transition {
  switch (input.type) {
    case 'wake':
      return startListening(state, input.correlationId, 'wake', undefined, input.streamMs);
    case 'tap':
      return startListening(state, input.correlationId, 'tap');
    case 'choose': {
      const question = (state as { offered: string[] }).offered[input.index] as string;
      return {
        state: { phase: 'replying', correlationId: input.correlationId, trigger: 'tap', question, transcript: null },
        effects: [
          ...abandon(state),
          ...cancelledIdle(state),
          { type: 'start-reply', correlationId: input.correlationId, question },
        ],
      };
    }
    case 'typed':
      return {
        state: {
          phase: 'replying',
          correlationId: input.correlationId,
          trigger: 'typed',
          question: input.text,
          transcript: null,
        },
        effects: [
          ...abandon(state),
          ...cancelledIdle(state),
          { type: 'start-reply', correlationId: input.correlationId, question: input.text },
        ],
      };
    case 'voice-started':
      if (state.phase !== 'listening') break;
      return { state: { ...state, heardSpeech: true }, effects: [{ type: 'clear-no-speech-timer' }] };
    case 'voice-stopped':
    case 'tap-stop':
      if (state.phase !== 'listening') break;
      if (input.type === 'voice-stopped' && isWakeTail(state.wakeAtMs, input)) {
        // Only the wake word was heard: its audio is dropped and the wait for the question starts now.
        const { wakeAtMs: _tail, ...rest } = state;
        return {
          state: { ...rest, heardSpeech: false },
          effects: [
            { type: 'cancel-asr', correlationId: state.correlationId },
            { type: 'start-asr', correlationId: state.correlationId, mode: 'kiosk' },
            { type: 'start-no-speech-timer', correlationId: state.correlationId },
          ],
        };
      }
      if (input.type === 'tap-stop' && !state.heardSpeech) {
        return toIdle(state.correlationId, 'no-speech', [
          ...abandon(state),
          { type: 'play-cue', cue: 'no-speech' },
        ]);
      }
      return {
        state: {
          phase: 'transcribing',
          correlationId: state.correlationId,
          trigger: state.trigger,
          ...(state.offered ? { offered: state.offered } : {}),
        },
        effects: [
          { type: 'clear-no-speech-timer' },
          { type: 'finish-asr', correlationId: state.correlationId },
        ],
      };
    case 'no-speech-timeout':
      if (state.phase !== 'listening') break;
      return toIdle(state.correlationId, 'no-speech', [
        { type: 'cancel-asr', correlationId: state.correlationId },
        { type: 'play-cue', cue: 'no-speech' },
      ]);
    case 'transcript': {
      if (state.phase !== 'transcribing') break;
      const question = input.transcript.text.trim();
      if (!question)
        return toIdle(state.correlationId, 'no-speech', [{ type: 'play-cue', cue: 'no-speech' }]);
      const choice = state.offered ? resolveChoice(question, state.offered) : null;
      if (choice === 'none') return toIdle(state.correlationId, 'done');
      if (typeof choice === 'number') {
        // "Yes" / "the second one": the chosen candidate is the question, answered as if tapped.
        const chosen = state.offered![choice]!;
        return {
          state: { phase: 'replying', correlationId: state.correlationId, trigger: state.trigger, question: chosen, transcript: input.transcript },
          effects: [{ type: 'start-reply', correlationId: state.correlationId, question: chosen }],
        };
      }
      return {
        state: {
          phase: 'replying',
          correlationId: state.correlationId,
          trigger: state.trigger,
          question,
          transcript: input.transcript,
        },
        effects: [{ type: 'start-reply', correlationId: state.correlationId, question, heard: input.transcript }],
      };
    }
    case 'asr-failed':
    case 'reply-failed':
      if (!('correlationId' in state)) break;
      return toIdle(state.correlationId, 'error', [
        { type: 'emit-error', correlationId: state.correlationId, error: input.error },
        { type: 'play-cue', cue: 'error' },
      ]);
    case 'reply-done': {
      if (state.phase !== 'replying') break;
      const store: Effect = {
        type: 'store-interaction',
        correlationId: state.correlationId,
        trigger: state.trigger,
        question: state.question,
        transcript: state.transcript,
        outcome: input.outcome,
      };
      const answer = input.outcome.answer.trim();
      const command = staffCommand(input.outcome.action);
      // During a meeting answers are shown, not spoken: the kiosk's voice must not land in the minutes.
      if (!answer || state.meetingId) {
        const idle = toIdle(state.correlationId, 'done', [store]);
        return { ...idle, effects: [...idle.effects, ...runCommand(state.correlationId, command)] };
      }
      return {
        state: {
          phase: 'speaking',
          correlationId: state.correlationId,
          answer,
          ...(command ? { command } : {}),
          ...(input.outcome.didYouMean?.length ? { offered: input.outcome.didYouMean } : {}),
        },
        effects: [store, { type: 'speak', correlationId: state.correlationId, text: answer }],
      };
    }
    case 'speak-done': {
      if (state.phase !== 'speaking') break;
      if (state.offered && !input.interrupted) {
        // The same interaction goes on: nothing to abandon, no idle in between.
        return startListening({ phase: 'idle' }, state.correlationId, 'wake', state.offered);
      }
      const idle = toIdle(state.correlationId, input.interrupted ? 'cancelled' : 'done');
      // Only a command whose acknowledgement was heard in full runs; an interrupted one is dropped.
      if (input.interrupted || !state.command) return idle;
      return { ...idle, effects: [...idle.effects, ...runCommand(state.correlationId, state.command)] };
    }
    case 'cancel':
      if (!('correlationId' in state)) break;
      return toIdle(state.correlationId, 'cancelled', abandon(state));
    case 'meeting-start':
      return {
        state: { phase: 'idle', meetingId: input.meetingId },
        effects: [
          ...abandon(state),
          ...cancelledIdle(state),
          { type: 'start-dictation', meetingId: input.meetingId },
        ],
      };
    case 'meeting-stop': {
      const { meetingId: _ended, ...turn } = state;
      return {
        state: turn,
        effects: [{ type: 'stop-dictation', meetingId: input.meetingId }, { type: 'reset-wake' }],
      };
    }
  }
  throw new Error(`conversation: no step for ${input.type} while ${state.phase}`);
}
