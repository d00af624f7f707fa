import type { AsrEngine, AsrSession } from '../asr/asr-engine.ts';
import type { AudioFrame } from '../contracts/audio.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { Logger } from '../log/logger.ts';
import type { EventBus } from './event-bus.ts';
import type { EndpointPort, MeetingSink } from './stage-ports.ts';

/**
 * Meeting mode's audio path: every frame goes to an ASR session in dictation mode; each pause the
 * endpointer finds closes the session and stores its text as one meeting segment. No wake word.
 */
export class MeetingDictation {
  private meetingId: string | null = null;
  private session: AsrSession | null = null;
  /** Segment writes in flight, so stop() can wait for the last words before the summary is queued. */
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: {
      asr: AsrEngine | null;
      endpoint: EndpointPort | null;
      sink: MeetingSink;
      bus: EventBus;
      log: Logger;
    },
  ) {}

  get active(): string | null {
    return this.meetingId;
  }

  start(meetingId: string): void {
    this.meetingId = meetingId;
    this.deps.endpoint?.reset();
    this.session = this.deps.asr ? this.deps.asr.start('dictation') : null;
  }

  async feed(frame: AudioFrame): Promise<void> {
    const meetingId = this.meetingId;
    if (!meetingId || !this.session) return;
    void this.session.write(frame.samples);
    const events = this.deps.endpoint ? await this.deps.endpoint.process(frame) : [];
    for (const e of events) {
      if (e.type === 'voice-stopped' && this.meetingId === meetingId) this.cut(meetingId);
    }
  }

  /** Ends dictation: the words of the last segment are stored before this resolves. */
  async stop(meetingId: string): Promise<void> {
    if (this.meetingId !== meetingId) return;
    const last = this.session;
    this.session = null;
    this.meetingId = null;
    if (last) this.track(meetingId, last);
    await this.pending;
  }

  private cut(meetingId: string): void {
    const done = this.session;
    if (!done || !this.deps.asr) return;
    this.session = this.deps.asr.start('dictation');
    this.track(meetingId, done);
  }

  private track(meetingId: string, session: AsrSession): void {
    const work = this.pending.then(async () => {
      try {
        const t = await session.finish();
        const text = t.text.trim();
        if (!text) return;
        await this.deps.sink.addSegment(meetingId, text);
        this.deps.bus.publish({
          type: 'meeting-segment',
          correlationId: meetingId,
          atMs: this.deps.bus.now(),
          meetingId,
          text,
        });
      } catch (err) {
        const error = EngineError.toData(err, 'asr');
        this.deps.log.error('meeting segment lost', { meetingId, error: error.message });
        this.deps.bus.publish({ type: 'error', correlationId: meetingId, atMs: this.deps.bus.now(), error });
      }
    });
    this.pending = work;
  }
}
