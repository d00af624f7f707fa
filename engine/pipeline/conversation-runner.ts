import { randomUUID } from 'node:crypto';
import type { AsrEngine } from '../asr/asr-engine.ts';
import type { AskResult } from '../contracts/api.ts';
import type { AudioFrame } from '../contracts/audio.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { Logger } from '../log/logger.ts';
import type { CuePlayer } from '../tts/cue-player.ts';
import type { SpeechSynthesizer } from '../tts/speech-synthesizer.ts';
import { INITIAL_STATE, reduce } from './conversation-reducer.ts';
import type { ConversationInput, ConversationState, Effect } from './conversation-types.ts';
import type { EventBus } from './event-bus.ts';
import { MeetingDictation } from './meeting-dictation.ts';
import { runReply, runSpeech, type TurnContext } from './turn-work.ts';
import { UtteranceCapture } from './utterance-capture.ts';
import type { EndpointPort, InteractionSink, MeetingSink, ReplyPort, WakePort } from './stage-ports.ts';

export interface RunnerDeps {
  bus: EventBus;
  log: Logger;
  wake: WakePort | null;
  endpoint: EndpointPort | null;
  asr: AsrEngine | null;
  reply: ReplyPort;
  tts: SpeechSynthesizer;
  interactions: InteractionSink;
  meetings: MeetingSink;
  cues?: CuePlayer;
  /** No speech within this long after wake/tap → back to idle with a cue. */
  noSpeechTimeoutMs?: number;
  /** Audio from this long before the wake detection is replayed into ASR (the question often starts first). */
  preRollMs?: number;
  newId?: () => string;
}

interface Pending {
  resolve(result: AskResult): void;
  reject(err: EngineError): void;
}

/**
 * Carries out the conversation reducer's effects against the real stages: audio frames go to the
 * wake word, the endpointer and ASR by phase; replies stream into events; answers are spoken and
 * stored. All state lives in the reducer; this class only holds the handles of work in flight.
 */
export class ConversationRunner {
  private state: ConversationState = INITIAL_STATE;
  private readonly aborts = new Map<string, AbortController>();
  private readonly asks = new Map<string, Pending>();
  private readonly startedAt = new Map<string, string>();
  private noSpeechTimer: NodeJS.Timeout | null = null;
  private readonly dictation: MeetingDictation;
  private readonly newId: () => string;
  private readonly capture: UtteranceCapture;
  private readonly turn: TurnContext;

  constructor(private readonly deps: RunnerDeps) {
    this.newId = deps.newId ?? randomUUID;
    this.turn = { bus: deps.bus, log: deps.log, dispatch: (i) => void this.dispatch(i) };
    this.capture = new UtteranceCapture({
      asr: deps.asr,
      endpoint: deps.endpoint,
      bus: deps.bus,
      preRollMs: deps.preRollMs,
    });
    this.dictation = new MeetingDictation({
      asr: deps.asr,
      endpoint: deps.endpoint,
      sink: deps.meetings,
      bus: deps.bus,
      log: deps.log,
    });
  }

  get phase(): ConversationState['phase'] {
    return this.state.phase;
  }

  /** Feeds one audio frame; callers await each so frames reach the stages in order. */
  async feed(frame: AudioFrame): Promise<void> {
    const s = this.state;
    if (s.phase === 'meeting') return this.dictation.feed(frame);
    if (s.phase !== 'idle' && s.phase !== 'replying' && s.phase !== 'speaking') return this.listen(frame);
    this.capture.remember(frame);
    const det = this.deps.wake ? await this.deps.wake.process(frame) : null;
    if (!det || this.state !== s) return;
    const correlationId = this.newId();
    this.log(correlationId).info('wake', { keyword: det.keyword, score: det.score, streamMs: det.atMs });
    this.emit({
      type: 'wake',
      correlationId,
      atMs: this.deps.bus.now(),
      keyword: det.keyword,
      score: det.score,
    });
    this.dispatch({ type: 'wake', correlationId, keyword: det.keyword, score: det.score });
    for (const f of this.capture.takePreRoll(det.atMs)) await this.listen(f);
  }

  private async listen(frame: AudioFrame): Promise<void> {
    const s = this.state;
    if (s.phase !== 'listening' || this.capture.activeId !== s.correlationId) return;
    const correlationId = s.correlationId;
    for (const e of await this.capture.push(frame)) {
      if (e.type === 'voice-started') {
        this.emit({ type: 'voice-started', correlationId, atMs: this.deps.bus.now() });
        this.dispatch({ type: 'voice-started', correlationId });
      } else {
        const { startMs, endMs } = e.segment;
        this.emit({ type: 'voice-stopped', correlationId, atMs: this.deps.bus.now(), startMs, endMs });
        this.dispatch({ type: 'voice-stopped', correlationId, startMs, endMs });
      }
    }
  }

  tapStart(): { correlationId: string } {
    const correlationId = this.newId();
    this.mustDispatch({ type: 'tap', correlationId });
    return { correlationId };
  }

  tapStop(): { correlationId: string | null } {
    const id = this.state.phase === 'listening' ? this.state.correlationId : null;
    if (id) this.dispatch({ type: 'tap-stop' });
    return { correlationId: id };
  }

  /** A typed question: resolves with the answer once it is stored (speaking continues after). */
  ask(text: string): Promise<AskResult> {
    if (!text.trim())
      return Promise.reject(new EngineError('bad-input', 'the question is empty', { stage: 'pipeline' }));
    const correlationId = this.newId();
    const done = new Promise<AskResult>((resolve, reject) =>
      this.asks.set(correlationId, { resolve, reject }),
    );
    const t = this.dispatch({ type: 'typed', correlationId, text: text.trim() });
    if (t.refused) {
      this.asks.delete(correlationId);
      const why =
        this.state.phase === 'meeting'
          ? 'a staff meeting is being recorded; questions are paused'
          : t.refused;
      return Promise.reject(new EngineError('conflict', why, { stage: 'pipeline' }));
    }
    return done;
  }

  /** The audio source ended (a replayed file): whatever was being said is the whole utterance. */
  endOfStream(): void {
    if (this.state.phase === 'listening') this.dispatch({ type: 'tap-stop' });
  }

  cancel(): { cancelled: boolean } {
    return { cancelled: !this.dispatch({ type: 'cancel' }).refused };
  }

  /** Meeting mode on: shopper interactions stop, audio goes to dictation. */
  startMeeting(meetingId: string): void {
    this.mustDispatch({ type: 'meeting-start', meetingId });
    this.emit({
      type: 'meeting',
      correlationId: meetingId,
      atMs: this.deps.bus.now(),
      meetingId,
      state: 'started',
    });
  }

  /** Meeting mode off; resolves once the last dictated segment is stored. */
  async stopMeeting(meetingId: string): Promise<void> {
    this.mustDispatch({ type: 'meeting-stop', meetingId });
    await this.dictation.stop(meetingId);
    this.emit({
      type: 'meeting',
      correlationId: meetingId,
      atMs: this.deps.bus.now(),
      meetingId,
      state: 'stopped',
    });
  }

  /** Stops everything in flight (engine shutdown). */
  async close(): Promise<void> {
    if (this.state.phase === 'meeting') await this.stopMeeting(this.state.meetingId);
    else if (this.state.phase !== 'idle') this.dispatch({ type: 'cancel' });
    this.clearTimer();
  }

  private mustDispatch(input: ConversationInput): void {
    const t = this.dispatch(input);
    if (t.refused) throw new EngineError('conflict', t.refused, { stage: 'pipeline' });
  }

  private dispatch(input: ConversationInput) {
    const t = reduce(this.state, input);
    if (t.refused) {
      this.deps.log.debug('input refused', { input: input.type, reason: t.refused });
      return t;
    }
    this.state = t.state;
    for (const effect of t.effects) this.run(effect);
    return t;
  }

  private emit(event: Parameters<EventBus['publish']>[0]): void {
    this.deps.bus.publish(event);
  }

  private log(correlationId: string): Logger {
    return this.deps.log.child({ correlationId });
  }

  private run(effect: Effect): void {
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
        return this.capture.cancel(effect.correlationId);
      case 'start-no-speech-timer':
        this.clearTimer();
        this.noSpeechTimer = setTimeout(
          () => this.dispatch({ type: 'no-speech-timeout', correlationId: effect.correlationId }),
          this.deps.noSpeechTimeoutMs ?? 6000,
        );
        this.noSpeechTimer.unref();
        return;
      case 'clear-no-speech-timer':
        return this.clearTimer();
      case 'start-reply':
        return this.startReply(effect.correlationId, effect.question);
      case 'stop-speaking':
        this.aborts.get(effect.correlationId)?.abort();
        return;
      case 'cancel-reply':
        this.aborts.get(effect.correlationId)?.abort();
        this.settleAsk(
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
          this.settleAsk(
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
        this.settleAsk(
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
        return this.dictation.start(effect.meetingId);
      case 'stop-dictation':
        // stopMeeting() awaits the flush; nothing to start here.
        return;
    }
  }

  private clearTimer(): void {
    if (this.noSpeechTimer) clearTimeout(this.noSpeechTimer);
    this.noSpeechTimer = null;
  }

  private startAsr(correlationId: string): void {
    if (this.capture.start(correlationId)) return;
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
    const decoding = this.capture.finish(correlationId);
    if (!decoding) {
      const error = {
        type: 'error' as const,
        code: 'unavailable' as const,
        message: 'no speech recognizer is running',
        stage: 'asr' as const,
      };
      queueMicrotask(() => this.dispatch({ type: 'asr-failed', correlationId, error }));
      return;
    }
    decoding.then(
      (transcript) => {
        this.log(correlationId).info('transcript', { text: transcript.text, decodeMs: transcript.decodeMs });
        this.emit({ type: 'transcript', correlationId, atMs: this.deps.bus.now(), ...transcript });
        this.dispatch({ type: 'transcript', correlationId, transcript });
      },
      (err: unknown) =>
        this.dispatch({ type: 'asr-failed', correlationId, error: EngineError.toData(err, 'asr') }),
    );
  }

  private startReply(correlationId: string, text: string): void {
    const ac = new AbortController();
    this.aborts.set(correlationId, ac);
    runReply(this.turn, this.deps.reply, correlationId, text, ac.signal);
  }

  private speak(correlationId: string, text: string): void {
    const ac = new AbortController();
    this.aborts.set(correlationId, ac);
    runSpeech(this.turn, this.deps.tts, correlationId, text, ac.signal, () =>
      this.aborts.delete(correlationId),
    );
  }

  private store(effect: Extract<Effect, { type: 'store-interaction' }>): void {
    const { correlationId, outcome } = effect;
    this.aborts.delete(correlationId);
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
        () => this.settleAsk(correlationId, result),
        (err: unknown) => {
          const error = EngineError.toData(err, 'store');
          this.log(correlationId).error('interaction not stored', { error: error.message });
          this.emit({ type: 'error', correlationId, atMs: this.deps.bus.now(), error });
          // The shopper still gets the answer; the failure is visible as an error event.
          this.settleAsk(correlationId, result);
        },
      );
  }

  private settleAsk(correlationId: string, outcome: AskResult | EngineError): void {
    const p = this.asks.get(correlationId);
    if (!p) return;
    this.asks.delete(correlationId);
    if (outcome instanceof EngineError) p.reject(outcome);
    else p.resolve(outcome);
  }
}
