import { stdin } from 'node:process';
import { createInterface } from 'node:readline/promises';
import { hashPin } from '../../api/staff-auth.ts';
import { EngineError } from '../../../errors/engine-error.ts';
import type { CliCommand } from '../cli-command.ts';

const USAGE = 'usage: voice-kiosk staff set-pin [PIN]   (reads the PIN from stdin when not given)';

/** `voice-kiosk staff set-pin`: prints the scrypt hash to put in config.staff.pinHash. */
export const command: CliCommand = {
  summary: 'staff set-pin [PIN] — print the hash of a new staff PIN for config.staff.pinHash',
  async run(argv) {
    const [sub, given] = argv;
    if (sub !== 'set-pin') {
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
    const pin = given ?? (await readPin());
    if (!pin) throw new EngineError('bad-input', 'no PIN given', { stage: 'config' });
    const hash = await hashPin(pin);
    process.stdout.write(`${hash}\n`);
    process.stderr.write('put this in voice-kiosk.config.json as {"staff": {"pinHash": "<the line above>"}}\n');
    return 0;
  },
};

async function readPin(): Promise<string> {
  const rl = createInterface({ input: stdin, terminal: false });
  try {
    for await (const line of rl) return line.trim();
    return '';
  } finally {
    rl.close();
  }
}
