import type { MeetingRow } from '../contracts/api.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { Logger } from '../log/logger.ts';
import type { StaffCommand } from '../pipeline/conversation-types.ts';
import type { StaffCommandPort } from '../pipeline/stage-ports.ts';
import { normalizeQuestion, staffCommand } from '../reply/fast/fast-path.ts';
import type { StaffCommandGate } from '../reply/staff-gate.ts';
import type { ApiDeps } from './api/deps.ts';
import type { StaffAuth } from './api/staff-auth.ts';

export interface StaffVoiceContext {
  auth: Pick<StaffAuth, 'activeSession'>;
  /** The same meeting services the staff screen uses (built after the runner, hence a getter). */
  services: () => Pick<ApiDeps, 'meetings' | 'summaries'>;
  /** Newest first, as MeetingRepository.list() returns them. */
  meetings: () => MeetingRow[];
  log: Logger;
  now?: () => Date;
  /** Says a refusal on screen where speaking is not possible (during dictation it would be recorded). */
  notice?: (code: string, message: string) => void;
  /** Spoken before a command in a meeting ("hey jarvis, stop the meeting"); stripped before matching. */
  /** The active wake phrase, read each time (staff may switch it while the kiosk runs). */
  wakePhrase?: string | (() => string);
}

const LOGIN_FIRST = 'log in on the staff screen first';

const REFUSED_NO_STAFF: Record<StaffCommand, string> = {
  'meeting-start': `Only staff can start a meeting recording: ${LOGIN_FIRST}.`,
  'meeting-stop': `Only staff can stop the meeting recording: ${LOGIN_FIRST}.`,
  'meeting-summarize': `Only staff can ask for a meeting summary: ${LOGIN_FIRST}.`,
};

/**
 * Staff voice commands ("start a meeting", "stop the meeting", "summarize the meeting") made real:
 * `check` gives the reply stage the words — an acknowledgement when a staff member is logged in and
 * the meeting state fits, a refusal saying why otherwise — and `run` carries the command out through
 * the same services the staff screen uses, once the acknowledgement has been spoken.
 */
export function createStaffVoiceCommands(
  ctx: StaffVoiceContext,
): StaffCommandGate & StaffCommandPort & { onMeetingSegment(text: string): StaffCommand | null } {
  const open = () => ctx.meetings().find((m) => m.endedAt === null) ?? null;
  const lastRecorded = () => ctx.meetings().find((m) => m.endedAt !== null && m.segments > 0) ?? null;

  const check = (command: StaffCommand): { allowed: boolean; answer: string } => {
    if (!ctx.auth.activeSession()) return { allowed: false, answer: REFUSED_NO_STAFF[command] };
    switch (command) {
      case 'meeting-start': {
        const running = open();
        if (running) return { allowed: false, answer: `A meeting is already being recorded: “${running.title}”.` };
        return {
          allowed: true,
          answer: 'Starting a meeting recording. Everything said is transcribed until staff stop it on the staff screen.',
        };
      }
      case 'meeting-stop': {
        const running = open();
        if (!running) return { allowed: false, answer: 'No meeting is being recorded.' };
        return { allowed: true, answer: `Stopping the recording of “${running.title}”. Its summary is queued.` };
      }
      case 'meeting-summarize': {
        const last = lastRecorded();
        if (!last) return { allowed: false, answer: 'There is no recorded meeting to summarize yet.' };
        return {
          allowed: true,
          answer: `Queuing a summary of “${last.title}”; it will appear on the staff screen when it is ready.`,
        };
      }
    }
  };

  const run = async (command: StaffCommand, correlationId: string): Promise<void> => {
    // Checked again: the staff member may have logged out (or the meeting changed) while we spoke.
    const session = ctx.auth.activeSession();
    const verdict = check(command);
    if (!session || !verdict.allowed)
      throw new EngineError('conflict', `staff command ${command} no longer applies: ${verdict.answer}`, {
        stage: 'pipeline',
        detail: { correlationId },
      });
    const services = ctx.services();
    const log = ctx.log.child({ correlationId, command });
    if (command === 'meeting-start') {
      const at = (ctx.now?.() ?? new Date()).toISOString().slice(0, 16).replace('T', ' ');
      const m = await services.meetings.start(`Meeting recorded by voice, ${at} UTC`, session.staff);
      log.info('meeting started by voice', { meetingId: m.id });
    } else if (command === 'meeting-stop') {
      const m = await services.meetings.stop(open()!.id);
      log.info('meeting stopped by voice', { meetingId: m.id });
    } else {
      const last = lastRecorded()!;
      const job = await services.summaries.summarize(last.id);
      log.info('summary queued by voice', { meetingId: last.id, jobId: job.jobId });
    }
  };

  /**
   * In a meeting the microphone goes to dictation, so "stop the meeting" is heard as a dictated
   * segment, not as a question: a segment that is exactly that command stops the meeting (when staff
   * are logged in; otherwise a notice says why). Returns the command it acted on, for tests and logs.
   */
  const onMeetingSegment = (text: string): StaffCommand | null => {
    let words = normalizeQuestion(text);
    const phrase = typeof ctx.wakePhrase === 'function' ? ctx.wakePhrase() : ctx.wakePhrase;
    const wake = phrase ? normalizeQuestion(phrase) : '';
    if (wake && words.startsWith(`${wake} `)) words = words.slice(wake.length + 1);
    if (staffCommand(words)?.action !== 'meeting-stop') return null;
    const verdict = check('meeting-stop');
    if (!verdict.allowed) {
      ctx.notice?.('staff-command-refused', verdict.answer);
      return null;
    }
    // Later, not inside the segment write: stopping waits for the dictation's pending writes (this one).
    setImmediate(() => {
      run('meeting-stop', 'meeting-dictation').catch((err: unknown) =>
        ctx.notice?.('staff-command-failed', EngineError.toData(err, 'pipeline').message),
      );
    });
    return 'meeting-stop';
  };

  return { check, run, onMeetingSegment };
}
