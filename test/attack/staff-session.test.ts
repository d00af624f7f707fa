import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUiBuilt } from '../../renderer/build-ui.ts';
import { openKiosk } from '../e2e/support/browser.ts';
import { apiCall, startAttackKiosk, type AttackKiosk } from './support/attack-kiosk.ts';

// Attack (issue 15 item 11): a staff token lived 8 hours server-side while the screen logged out
// after 3 minutes, so a token read off an abandoned session stayed good all day. Real: `voice-kiosk
// start` with the one shared setting (config staff.idleLogoutMs) shortened to 10 s.
const IDLE_MS = 10_000;
let kiosk: AttackKiosk;
let dir: string;
beforeAll(async () => {
  await ensureUiBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'vk-attack-session-'));
  kiosk = await startAttackKiosk({ dir, env: { VOICE_KIOSK_STAFF_IDLE_LOGOUT_MS: String(IDLE_MS) } });
});
afterAll(async () => {
  await kiosk?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const list = (token: string) => apiCall(kiosk.port, 'meetings-list', {}, { 'x-staff-token': token });

describe('attack: a staff token outliving the staff screen', () => {
  it('expires after the same idle time the UI logs out after, sliding with use', async () => {
    const a = await apiCall(kiosk.port, 'staff-login', { pin: '1234' });
    const b = await apiCall(kiosk.port, 'staff-login', { pin: '1234' });
    expect(a.json.value?.idleLogoutMs).toBe(IDLE_MS); // the UI's idle logout reads this very number
    const tokenA = String(a.json.value?.token);
    const tokenB = String(b.json.value?.token);
    await sleep(IDLE_MS / 2);
    expect((await list(tokenA)).json.ok).toBe(true); // used: A slides on
    await sleep(IDLE_MS / 2 + 1500);
    expect((await list(tokenA)).json.ok).toBe(true);
    const idle = await list(tokenB); // never used since login: gone
    expect(idle.status).toBe(401);
    expect(idle.json.error?.code).toBe('unauthorized');
    await sleep(IDLE_MS + 1500);
    expect((await list(tokenA)).json.error?.code).toBe('unauthorized');
  }, 60_000);

  it('the staff screen in Chromium logs out after the same configured idle time', async () => {
    const ui = await openKiosk(kiosk.url);
    try {
      const { page } = ui;
      await page.getByRole('button', { name: 'Staff', exact: true }).click();
      for (const d of '1234') await page.getByRole('button', { name: `Digit ${d}` }).click();
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { name: 'Meetings' }).waitFor({ timeout: 10_000 });
      const t0 = Date.now();
      // Untouched: back to the shopper screen after config staff.idleLogoutMs, not the old fixed 3 minutes.
      await page.getByRole('button', { name: 'Staff', exact: true }).waitFor({ timeout: IDLE_MS + 5000 });
      expect(Date.now() - t0).toBeGreaterThan(IDLE_MS - 1500);
    } finally {
      await ui.close();
    }
  }, 60_000);
});
