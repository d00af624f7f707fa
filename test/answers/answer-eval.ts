import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transcribeSamples, type AsrEngine } from '../../engine/asr/asr-engine.ts';
import { DEFAULT_NBEST_SCALE } from '../../engine/asr/pocketsphinx/pocketsphinx-engine.ts';
import { decodeWav } from '../../engine/audio/wav-decode.ts';
import { loadConfig } from '../../engine/app/config/load.ts';
import type { AskResult } from '../../engine/contracts/api.ts';
import type { Transcript } from '../../engine/contracts/audio.ts';
import { createLogger } from '../../engine/log/logger.ts';
import { KnowledgeBase } from '../../engine/reply/knowledge/knowledge-base.ts';
import { speechCorpus } from '../../engine/reply/knowledge/speech-corpus.ts';
import { buildStages, type BuiltStages } from '../../engine/app/stage-factory.ts';
import { composeScene, type NoiseSpec, type SynthSpec } from '../fixtures/synth.ts';

/**
 * eval:answers — spoken question → final answer, as shoppers meet it. The stages are built by the
 * composition root's own factory (buildStages: the knowledge base from `reply.knowledgeDir`, the
 * recognizer with the vocabulary generated from it, the reply service), each clip is decoded by the
 * kiosk-mode recognizer and answered with `heard` = the transcript, exactly as the conversation
 * runner's start-reply effect does. A "did you mean" is counted as answered after a tap when one of
 * its candidates, asked as the tap asks it, gives the expected answer.
 */
const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');

export interface DevQuestion {
  split: 'tune' | 'held';
  /**
   * Section ids any of which may answer it; empty = the kiosk must decline (not known / not listed);
   * STAFF among them = raising a staff call is a right answer ("can I speak to a manager").
   */
  expect: string[];
  says?: string;
  text: string;
}

export interface Shop {
  name: string;
  knowledgeDir: string;
  questions: DevQuestion[];
}

/** In a dev set's expected column: the shopper asked for a person, so raising a staff call is right. */
export const STAFF = 'staff';

/** Reads a dev set (split, expected ids, optional substring, question; tab separated). */
export function loadQuestions(file: string): DevQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [split, expect, says, text] = l.split('\t') as [string, string, string, string];
      return {
        split: split as DevQuestion['split'],
        expect: expect === 'decline' ? [] : expect.split('|'),
        ...(says ? { says } : {}),
        text,
      };
    });
}

export const SHOPS: Shop[] = [
  {
    name: 'greenleaf (sample store)',
    knowledgeDir: path.join(ROOT, 'assets', 'knowledge'),
    questions: loadQuestions(path.join(HERE, 'greenleaf-questions.tsv')),
  },
  {
    name: 'riverside pharmacy',
    knowledgeDir: path.join(ROOT, 'assets', 'shops', 'pharmacy'),
    questions: loadQuestions(path.join(HERE, 'pharmacy-questions.tsv')),
  },
];

export interface Voice {
  name: string;
  spec: Omit<SynthSpec, 'text'>;
}

export const VOICES: Voice[] = [
  { name: 'espeak en-us', spec: { engine: 'espeak-ng', voice: 'en-us', speed: 0.95 } },
  { name: 'espeak en-gb', spec: { engine: 'espeak-ng', voice: 'en-gb', speed: 0.95 } },
  { name: 'flite slt', spec: { engine: 'flite', voice: 'slt' } },
  { name: 'festival kal', spec: { engine: 'festival', voice: 'kal_diphone' } },
];

/** Light pink noise under the speech (about 20 dB below the voices' peaks). */
export const NOISE: NoiseSpec = { kind: 'pink', amplitude: 0.03 };

export type Outcome = 'correct' | 'after-dym' | 'wrong' | 'declined';

export interface ItemResult {
  question: DevQuestion;
  heard: string;
  outcome: Outcome;
  answer: string;
  confidence: number | undefined;
  addedMs?: number;
}

export interface SetSummary {
  label: string;
  n: number;
  correct: number;
  afterDym: number;
  wrong: number;
  declined: number;
}

/** Cache key of a shop's recognizer vocabulary (EVAL_SALT separates experiments that decode differently). */
export function vocabularyKey(shop: Shop): string {
  const kb = KnowledgeBase.open(shop.knowledgeDir);
  try {
    return createHash('sha256').update((process.env.EVAL_SALT ?? '') + speechCorpus(kb.data).join('\n')).digest('hex');
  } finally {
    kb.close();
  }
}

/** Builds the kiosk's stages for one shop, as `voice-kiosk run` would with reply.knowledgeDir set. */
export async function openShop(shop: Shop): Promise<BuiltStages> {
  const config = loadConfig({
    env: {},
    overrides: { reply: { knowledgeDir: shop.knowledgeDir, llm: { backend: 'none' } }, asr: { engine: 'pocketsphinx' } },
  });
  return buildStages(config, createLogger('eval', {}, () => undefined));
}

// EVAL_TRANSCRIPT_CACHE lets several clones share one set of decodes (the keys do not name the clone).
const TRANSCRIPT_CACHE =
  process.env.EVAL_TRANSCRIPT_CACHE ?? path.join(ROOT, 'test', 'fixtures', 'generated', 'answer-transcripts');

/**
 * Decodes a clip, cached by the audio and the vocabulary (so re-tuning the decision needs no decode). The
 * scene's name inside the checkout is the audio's key (it is made from what was said, by whom, over which
 * noise), relative so that another clone of the repository can share the cache.
 */
async function transcribe(asr: AsrEngine, wav: string, vocabKey: string): Promise<Transcript> {
  const scene = path.relative(ROOT, wav).split(path.sep).join('/');
  const key = createHash('sha256').update(`${scene}|${vocabKey}`).digest('hex').slice(0, 24);
  const file = path.join(TRANSCRIPT_CACHE, `${key}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Transcript;
  const { samples } = decodeWav(readFileSync(wav), wav);
  const t = await transcribeSamples(asr, samples, 'kiosk');
  mkdirSync(TRANSCRIPT_CACHE, { recursive: true });
  writeFileSync(file, JSON.stringify(t));
  return t;
}

/**
 * Re-weights cached N-best lists from their path scores with the engine's scale (or EVAL_NBEST_SCALE
 * while calibrating), so cached decodes match what the engine would give now.
 */
function reweigh(t: Transcript): Transcript {
  const scale = Number(process.env.EVAL_NBEST_SCALE) || DEFAULT_NBEST_SCALE;
  const alts = t.alternatives;
  if (!scale || !alts?.length || alts.some((a) => a.pathScore === undefined)) return t;
  const top = Math.max(...alts.map((a) => a.pathScore!));
  const raw = alts.map((a) => Math.exp((a.pathScore! - top) * Math.log(1.0001) * scale));
  const total = raw.reduce((x, y) => x + y, 0);
  // Decodes cached before the 0.95 cap on the posterior get the cap too.
  return { ...t, confidence: Math.min(0.95, t.confidence), alternatives: alts.map((a, i) => ({ ...a, weight: raw[i]! / total })) };
}

/**
 * Whether an answer is the expected one for the question (a decline counts only when declining is
 * expected). A staff call is right when the question asked for a person, and honest (as a decline is)
 * for a question the shop cannot answer; for one it can answer, it counts as declined.
 */
export function judge(q: DevQuestion, r: Pick<AskResult, 'answer' | 'sources' | 'declined' | 'action'>): Outcome {
  if (r.action === 'staff-call') return q.expect.length === 0 || q.expect.includes(STAFF) ? 'correct' : 'declined';
  if (r.declined || r.sources.length === 0) return q.expect.length === 0 ? 'correct' : 'declined';
  if (q.expect.length === 0) return 'wrong';
  const hit = r.sources.some((s) => q.expect.includes(s));
  const says = !q.says || r.answer.toLowerCase().includes(q.says.toLowerCase());
  return hit && says ? 'correct' : 'wrong';
}

let seq = 0;
async function ask(stages: BuiltStages, text: string, heard?: Transcript): Promise<AskResult> {
  return stages.reply.answer({
    text,
    correlationId: `eval-${++seq}`,
    signal: new AbortController().signal,
    ...(heard ? { heard } : {}),
  });
}

/** Answers a typed question and judges it. */
export async function typedOutcome(stages: BuiltStages, q: DevQuestion): Promise<ItemResult> {
  const r = await ask(stages, q.text);
  return { question: q, heard: q.text, outcome: judge(q, r), answer: r.answer, confidence: r.confidence };
}

/** Speaks, decodes and answers one question through the kiosk's path; a did-you-mean is resolved by a simulated tap. */
export async function spokenOutcome(
  stages: BuiltStages,
  q: DevQuestion,
  voice: Voice,
  noise: NoiseSpec | undefined,
  vocabKey: string,
): Promise<ItemResult> {
  const scene = await composeScene(
    [{ silenceMs: 300 }, { say: { ...voice.spec, text: q.text } }, { silenceMs: 400 }],
    noise ? { noise } : {},
  );
  const t = reweigh(await transcribe(stages.asr as AsrEngine, scene.path, vocabKey));
  // An empty transcript ends the turn as "no speech" in the reducer: nothing is answered.
  if (!t.text.trim()) return { question: q, heard: '', outcome: q.expect.length ? 'declined' : 'correct', answer: '', confidence: 0 };
  const t0 = performance.now();
  const r = await ask(stages, t.text, t);
  const t1 = performance.now();
  await ask(stages, t.text);
  // What deciding over the alternatives adds to answering the 1-best text alone.
  const addedMs = t1 - t0 - (performance.now() - t1);
  const base = { question: q, heard: t.text, answer: r.answer, confidence: r.confidence, addedMs };
  if (!r.didYouMean) return { ...base, outcome: judge(q, r) };
  if (q.expect.length === 0) return { ...base, outcome: 'correct' };
  for (const c of r.didYouMean) {
    if (judge(q, await ask(stages, c)) === 'correct') return { ...base, outcome: 'after-dym' };
  }
  // None of the offered questions was it: the shopper says "no", nothing wrong was asserted.
  return { ...base, outcome: 'declined' };
}

/** Counts outcomes. */
export function summarize(label: string, items: ItemResult[]): SetSummary {
  const c = (o: Outcome) => items.filter((i) => i.outcome === o).length;
  return { label, n: items.length, correct: c('correct'), afterDym: c('after-dym'), wrong: c('wrong'), declined: c('declined') };
}

/** One Markdown table row. */
export function row(s: SetSummary, typed?: SetSummary): string {
  const pct = (k: number) => (s.n ? `${((100 * k) / s.n).toFixed(1)}%` : '-');
  const typedPct = typed ? `${((100 * typed.correct) / typed.n).toFixed(1)}%` : '';
  return `| ${s.label} | ${s.n} | ${pct(s.correct)} | ${pct(s.afterDym)} | ${pct(s.correct + s.afterDym)} | ${pct(s.wrong)} | ${pct(s.declined)} | ${typedPct} |`;
}

export const TABLE_HEAD = [
  '| set | n | correct | after "did you mean" | correct total | confidently wrong | declined | typed correct |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
];
