// Attack (issue 15 §11): segments could be added to an ended meeting and were never summarized. Real:
// `voice-kiosk start` as its own process group, spoken to over its HTTP API as the staff UI does.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliProcess } from '../support/attack/cli-process.ts';
import { ATTACK_PIN, setStaffPin } from './support/attack-kiosk.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-attack-meeting-'));
let kiosk: CliProcess | null = null;
afterAll(async () => {
  kiosk?.killGroup();
  await kiosk?.exited;
  rmSync(dir, { recursive: true, force: true });
});

describe('attack: a segment for an ended meeting', () => {
  it('is refused with a conflict naming the meeting; its transcript stays as it was', async () => {
    // There is no default PIN: set one as a shop owner does on day one.
    setStaffPin(dir, path.join(dir, 'k.db'));
    kiosk = CliProcess.spawn(
      ['start', '--no-electron', '--no-mic', '--port', '0', '--db', path.join(dir, 'k.db')],
      {
        cwd: dir,
        env: {
          VOICE_KIOSK_PATHS_DATA_DIR: dir,
          VOICE_KIOSK_DEVICE_ID: 'kiosk-meeting',
          VOICE_KIOSK_LOG_LEVEL: 'warn',
        },
      },
    );
    const ui = (
      await kiosk.waitFor(/^voice-kiosk: UI at (http:\/\/127\.0\.0\.1:\d+\/)$/m, 150_000, 'stdout')
    )[1]!;
    let token = '';
    const call = async (name: string, body: unknown) => {
      const res = await fetch(`${ui}api/${name}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: ui.slice(0, -1),
          ...(token ? { 'x-staff-token': token } : {}),
        },
        body: JSON.stringify(body),
      });
      return (await res.json()) as {
        ok: boolean;
        value?: Record<string, unknown>;
        error?: { code: string; message: string };
      };
    };
    const login = await call('staff-login', { pin: ATTACK_PIN });
    expect(login.ok).toBe(true);
    token = login.value!.token as string;
    const m = await call('meetings-start', { title: 'Standup' });
    const id = m.value!.id as string;
    expect((await call('meetings-add-segment', { meetingId: id, text: 'We open at nine.' })).ok).toBe(true);
    expect((await call('meetings-stop', { meetingId: id })).ok).toBe(true);
    const late = await call('meetings-add-segment', { meetingId: id, text: 'FORGED late segment' });
    expect(late).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(late.error!.message).toMatch(new RegExp(`^meeting ${id} ended at .*: no segments can be added$`));
    const { meetings } = (await call('meetings-list', {})).value as unknown as {
      meetings: { id: string; segments: number }[];
    };
    expect(meetings.find((x) => x.id === id)?.segments).toBe(1);
    expect(kiosk.running).toBe(true);
  }, 200_000);
});
