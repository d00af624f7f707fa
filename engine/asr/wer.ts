import { normalizeWords } from './text-normalize.ts';

export interface WerCounts {
  /** Substitutions + deletions + insertions. */
  errors: number;
  /** Words in the reference. */
  words: number;
  substitutions: number;
  deletions: number;
  insertions: number;
}

/** Word-level edit distance between a reference and a hypothesis, after normalization. */
export function werCounts(reference: string, hypothesis: string): WerCounts {
  const ref = normalizeWords(reference);
  const hyp = normalizeWords(hypothesis);
  // dp[i][j] = [cost, subs, dels, ins] for ref[0..i) vs hyp[0..j)
  type Cell = [number, number, number, number];
  let prev: Cell[] = Array.from({ length: hyp.length + 1 }, (_, j) => [j, 0, 0, j] as Cell);
  for (let i = 1; i <= ref.length; i++) {
    const row: Cell[] = [[i, 0, i, 0]];
    for (let j = 1; j <= hyp.length; j++) {
      const same = ref[i - 1] === hyp[j - 1];
      const diag = prev[j - 1]!;
      const up = prev[j]!;
      const left = row[j - 1]!;
      const options: Cell[] = [
        [diag[0] + (same ? 0 : 1), diag[1] + (same ? 0 : 1), diag[2], diag[3]],
        [up[0] + 1, up[1], up[2] + 1, up[3]],
        [left[0] + 1, left[1], left[2], left[3] + 1],
      ];
      row.push(options.reduce((a, b) => (b[0] < a[0] ? b : a)));
    }
    prev = row;
  }
  const [errors, substitutions, deletions, insertions] = prev[hyp.length]!;
  return { errors, words: ref.length, substitutions, deletions, insertions };
}

/** WER as a fraction (errors / reference words); an empty reference counts each inserted word. */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const c = werCounts(reference, hypothesis);
  return c.words === 0 ? c.errors : c.errors / c.words;
}
