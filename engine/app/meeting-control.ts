import type { MeetingRow } from '../contracts/api.ts';
import type { JobState } from '../contracts/events.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { Logger } from '../log/logger.ts';
import type { ConversationRunner } from '../pipeline/conversation-runner.ts';
import type { EventBus } from '../pipeline/event-bus.ts';
import type { KioskStore } from '../store/kiosk-store.ts';

/** The end reasons a meeting row can carry, as staff read them. */
export const END_REASON = {
  stopped: 'stopped',
  restarted: 'kiosk restarted',
  shutdown: 'kiosk stopped',
  maxLength: 'maximum length reached',
} as const;

/**
 * Where starting and stopping a meeting meet the conversation: starting switches the microphone to
 * dictation; every way a meeting can end — staff, the maximum length, a clean shutdown, or finding it
 * still open after a crash — closes the row with its reason and queues the summary in the same step,
 * so "ended → summary queued" holds even offline and no meeting outlives the kiosk.
 */
export class MeetingControl {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: {
      store: KioskStore;
      runner: ConversationRunner;
      bus: EventBus;
      log: Logger;
      queueSummary: (meetingId: string) => { jobId: string; state: JobState };
      /** Longest a meeting may record; null = no limit. */
      maxMs: number | null;
    },
  ) {}

  /** On start: a meeting left open by a crash or power cut is closed, marked, and summarized. */
  closeAbandoned(): MeetingRow[] {
    const closed: MeetingRow[] = [];
    for (const m of this.deps.store.meetings.open()) {
      closed.push(this.close(m.id, END_REASON.restarted));
      this.deps.log.warn('meeting was still open at start; closed', {
        meetingId: m.id,
        reason: END_REASON.restarted,
      });
    }
    return closed;
  }

  start(title: string, staff: string | null): MeetingRow {
    const { store, runner } = this.deps;
    if (runner.meetingId)
      throw new EngineError('conflict', 'a meeting is already being recorded', { stage: 'pipeline' });
    const m = store.meetings.start({ title, staff });
    runner.startMeeting(m.id);
    if (this.deps.maxMs !== null) {
      this.timer = setTimeout(() => {
        this.deps.log.info('meeting reached its maximum length', { meetingId: m.id, maxMs: this.deps.maxMs });
        void this.stop(m.id, END_REASON.maxLength).catch((err: unknown) =>
          this.deps.log.error('could not stop a meeting at its maximum length', {
            meetingId: m.id,
            error: EngineError.toData(err).message,
          }),
        );
      }, this.deps.maxMs);
      this.timer.unref();
    }
    return store.meetings.require(m.id);
  }

  async stop(meetingId: string, reason: string = END_REASON.stopped): Promise<MeetingRow> {
    const { store, runner } = this.deps;
    store.meetings.require(meetingId);
    if (runner.meetingId === meetingId) {
      this.clearTimer();
      await runner.stopMeeting(meetingId);
    }
    return this.close(meetingId, reason);
  }

  /** Clean shutdown: the running meeting ends as "kiosk stopped" with its summary queued. */
  async shutdown(): Promise<void> {
    this.clearTimer();
    const id = this.deps.runner.meetingId;
    if (id) await this.stop(id, END_REASON.shutdown);
  }

  private close(meetingId: string, reason: string): MeetingRow {
    const { store } = this.deps;
    const wasOpen = store.meetings.require(meetingId).endedAt === null;
    const row = store.meetings.stop(meetingId, reason);
    if (wasOpen && store.meetings.transcript(meetingId)) this.deps.queueSummary(meetingId);
    else if (wasOpen)
      this.deps.log.info('meeting ended with no transcript; no summary queued', { meetingId });
    if (wasOpen && reason !== END_REASON.stopped) {
      const { bus } = this.deps;
      bus.publish({
        type: 'meeting',
        correlationId: meetingId,
        atMs: bus.now(),
        meetingId,
        state: 'stopped',
      });
    }
    return row;
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
