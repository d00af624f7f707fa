// `npm run bench:e2e`: the whole live pipeline (openWakeWord → Silero VAD → PocketSphinx → reply
// service → espeak-ng) over synthesized "hey jarvis, <question>" utterances fed at real time, as a
// microphone would. Prints per-stage p50/p95 and the headline figures; asserts nothing.
//   --fast     feed as fast as the pipeline accepts (not a microphone: ASR backlogs inflate its time)
//   --n N      how many utterances (default 16)
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WavFileSource } from '../engine/audio/wav-file-source.ts';
import { loadConfig } from '../engine/app/config/load.ts';
import type { PipelineEvent } from '../engine/contracts/events.ts';
import { createLogger } from '../engine/log/logger.ts';
import { InteractionTimeline } from '../engine/pipeline/interaction-timeline.ts';
import { createKioskEngine } from '../engine/app/kiosk-engine.ts';
import { composeScene, type SynthSpec } from '../test/fixtures/synth.ts';

const QUESTIONS = [
  'what time do you open',
  'where are the toilets',
  'when do you close on sunday',
  'where is the bakery',
  'do you have parking',
  'can I return an opened item',
  'where can I find the milk',
  'is there a pharmacy',
];
const VOICES: Omit<SynthSpec, 'text'>[] = [
  { engine: 'espeak-ng', voice: 'en-us' },
  { engine: 'espeak-ng', voice: 'en-gb' },
  { engine: 'espeak-ng', voice: 'en-us+f3', speed: 0.9 },
  { engine: 'flite', voice: 'slt' },
];

const args = process.argv.slice(2);
const fast = args.includes('--fast');
const n = Number(args[args.indexOf('--n') + 1]) || 16;

function pct(values: number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

const fmt = (v: number | null) => (v === null ? '—' : `${Math.round(v)}`);

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-bench-e2e-'));
  const config = loadConfig({
    env: {},
    overrides: { paths: { db: path.join(dir, 'bench.db'), dataDir: dir }, audio: { micEnabled: false }, wake: { keywords: ['hey_jarvis'] } },
  });
  const quiet = createLogger('bench', {}, () => undefined);
  const engine = await createKioskEngine(config, {
    audio: 'none',
    api: false,
    offload: false,
    speechDir: path.join(dir, 'speech'),
    log: quiet,
  });
  const timeline = new InteractionTimeline();
  const events: PipelineEvent[] = [];
  engine.bus.subscribe((e) => {
    events.push(e);
    timeline.add(e);
  });

  type Row = {
    question: string;
    heard: string;
    route: string;
    trueEosToText?: number;
    trueEosToAudio?: number;
    id: string;
  };
  const rows: Row[] = [];
  let missedWake = 0;
  for (let i = 0; i < n; i++) {
    const question = QUESTIONS[i % QUESTIONS.length]!;
    const voice = VOICES[i % VOICES.length]!;
    const scene = await composeScene([
      { silenceMs: 600 },
      { say: { text: 'hey jarvis', ...voice } },
      { silenceMs: 450 },
      { say: { text: question, ...voice }, label: 'question' },
      { silenceMs: 1500 },
    ]);
    const before = events.length;
    const feedStart = engine.bus.now();
    for await (const frame of new WavFileSource(scene.path, { realtime: !fast }).frames())
      await engine.runner.feed(frame);
    engine.runner.endOfStream();
    const end = Date.now() + 20_000;
    while (engine.runner.phase !== 'idle' && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    const mine = events.slice(before);
    const wake = mine.find((e) => e.type === 'wake');
    if (!wake) {
      missedWake++;
      process.stdout.write(
        `  ${String(i + 1).padStart(2)}  (wake word missed)  ${voice.engine}/${voice.voice}: ${question}\n`,
      );
      continue;
    }
    const t = timeline.get(wake.correlationId);
    // In real-time feeding, bus time = feedStart + stream time, so the spoken end of the question is known exactly.
    const span = scene.spans.find((s) => s.label === 'question')!;
    const trueEos = feedStart + span.endMs;
    const row: Row = { id: wake.correlationId, question, heard: t.transcript ?? '', route: t.route ?? '-' };
    if (!fast && t.firstTextAtMs !== undefined) row.trueEosToText = t.firstTextAtMs - trueEos;
    if (!fast && t.firstAudioAtMs !== undefined) row.trueEosToAudio = t.firstAudioAtMs - trueEos;
    rows.push(row);
    process.stdout.write(
      `  ${String(i + 1).padStart(2)}  ${row.route.padEnd(9)} ${voice.engine}/${voice.voice}: "${question}" → heard "${row.heard}"\n`,
    );
  }

  const timings = rows.map((r) => timeline.get(r.id).stages);
  const fastIds = new Set(rows.filter((r) => r.route === 'fast').map((r) => r.id));
  const fastTimings = rows.filter((r) => fastIds.has(r.id)).map((r) => timeline.get(r.id).stages);
  const col = (label: string, values: (number | undefined)[]) => {
    const v = values.filter((x): x is number => typeof x === 'number');
    return `${label.padEnd(52)} ${fmt(pct(v, 50)).padStart(7)} ${fmt(pct(v, 95)).padStart(7)} ${String(v.length).padStart(4)}`;
  };
  const lines = [
    '',
    `e2e over ${n} utterances (${fast ? 'fast feed' : 'real-time feed'}), ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}; wake missed: ${missedWake}`,
    `routes: ${Object.entries(
      rows.reduce<Record<string, number>>((m, r) => ((m[r.route] = (m[r.route] ?? 0) + 1), m), {}),
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `VAD trailing silence (endpoint waits this long after speech, by design): ${config.vad.trailingSilenceMs} ms`,
    '',
    `${'stage (ms)'.padEnd(52)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'n'.padStart(4)}`,
    col(
      'ASR: endpoint → final transcript',
      timings.map((t) => t.asrMs),
    ),
    col(
      'ASR: decode time reported by the engine',
      timings.map((t) => t.asrDecodeMs),
    ),
    col(
      'router+reply: transcript → first reply text',
      timings.map((t) => t.replyFirstTextMs),
    ),
    col(
      'router+reply: transcript → full answer',
      timings.map((t) => t.replyTotalMs),
    ),
    col(
      'TTS: answer → first audio (espeak-ng)',
      timings.map((t) => t.ttsFirstAudioMs),
    ),
    col(
      'END OF SPEECH (endpoint) → first reply text, all',
      timings.map((t) => t.endOfSpeechToFirstTextMs),
    ),
    col(
      'END OF SPEECH (endpoint) → first reply text, fast path',
      fastTimings.map((t) => t.endOfSpeechToFirstTextMs),
    ),
    col(
      'END OF SPEECH (endpoint) → first audio, all',
      timings.map((t) => t.endOfSpeechToFirstAudioMs),
    ),
    ...(fast
      ? []
      : [
          col(
            'spoken end of question → first reply text (incl. VAD wait)',
            rows.map((r) => r.trueEosToText),
          ),
          col(
            'spoken end of question → first audio (incl. VAD wait)',
            rows.map((r) => r.trueEosToAudio),
          ),
        ]),
    '',
    'goal: endpoint → first reply text p50 ≤ 300 ms on the fast path',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
