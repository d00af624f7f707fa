// `npm run bench:wake-train [-- --model DIR/x.onnx] [-- --fa-minutes 60]`: trains the default keyword
// (or takes a trained one), then measures it against the stock "hey jarvis" head on voices and
// conditions kept OUT of training: recall side by side, false accepts per hour over ≥ 1 h of
// non-wake speech and noise, near-miss phrases, and the detector's real-time factor. Prints figures.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SAMPLE_RATE } from '../engine/contracts/audio.ts';
import { installNpmModels } from '../engine/models/installer.ts';
import { WakeWordDetector } from '../engine/wake/wake-word-detector.ts';
import { trainKeyword } from '../engine/wake/training/keyword-trainer.ts';
import { operatingPoint, type Traces } from '../engine/wake/training/decision-rule.ts';
import { HELD_OUT, HELD_OUT_CONDITIONS, heldOutVoices } from '../engine/wake/training/training-plan.ts';
import { availableEngines, type VoiceSpec } from '../engine/wake/training/tts-voices.ts';
import { OUT_DIR, babbleTrack, evalSentences, falseAcceptStreams, heldOutClip } from './wake-heldout.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    'fa-minutes': { type: 'string', default: '60' },
    minutes: { type: 'string', default: '10' },
  },
});
await installNpmModels();
const PHRASE = 'hey greenleaf';
const NEAR_MISSES = HELD_OUT.nearMisses;

let modelPath = values.model;
if (!modelPath) {
  const dir = path.join(OUT_DIR, `trained-${Date.now()}`);
  const t0 = Date.now();
  const res = await trainKeyword({
    phrase: PHRASE,
    outDir: dir,
    minutes: Number(values.minutes),
    knowledgeDir: path.join(import.meta.dirname, '..', 'assets', 'knowledge'),
  });
  const sec = (Date.now() - t0) / 1000;
  console.log(
    `training "${PHRASE}" (--minutes ${values.minutes}, seed 13): ${(sec / 60).toFixed(1)} min wall on ${os.cpus().length} × ${os.cpus()[0]?.model} (load avg ${os.loadavg()[0]!.toFixed(1)} at the end; CPU shared with other jobs)`,
  );
  console.log(
    `  Pi 5 estimate: ~${((sec / 60) * 1.7).toFixed(0)} min (Cortex-A76 @ 2.4 GHz ≈ 0.6× this core per thread; the trainer uses ~1.3 cores)`,
  );
  modelPath = res.onnxPath;
}

const engines = await availableEngines();
const [espeak, flite, festival] = heldOutVoices(engines);
const voices: VoiceSpec[] = [
  ...espeak!.map((v) => ({ engine: 'espeak-ng' as const, voice: v, speed: 1, pitch: 50 })),
  ...espeak!
    .filter((_, i) => i % 3 === 0)
    .map((v) => ({ engine: 'espeak-ng' as const, voice: v, speed: 0.8, pitch: 35 })),
  ...flite!.flatMap((v) =>
    [0.9, 1.1].map((speed) => ({ engine: 'flite' as const, voice: v, speed, pitch: 50 })),
  ),
  ...festival!.flatMap((v) =>
    [0.9, 1.1].map((speed) => ({ engine: 'festival' as const, voice: v, speed, pitch: 50 })),
  ),
];
const sentences = evalSentences(2500, [PHRASE, 'hey jarvis']);
const babble = await babbleTrack(voices.slice(0, 8), sentences.slice(500));

const ours = await WakeWordDetector.create({ keywords: [modelPath], threshold: 0.5, refractoryMs: 2000 });
const jarvis = await WakeWordDetector.create({
  keywords: ['hey_jarvis'],
  threshold: 0.5,
  refractoryMs: 2000,
});
const sidecar = JSON.parse(readFileSync(modelPath.replace(/\.onnx$/, '.json'), 'utf8')) as {
  validation: { faPerHour?: number; negativeHours?: number; recall?: number; nearMissFalseRate?: number };
};
const cal = sidecar.validation;
console.log(
  `models: ${ours
    .keywords()
    .map((k) => `${k.keyword} (threshold ${k.threshold}, patience ${k.patience} × 80 ms, from its json)`)
    .join(', ')} vs hey_jarvis v0.1 (threshold 0.5, patience 1)`,
);
console.log(
  cal.negativeHours !== undefined && cal.faPerHour !== undefined && cal.recall !== undefined
    ? `  its json: chosen on held-back material that is not this bench's — ${cal.faPerHour.toFixed(2)} false accepts/h over ${cal.negativeHours} h, recall ${(cal.recall * 100).toFixed(1)} % of held-back phrases by calibration voices (neither trained on nor benched), near misses waking ${((cal.nearMissFalseRate ?? 0) * 100).toFixed(1)} %`
    : '  (its json records no held-back figures)',
);
console.log(
  '  second-stage verifier: off — none ships (a PocketSphinx phone-loop/near-miss grammar was measured and did not separate the phrase from its near misses on these voices; see the README)',
);

// The same head, never firing, for the trade-off table: its per-step scores through the same detector.
const tracer = await WakeWordDetector.create({
  keywords: [modelPath],
  threshold: 1,
  thresholdOverride: 2,
  refractoryMs: 0,
});
const kw = ours.keywords()[0]!.keyword;
const traces: Traces = { positives: [], nearMisses: [], negatives: [], negativeHours: 0 };
async function scoreTrace(samples: Int16Array): Promise<Float32Array> {
  tracer.reset();
  const out = new Float32Array(Math.floor(samples.length / 1280));
  for (let i = 0; i < out.length; i++) {
    await tracer.process({ samples: samples.subarray(i * 1280, (i + 1) * 1280), atMs: (i * 1280) / 16 });
    out[i] = tracer.scores()[kw] ?? 0;
  }
  return out;
}

async function detections(det: WakeWordDetector, samples: Int16Array) {
  det.reset();
  const out = [];
  for (let i = 0; i < samples.length; i += 1280)
    out.push(
      ...(await det.process({ samples: samples.subarray(i, i + 1280), atMs: (i / SAMPLE_RATE) * 1000 })),
    );
  return out;
}

// --- recall, side by side, per held-out condition ---
console.log(
  `\nrecall on ${voices.length} held-out voice settings × ${HELD_OUT_CONDITIONS.length} held-out conditions (hit = one detection within −0.3…+0.8 s of the phrase end)`,
);
console.log(`${'condition'.padEnd(40)} ${'hey greenleaf (ours)'.padEnd(22)} hey jarvis (stock)`);
const tot = { ours: 0, jarvis: 0, n: 0 };
for (const [ci, cond] of HELD_OUT_CONDITIONS.entries()) {
  let a = 0,
    b = 0;
  for (const [vi, voice] of voices.entries()) {
    for (const [det, phrase, count] of [
      [ours, PHRASE, 'ours'],
      [jarvis, 'hey jarvis', 'jarvis'],
    ] as const) {
      const clip = await heldOutClip(phrase, voice, cond.spec, babble, ci * 1000 + vi);
      const hits = (await detections(det, clip.samples)).filter(
        (d) => d.atMs >= clip.endMs - 300 && d.atMs <= clip.endMs + 800,
      );
      if (count === 'ours') {
        const endStep = (clip.endMs / 1000) * 12.5;
        traces.positives.push({
          scores: await scoreTrace(clip.samples),
          hitFrom: Math.ceil(endStep - 0.3 / 0.08) - 1,
          hitTo: Math.floor(endStep + 0.8 / 0.08) - 1,
        });
      }
      if (hits.length > 0 && count === 'ours') a++;
      else if (hits.length > 0) b++;
    }
  }
  tot.ours += a;
  tot.jarvis += b;
  tot.n += voices.length;
  console.log(
    `${cond.name.padEnd(40)} ${`${((a / voices.length) * 100).toFixed(1)} % (${a}/${voices.length})`.padEnd(22)} ${((b / voices.length) * 100).toFixed(1)} % (${b}/${voices.length})`,
  );
}
console.log(
  `${'all held-out'.padEnd(40)} ${`${((tot.ours / tot.n) * 100).toFixed(1)} %`.padEnd(22)} ${((tot.jarvis / tot.n) * 100).toFixed(1)} %`,
);

// --- near misses ---
const nm = { ours: 0, n: 0 };
const nmDetail: string[] = [];
for (const text of NEAR_MISSES) {
  let fired = 0;
  for (const [vi, voice] of voices.filter((_, i) => i % 2 === 0).entries()) {
    const clip = await heldOutClip(text, voice, HELD_OUT_CONDITIONS[0]!.spec, babble, 50_000 + vi);
    if ((await detections(ours, clip.samples)).length) fired++;
    traces.nearMisses.push(await scoreTrace(clip.samples));
    nm.n++;
  }
  nm.ours += fired;
  nmDetail.push(`"${text}" ${fired}`);
}
console.log(
  `\nnear misses (${NEAR_MISSES.length} phrases × ${nm.n / NEAR_MISSES.length} held-out voices, clean): ${nm.n - nm.ours}/${nm.n} rejected (${(((nm.n - nm.ours) / nm.n) * 100).toFixed(1)} %); wakes per phrase: ${nmDetail.join(', ')}`,
);

// --- false accepts per hour ---
const faMinutes = Number(values['fa-minutes']);
const allVoices: VoiceSpec[] = [
  ...voices,
  ...['en-us', 'en-gb', 'en-029', 'en-gb-scotland', 'en-us+f2', 'en-gb+m3', 'en-us+Steph'].map((v) => ({
    engine: 'espeak-ng' as const,
    voice: v,
    speed: 1,
    pitch: 50,
  })),
  ...['slt', 'kal16', 'rms'].map((v) => ({ engine: 'flite' as const, voice: v, speed: 1, pitch: 50 })),
];
const t0 = Date.now();
const streams = await falseAcceptStreams(faMinutes, allVoices, sentences, babble);
console.log(
  `\nfalse-accept material: ${faMinutes} min (${(faMinutes / 60).toFixed(2)} h) of licence-text/doc sentences by ${allVoices.length} voices, pauses and noise (made in ${((Date.now() - t0) / 1000).toFixed(0)} s, cached in bench/out/)`,
);
let faOurs = 0,
  faJarvis = 0,
  wakeSec = 0;
for (const s of streams) {
  const w0 = performance.now();
  faOurs += (await detections(ours, s)).length;
  wakeSec += (performance.now() - w0) / 1000;
  traces.negatives.push(await scoreTrace(s));
  traces.negativeHours += s.length / SAMPLE_RATE / 3600;
  faJarvis += (await detections(jarvis, s)).length;
}
const hours = faMinutes / 60;
console.log(
  `false accepts: ours ${faOurs} (${(faOurs / hours).toFixed(2)}/h), hey jarvis ${faJarvis} (${(faJarvis / hours).toFixed(2)}/h) over ${hours.toFixed(2)} h`,
);
console.log(
  `wake RTF with our head (features + head, one core; load avg ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores shared with other jobs): ${(wakeSec / (faMinutes * 60)).toFixed(4)}`,
);

// For the record, not for choosing (the json's point was chosen on other material): what other
// thresholds and patience would give on THIS held-out material, computed from the same head's scores.
console.log('\ntrade-off on this held-out material (recall / false accepts per hour / near misses waking):');
for (const patience of [1, 2, 3]) {
  const cells = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95].map((t) => {
    const p = operatingPoint(traces, t, patience, 2);
    return `${t}: ${(p.recall * 100).toFixed(1)} % / ${p.faPerHour.toFixed(1)} / ${(p.nearMissFalseRate * 100).toFixed(0)} %`;
  });
  console.log(`  patience ${patience}  ${cells.join('   ')}`);
}
