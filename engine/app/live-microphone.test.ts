import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config/load.ts';
import type { PipelineEvent } from '../contracts/events.ts';
import { createLogger } from '../log/logger.ts';
import { composeScene, type Scene } from '../../test/fixtures/synth.ts';
import { processGroupAlive, startVirtualMicrophone, type VirtualMicrophone } from '../../test/fixtures/virtual-microphone.ts';
import { createKioskEngine, type KioskEngine } from './kiosk-engine.ts';

/*
 * The live microphone path with nothing stood in: the REAL `arecord` (alsa-utils) spawned by
 * node-record-lpcm16, reading ALSA device "pulse" (libasound2-plugins) from a private PulseAudio
 * daemon whose null-sink monitor is the microphone; the real engine (openWakeWord, Silero VAD,
 * PocketSphinx, the knowledge base). Speech is synthesized (espeak-ng) and played into the device at
 * real-time pace (paplay), so the engine hears it as it would hear a shopper. Pulling the device out
 * and putting it back is PulseAudio removing and re-adding the source while the kiosk runs.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-live-mic-'));
let mic: VirtualMicrophone;
let engine: KioskEngine;
let scene: Scene;
const events: PipelineEvent[] = [];
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  mic = await startVirtualMicrophone();
  // arecord inherits this process's environment: that is how it finds the PulseAudio server.
  for (const [k, v] of Object.entries(mic.env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  scene = await composeScene([
    { silenceMs: 500 },
    { say: { text: 'hey jarvis', engine: 'espeak-ng' } },
    // A short pause, as people say it. (A pause longer than vad.trailingSilenceMs can end the turn on
    // the wake word's own tail in the pre-roll: see the report; not what this test is about.)
    { silenceMs: 400 },
    { say: { text: 'where is the bread', engine: 'flite', voice: 'slt' } },
    { silenceMs: 1500 },
  ]);
  const config = loadConfig({
    env: {},
    overrides: {
      paths: { db: path.join(dir, 'kiosk.db'), dataDir: dir },
      audio: { micEnabled: true, recorder: 'arecord', device: mic.device, retryBaseMs: 200, retryMaxMs: 1000 },
      wake: { keywords: ['hey_jarvis'] },
    },
  });
  engine = await createKioskEngine(config, { audio: 'microphone', api: false, offload: false, log: createLogger('test', {}, () => undefined) });
  engine.bus.subscribe((e) => events.push(e));
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await mic?.stop();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(dir, { recursive: true, force: true });
});

async function waitFor(what: string, pred: (e: PipelineEvent) => boolean, from: number, timeoutMs = 30_000): Promise<PipelineEvent> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const hit = events.slice(from).find(pred);
    if (hit) return hit;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; saw ${JSON.stringify(events.slice(from).filter((e) => e.type !== 'reply-token'))}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const micAvailable = async () => (await engine.deps.status.status()).micAvailable;

/** Plays the scene into the microphone and returns the reply the kiosk gives, after its wake. */
async function speakAndHear(): Promise<{ wake: PipelineEvent; reply: PipelineEvent }> {
  const from = events.length;
  await mic.play(scene.path);
  const wake = await waitFor('wake', (e) => e.type === 'wake', from);
  const reply = await waitFor('reply', (e) => e.type === 'reply' && e.correlationId === wake.correlationId, from);
  await waitFor('idle', (e) => e.type === 'idle' && e.correlationId === wake.correlationId, from);
  return { wake, reply };
}

/** arecord processes that are children of this test process. */
function ourArecords(): string[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out.split('\n').filter((l) => /\barecord\b/.test(l));
}

describe('live microphone through the real arecord', () => {
  it('hears the wake word and answers the question spoken after it', async () => {
    await until('the microphone delivers audio', micAvailable);
    expect(ourArecords()).toHaveLength(1);
    const { wake, reply } = await speakAndHear();
    expect(wake).toMatchObject({ type: 'wake', keyword: 'hey_jarvis' });
    // The recognizer hears "bread" against "veg" at about 0.6 here, and on a loaded machine the captured
    // audio starts a little differently: the kiosk either answers or asks "did you mean" with the bread
    // question first — both right for a shopper, who taps it. What may not happen is any other answer.
    const asked = events.find((e) => e.type === 'did-you-mean' && e.correlationId === wake.correlationId);
    if (asked?.type === 'did-you-mean') {
      expect(asked.candidates[0]).toMatch(/bread/i);
      const tapped = await engine.runner.ask(asked.candidates[0]!);
      expect(tapped.sources).toContain('bakery');
      expect(tapped.answer).toMatch(/Aisle 1/);
    } else {
      expect(reply.type === 'reply' && reply.sources).toContain('bakery');
      expect(reply.type === 'reply' && reply.text).toMatch(/Aisle 1/);
    }
  }, 60_000);

  it('says so when the microphone is pulled out, and recovers without a restart when it is back', async () => {
    const from = events.length;
    mic.unplug();
    const gone = await waitFor('no-microphone notice', (e) => e.type === 'notice' && e.code === 'no-microphone', from, 15_000);
    expect(gone).toMatchObject({ level: 'warning', message: expect.stringMatching(/arecord.*pulse.*Tap or type/) });
    await until('status says no microphone', async () => !(await micAvailable()));
    // Still retrying while it is out (backoff 200 ms doubling to 1 s), and one notice, not one per retry.
    await new Promise((r) => setTimeout(r, 2500));
    expect(events.slice(from).filter((e) => e.type === 'notice' && e.code === 'no-microphone').length).toBe(1);

    mic.plugIn();
    await waitFor('microphone-restored notice', (e) => e.type === 'notice' && e.code === 'microphone-restored', from, 15_000);
    await until('status says the microphone is back', micAvailable);
    const { wake, reply } = await speakAndHear();
    expect(wake).toMatchObject({ keyword: 'hey_jarvis' });
    expect(reply.type === 'reply' && reply.sources).toContain('bakery');
  }, 90_000);

  it('leaves no arecord and no PulseAudio process behind', async () => {
    await engine.close();
    await until('arecord has exited', () => ourArecords().length === 0, 5000);
    const pgid = mic.pgid;
    expect(processGroupAlive(pgid)).toBe(true);
    await mic.stop();
    expect(processGroupAlive(pgid)).toBe(false);
  }, 30_000);
});
