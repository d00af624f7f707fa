import { openKioskStoreFromConfig } from '../../store/kiosk-store.ts';
import type { CliCommand } from '../main.ts';
import { kioskConfig, parseKioskArgs } from './kiosk-options.ts';

const USAGE = 'usage: voice-kiosk summaries [--json] [--meeting ID] [--db PATH --mqtt URL]';

export const command: CliCommand = {
  usage: USAGE,
  summary: 'print the meeting summaries in the local cache (--json: one line per summary)',
  async run(argv) {
    const { values } = parseKioskArgs(argv, { meeting: { type: 'string' } }, USAGE);
    const store = openKioskStoreFromConfig(kioskConfig(values));
    try {
      const rows = values.meeting ? store.summaries.forMeeting(values.meeting) : store.summaries.list();
      for (const s of rows) {
        process.stdout.write(
          values.json
            ? JSON.stringify({
                meetingId: s.meetingId,
                jobId: s.jobId,
                text: s.text,
                model: s.model,
                createdAt: s.createdAt,
              }) + '\n'
            : `${s.meetingId}  ${s.createdAt}  (${s.model})\n  ${s.text.replace(/\n/g, '\n  ')}\n`,
        );
      }
      return 0;
    } finally {
      store.close();
    }
  },
};
