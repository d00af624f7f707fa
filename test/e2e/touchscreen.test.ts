import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANDSCAPE, PORTRAIT, openKiosk, type KioskBrowser } from './support/browser.ts';
import { ensureUiBuilt } from '../../renderer/build-ui.ts';
import { startKiosk, type KioskProcess } from './support/kiosk-process.ts';

// Real: the whole kiosk (`voice-kiosk start` child process, the sample shop's knowledge files), the
// built renderer and Debian's Chromium. A shopper with only a touchscreen: no physical keyboard.
// Expected values come from the sample shop's files as a person reads them (assets/knowledge):
// welcome.md names the shop "Greenleaf Market", departments.md titles the dairy aisle "Dairy".

const SMALL = { width: 540, height: 960 };
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

/** Taps each character's key on the on-screen keyboard, as a finger would. */
async function tapOut(text: string): Promise<void> {
  const { page } = ui!;
  for (const ch of text) {
    const name = ch === ' ' ? 'space' : ch;
    await page.getByRole('button', { name, exact: true }).click();
  }
}

const question = () => ui!.page.getByRole('textbox', { name: 'Your question' });

describe('touchscreen kiosk (browser e2e)', () => {
  it("shows the shop's name from its knowledge files in the header, in the configured locale", async () => {
    ui = await openKiosk(kiosk.url, PORTRAIT);
    const { page } = ui;
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toBe('Greenleaf Market');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en-GB');
    expect(await page.title()).toBe('Greenleaf Market');
    // No microphone on this kiosk: said in words, no greyed-out talk button under "Say …".
    await expect.poll(() => page.getByTestId('voice-unavailable').textContent()).toMatch(/Voice is not available right now.*Type your question/);
    expect(await page.getByRole('button', { name: 'Tap to talk' }).count()).toBe(0);
    await ui.shot('touch-idle-portrait');
  });

  it('types a question with the on-screen keyboard alone and names the answer source by title', async () => {
    const { page } = ui!;
    await question().click();
    const keyboard = page.getByRole('group', { name: 'Keyboard for your question' });
    await keyboard.waitFor();
    for (const name of ['a', 'z', 'm', 'space', 'backspace', 'enter', 'shift', 'numbers and symbols'])
      expect(await keyboard.getByRole('button', { name, exact: true }).count(), name).toBe(1);
    await tapOut('where is thw');
    await page.getByRole('button', { name: 'backspace', exact: true }).click();
    await tapOut('e milk');
    expect(await question().inputValue()).toBe('where is the milk');
    await ui!.shot('touch-keyboard-portrait');
    await page.getByRole('button', { name: 'enter', exact: true }).click();
    await expect.poll(() => page.getByTestId('heard').textContent(), { timeout: 10_000 }).toBe('where is the milk');
    await expect.poll(() => page.getByTestId('phase').textContent(), { timeout: 30_000 }).toBe('Here is what I found');
    expect(await page.getByTestId('reply').textContent()).toMatch(/Aisle 3/);
    expect(await page.getByTestId('sources').textContent()).toBe('From: Dairy');
    await question().click();
    await ui!.shot('touch-answer-portrait');
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(PORTRAIT.height);
    expect(ui!.errors).toEqual([]);
  });

  it('types capitals and punctuation, and inserts at the caret', async () => {
    const { page } = ui!;
    await question().click();
    await page.getByRole('button', { name: 'shift', exact: true }).click();
    await tapOut('is');
    await page.getByRole('button', { name: 'numbers and symbols', exact: true }).click();
    await page.getByRole('button', { name: 'question mark', exact: true }).click();
    await page.getByRole('button', { name: 'letters', exact: true }).click();
    expect(await question().inputValue()).toBe('Is?');
    // Caret after "Is": the next key goes before the question mark.
    await question().evaluate((el: HTMLInputElement) => el.setSelectionRange(2, 2));
    await tapOut(' it open');
    expect(await question().inputValue()).toBe('Is it open?');
    await question().fill('');
  });

  it('refuses a question over the limit with a visible reason, and never cuts it', async () => {
    const { page } = ui!;
    const long = `${'Do you sell gluten free bread and cakes '.repeat(13)}`.slice(0, 501);
    await question().fill(long);
    expect(await question().inputValue()).toHaveLength(501);
    const problem = page.getByTestId('question-problem');
    await expect.poll(() => problem.textContent()).toBe('That question is 501 characters long; the most I can take is 500. Please shorten it by 1.');
    expect(await page.getByRole('button', { name: 'Ask', exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'enter', exact: true }).isDisabled()).toBe(true);
    await question().press('Enter'); // a physical keyboard's Enter is refused too
    expect(await question().inputValue()).toHaveLength(501); // not sent, not cleared
    expect(await page.getByTestId('heard').textContent()).toBe('where is the milk');
    await ui!.shot('touch-too-long-portrait');
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(PORTRAIT.height);
    await page.getByRole('button', { name: 'backspace', exact: true }).click();
    await expect.poll(() => problem.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Ask', exact: true }).isDisabled()).toBe(false);
    await question().fill('');
  });

  it('fits the keyboard and the answer on a 1920×1080 landscape screen', async () => {
    await ui!.close();
    ui = await openKiosk(kiosk.url, LANDSCAPE);
    const { page } = ui;
    await question().click();
    await tapOut('where is the bread');
    await ui.shot('touch-keyboard-landscape');
    await page.getByRole('button', { name: 'enter', exact: true }).click();
    await expect.poll(() => page.getByTestId('phase').textContent(), { timeout: 30_000 }).toBe('Here is what I found');
    expect(await page.getByTestId('sources').textContent()).toBe('From: Bakery');
    await question().click();
    await ui.shot('touch-answer-landscape');
    const size = await page.evaluate(() => ({ h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth }));
    expect(size.h).toBeLessThanOrEqual(LANDSCAPE.height);
    expect(size.w).toBeLessThanOrEqual(LANDSCAPE.width);
  });

  it('fits a 540×960 screen: every key on screen, at least 44 px, no sideways scroll', async () => {
    await ui!.close();
    ui = await openKiosk(kiosk.url, SMALL);
    const { page } = ui;
    await question().click();
    await page.getByRole('group', { name: 'Keyboard for your question' }).waitFor();
    const keys = await page.locator('.osk button').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, w: r.width, h: r.height })));
    expect(keys.length).toBeGreaterThan(26);
    for (const k of keys) {
      expect(k.left).toBeGreaterThanOrEqual(0);
      expect(k.right).toBeLessThanOrEqual(SMALL.width);
      expect(Math.min(k.w, k.h)).toBeGreaterThanOrEqual(44);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SMALL.width);
    await tapOut('toilets');
    await ui.shot('touch-keyboard-small');
    await page.getByRole('button', { name: 'enter', exact: true }).click();
    await expect.poll(() => page.getByTestId('phase').textContent(), { timeout: 30_000 }).toBe('Here is what I found');
    await ui.shot('touch-answer-small');
  });
});
