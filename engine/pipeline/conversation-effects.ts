import type { AskResult } from '../contracts/api.ts';
import type { Transcript } from '../contracts/audio.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { Logger } from '../log/logger.ts';
import type { CuePlayer } from '../tts/cue-player.ts';
import type { SpeechSynthesizer } from '../tts/speech-synthesizer.ts';
import type { Effect } from './conversation-types.ts';
import type { EventBus } from './event-bus.ts';
import type { MeetingDictation } from './meeting-dictation.ts';
import type { InteractionSink, ReplyPort, StaffCommandPort, WakePort } from './stage-ports.ts';
import { runReply, runSpeech, type TurnContext } from './turn-work.ts';
import type { TypedQuestions } from './typed-questions.ts';
import type { UtteranceCapture } from './utterance-capture.ts';

/** The stages effects act on, plus the turn context their results are reported back through. */
export interface EffectDeps extends TurnContext {
  wake: WakePort | null;
  reply: ReplyPort;
  tts: SpeechSynthesizer;
  interactions: InteractionSink;
  cues?: CuePlayer;
  /** No speech within this long after wake/tap → back to idle with a cue. */
  noSpeechTimeoutMs?: number;
  capture: UtteranceCapture;
  dictation: MeetingDictation;
  questions: TypedQuestions;
  /** Carries out allowed staff voice commands; without it they are reported as unavailable. */
  staffCommands?: StaffCommandPort;
}

/**
 * Carries out the conversation reducer's effects against the real stages: ASR turns are opened and
 * decoded, replies stream into events, answers are spoken and stored, typed questions are answered.
 * The reducer holds all the state; this class only holds the handles of work in flight.
 */
export class ConversationEffects {
  /** Reply and speech work in flight, by interaction; each entry is dropped when its work settles. */
  private readonly aborts = new Map<string, AbortController>();
  private readonly startedAt = new Map<string, string>();
  private noSpeechTimer: NodeJS.Timeout | null = null;
  /** The flush of the last dictated segment, started by the stop-dictation effect. */
  private dictationStopped: Promise<void> = Promise.resolve();

  constructor(private readonly deps: EffectDeps) {}

  /** Runs one effect; anything asynchronous reports back as a dispatched input, never a return value. */
  run(effect: Effect): void {
    const { bus } = this.deps;
    switch (effect.type) {
      case 'reset-wake':
        this.deps.wake?.reset();
        return;
      case 'start-asr':
        return this.startAsr(effect.correlationId);
      case 'finish-asr':
        return this.finishAsr(effect.correlationId);
      case 'cancel-asr':
        return this.deps.capture.cancel(effect.correlationId);
      case 'start-no-speech-timer':
        this.clearNoSpeechTimer();
        this.noSpeechTimer = setTimeout(
          () => this.deps.dispatch({ type: 'no-speech-timeout', correlationId: effect.correlationId }),
          this.deps.noSpeechTimeoutMs ?? 6000,
        );
        this.noSpeechTimer.unref();
        return;
      case 'clear-no-speech-timer':
        return this.clearNoSpeechTimer();
      case 'start-reply':
        return this.startReply(effect.correlationId, effect.question, effect.heard);
      case 'stop-speaking':
        this.abort(effect.correlationId);
        return;
      case 'cancel-reply':
        this.abort(effect.correlationId);
        this.deps.questions.settle(
          effect.correlationId,
          new EngineError('cancelled', 'the question was superseded or cancelled', { stage: 'pipeline' }),
        );
        return;
      case 'speak':
        return this.speak(effect.correlationId, effect.text);
      case 'play-cue':
        this.deps.cues?.play(effect.cue);
        return;
      case 'store-interaction':
        return this.store(effect);
      case 'emit-listening':
        this.startedAt.set(effect.correlationId, new Date().toISOString());
        this.log(effect.correlationId).info('listening', { trigger: effect.trigger });
        return this.emit({
          type: 'listening',
          correlationId: effect.correlationId,
          atMs: bus.now(),
          trigger: effect.trigger,
        });
      case 'emit-idle':
        this.startedAt.delete(effect.correlationId);
        this.log(effect.correlationId).info('idle', { reason: effect.reason });
        if (effect.reason !== 'done') {
          this.deps.questions.settle(
            effect.correlationId,
            new EngineError('cancelled', `the question ended: ${effect.reason}`, { stage: 'pipeline' }),
          );
        }
        return this.emit({
          type: 'idle',
          correlationId: effect.correlationId,
          atMs: bus.now(),
          reason: effect.reason,
        });
      case 'emit-error':
        this.log(effect.correlationId).error('interaction failed', { error: effect.error });
        this.deps.questions.settle(
          effect.correlationId,
          new EngineError(effect.error.code, effect.error.message, {
            stage: effect.error.stage ?? 'pipeline',
          }),
        );
        return this.emit({
          type: 'error',
          correlationId: effect.correlationId,
          atMs: bus.now(),
          error: effect.error,
        });
      case 'start-dictation':
        this.deps.log.info('meeting dictation on', { meetingId: effect.meetingId });
        return this.deps.dictation.start(effect.meetingId);
      case 'stop-dictation':
        this.deps.log.info('meeting dictation off', { meetingId: effect.meetingId });
        this.dictationStopped = this.deps.dictation.stop(effect.meetingId);
        return;
      case 'run-staff-command':
        return this.runStaffCommand(effect.correlationId, effect.command);
    }
  }

  /** Resolves once the last dictated segment of the stopped meeting is stored. */
  dictationFlushed(): Promise<void> {
    return this.dictationStopped;
  }

  /** How many replies and speeches are still holding an abort handle (0 when the kiosk is at rest). */
  inFlight(): number {
    return this.aborts.size;
  }

  private abort(correlationId: string): void {
    this.aborts.get(correlationId)?.abort();
    this.aborts.delete(correlationId);
  }

  private runStaffCommand(correlationId: string, command: Extract<Effect, { type: 'run-staff-command' }>['command']): void {
    const port = this.deps.staffCommands;
    const fail = (err: unknown) => {
      const error = EngineError.toData(err, 'pipeline');
      this.log(correlationId).error('staff command failed', { command, error: error.message });
      this.emit({ type: 'error', correlationId, atMs: this.deps.bus.now(), error });
    };
    if (!port) return fail(new EngineError('unavailable', `staff command ${command} is not available here`, { stage: 'pipeline' }));
    // After the current transition's effects: the command dispatches into the conversation itself.
    queueMicrotask(() => {
      this.log(correlationId).info('staff command', { command });
      Promise.resolve()
        .then(() => port.run(command, correlationId))
        .catch(fail);
    });
  }

  /** Lets shutdown drop a pending timeout that would otherwise fire into a closed conversation. */
  clearNoSpeechTimer(): void {
    if (this.noSpeechTimer) clearTimeout(this.noSpeechTimer);
    this.noSpeechTimer = null;
  }

  private emit(event: Parameters<EventBus['publish']>[0]): void {
    this.deps.bus.publish(event);
  }

  private log(correlationId: string): Logger {
    return this.deps.log.child({ correlationId });
  }

  private startAsr(correlationId: string): void {
    if (this.deps.capture.start(correlationId)) return;
    this.emit({
      type: 'notice',
      correlationId,
      atMs: this.deps.bus.now(),
      level: 'warning',
      code: 'asr-unavailable',
      message: 'speech recognition is not available: type your question',
    });
  }

  private finishAsr(correlationId: string): void {
    const decoding = this.deps.capture.finish(correlationId);
    if (!decoding) {
      const error = {
        type: 'error' as const,
        code: 'unavailable' as const,
        message: 'no speech recognizer is running',
        stage: 'asr' as const,
      };
      queueMicrotask(() => this.deps.dispatch({ type: 'asr-failed', correlationId, error }));
      return;
    }
    decoding.then(
      (transcript) => {
        this.log(correlationId).info('transcript', { text: transcript.text, decodeMs: transcript.decodeMs });
        this.emit({ type: 'transcript', correlationId, atMs: this.deps.bus.now(), ...transcript });
        this.deps.dispatch({ type: 'transcript', correlationId, transcript });
      },
      (err: unknown) =>
        this.deps.dispatch({ type: 'asr-failed', correlationId, error: EngineError.toData(err, 'asr') }),
    );
  }

  private startReply(correlationId: string, text: string, heard?: Transcript): void {
    const ac = new AbortController();
    this.aborts.set(correlationId, ac);
    runReply(this.deps, this.deps.reply, correlationId, text, ac.signal, heard, () => {
      if (this.aborts.get(correlationId) === ac) this.aborts.delete(correlationId);
    });
  }

  private speak(correlationId: string, text: string): void {
    const ac = new AbortController();
    this.aborts.set(correlationId, ac);
    runSpeech(this.deps, this.deps.tts, correlationId, text, ac.signal, () => {
      if (this.aborts.get(correlationId) === ac) this.aborts.delete(correlationId);
    });
  }

  private store(effect: Extract<Effect, { type: 'store-interaction' }>): void {
    const { correlationId, outcome } = effect;
    const result: AskResult = { correlationId, ...outcome };
    const startedAt = this.startedAt.get(correlationId) ?? new Date().toISOString();
    Promise.resolve()
      .then(() =>
        this.deps.interactions.record({
          correlationId,
          trigger: effect.trigger,
          question: effect.question,
          transcript: effect.transcript,
          result,
          startedAt,
        }),
      )
      .then(
        () => this.deps.questions.settle(correlationId, result),
        (err: unknown) => {
          const error = EngineError.toData(err, 'store');
          this.log(correlationId).error('interaction not stored', { error: error.message });
          this.emit({ type: 'error', correlationId, atMs: this.deps.bus.now(), error });
          // The shopper still gets the answer; the failure is visible as an error event.
          this.deps.questions.settle(correlationId, result);
        },
      );
  }
}
