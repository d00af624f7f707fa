import { EngineError } from '../../../errors/engine-error.ts';
import { openKioskStoreFromConfig } from '../../../store/kiosk-store.ts';
import { toOutboxRow } from '../../../store/summary-outbox.ts';
import type { CliCommand } from '../cli-command.ts';
import { kioskConfig, parseKioskArgs } from './kiosk-options.ts';

const USAGE = 'usage: voice-kiosk outbox [--json] | outbox retry JOB_ID   [--db PATH --mqtt URL]';

export const command: CliCommand = {
  usage: USAGE,
  summary:
    'list cloud jobs and their states (--json: one line per job); `outbox retry ID` revives a failed one',
  async run(argv) {
    const { values, positionals } = parseKioskArgs(argv, {}, USAGE);
    const [sub, jobId] = positionals;
    const store = openKioskStoreFromConfig(kioskConfig(values));
    try {
      if (sub === 'retry') {
        if (!jobId) throw new EngineError('bad-input', `outbox retry needs a job id\n${USAGE}`);
        const job = store.outbox.retry(jobId);
        process.stdout.write(
          values.json ? JSON.stringify(toOutboxRow(job)) + '\n' : `${job.jobId} ${job.state}\n`,
        );
        return 0;
      }
      if (sub !== undefined)
        throw new EngineError('bad-input', `unknown outbox subcommand '${sub}'\n${USAGE}`);
      for (const job of store.outbox.list()) {
        const row = toOutboxRow(job);
        process.stdout.write(
          values.json
            ? JSON.stringify(row) + '\n'
            : `${row.jobId}  ${row.kind.padEnd(9)} ${row.state.padEnd(8)} attempts=${row.attempts}${row.lastError ? `  (${row.lastError})` : ''}\n`,
        );
      }
      return 0;
    } finally {
      store.close();
    }
  },
};
