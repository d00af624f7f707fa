import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EngineError } from '../../errors/engine-error.ts';
import type { ModelLocation } from '../../models/verified-path.ts';
import { ClipEmbedder } from './clip-embeddings.ts';
import { exportOnnx, type MlpWeights } from './keyword-mlp.ts';
import { foldHeads } from './keyword-ensemble.ts';
import { headSteps, trainHead, validate, windowPools } from './head-training.ts';
import { seededRandom } from '../../random/seeded-random.ts';
import { checkPhrase, loadCmuDict, nearMissPhrases, phraseWords, prefixNeighbours } from './phonetics.ts';
import {
  HELD_OUT,
  TRAINING_PROSODY,
  containsPhrase,
  randomVoice,
  trainingCondition,
  trainingSentences,
  trainingVoices,
} from './training-plan.ts';
import { WINDOW, buildFeatures, type ClipJob } from './training-data.ts';
import { availableEngines, type VoiceSpec } from './tts-voices.ts';
import { KEYWORD_SIDECAR_FORMAT, type KeywordSidecar } from '../keyword-model-file.ts';
import { recalibrateKeywordModel } from './recalibrate.ts';
import { trainingBabble } from './training-babble.ts';

/**
 * 1: the first shipped recipe. 2 and 3 were measured and not kept (README). 4: espeak-ng variants spelt as
 * their files (13 had been the plain accent) and wider speed/pitch ranges (TRAINING_PROSODY).
 */
export const TRAINER_VERSION = 4;

/** Heads trained per run (own seeds, same data) and folded into one: see keyword-ensemble.ts. */
export const HEADS = 2;

/** Training conditions include other talkers (a babble track of training voices) since version 4. */
const BABBLE = { babble: true };
/** Seconds of that track (clips draw random stretches of it). */
const BABBLE_SEC = 90;

export interface TrainOptions {
  phrase: string;
  outDir: string;
  /** Size of the run: 10 ≈ the default data and steps; the run scales linearly with it. */
  minutes?: number;
  seed?: number;
  /** Target false accepts per hour for the threshold (on held-back negative clips). */
  targetFaPerHour?: number;
  knowledgeDir?: string;
  /**
   * Minutes of held-back negative streams the threshold and patience are chosen on (default 6 × the
   * run's --minutes, i.e. 60 = 1 h for the default run; see calibration.ts).
   */
  calibrationMinutes?: number;
  models?: ModelLocation;
  onProgress?: (p: TrainProgress) => void;
  signal?: AbortSignal;
}

/** Progress for the CLI bar and the staff panel. */
export interface TrainProgress {
  phase: 'data' | 'train' | 'validate' | 'done';
  /** 0–1 over the whole run. */
  fraction: number;
  etaSec: number;
  detail: string;
}

export interface TrainResult {
  onnxPath: string;
  sidecarPath: string;
  sidecar: KeywordSidecar;
}

/** The id/file stem for a phrase: "Hey Greenleaf!" → hey_greenleaf. */
export function keywordId(phrase: string): string {
  return phraseWords(phrase).join('_').replace(/'/g, '');
}

interface Plan {
  jobs: ClipJob[];
  engines: string[];
  nearMisses: string[];
}

function planJobs(
  phrase: string,
  scale: number,
  seed: number,
  engines: Set<VoiceSpec['engine']>,
  knowledgeDir: string | undefined,
): Plan {
  const rand = seededRandom(seed);
  const dict = loadCmuDict();
  const voices = trainingVoices(engines);
  const jobs: ClipJob[] = [];
  const split = () => (rand() < 0.12 ? 'val' : 'train') as 'train' | 'val';
  const anyVoice = (): VoiceSpec => anyVoiceFrom(voices, rand);
  const n = (base: number) => Math.max(4, Math.round(base * scale));
  for (let i = 0; i < n(1100); i++)
    jobs.push({
      kind: 'positive',
      split: split(),
      text: phrase,
      voice: anyVoice(),
      aug: trainingCondition(rand, BABBLE),
      leadMs: 1400 + rand() * 800,
      tailMs: 700,
      seed: Math.floor(rand() * 2 ** 31),
    });
  // Partial phrases come last in the list and matter most: a tiny run keeps those.
  const allNearMisses = nearMissPhrases(phrase, dict);
  const nearMisses =
    allNearMisses.length <= n(60) ? allNearMisses : allNearMisses.slice().reverse().slice(0, n(60));
  const perNearMiss = Math.max(1, Math.round(n(500) / Math.max(1, nearMisses.length)));
  for (const text of nearMisses)
    for (let k = 0; k < perNearMiss; k++)
      jobs.push(nearMissJob(text, voices, rand));
  for (const text of trainingSentences(knowledgeDir, dict, phrase, n(550), seed + 1))
    jobs.push({
      kind: 'speech',
      split: split(),
      text,
      voice: anyVoice(),
      aug: trainingCondition(rand, BABBLE),
      leadMs: 300 + rand() * 700,
      tailMs: 300,
      seed: Math.floor(rand() * 2 ** 31),
    });
  for (let i = 0; i < n(80); i++) {
    const aug = trainingCondition(rand, BABBLE);
    aug.noise ??= { kind: 'pink', snrDb: 10 };
    jobs.push({
      kind: 'noise',
      split: split(),
      text: '',
      aug,
      leadMs: 4000,
      tailMs: 0,
      seed: Math.floor(rand() * 2 ** 31),
    });
  }
  // The phrase's first word followed by anything else ("hey" + random words): without these, light
  // noise made the head fire on any "hey …". Appended with their own random stream, so the clips above
  // (and their checkpoints) stay the same.
  const words = phraseWords(phrase);
  if (words.length > 1) {
    const r2 = seededRandom(seed + 3);
    const vocab = [...dict.keys()].filter((w) => /^[a-z]{2,9}$/.test(w));
    for (let i = 0; i < n(350); i++) {
      const tail = Array.from(
        { length: 1 + Math.floor(r2() * 2) },
        () => vocab[Math.floor(r2() * vocab.length)]!,
      ).join(' ');
      const text = `${words[0]} ${tail}`;
      if (containsPhrase(text, phrase)) continue;
      jobs.push(nearMissJob(text, voices, r2));
    }
  }
  // Words that start like the last word and end otherwise ("hey greenland"), after the first word or a
  // sound-alike of it: heads trained with babble woke on them. Own random stream (seed + 9), appended.
  if (words.length > 1) {
    const r3 = seededRandom(seed + 9);
    const neighbours = prefixNeighbours(phrase, dict);
    const firsts = [
      words[0]!,
      ...nearMisses.filter((p) => p.endsWith(` ${words.at(-1)}`)).map((p) => p.split(' ')[0]!),
    ];
    const lead = words.slice(0, -1).join(' ');
    for (let i = 0; neighbours.length && i < n(250); i++) {
      const first =
        r3() < 0.6 ? lead : [firsts[Math.floor(r3() * firsts.length)]!, ...words.slice(1, -1)].join(' ');
      const text = `${first} ${neighbours[Math.floor(r3() * neighbours.length)]!}`;
      if (containsPhrase(text, phrase) || HELD_OUT.nearMisses.includes(text)) continue;
      jobs.push(nearMissJob(text, voices, r3));
    }
  }
  return { jobs, engines: [...engines], nearMisses };
}

/** A near-miss clip of `text`; its draws come from `rand` in one fixed order, which fixes the training data. */
function nearMissJob(text: string, voices: ReturnType<typeof trainingVoices>, rand: () => number): ClipJob {
  return {
    kind: 'near-miss',
    split: rand() < 0.12 ? 'val' : 'train',
    text,
    voice: anyVoiceFrom(voices, rand),
    aug: trainingCondition(rand, BABBLE),
    leadMs: 1400 + rand() * 600,
    tailMs: 700,
    seed: Math.floor(rand() * 2 ** 31),
  };
}

function anyVoiceFrom(voices: ReturnType<typeof trainingVoices>, rand: () => number): VoiceSpec {
  const r = rand();
  if (voices.festival.length && r < 0.06)
    return randomVoice('festival', voices.festival, rand, TRAINING_PROSODY);
  if (voices.flite.length && r < 0.22) return randomVoice('flite', voices.flite, rand, TRAINING_PROSODY);
  return randomVoice('espeak-ng', voices.espeak, rand, TRAINING_PROSODY);
}

const fmt = (s: number) => `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;

/**
 * Trains a keyword head for `phrase` on the frozen openWakeWord features, from synthetic speech only,
 * and writes DIR/<id>.onnx + DIR/<id>.json. Resumable: features and weights are checkpointed in
 * DIR/.train-<id>/; the same options give the same model.
 */
export async function trainKeyword(opts: TrainOptions): Promise<TrainResult> {
  const verdict = checkPhrase(opts.phrase);
  if (!verdict.ok)
    throw new EngineError('bad-input', `cannot train '${opts.phrase}': ${verdict.reason}`, { stage: 'wake' });
  const minutes = opts.minutes ?? 10;
  if (!(minutes >= 0.05 && minutes <= 240))
    throw new EngineError('bad-input', `--minutes must be between 0.05 and 240, got ${minutes}`, {
      stage: 'wake',
    });
  const seed = opts.seed ?? 13;
  const target = opts.targetFaPerHour ?? 0.5;
  const id = keywordId(opts.phrase);
  const scale = minutes / 10;
  const workDir = path.join(opts.outDir, `.train-${id}`);
  const engines = await availableEngines();
  if (!engines.has('espeak-ng') && !engines.has('flite'))
    throw new EngineError(
      'unavailable',
      'training needs espeak-ng or flite (apt-get install espeak-ng flite)',
      { stage: 'wake' },
    );
  const started = Date.now();
  const progress = (p: TrainProgress) => opts.onProgress?.(p);

  // A changed recipe invalidates the checkpoints; the same one resumes them.
  const recipe = {
    version: TRAINER_VERSION,
    phrase: opts.phrase,
    minutes,
    seed,
    engines: [...engines].sort(),
  };
  const recipeFile = path.join(workDir, 'recipe.json');
  if (existsSync(recipeFile) && (await readFile(recipeFile, 'utf8')) !== JSON.stringify(recipe))
    await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  await writeFile(recipeFile, JSON.stringify(recipe));
  // Wall time over every run of this recipe (an interrupted run's time counts once it checkpointed).
  const elapsedFile = path.join(workDir, 'elapsed.json');
  const priorSec = existsSync(elapsedFile)
    ? (JSON.parse(await readFile(elapsedFile, 'utf8')) as { sec: number }).sec
    : 0;
  const elapsedSec = () => priorSec + (Date.now() - started) / 1000;

  const plan = planJobs(opts.phrase, scale, seed, engines, opts.knowledgeDir);
  const embedder = await ClipEmbedder.create(opts.models);
  const steps = Math.max(100, Math.round(4000 * scale));
  const perHead = headSteps(steps);
  const totalSteps = HEADS * perHead;
  let stepMs = 12; // refined once training runs
  let dataStart = Date.now();
  let madeFresh = 0;
  progress({ phase: 'data', fraction: 0, etaSec: (totalSteps * stepMs) / 1000, detail: 'babble track' });
  const babbleRand = seededRandom(seed + 5);
  const babble = await trainingBabble(
    path.join(workDir, 'babble.wav'),
    BABBLE_SEC,
    trainingSentences(opts.knowledgeDir, loadCmuDict(), opts.phrase, 300, seed + 5),
    () => anyVoiceFrom(trainingVoices(engines), babbleRand),
  );
  const set = await buildFeatures(
    plan.jobs,
    embedder,
    workDir,
    babble,
    (done, total, resumed) => {
      if (resumed) dataStart = Date.now();
      else madeFresh++;
      const perClip = madeFresh ? (Date.now() - dataStart) / madeFresh : 150;
      const eta = ((total - done) * perClip + totalSteps * stepMs) / 1000;
      progress({
        phase: 'data',
        fraction: 0.85 * (done / total),
        etaSec: eta,
        detail: `clip ${done}/${total}`,
      });
    },
    opts.signal,
  );

  const pools = windowPools(set);
  // An ensemble of HEADS heads (own seeds, same windows), folded into one wider head.
  const heads: MlpWeights[] = [];
  for (let h = 0; h < HEADS; h++) {
    heads.push(
      await trainHead({
        set,
        pools,
        steps,
        // Head 0 keeps the single head's seeds (seed + 7 init, seed + 11 batches) and checkpoint name.
        seed: seed + 1000 * h,
        targetFaPerHour: target,
        ckptFile: path.join(workDir, h ? `weights-${h}.json` : 'weights.json'),
        onCheckpoint: () => writeFile(elapsedFile, JSON.stringify({ sec: Math.round(elapsedSec()) })),
        onSteps: (doneSteps, msPerStep) => {
          stepMs = msPerStep;
          const all = h * perHead + doneSteps;
          progress({
            phase: 'train',
            fraction: 0.85 + 0.13 * (all / totalSteps),
            etaSec: ((totalSteps - all) * stepMs) / 1000 + 5,
            detail: `head ${h + 1}/${HEADS}: step ${doneSteps}/${perHead}`,
          });
        },
        ...(opts.signal ? { signal: opts.signal } : {}),
      }),
    );
  }
  progress({
    phase: 'validate',
    fraction: 0.98,
    etaSec: 3,
    detail: 'choosing the threshold on held-back clips',
  });
  const final = foldHeads(heads);
  const v = validate(final, set, target);

  const kinds = (k: string, split?: string) =>
    set.clips.filter((c) => c.kind === k && (!split || c.split === split)).length;
  const voices = [
    ...new Set(set.clips.filter((c) => c.kind === 'positive').map((c) => c.voice.replace(/\+.*$/, ''))),
  ].sort();
  const onnx = exportOnnx(final, WINDOW, {
    phrase: opts.phrase,
    threshold: String(v.threshold),
    licence: SHOP_LICENCE,
  });
  const sha256 = createHash('sha256').update(onnx).digest('hex');
  await mkdir(opts.outDir, { recursive: true });
  const onnxPath = path.join(opts.outDir, `${id}.onnx`);
  const sidecarPath = path.join(opts.outDir, `${id}.json`);
  const sidecar: KeywordSidecar = {
    format: KEYWORD_SIDECAR_FORMAT,
    keyword: id,
    phrase: opts.phrase,
    threshold: v.threshold,
    window: WINDOW,
    sha256,
    licence: SHOP_LICENCE,
    featureModels:
      'openWakeWord melspectrogram.onnx + embedding_model.onnx (Google speech_embedding), Apache-2.0 upstream',
    recipe: {
      command: `voice-kiosk wake train --phrase "${opts.phrase}" --minutes ${minutes} --seed ${seed}`,
      trainer: TRAINER_VERSION,
      seed,
      minutes,
      targetFaPerHour: target,
      engines: recipe.engines,
    },
    data: {
      positives: kinds('positive'),
      nearMisses: kinds('near-miss'),
      nearMissPhrases: plan.nearMisses.length,
      speech: kinds('speech'),
      noise: kinds('noise'),
      heldBack: set.clips.filter((c) => c.split === 'val').length,
      trainingWindows: Object.fromEntries(Object.entries(pools).map(([k, xs]) => [k, xs.length])),
      voices,
      heldOutVoices: HELD_OUT,
      sources:
        'speech synthesized here by espeak-ng, flite and festival (Debian); text: the phrase, CMU-dictionary sound-alikes, the knowledge base, shop-talk templates; noise and rooms generated',
    },
    validation: {
      trainingClips: {
        ...v,
        note: 'held-back clips of training voices (12 % of every kind), never trained on',
      },
    },
    trainedAt: new Date().toISOString(),
    trainingSec: Math.round(elapsedSec()),
  };
  await writeFile(`${onnxPath}.tmp`, onnx);
  await rename(`${onnxPath}.tmp`, onnxPath);
  await writeFile(`${sidecarPath}.tmp`, JSON.stringify(sidecar, null, 2) + '\n');
  await rename(`${sidecarPath}.tmp`, sidecarPath);
  // The trainer's own held-back clips are too few hours to see a per-hour rate: choose the operating
  // point on ≥ 1 h of separate held-back negatives through the streaming detector.
  const calStart = Date.now();
  const cal = await recalibrateKeywordModel({
    onnxPath,
    minutes: opts.calibrationMinutes ?? Math.max(1, Math.round(60 * scale)),
    targetFaPerHour: target,
    positives: Math.max(8, Math.round(240 * scale)),
    nearMisses: Math.max(8, Math.round(240 * scale)),
    onProgress: (done, total) => {
      const per = (Date.now() - calStart) / done;
      progress({
        phase: 'validate',
        fraction: 0.98 + 0.02 * (done / total),
        etaSec: ((total - done) * per) / 1000,
        detail: `choosing the threshold: held-back item ${done}/${total}`,
      });
    },
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const final_: KeywordSidecar = { ...cal.sidecar, trainingSec: Math.round(elapsedSec()) };
  await writeFile(`${sidecarPath}.tmp`, JSON.stringify(final_, null, 2) + '\n');
  await rename(`${sidecarPath}.tmp`, sidecarPath);
  progress({
    phase: 'done',
    fraction: 1,
    etaSec: 0,
    detail: `threshold ${final_.threshold} × ${final_.patience ?? 1} steps, held-back recall ${(cal.calibration.recall * 100).toFixed(1)} %, ${cal.calibration.faPerHour.toFixed(2)} false accepts/h over ${cal.calibration.negativeHours} h, in ${fmt(final_.trainingSec)}`,
  });
  return { onnxPath, sidecarPath, sidecar: final_ };
}

export const SHOP_LICENCE =
  'Trained by voice-kiosk from synthetic data made on this machine; the weights belong to whoever ran the training (for the shipped default: the voice-kiosk project, MIT). Runs on openWakeWord feature models (Apache-2.0).';
