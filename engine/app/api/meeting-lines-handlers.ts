import type { ApiDeps } from './deps.ts';
import type { HandlerMap } from './handler-registry.ts';

/** A meeting's stored lines for staff: read, corrected, exported. */
export function meetingLinesHandlers({ meetingLines }: ApiDeps): HandlerMap {
  return {
    'meetings-lines': async ({ meetingId }) => ({ lines: await meetingLines.lines(meetingId) }),
    'meetings-edit-line': ({ meetingId, lineId, text }) => meetingLines.editLine(meetingId, lineId, text),
    'meetings-export': ({ meetingId, format }) => meetingLines.exportMeeting(meetingId, format),
  };
}
