import { randomUUID } from 'node:crypto';
import type { AsrEngine } from '../asr/asr-engine.ts';
import type { AskResult } from '../contracts/api.ts';
import type { AudioFrame } from '../contracts/audio.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { Logger } from '../log/logger.ts';
import type { CuePlayer } from '../tts/cue-player.ts';
import type { SpeechSynthesizer } from '../tts/speech-synthesizer.ts';
import { ConversationEffects } from './conversation-effects.ts';
import { INITIAL_STATE, reduce } from './conversation-reducer.ts';
import type { ConversationInput, ConversationState } from './conversation-types.ts';
import type { EventBus } from './event-bus.ts';
import { MeetingDictation } from './meeting-dictation.ts';
import { TypedQuestions } from './typed-questions.ts';
import { UtteranceCapture } from './utterance-capture.ts';
import type {
  EndpointPort,
  InteractionSink,
  MeetingSink,
  ReplyPort,
  StaffCommandPort,
  WakePort,
} from './stage-ports.ts';

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
  /** Carries out staff voice commands the reply stage allowed ("start a meeting", …). */
  staffCommands?: StaffCommandPort;
  cues?: CuePlayer;
  /** No speech within this long after wake/tap → back to idle with a cue. */
  noSpeechTimeoutMs?: number;
  /** Audio from this long before the wake detection is replayed into ASR (the question often starts first). */
  preRollMs?: number;
  newId?: () => string;
}

/**
 * Drives the conversation reducer: audio frames go to the wake word, the endpointer and ASR by phase,
 * and taps, typed questions and meeting switches become reducer inputs. All state lives in the
 * reducer; the effects it returns are carried out by ConversationEffects.
 */
export class ConversationRunner {
  private state: ConversationState = INITIAL_STATE;
  private readonly dictation: MeetingDictation;
  private readonly newId: () => string;
  private readonly capture: UtteranceCapture;
  private readonly questions = new TypedQuestions();
  private readonly effects: ConversationEffects;

  constructor(private readonly deps: RunnerDeps) {
    this.newId = deps.newId ?? randomUUID;
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
    this.effects = new ConversationEffects({
      bus: deps.bus,
      log: deps.log,
      dispatch: (i) => void this.dispatch(i),
      wake: deps.wake,
      reply: deps.reply,
      tts: deps.tts,
      interactions: deps.interactions,
      cues: deps.cues,
      noSpeechTimeoutMs: deps.noSpeechTimeoutMs,
      capture: this.capture,
      dictation: this.dictation,
      questions: this.questions,
      ...(deps.staffCommands ? { staffCommands: deps.staffCommands } : {}),
    });
  }

  get phase(): ConversationState['phase'] {
    return this.state.phase;
  }

  /** The meeting dictating right now, or null. */
  get meetingId(): string | null {
    return this.state.meetingId ?? null;
  }

  /** Feeds one audio frame; callers await each so frames reach the stages in order. */
  async feed(frame: AudioFrame): Promise<void> {
    const s = this.state;
    if (s.meetingId) return this.dictation.feed(frame);
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
    this.dispatch({ type: 'wake', correlationId, keyword: det.keyword, score: det.score, streamMs: det.atMs });
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
    const done = this.questions.wait(correlationId);
    const t = this.dispatch({ type: 'typed', correlationId, text: text.trim() });
    if (t.refused) {
      this.questions.forget(correlationId);
      return Promise.reject(new EngineError('conflict', t.refused, { stage: 'pipeline' }));
    }
    return done;
  }

  /** The shopper tapped a "Did you mean …?" button: that question is answered at once. */
  choose(index: number): { correlationId: string | null } {
    const correlationId = this.newId();
    const t = this.dispatch({ type: 'choose', correlationId, index });
    return { correlationId: t.refused ? null : correlationId };
  }

  /** The audio source ended (a replayed file): whatever was being said is the whole utterance. */
  endOfStream(): void {
    if (this.state.phase === 'listening') this.dispatch({ type: 'tap-stop' });
  }

  cancel(): { cancelled: boolean } {
    return { cancelled: !this.dispatch({ type: 'cancel' }).refused };
  }

  /** Meeting mode on: audio goes to dictation, voice questions wait; typed and tapped questions go on. */
  startMeeting(meetingId: string): void {
    this.mustDispatch({ type: 'meeting-start', meetingId });
    const atMs = this.deps.bus.now();
    this.emit({ type: 'meeting', correlationId: meetingId, atMs, meetingId, state: 'started' });
    this.emit({ type: 'voice-questions', correlationId: 'system', atMs, paused: true, reason: 'meeting' });
  }

  /** Meeting mode off; resolves once the last dictated segment is stored. */
  async stopMeeting(meetingId: string): Promise<void> {
    this.mustDispatch({ type: 'meeting-stop', meetingId });
    // The stop-dictation effect has started the flush of the last segment; wait for it.
    await this.effects.dictationFlushed();
    const atMs = this.deps.bus.now();
    this.emit({ type: 'meeting', correlationId: meetingId, atMs, meetingId, state: 'stopped' });
    this.emit({ type: 'voice-questions', correlationId: 'system', atMs, paused: false, reason: null });
  }

  /** Replies and speeches still holding an abort handle: 0 once every interaction has ended. */
  inFlight(): number {
    return this.effects.inFlight();
  }

  /** Stops everything in flight (engine shutdown). */
  async close(): Promise<void> {
    if (this.state.phase !== 'idle') this.dispatch({ type: 'cancel' });
    if (this.state.meetingId) await this.stopMeeting(this.state.meetingId);
    this.effects.clearNoSpeechTimer();
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
    for (const effect of t.effects) this.effects.run(effect);
    return t;
  }

  private emit(event: Parameters<EventBus['publish']>[0]): void {
    this.deps.bus.publish(event);
  }

  private log(correlationId: string): Logger {
    return this.deps.log.child({ correlationId });
  }
}
