import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WavFileSource } from '../audio/wav-file-source.ts';
import { loadConfig } from './config/load.ts';
import type { PipelineEvent } from '../contracts/events.ts';
import { createLogger } from '../log/logger.ts';
import { startOllamaPeer, type ChatPeer } from '../../test/support/llm/chat-peers.ts';
import { composeScene } from '../../test/fixtures/synth.ts';
import { createKioskEngine, type KioskEngine } from './kiosk-engine.ts';

/*
 * Scenario tests of the live pipeline. Real: openWakeWord + Silero VAD (onnxruntime, verified models),
 * PocketSphinx, the reply service with the shop's knowledge base, espeak-ng (writing WAV files: no
 * sound card in CI), SQLite. Test peer: an Ollama-protocol HTTP server streaming slowly, only so a
 * reply is still in flight when the barge-in arrives. Audio is synthesized speech (espeak-ng).
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-engine-'));
let engine: KioskEngine;
let llm: ChatPeer;
const events: PipelineEvent[] = [];

beforeAll(async () => {
  llm = await startOllamaPeer(() => ({
    tokens: 'Opened items can be returned within thirty days with a receipt at the service desk .'
      .split(' ')
      .map((w) => `${w} `),
    tokenDelayMs: 150,
  }));
  const config = loadConfig({
    env: {},
    overrides: {
      paths: { db: path.join(dir, 'kiosk.db'), dataDir: dir },
      audio: { micEnabled: false },
      // These scenes say "hey jarvis": keep the stock (non-commercial) head for them.
      wake: { keywords: ['hey_jarvis'] },
      reply: { llm: { backend: 'ollama', url: llm.url, model: 'test-peer' } },
    },
  });
  engine = await createKioskEngine(config, {
    audio: 'none',
    api: false,
    offload: false,
    speechDir: path.join(dir, 'speech'),
    // Wall-clock, so it must outlast feeding the lead-in silence on a loaded CI machine.
    noSpeechTimeoutMs: 3000,
    log: createLogger('test', {}, () => undefined),
  });
  engine.bus.subscribe((e) => events.push(e));
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await llm?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function feed(file: string): Promise<void> {
  for await (const frame of new WavFileSource(file).frames()) await engine.runner.feed(frame);
}

async function waitFor(
  pred: (e: PipelineEvent) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<PipelineEvent> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const hit = events.find(pred);
    if (hit) return hit;
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}; saw ${events.map((e) => e.type).join(',')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const seq = (id: string) =>
  events
    .filter((e) => e.correlationId === id)
    .map((e) => e.type)
    .filter((t, i, a) => t !== 'reply-token' || a[i - 1] !== 'reply-token');

describe('live pipeline (real stages)', () => {
  it('wake word → question → fast answer spoken and stored, one correlation id throughout', async () => {
    events.length = 0;
    const scene = await composeScene([
      { silenceMs: 500 },
      { say: { text: 'hey jarvis', engine: 'espeak-ng' } },
      { silenceMs: 500 },
      { say: { text: 'when do you open', engine: 'espeak-ng' } },
      { silenceMs: 1500 },
    ]);
    await feed(scene.path);
    const idle = await waitFor((e) => e.type === 'idle', 'idle');
    const id = idle.correlationId;
    expect(seq(id)).toEqual([
      'wake',
      'listening',
      'voice-started',
      'voice-stopped',
      'transcript',
      'route',
      'reply-token',
      'reply',
      'speak-started',
      'speak-stopped',
      'idle',
    ]);
    const reply = events.find((e) => e.type === 'reply' && e.correlationId === id);
    expect(reply).toMatchObject({ route: 'fast' });
    expect(idle).toMatchObject({ reason: 'done' });
    const rows = engine.store.conversations.byCorrelation(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ correlationId: id, route: 'fast', asrEngine: 'pocketsphinx' });
    expect(rows[0]!.reply).toBe((reply as { text: string }).text);
    expect(engine.runner.phase).toBe('idle');
  });

  it('wake word then silence → back to idle with no-speech, nothing stored', async () => {
    events.length = 0;
    const scene = await composeScene([
      { silenceMs: 500 },
      { say: { text: 'hey jarvis', engine: 'espeak-ng' } },
      { silenceMs: 1500 },
    ]);
    await feed(scene.path);
    const wake = await waitFor((e) => e.type === 'wake', 'wake');
    const idle = await waitFor((e) => e.type === 'idle', 'idle after timeout', 15_000);
    expect(idle).toMatchObject({ correlationId: wake.correlationId, reason: 'no-speech' });
    expect(engine.store.conversations.byCorrelation(wake.correlationId)).toHaveLength(0);
  });

  it('tap to talk: no wake word, the endpointer ends the turn, stored with the same id', async () => {
    events.length = 0;
    const { correlationId } = engine.runner.tapStart();
    const scene = await composeScene([
      { silenceMs: 300 },
      { say: { text: 'do you have parking', engine: 'espeak-ng' } },
      { silenceMs: 1200 },
    ]);
    await feed(scene.path);
    const idle = await waitFor((e) => e.type === 'idle', 'idle');
    expect(idle).toMatchObject({ correlationId, reason: 'done' });
    expect(seq(correlationId).slice(0, 4)).toEqual([
      'listening',
      'voice-started',
      'voice-stopped',
      'transcript',
    ]);
    expect(events.some((e) => e.type === 'wake')).toBe(false);
    expect(engine.store.conversations.byCorrelation(correlationId)).toHaveLength(1);
  });

  it('typed question: answered, stored without ASR data, rejected cleanly when empty', async () => {
    const r = await engine.runner.ask('where are the toilets');
    expect(r.route).toBe('fast');
    expect(engine.store.conversations.byCorrelation(r.correlationId)[0]).toMatchObject({
      text: 'where are the toilets',
      asrEngine: null,
      reply: r.answer,
    });
    await expect(engine.runner.ask('   ')).rejects.toMatchObject({ code: 'bad-input' });
    await waitFor((e) => e.type === 'idle' && e.correlationId === r.correlationId, 'idle after speaking');
  });

  it('barge-in: a tap while the LLM is still answering cancels it at the server and starts listening', async () => {
    events.length = 0;
    const aborts = llm.clientAborts;
    const asked = engine.runner.ask('can I return an opened item without the box');
    const route = await waitFor((e) => e.type === 'route', 'route');
    expect(route).toMatchObject({ route: 'local-llm' });
    await waitFor((e) => e.type === 'reply-token', 'first token');
    const { correlationId: next } = engine.runner.tapStart();
    await expect(asked).rejects.toMatchObject({ code: 'cancelled' });
    expect(events.find((e) => e.type === 'idle' && e.correlationId === route.correlationId)).toMatchObject({
      reason: 'cancelled',
    });
    expect(events.at(-1)).toMatchObject({ type: 'listening', correlationId: next, trigger: 'tap' });
    await waitFor(() => llm.clientAborts > aborts, 'the LLM request to be aborted', 5000);
    expect(engine.store.conversations.byCorrelation(route.correlationId)).toHaveLength(0);
    expect(events.some((e) => e.type === 'reply' && e.correlationId === route.correlationId)).toBe(false);
    engine.runner.cancel();
    await waitFor((e) => e.type === 'idle' && e.correlationId === next, 'tap turn cancelled');
  });

  it('meeting mode: no wake word needed, dictated segments stored, typed questions still answered, stop queues the summary', async () => {
    events.length = 0;
    const meeting = await engine.deps.meetings.start('Weekly stock check', 'Sam');
    expect(engine.runner.meetingId).toBe(meeting.id);
    // Issue 12: a shopper typing during a meeting gets an answer on screen, not spoken into the minutes.
    const typed = await engine.runner.ask('where is the milk');
    expect(typed.answer.toLowerCase()).toContain('dairy');
    expect(events.some((e) => e.type === 'speak-started' && e.correlationId === typed.correlationId)).toBe(false);
    const scene = await composeScene([
      { silenceMs: 300 },
      { say: { text: 'we need to order more bread for the weekend', engine: 'espeak-ng' } },
      { silenceMs: 900 },
      { say: { text: 'the freezer in aisle four is broken', engine: 'espeak-ng' } },
      { silenceMs: 900 },
    ]);
    await feed(scene.path);
    const stopped = await engine.deps.meetings.stop(meeting.id);
    expect(stopped.endedAt).not.toBeNull();
    const segments = events.filter((e) => e.type === 'meeting-segment');
    expect(segments.length).toBeGreaterThanOrEqual(2);
    expect(stopped.segments).toBe(segments.length);
    expect(events.some((e) => e.type === 'wake')).toBe(false);
    const job = events.find((e) => e.type === 'job' && e.kind === 'summarize');
    expect(job).toMatchObject({ kind: 'summarize', state: 'pending' });
    const jobs = await engine.deps.outbox.list();
    expect(jobs.find((j) => j.meetingId === meeting.id)).toMatchObject({ state: 'pending' });
    expect(engine.runner.phase).toBe('idle');
    expect(engine.runner.meetingId).toBeNull();
    expect(events.map((e) => e.type).filter((t) => t === 'meeting')).toEqual(['meeting', 'meeting']);
  });
});
