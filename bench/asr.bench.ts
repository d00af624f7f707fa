/**
 * `npm run bench:asr`: how fast pocketsphinx turns speech into text on this machine. Prints figures,
 * asserts nothing (targets: finalization ≤ 300 ms after the end of a 3 s utterance; RTF well below 1).
 *
 * Finalization = the time from `finish()` (the VAD saw the end of speech) to the transcript, with the
 * utterance's audio already streamed in, as it is in the kiosk. RTF = decoder working time / audio time.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { AsrMode } from '../engine/contracts/audio.ts';
import { PocketsphinxEngine } from '../engine/asr/pocketsphinx/pocketsphinx-engine.ts';
import { transcribeSamples } from '../engine/asr/asr-engine.ts';
import { synthesizeSamples } from '../test/fixtures/synth.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const CHUNK = 1280; // 80 ms, the microphone frame the audio stage delivers

function toLength(speech: Int16Array, ms: number): Int16Array {
  const n = Math.max(speech.length, Math.round((ms / 1000) * 16000));
  const out = new Int16Array(n);
  out.set(speech, Math.min(4800, n - speech.length));
  return out;
}

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return `median ${q(0.5).toFixed(0)} ms, p90 ${q(0.9).toFixed(0)} ms, max ${s[s.length - 1]!.toFixed(0)} ms`;
}

async function finalization(
  engine: PocketsphinxEngine,
  audio: Int16Array,
  mode: AsrMode,
): Promise<{ ms: number; text: string }> {
  const session = engine.start(mode);
  const writes: Promise<void>[] = [];
  for (let i = 0; i < audio.length; i += CHUNK) writes.push(session.write(audio.subarray(i, i + CHUNK)));
  await Promise.all(writes);
  const t0 = performance.now();
  const t = await session.finish();
  return { ms: performance.now() - t0, text: t.text };
}

async function main(): Promise<void> {
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const t0 = performance.now();
  const engine = new PocketsphinxEngine();
  await engine.load();
  console.log(
    `load (addon, acoustic model, dictionary, 3 decoders: kiosk LM, generic LM ×2): ${(performance.now() - t0).toFixed(0)} ms`,
  );

  const question = toLength(
    await synthesizeSamples({ engine: 'flite', voice: 'slt', text: 'Where do I collect my online order?' }),
    3000,
  );
  const sentence = toLength(
    await synthesizeSamples({
      engine: 'flite',
      voice: 'slt',
      text: 'The new checkout system will be installed next month.',
    }),
    3000,
  );

  for (const [mode, audio] of [
    ['kiosk', question],
    ['dictation', sentence],
  ] as const) {
    await finalization(engine, audio, mode); // warm-up
    const times: number[] = [];
    let text = '';
    for (let i = 0; i < RUNS; i++) {
      const r = await finalization(engine, audio, mode);
      times.push(r.ms);
      text = r.text;
    }
    console.log(
      `finalization after end of speech, ${mode} mode, ${(audio.length / 16).toFixed(0)} ms utterance: ${stats(times)}  ("${text}")`,
    );
  }

  for (const [mode, audio] of [
    ['kiosk', question],
    ['dictation', sentence],
  ] as const) {
    let busy = 0;
    let wall = 0;
    let audioMs = 0;
    for (let i = 0; i < RUNS; i++) {
      const w0 = performance.now();
      const t = await transcribeSamples(engine, audio, mode, CHUNK);
      wall += performance.now() - w0;
      busy += t.decodeMs;
      audioMs += t.audioMs;
    }
    console.log(
      `real-time factor, ${mode} mode: ${(busy / audioMs).toFixed(3)} (decoder time / audio), whole-buffer wall clock ${(wall / audioMs).toFixed(3)}`,
    );
  }
  await engine.close();
}

await main();
