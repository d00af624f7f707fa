import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTRAIT, LANDSCAPE, openKiosk, type KioskBrowser } from './support/browser.ts';
import { ensureUiBuilt } from '../../renderer/build-ui.ts';
import path from 'node:path';
import { runCli, startKiosk, startSummarizer, type KioskProcess } from './support/kiosk-process.ts';

// Real: `voice-kiosk start` (store, offload client, outbox), the local Mosquitto, the cloud helper's
// `voice-kiosk summarizer`, the built renderer and Debian's Chromium. Nothing here is a test double.

const HOSTILE = '<img src=x onerror="window.__pwned=1">';

let kiosk: KioskProcess;
let ui: KioskBrowser | null = null;
let summarizer: Awaited<ReturnType<typeof startSummarizer>> | null = null;

beforeAll(async () => {
  await ensureUiBuilt();
  kiosk = await startKiosk();
  // There is no default PIN: the shop owner sets one first (README, "First run").
  const set = await runCli(['staff', 'set-pin', '--name', 'Alex', '--db', path.join(kiosk.dir, 'kiosk.db')], '1234\n');
  if (set.code !== 0) throw new Error(`staff set-pin failed: ${set.err}`);
}, 180_000);

afterAll(async () => {
  await ui?.close();
  await summarizer?.stop();
  await kiosk?.stop();
});

async function login(pin: string) {
  const { page } = ui!;
  for (const d of pin) await page.getByRole('button', { name: `Digit ${d}` }).click();
  await page.getByRole('button', { name: 'Log in' }).click();
}

describe('staff screens (browser e2e)', () => {
  it('logs in with the PIN set by `voice-kiosk staff set-pin` and starts a meeting', async () => {
    ui = await openKiosk(kiosk.url, PORTRAIT);
    const { page } = ui;
    await page.getByRole('button', { name: 'Staff', exact: true }).click();
    await page.getByRole('button', { name: 'Digit 1' }).waitFor({ timeout: 10_000 });
    expect(await page.getByText('First-run PIN').count()).toBe(0);
    await ui.shot('staff-login');
    await login('1234');
    await page.getByRole('heading', { name: 'Meetings' }).waitFor({ timeout: 10_000 });
    await page.getByRole('textbox', { name: 'Meeting title' }).fill('Morning stand-up');
    await page.getByRole('button', { name: 'Start meeting' }).click();
    await expect.poll(() => page.getByTestId('current-meeting').textContent(), { timeout: 10_000 }).toContain('Morning stand-up');
  });

  it('adds transcript lines, hostile markup shown as text and never executed', async () => {
    const { page } = ui!;
    const lines = [
      'The delivery of fresh bread arrives at seven every morning.',
      'Alice will restock the dairy aisle before opening.',
      'We agreed to extend Saturday opening hours until nine in the evening.',
      HOSTILE,
      'Bob will update the price labels for the summer promotion by Friday.',
    ];
    for (const l of lines) {
      await page.getByRole('textbox', { name: 'Transcript line' }).fill(l);
      await page.getByRole('button', { name: 'Add line' }).click();
      await expect.poll(() => page.getByTestId('meeting-transcript').locator('li').last().locator('.line-text').textContent(), { timeout: 10_000 }).toBe(l);
    }
    expect(await page.getByTestId('meeting-transcript').locator('li').nth(3).locator('.line-text').textContent()).toBe(HOSTILE);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await ui!.shot('staff-meeting-transcript');
  });

  it('summarize shows the job queued in the outbox', async () => {
    const { page } = ui!;
    await page.getByRole('button', { name: 'Stop meeting' }).click();
    await page.getByRole('button', { name: 'Summarize now' }).click();
    const state = page.getByTestId('outbox').locator('[data-state]').first();
    // Online, the outbox hands the job to the broker at once ('sent'); no summarizer runs yet, so it
    // stays queued either way until the test starts one.
    await expect.poll(() => state.textContent(), { timeout: 15_000 }).toMatch(/^queued/);
    expect(['pending', 'sent']).toContain(await state.getAttribute('data-state'));
    await ui!.shot('staff-outbox-queued');
  });

  it('shows the summary after the real summarizer answers through Mosquitto', async () => {
    const { page } = ui!;
    summarizer = await startSummarizer(kiosk.deviceId);
    const summaries = page.getByTestId('summaries');
    await expect
      .poll(() => summaries.textContent().catch(() => ''), { timeout: 60_000, interval: 500 })
      .toMatch(/bread|dairy|Saturday|price/i);
    await expect.poll(() => page.getByTestId('outbox').locator('[data-state]').first().getAttribute('data-state'), { timeout: 15_000 }).toBe('done');
    expect(await summaries.locator('img').count()).toBe(0);
    expect(await summaries.getByTestId('summary-source').first().textContent()).toBe('Summary from the cloud');
    await page.setViewportSize(LANDSCAPE);
    await ui!.shot('staff-summary-landscape');
  }, 120_000);

  it('locks the login after five wrong PINs, even for the right PIN', async () => {
    const { page } = ui!;
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Staff', exact: true }).click();
    const message = page.getByTestId('login-message');
    for (let i = 1; i <= 4; i++) {
      await login('9999');
      await expect.poll(() => message.textContent()).toBe(`Wrong PIN. ${5 - i} attempts left.`);
    }
    await login('9999');
    await expect.poll(() => message.textContent()).toMatch(/^Login locked after too many wrong PINs\. Try again in \d+ seconds\.$/);
    await login('1234');
    await expect.poll(() => message.textContent()).toMatch(/^Login locked/);
    expect(await page.getByRole('heading', { name: 'Meetings' }).count()).toBe(0);
    await ui!.shot('staff-login-locked');
    expect(ui!.errors).toEqual([]);
  });
});
