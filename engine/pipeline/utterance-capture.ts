import type { AsrEngine, AsrSession } from '../asr/asr-engine.ts';
import { SAMPLE_RATE, type AudioFrame, type Transcript } from '../contracts/audio.ts';
import type { EventBus } from './event-bus.ts';
import type { EndpointEvent, EndpointPort } from './stage-ports.ts';

const PARTIAL_EVERY_MS = 400;
const DEFAULT_PREROLL_MS = 300;
const MAX_PREROLL_MS = 1500;
/**
 * How much more confident the reading with the pre-roll must be to win over the one from the wake
 * detection on. The pre-roll recovers a first word the detector fired into, but more often it holds
 * the wake phrase's own tail, which the recognizer turns into a stray first word ("the where is…").
 */
const PREROLL_MARGIN = 0.1;

type Session = {
  id: string;
  asr: AsrSession;
  lastPartialAt: number;
  partial: string;
  /** The same turn decoded from the wake detection on (no pre-roll), from `fromMs` (stream time). */
  bare?: { asr: AsrSession; fromMs: number };
};

/**
 * The audio side of one shopper turn: keeps a short history while waiting for the wake word, then
 * streams the turn into an ASR session (kiosk mode) and the endpointer, publishing live captions.
 * One session at a time, named by the interaction's correlation id.
 */
export class UtteranceCapture {
  private session: Session | null = null;
  /** The last MAX_PREROLL_MS of audio seen while waiting for the wake word. */
  private recent: AudioFrame[] = [];

  constructor(
    private readonly deps: {
      asr: AsrEngine | null;
      endpoint: EndpointPort | null;
      bus: EventBus;
      preRollMs?: number;
    },
  ) {}

  get activeId(): string | null {
    return this.session?.id ?? null;
  }

  /** Keeps recent audio so the start of a question said right after the wake word is not lost. */
  remember(frame: AudioFrame): void {
    this.recent.push(frame);
    const keepFrom = frame.atMs - MAX_PREROLL_MS;
    while (this.recent.length && this.recent[0]!.atMs < keepFrom) this.recent.shift();
  }

  /**
   * The frames from shortly before a wake detection at `detectedAtMs` (stream time), to be pushed into
   * the session just started: some detectors fire a few hundred ms after the phrase, into the question.
   * The session also decodes the turn without them, and finish() keeps the better reading. Clears the history.
   */
  takePreRoll(detectedAtMs: number): AudioFrame[] {
    const from = detectedAtMs - (this.deps.preRollMs ?? DEFAULT_PREROLL_MS);
    const out = this.recent.filter((f) => frameEndMs(f) > from);
    this.recent = [];
    if (this.session && this.deps.asr && out.some((f) => frameEndMs(f) <= detectedAtMs)) {
      this.session.bare = { asr: this.deps.asr.start('kiosk'), fromMs: detectedAtMs };
    }
    return out;
  }

  /** Opens the turn's ASR session; false when there is no recognizer (typing still works). */
  start(id: string): boolean {
    this.deps.endpoint?.reset();
    this.session = this.deps.asr
      ? { id, asr: this.deps.asr.start('kiosk'), lastPartialAt: 0, partial: '' }
      : null;
    return this.session !== null;
  }

  /** Feeds one frame of the turn; returns what the endpointer saw in it. */
  async push(frame: AudioFrame): Promise<EndpointEvent[]> {
    const s = this.session;
    if (!s) return [];
    void s.asr.write(frame.samples);
    if (s.bare && frameEndMs(frame) > s.bare.fromMs) void s.bare.asr.write(frame.samples);
    const now = this.deps.bus.now();
    if (now - s.lastPartialAt >= PARTIAL_EVERY_MS) {
      s.lastPartialAt = now;
      const text = s.asr.partial();
      if (text && text !== s.partial) {
        s.partial = text;
        this.deps.bus.publish({ type: 'transcript-partial', correlationId: s.id, atMs: now, text });
      }
    }
    return this.deps.endpoint ? this.deps.endpoint.process(frame) : [];
  }

  /** Ends the turn's audio and decodes the rest; null when `id` has no open session. */
  finish(id: string): Promise<Transcript> | null {
    const s = this.session;
    if (!s || s.id !== id) return null;
    this.session = null;
    if (!s.bare) return s.asr.finish();
    const bare = s.bare.asr.finish().catch(() => null);
    return Promise.all([s.asr.finish(), bare]).then(([withPreRoll, fromWake]) => betterReading(withPreRoll, fromWake));
  }

  /** Drops the turn (cancel, barge-in, timeout). */
  cancel(id: string): void {
    const s = this.session;
    if (!s || s.id !== id) return;
    this.session = null;
    void s.asr.cancel().catch(() => undefined);
    void s.bare?.asr.cancel().catch(() => undefined);
  }
}

function frameEndMs(f: AudioFrame): number {
  return f.atMs + (f.samples.length / SAMPLE_RATE) * 1000;
}

/** The reading from the wake detection on, unless the pre-roll one is clearly more confident (or it heard nothing). */
export function betterReading(withPreRoll: Transcript, fromWake: Transcript | null): Transcript {
  if (!fromWake?.text.trim()) return withPreRoll;
  if (!withPreRoll.text.trim()) return fromWake;
  return withPreRoll.confidence > fromWake.confidence + PREROLL_MARGIN ? withPreRoll : fromWake;
}
