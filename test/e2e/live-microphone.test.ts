import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANDSCAPE, PORTRAIT, openKiosk, type KioskBrowser } from './support/browser.ts';
import { ensureUiBuilt } from '../../renderer/build-ui.ts';
import { startKiosk, type KioskProcess } from './support/kiosk-process.ts';
import { composeScene, type Scene } from '../fixtures/synth.ts';
import { startVirtualMicrophone, type VirtualMicrophone } from '../fixtures/virtual-microphone.ts';

// Real: the whole kiosk (`voice-kiosk start` with its microphone on), the real arecord reading ALSA
// device "pulse" from a private PulseAudio daemon (test/fixtures/virtual-microphone.ts), the built
// renderer and Debian's Chromium. A shopper speaks (synthesized speech played into the device).

let mic: VirtualMicrophone;
let kiosk: KioskProcess;
let ui: KioskBrowser | null = null;
let scene: Scene;

beforeAll(async () => {
  await ensureUiBuilt();
  mic = await startVirtualMicrophone();
  scene = await composeScene([
    { silenceMs: 500 },
    { say: { text: 'hey jarvis', engine: 'espeak-ng' } },
    { silenceMs: 400 },
    { say: { text: 'where is the bread', engine: 'flite', voice: 'slt' } },
    { silenceMs: 1500 },
  ]);
  kiosk = await startKiosk({
    ...mic.env,
    VOICE_KIOSK_AUDIO_MIC_ENABLED: 'true',
    VOICE_KIOSK_AUDIO_RECORDER: 'arecord',
    VOICE_KIOSK_AUDIO_DEVICE: mic.device,
    VOICE_KIOSK_AUDIO_RETRY_BASE_MS: '200',
    VOICE_KIOSK_AUDIO_RETRY_MAX_MS: '1000',
    VOICE_KIOSK_WAKE_KEYWORDS: '["hey_jarvis"]',
  });
}, 180_000);

afterAll(async () => {
  await ui?.close();
  await kiosk?.stop();
  await mic?.stop();
});

/**
 * What a failed run needs to be diagnosed from a CI log: whether the kiosk itself had the microphone
 * (its status), what it logged, and whether arecord ever connected to the daemon (the daemon's log).
 */
async function dumpOnFailure(): Promise<void> {
  const status = await fetch(`${kiosk.url}api/system-status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then(
    (r) => r.text(),
    (e: Error) => `unreachable: ${e.message}`,
  );
  console.error(`--- kiosk system-status: ${status}\n--- kiosk stderr (tail):\n${kiosk.stderr().slice(-8000)}\n--- pulseaudio log (tail):\n${mic.log()}`);
}

const heading = () => ui!.page.getByRole('heading', { level: 2 }).first().textContent();

describe('live microphone (browser e2e)', () => {
  it('invites the shopper to say the wake word or tap, and answers what they say', async ({ onTestFailed }) => {
    onTestFailed(dumpOnFailure);
    ui = await openKiosk(kiosk.url, PORTRAIT);
    const { page } = ui;
    await expect.poll(heading, { timeout: 60_000 }).toBe('Say “Hey Jarvis” or tap');
    const talk = page.getByRole('button', { name: 'Tap to talk' });
    expect((await talk.boundingBox())!.height).toBeGreaterThanOrEqual(150);
    expect(await talk.isDisabled()).toBe(false);
    await ui.shot('live-mic-idle-portrait');
    await mic.play(scene.path);
    // "bread" is heard against "veg" at about 0.6 (engine/app/live-microphone.test.ts): the kiosk answers,
    // or shows "Did you mean" with the bread question first, which the shopper taps. Nothing else is right.
    const dym = page.getByTestId('did-you-mean');
    const heard = () => page.getByTestId('heard').textContent().catch(() => '');
    const answered = async () => (await page.getByTestId('phase').textContent()) === 'Here is what I found';
    // Read once the kiosk has replied: the transcript is shown before the reply and a "did you mean"
    // comes with it, so reading "heard" earlier took an unsure turn for an answer (a loaded run did).
    const outcome = async () => ((await dym.isVisible()) ? 'asked' : (await answered()) ? await heard() : 'no reply yet');
    // A shopper who gets no reaction says it again: on a loaded 2-core CI machine the first "hey jarvis"
    // played through PulseAudio was once not woken on (same code passes alone). Twice unheard fails.
    const caught = await expect
      .poll(outcome, { timeout: 30_000 })
      .toMatch(/^(asked|where is the bread)$/)
      .then(() => true, () => false);
    if (!caught) {
      await mic.play(scene.path);
      await expect.poll(outcome, { timeout: 30_000 }).toMatch(/^(asked|where is the bread)$/);
    }
    if (await dym.isVisible()) {
      const first = dym.getByRole('button').first();
      expect(await first.textContent()).toMatch(/bread/i);
      await first.click();
    }
    await expect.poll(answered, { timeout: 30_000 }).toBe(true);
    // Bread is the bakery aisle's or the bakery counter's (the dev sets accept both for bread questions).
    expect(await page.getByTestId('sources').textContent()).toMatch(/^From: Bakery( counter)?$/);
    await ui.shot('live-mic-answer-portrait');
  }, 150_000);

  it('says voice is unavailable when the microphone is pulled out, and invites speech again when it is back', async ({ onTestFailed }) => {
    onTestFailed(dumpOnFailure);
    await ui!.close();
    ui = await openKiosk(kiosk.url, LANDSCAPE);
    await expect.poll(heading, { timeout: 60_000 }).toBe('Say “Hey Jarvis” or tap');
    mic.unplug();
    await expect.poll(heading, { timeout: 20_000 }).toBe('Voice is not available right now');
    await ui!.shot('live-mic-unplugged-landscape');
    mic.plugIn();
    await expect.poll(heading, { timeout: 60_000 }).toBe('Say “Hey Jarvis” or tap');
    await ui!.shot('live-mic-back-landscape');
    expect(ui!.errors).toEqual([]);
  }, 90_000);
});
