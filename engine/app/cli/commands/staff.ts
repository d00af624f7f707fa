import { stdin, stderr } from 'node:process';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { hashPin } from '../../api/staff-auth.ts';
import { EngineError } from '../../../errors/engine-error.ts';
import { openKioskStoreFromConfig } from '../../../store/kiosk-store.ts';
import type { CliCommand } from '../cli-command.ts';
import { kioskConfig, parseKioskArgs } from './kiosk-options.ts';

const USAGE = `usage: voice-kiosk staff set-pin [--name NAME] [--db PATH]   (asks twice on a terminal; otherwise reads one line from stdin)
       voice-kiosk staff list [--json] [--db PATH]
       voice-kiosk staff remove NAME [--db PATH]
  The PIN (4-12 digits) is stored as a salted scrypt hash in the kiosk's database and works at once,
  also in a kiosk that is already running. Example: echo 4826 | voice-kiosk staff set-pin --name Sam`;

/** `voice-kiosk staff …`: the only way a PIN gets onto the kiosk (there is no default PIN). */
export const command: CliCommand = {
  usage: USAGE,
  summary: 'staff set-pin [--name NAME] | list | remove NAME — staff PINs, stored hashed in the kiosk database',
  async run(argv) {
    const { values, positionals } = parseKioskArgs(argv, { name: { type: 'string' }, help: { type: 'boolean' } }, USAGE);
    const [sub, arg, extra] = positionals;
    if (values.help || !sub) {
      process.stdout.write(`${USAGE}\n`);
      return values.help ? 0 : 2;
    }
    if (sub === 'set-pin' && (arg !== undefined || extra !== undefined))
      // A PIN on the command line ends up in the shell history and in `ps` for everyone to read.
      throw new EngineError('bad-input', `staff set-pin takes no PIN argument; type it when asked or pipe it in\n${USAGE}`, {
        stage: 'config',
      });
    const store = openKioskStoreFromConfig(kioskConfig(values));
    try {
      switch (sub) {
        case 'set-pin': {
          const name = values.name?.trim() || 'staff';
          const pin = await readPin();
          const isNew = store.staffPins.set(name, await hashPin(pin));
          process.stdout.write(`${isNew ? 'PIN set' : 'PIN changed'} for ${name}; it works now, no restart needed.\n`);
          return 0;
        }
        case 'list': {
          const pins = store.staffPins.list();
          if (values.json) for (const p of pins) process.stdout.write(JSON.stringify({ name: p.name, createdAt: p.createdAt, updatedAt: p.updatedAt }) + '\n');
          else if (pins.length === 0) process.stdout.write('no staff PINs yet: voice-kiosk staff set-pin --name NAME\n');
          else for (const p of pins) process.stdout.write(`${p.name}  (set ${p.updatedAt.slice(0, 16).replace('T', ' ')} UTC)\n`);
          return 0;
        }
        case 'remove': {
          if (!arg) throw new EngineError('bad-input', `staff remove needs a NAME\n${USAGE}`, { stage: 'config' });
          store.staffPins.remove(arg);
          const left = store.staffPins.count();
          process.stdout.write(`removed ${arg.trim()}; ${left} staff PIN(s) left${left === 0 ? ' — nobody can log in until one is set' : ''}\n`);
          return 0;
        }
        default:
          throw new EngineError('bad-input', `unknown staff subcommand '${sub}'\n${USAGE}`, { stage: 'config' });
      }
    } finally {
      store.close();
    }
  },
};

/** On a terminal: asks twice without echo and insists they match. Otherwise: the first line of stdin. */
async function readPin(): Promise<string> {
  if (stdin.isTTY) {
    // One interface for both questions, so a fast typist's second line is not lost between them.
    const mute = new Writable({ write: (_c, _e, cb) => cb() });
    const tty = createInterface({ input: stdin, output: mute, terminal: true });
    try {
      const first = await askHidden(tty, 'New staff PIN (4-12 digits): ');
      const second = await askHidden(tty, 'Type it again: ');
      if (first !== second) throw new EngineError('bad-input', 'the two PINs differ; nothing was changed', { stage: 'config' });
      return check(first);
    } finally {
      tty.close();
    }
  }
  const rl = createInterface({ input: stdin, terminal: false });
  try {
    for await (const line of rl) return check(line.trim());
    return check('');
  } finally {
    rl.close();
  }
}

function check(pin: string): string {
  if (!pin) throw new EngineError('bad-input', 'no PIN given: type it when asked, or pipe it in (echo 4826 | voice-kiosk staff set-pin)', { stage: 'config' });
  if (!/^[0-9]{4,12}$/.test(pin)) throw new EngineError('bad-input', 'a staff PIN is 4 to 12 digits', { stage: 'config' });
  return pin;
}

/** Asks on stderr; the interface's output is a sink, so nothing typed is echoed. */
async function askHidden(rl: ReturnType<typeof createInterface>, prompt: string): Promise<string> {
  stderr.write(prompt);
  const answer = await rl.question('');
  stderr.write('\n');
  return answer.trim();
}
