import { readFileSync } from 'node:fs';
import { EngineError } from '../../../errors/engine-error.ts';
import { openKioskStoreFromConfig } from '../../../store/kiosk-store.ts';
import type { CliCommand } from '../cli-command.ts';
import { kioskConfig, parseKioskArgs } from './kiosk-options.ts';

const USAGE = `usage: voice-kiosk meetings add --title T --transcript FILE [--staff NAME]
       voice-kiosk meetings summarize MEETING_ID
       voice-kiosk meetings list [--json]
  (all: --db PATH --mqtt URL --device ID --config FILE)`;

export const command: CliCommand = {
  usage: USAGE,
  summary: 'staff meetings: add one from a transcript file, queue its summary, list them',
  async run(argv) {
    const { values, positionals } = parseKioskArgs(
      argv,
      { title: { type: 'string' }, transcript: { type: 'string' }, staff: { type: 'string' } },
      USAGE,
    );
    const [sub, id] = positionals;
    const store = openKioskStoreFromConfig(kioskConfig(values));
    try {
      switch (sub) {
        case 'add': {
          if (!values.title || !values.transcript)
            throw new EngineError('bad-input', `meetings add needs --title and --transcript\n${USAGE}`);
          let text: string;
          try {
            text = readFileSync(values.transcript, 'utf8');
          } catch (err) {
            throw new EngineError(
              'bad-input',
              `cannot read transcript ${values.transcript}: ${(err as Error).message}`,
              { detail: { file: values.transcript } },
            );
          }
          const m = store.meetings.importTranscript({
            title: values.title,
            transcript: text,
            staff: values.staff ?? null,
          });
          process.stdout.write(values.json ? JSON.stringify(m) + '\n' : m.id + '\n');
          return 0;
        }
        case 'summarize': {
          if (!id) throw new EngineError('bad-input', `meetings summarize needs a meeting id\n${USAGE}`);
          // Only queues: `voice-kiosk engine` (or the running kiosk) publishes whenever the broker is reachable.
          const job = store.outbox.enqueueSummary(id);
          process.stdout.write(
            values.json
              ? JSON.stringify({ jobId: job.jobId, state: job.state, meetingId: id }) + '\n'
              : `${job.jobId} ${job.state}\n`,
          );
          return 0;
        }
        case 'list': {
          for (const m of store.meetings.list()) {
            process.stdout.write(
              values.json
                ? JSON.stringify(m) + '\n'
                : `${m.id}  ${m.startedAt}  ${m.segments} segments  ${m.title}\n`,
            );
          }
          return 0;
        }
        default:
          throw new EngineError('bad-input', `unknown meetings subcommand '${sub ?? ''}'\n${USAGE}`);
      }
    } finally {
      store.close();
    }
  },
};
