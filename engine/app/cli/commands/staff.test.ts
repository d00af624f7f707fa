import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../config/load.ts';
import { verifyPin } from '../../api/staff-auth.ts';
import { openKioskStore } from '../../../store/kiosk-store.ts';

// Real: the `voice-kiosk` binary as a user runs it, its stdin (a pipe, and a pseudo-terminal made by
// util-linux `script`), and the SQLite file it writes; the stored hash is checked with verifyPin.
const BIN = path.join(APP_ROOT, 'bin', 'voice-kiosk.mjs');
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-staff-cli-'));
const db = path.join(dir, 'kiosk.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input?: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: dir,
      env: { ...process.env, VOICE_KIOSK_PATHS_DATA_DIR: dir },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(input ?? '');
  });
}

function stored(): { name: string; pinHash: string }[] {
  const store = openKioskStore(db, { maxJobAgeMs: 1000, maxPayloadBytes: 1 << 20, transcriptDays: 30 });
  try {
    return store.staffPins.list();
  } finally {
    store.close();
  }
}

describe('voice-kiosk staff', () => {
  it('set-pin reads one line from stdin and stores only a salted hash in the kiosk database', async () => {
    const r = await run(['staff', 'set-pin', '--db', db], '4826\n');
    expect(r.code).toBe(0);
    expect(r.out).toBe('PIN set for staff; it works now, no restart needed.\n');
    const [row] = stored();
    expect(row!.name).toBe('staff');
    expect(row!.pinHash).not.toContain('4826');
    expect(await verifyPin('4826', row!.pinHash)).toBe(true);
    expect(await verifyPin('4827', row!.pinHash)).toBe(false);
  }, 30_000);

  it('names, lists, changes and removes PINs', async () => {
    expect((await run(['staff', 'set-pin', '--name', 'Sam', '--db', db], '7391\n')).code).toBe(0);
    const changed = await run(['staff', 'set-pin', '--name', 'sam', '--db', db], '1357\n');
    expect(changed.out).toBe('PIN changed for sam; it works now, no restart needed.\n');
    const list = await run(['staff', 'list', '--json', '--db', db]);
    expect(
      list.out
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { name: string }).name),
    ).toEqual(['Sam', 'staff']);
    expect(list.out).not.toContain('scrypt');
    const sam = stored().find((p) => p.name === 'Sam')!;
    expect(await verifyPin('1357', sam.pinHash)).toBe(true);
    const removed = await run(['staff', 'remove', 'staff', '--db', db]);
    expect(removed.out).toBe('removed staff; 1 staff PIN(s) left\n');
    expect((await run(['staff', 'remove', 'nobody', '--db', db])).err).toBe(
      "voice-kiosk staff: no staff PIN named 'nobody'\n",
    );
  }, 60_000);

  it('refuses a PIN on the command line, an empty or non-digit PIN, and says what to do', async () => {
    const arg = await run(['staff', 'set-pin', '4826', '--db', db]);
    expect(arg.code).toBe(1);
    expect(arg.err).toMatch(/takes no PIN argument; type it when asked or pipe it in/);
    expect((await run(['staff', 'set-pin', '--db', db], '')).err).toMatch(
      /no PIN given: type it when asked, or pipe it in/,
    );
    expect((await run(['staff', 'set-pin', '--db', db], '12ab\n')).err).toMatch(
      /a staff PIN is 4 to 12 digits/,
    );
    const help = await run(['staff', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^usage: voice-kiosk staff set-pin/);
  }, 60_000);

  it('on a terminal it asks twice without echoing and refuses two different PINs', async () => {
    // `script` gives the command a real pseudo-terminal; each PIN is typed once its prompt shows.
    const typed = (name: string, answers: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn('script', [
          '-qec',
          `${process.execPath} ${BIN} staff set-pin --name ${name} --db ${db}`,
          '/dev/null',
        ]);
        let out = '';
        const prompts = [/New staff PIN \(4-12 digits\): $/, /Type it again: $/];
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (prompts[0]?.test(out)) {
            prompts.shift();
            child.stdin.write(`${answers.shift()}\r`);
          }
        });
        child.on('close', (code) => resolve({ code, out }));
      });
    const same = await typed('Tty', ['2468', '2468']);
    expect(same.code).toBe(0);
    expect(same.out).toContain('Type it again: ');
    expect(same.out).not.toContain('2468');
    expect(same.out).toContain('PIN set for Tty');
    const differ = await typed('Tty2', ['2468', '8642']);
    expect(differ.code).toBe(1);
    expect(differ.out).toContain('the two PINs differ; nothing was changed');
    expect(stored().map((p) => p.name)).toEqual(['Sam', 'Tty']);
  }, 60_000);
});
