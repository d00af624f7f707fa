import { openKioskStoreFromConfig } from '../../../store/kiosk-store.ts';
import type { CliCommand } from '../cli-command.ts';
import { kioskConfig, parseKioskArgs } from './kiosk-options.ts';

const USAGE = 'usage: voice-kiosk summaries [--json] [--meeting ID] [--db PATH --mqtt URL]';

/** How the text listing names a summary's provenance (the staff screen uses the same words). */
const SOURCE_TEXT = { cloud: 'summary from the cloud', device: 'draft made on this kiosk' } as const;

export const command: CliCommand = {
  usage: USAGE,
  summary:
    "print each meeting's summary in the local cache: the cloud's, or this kiosk's draft until it lands (--json: one line per meeting)",
  async run(argv) {
    const { values } = parseKioskArgs(argv, { meeting: { type: 'string' } }, USAGE);
    const store = openKioskStoreFromConfig(kioskConfig(values));
    try {
      const rows = store.summaries.perMeeting().filter((s) => !values.meeting || s.meetingId === values.meeting);
      for (const s of rows) {
        process.stdout.write(
          values.json
            ? JSON.stringify({
                meetingId: s.meetingId,
                jobId: s.jobId,
                text: s.text,
                source: s.source,
                model: s.model,
                createdAt: s.createdAt,
              }) + '\n'
            : `${s.meetingId}  ${s.createdAt}  (${SOURCE_TEXT[s.source]}, ${s.model})\n  ${s.text.replace(/\n/g, '\n  ')}\n`,
        );
      }
      return 0;
    } finally {
      store.close();
    }
  },
};
