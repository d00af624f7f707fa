import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANDSCAPE, PORTRAIT, openKiosk, type KioskBrowser } from './support/browser.ts';
import { ensureUiBuilt } from '../../renderer/build-ui.ts';
import { startKiosk, type KioskProcess } from './support/kiosk-process.ts';

// Real: the whole kiosk (`voice-kiosk start` child process with its store, reply service and the
// local Mosquitto), the built renderer, and Debian's Chromium. Nothing here is a test double.

let kiosk: KioskProcess;
let ui: KioskBrowser | null = null;

beforeAll(async () => {
  await ensureUiBuilt();
  kiosk = await startKiosk();
}, 180_000);

afterAll(async () => {
  await ui?.close();
  await kiosk?.stop();
});

describe('shopper screen (browser e2e)', () => {
  it('says plainly in portrait that voice is unavailable without a microphone (no dead button)', async () => {
    ui = await openKiosk(kiosk.url, PORTRAIT);
    const { page } = ui;
    // This kiosk runs with --no-mic; the microphone case is test/e2e/live-microphone.test.ts.
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent(), { timeout: 15_000 }).toBe('Voice is not available right now');
    expect(await page.getByRole('button', { name: 'Tap to talk' }).count()).toBe(0);
    expect(await page.locator('button:disabled').count()).toBe(1); // only "Ask", while the box is empty
    await expect.poll(() => page.getByTestId('connectivity').textContent()).toMatch(/Online|Offline/);
    await ui.shot('shopper-idle-portrait');
  });

  it('answers a typed question, streaming the reply into the page', async () => {
    const { page } = ui!;
    await page.getByRole('textbox', { name: 'Your question' }).fill('What are your opening hours?');
    await page.getByRole('button', { name: 'Ask' }).click();
    await expect.poll(() => page.getByTestId('heard').textContent(), { timeout: 10_000 }).toBe('What are your opening hours?');
    await expect.poll(async () => ((await page.getByTestId('reply').textContent().catch(() => '')) ?? '').trim().length, { timeout: 30_000 }).toBeGreaterThan(5);
    await expect.poll(() => page.getByTestId('phase').textContent(), { timeout: 30_000 }).toBe('Here is what I found');
    await ui!.shot('shopper-answer-portrait');
    expect(ui!.errors).toEqual([]);
  });

  it('lays out in landscape and offers suggested questions that ask when tapped', async () => {
    await ui!.close();
    ui = await openKiosk(kiosk.url, LANDSCAPE);
    const { page } = ui;
    const talk = page.locator('section.talk');
    await talk.waitFor();
    const suggestion = page.locator('.btn-suggestion').first();
    await suggestion.waitFor({ timeout: 10_000 });
    const text = (await suggestion.textContent())!;
    await suggestion.click();
    await expect.poll(() => page.getByTestId('heard').textContent(), { timeout: 10_000 }).toBe(text);
    await expect.poll(() => page.getByTestId('phase').textContent(), { timeout: 30_000 }).toBe('Here is what I found');
    // Two columns: the conversation sits right of the talk button, and nothing scrolls off the screen.
    const [t, h] = [await talk.boundingBox(), await page.getByTestId('heard').boundingBox()];
    expect(h!.x).toBeGreaterThan(t!.x + t!.width);
    await ui.shot('shopper-landscape');
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(LANDSCAPE.height);
  });

  it('shows a hostile typed question as text and never runs it', async () => {
    const { page } = ui!;
    const hostile = '<img src=x onerror="window.__pwned=1"> where is <b>milk</b>?';
    await page.getByRole('textbox', { name: 'Your question' }).fill(hostile);
    await page.getByRole('button', { name: 'Ask' }).click();
    await expect.poll(() => page.getByTestId('heard').textContent(), { timeout: 10_000 }).toBe(hostile);
    await expect.poll(() => page.getByTestId('phase').textContent(), { timeout: 30_000 }).toMatch(/Here is what I found|I could not find that|Ready/);
    expect(await page.locator('main img, main b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await ui!.shot('shopper-hostile-question');
  });

  it('gives every control an accessible name', async () => {
    const unnamed = await ui!.page.evaluate(() =>
      [...document.querySelectorAll('button, input, select, textarea')]
        .filter((el) => {
          const label = el.getAttribute('aria-label') || (el as HTMLInputElement).labels?.[0]?.textContent || el.textContent;
          return !label || !label.trim();
        })
        .map((el) => el.outerHTML),
    );
    expect(unnamed).toEqual([]);
  });
});
