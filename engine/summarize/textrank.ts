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
  // The graph is sparse (most sentence pairs share no word), so each node's incoming edges are listed
  // once, with their weight already divided by the source's out-weight: an iteration then touches only
  // the edges instead of all n² cells. Same operations in the same order as the dense form, same scores.
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let j = 0; j < n; j++) if (weights[j * n + i]! > 0) c++;
    start[i + 1] = start[i]! + c;
  }
  const from = new Int32Array(start[n]!);
  const coef = new Float64Array(start[n]!);
  for (let i = 0, k = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const w = weights[j * n + i]!;
      if (w > 0) {
        from[k] = j;
        coef[k++] = w / outSum[j]!;
      }
    }
  }
  const danglingNodes: number[] = [];
  for (let j = 0; j < n; j++) if (outSum[j] === 0) danglingNodes.push(j);
  let scores = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    // Mass of dangling nodes (no edges) is spread evenly so the scores stay a distribution.
    let dangling = 0;
    for (const j of danglingNodes) dangling += scores[j]!;
    let delta = 0;
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let k = start[i]!, end = start[i + 1]!; k < end; k++) acc += coef[k]! * scores[from[k]!]!;
      const v = (1 - damping) / n + damping * (acc + dangling / n);
      next[i] = v;
      delta = Math.max(delta, Math.abs(v - scores[i]!));
    }
    [scores, next] = [next, scores];
    if (delta < tolerance) break;
  }
  return { scores, iterations };
}

/**
 * The TextRank weight matrix of a block of sentences (dense, symmetric, zero diagonal): each pair's
 * overlapSimilarity, computed from an index of which sentences hold each word, so only pairs that
 * share a word are visited and each sentence is tokenized once.
 */
export function similarityMatrix(bags: string[][]): Float64Array {
  const n = bags.length;
  const ids = new Map<string, number>();
  const holders: number[][] = [];
  for (let i = 0; i < n; i++) {
    for (const w of bags[i]!) {
      let id = ids.get(w);
      if (id === undefined) {
        id = holders.length;
        ids.set(w, id);
        holders.push([]);
      }
      const h = holders[id]!;
      if (h[h.length - 1] !== i) h.push(i); // each distinct word once per sentence
    }
  }
  const common = new Uint32Array(n * n);
  for (const h of holders) {
    for (let a = 0; a < h.length; a++) {
      const row = h[a]! * n;
      for (let b = a + 1; b < h.length; b++) common[row + h[b]!]!++;
    }
  }
  const logLen = bags.map((b) => Math.log(b.length));
  const weights = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const c = common[i * n + j]!;
      if (c === 0) continue;
      const norm = logLen[i]! + logLen[j]!;
      const w = c / (norm > 0 ? norm : 1);
      weights[i * n + j] = w;
      weights[j * n + i] = w;
    }
  }
  return weights;
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
  const weights = similarityMatrix(sentences.map((s) => contentWords(s.text)));
  const { scores, iterations } = pageRank(weights, n, opts.damping, opts.tolerance, opts.maxIterations);
  const ranked = [...scores.keys()]
    // Ties (e.g. a graph with no edges) go to the earlier sentence: openings carry the agenda.
    .sort((a, b) => scores[b]! - scores[a]! || a - b)
    .slice(0, want)
    .sort((a, b) => a - b);
  return { picked: ranked.map((i) => sentences[i]!), iterations };
}
