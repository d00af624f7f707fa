import { contentWords, splitSentences, type Sentence } from './sentences.ts';

/**
 * TextRank over sentences (Mihalcea & Tarau 2004): sentences are nodes, edges weighted by word overlap
 * normalised by sentence lengths, scores by weighted PageRank; the top sentences are returned in their
 * original order.
 */
export interface TextRankOptions {
  /** Fraction of sentences to keep (before the min/max clamp). */
  ratio?: number;
  minSentences?: number;
  maxSentences?: number;
  damping?: number;
  /** Stop when no score moves more than this between iterations. */
  tolerance?: number;
  maxIterations?: number;
}

export type TextRankOutcome =
  | { kind: 'summary'; sentences: Sentence[]; total: number; iterations: number }
  /** Nothing but punctuation or whitespace: there is nothing to summarize. */
  | { kind: 'empty' }
  /** So few sentences that condensing them would drop content: the text itself is the summary. */
  | { kind: 'too-short'; sentences: Sentence[] };

/** Similarity of two bags of content words: |overlap| / (log|a| + log|b|), as in the TextRank paper. */
export function overlapSimilarity(a: string[], b: string[], bSet: Set<string>): number {
  if (a.length === 0 || b.length === 0) return 0;
  let common = 0;
  const seen = new Set<string>();
  for (const w of a) {
    if (bSet.has(w) && !seen.has(w)) {
      common++;
      seen.add(w);
    }
  }
  if (common === 0) return 0;
  const norm = Math.log(a.length) + Math.log(b.length);
  return common / (norm > 0 ? norm : 1);
}

/** Weighted PageRank over a dense symmetric matrix; returns scores and the iterations it took. */
export function pageRank(weights: Float64Array, n: number, damping = 0.85, tolerance = 1e-6, maxIterations = 100): { scores: Float64Array; iterations: number } {
  const outSum = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += weights[i * n + j]!;
    outSum[i] = s;
  }
  let scores = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    // Mass of dangling nodes (no edges) is spread evenly so the scores stay a distribution.
    let dangling = 0;
    for (let j = 0; j < n; j++) if (outSum[j] === 0) dangling += scores[j]!;
    let delta = 0;
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let j = 0; j < n; j++) {
        const w = weights[j * n + i]!;
        if (w > 0) acc += (w / outSum[j]!) * scores[j]!;
      }
      const v = (1 - damping) / n + damping * (acc + dangling / n);
      next[i] = v;
      delta = Math.max(delta, Math.abs(v - scores[i]!));
    }
    [scores, next] = [next, scores];
    if (delta < tolerance) break;
  }
  return { scores, iterations };
}

// The similarity graph is dense (n² weights): above this many sentences a transcript is ranked in blocks
// first, so a 4 MB transcript cannot allocate gigabytes or stall the worker for minutes.
export const MAX_GRAPH_SENTENCES = 1200;

/** Ranks the sentences of `text` and picks the summary sentences, in document order. */
export function textRank(text: string, opts: TextRankOptions = {}): TextRankOutcome {
  const sentences = splitSentences(text);
  if (sentences.length === 0) return { kind: 'empty' };
  const minSentences = opts.minSentences ?? 3;
  if (sentences.length <= minSentences) return { kind: 'too-short', sentences };
  const n = sentences.length;
  const want = Math.min(opts.maxSentences ?? 8, Math.max(minSentences, Math.ceil(n * (opts.ratio ?? 0.25))));

  let candidates = sentences;
  let iterations = 0;
  while (candidates.length > MAX_GRAPH_SENTENCES) {
    // Long meeting: each block of consecutive sentences nominates its central ones; the nominees compete.
    const next: Sentence[] = [];
    const perBlock = Math.max(want, Math.ceil(MAX_GRAPH_SENTENCES * 0.1));
    for (let i = 0; i < candidates.length; i += MAX_GRAPH_SENTENCES) {
      const r = rankBlock(candidates.slice(i, i + MAX_GRAPH_SENTENCES), perBlock, opts);
      iterations += r.iterations;
      next.push(...r.picked);
    }
    candidates = next;
  }
  const r = rankBlock(candidates, want, opts);
  return { kind: 'summary', sentences: r.picked, total: n, iterations: iterations + r.iterations };
}

/** One TextRank pass over at most MAX_GRAPH_SENTENCES sentences; returns the top `want`, in order. */
function rankBlock(sentences: Sentence[], want: number, opts: TextRankOptions): { picked: Sentence[]; iterations: number } {
  const n = sentences.length;
  const bags = sentences.map((s) => contentWords(s.text));
  const sets = bags.map((b) => new Set(b));
  const weights = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const w = overlapSimilarity(bags[i]!, bags[j]!, sets[j]!);
      weights[i * n + j] = w;
      weights[j * n + i] = w;
    }
  }
  const { scores, iterations } = pageRank(weights, n, opts.damping, opts.tolerance, opts.maxIterations);
  const ranked = [...scores.keys()]
    // Ties (e.g. a graph with no edges) go to the earlier sentence: openings carry the agenda.
    .sort((a, b) => scores[b]! - scores[a]! || a - b)
    .slice(0, want)
    .sort((a, b) => a - b);
  return { picked: ranked.map((i) => sentences[i]!), iterations };
}
