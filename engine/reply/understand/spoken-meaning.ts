/**
 * Deciding what a spoken question means from all the recognizer's readings at once, not its first
 * string: each reading is interpreted against the shop's knowledge, readings that lead to the same
 * answer pool their weight, and the answer with the most belief × match wins. When even the winner
 * holds too little belief, the kiosk asks "Did you mean …?" with the best few instead of guessing.
 */

/** One way the recognizer heard the audio, with its share of belief (weights sum to about 1). */
export interface Reading {
  text: string;
  weight: number;
}

/** What a reading would be answered with: a key that is equal for equal answers, and how well it matched (0–1). */
export interface Interpretation {
  target: string | null;
  match: number;
}

export interface MeaningPolicy {
  /** At or above this joint confidence the kiosk answers; below it, it asks "Did you mean …?". */
  answerAt: number;
  /** Candidates need at least this much belief × match to be offered. */
  offerAt: number;
  /** How much the recognizer's own posterior counts against the knowledge match (0 = not at all). */
  acousticWeight: number;
  maxCandidates: number;
}

/**
 * Calibrated on the eval:answers tuning split only (espeak en-us, espeak en-gb and flite slt, clean; 302
 * sample-store and 111 pharmacy questions, readings pooled by section). Confidently wrong / correct in
 * total (direct + after "did you mean"):
 *   acousticWeight 0.3: answerAt 0.6 → 4.6 / 72.7 % and 4.5 / 76.0 %; 0.65 → 3.2 / 73.1 % and 3.6 / 76.3 %;
 *                       0.7 → 2.1 / 73.6 % and 2.1 / 77.2 % (sample store and pharmacy)
 *   acousticWeight 0.5: answerAt 0.6 → 2.6 / 73.3 % and 3.0 / 76.6 %; 0.65 → 1.5 / 73.7 % and 2.4 / 76.9 %;
 *                       0.7 → 1.4 / 73.8 % and 1.8 / 77.2 %
 * espeak en-gb's misreadings come with high match, so the decoder's own posterior has to count more.
 * offerAt 0.04 (was 0.08): offering weaker meanings, now that each is a checked clean question, adds
 * 1.4 / 0.6 points after "did you mean" at no cost in wrong answers (0.02 adds only 0.4 more).
 * Re-calibrated after the recognizer's noise floor (asr/pocketsphinx/noise-floor.ts) changed its
 * readings: tuning split, all four voices clean (1224 sample-store / 444 pharmacy decodes), direct /
 * confidently wrong / correct in total:
 *   answerAt 0.5  → 52.1 / 3.3 / 85.5 % and 72.7 / 2.5 / 88.3 %
 *   answerAt 0.55 → 46.9 / 2.4 / 85.9 % and 69.8 / 1.8 / 89.0 %
 *   answerAt 0.6  → 42.3 / 1.4 / 86.6 % and 65.1 / 1.4 / 89.0 %
 *   answerAt 0.65 → 38.3 / 1.1 / 86.8 % and 60.6 / 0.7 / 89.4 %
 * 0.6 keeps wrong answers under half the 3 % target with a margin for unseen questions, and answers
 * four points more of the questions directly than 0.65 (fewer shoppers asked "did you mean").
 */
export const DEFAULT_MEANING_POLICY: MeaningPolicy = {
  answerAt: 0.6,
  offerAt: 0.04,
  acousticWeight: 0.5,
  maxCandidates: 3,
};

export interface MeaningDecision {
  /** The reading to answer (the best one for the winning target), or the first reading when nothing matched. */
  text: string;
  confidence: number;
  /** Questions to offer as "Did you mean …?", best first; empty with answer=false: not caught at all. */
  candidates: string[];
  answer: boolean;
}

/** Scores the readings jointly with the knowledge base and decides between answering and asking back. */
export function decideMeaning(
  readings: readonly Reading[],
  acoustic: number,
  interpret: (text: string) => Interpretation,
  policy: MeaningPolicy = DEFAULT_MEANING_POLICY,
  /** The clean question to offer for a meaning (its best reading and target), null to offer none; default: the reading. */
  phrase: (text: string, target: string) => string | null = (text) => text,
): MeaningDecision {
  const first = readings[0]?.text ?? '';
  const total = readings.reduce((a, r) => a + r.weight, 0) || 1;
  const byTarget = new Map<string, { target: string; mass: number; best: { text: string; score: number } }>();
  for (const r of readings) {
    // A reading with under 1 % of the belief cannot move the decision; skipping it saves a search.
    if (r.weight / total < 0.01) continue;
    const { target, match } = interpret(r.text);
    if (!target || match <= 0) continue;
    const score = (r.weight / total) * match;
    const t = byTarget.get(target);
    if (!t) byTarget.set(target, { target, mass: score, best: { text: r.text, score } });
    else {
      t.mass += score;
      if (score > t.best.score) t.best = { text: r.text, score };
    }
  }
  const ranked = [...byTarget.values()].sort((a, b) => b.mass - a.mass);
  const top = ranked[0];
  if (!top) return { text: first, confidence: 0, candidates: [], answer: true };
  const a = Math.min(1, Math.max(0, acoustic));
  const confidence = round(top.mass * (1 - policy.acousticWeight + policy.acousticWeight * a));
  if (confidence >= policy.answerAt) return { text: top.best.text, confidence, candidates: [], answer: true };
  const candidates: string[] = [];
  for (const t of ranked.filter((x) => x.mass >= policy.offerAt)) {
    if (candidates.length >= policy.maxCandidates) break;
    const q = phrase(t.best.text, t.target);
    if (q && !candidates.some((c) => c.toLowerCase() === q.toLowerCase())) candidates.push(q);
  }
  // Too unsure to answer and nothing worth offering: the kiosk says it did not catch the question.
  return { text: top.best.text, confidence, candidates, answer: false };
}

/** "where is the milk" → "Where is the milk?": how a candidate is shown on a button and spoken. */
export function asQuestion(text: string): string {
  const t = text.trim().replace(/[?.!]+$/, '');
  return t ? `${t[0]!.toUpperCase()}${t.slice(1)}?` : t;
}

/** The spoken and shown prompt for the candidates. */
export function didYouMeanPrompt(candidates: readonly string[]): string {
  const qs = candidates.map((c) => `“${asQuestion(c)}”`);
  if (qs.length === 1) return `Sorry, I'm not sure I heard you. Did you mean ${qs[0]}`;
  return `Sorry, I'm not sure I heard you. Did you mean ${qs.slice(0, -1).join(', ')} or ${qs[qs.length - 1]}`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
