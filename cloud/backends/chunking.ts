import { splitSentences } from '../../engine/summarize/sentences.ts';

/**
 * Cuts a long transcript into chunks that each fit a model's context, only at sentence boundaries,
 * with the last few sentences of a chunk repeated at the start of the next so a point made across the
 * cut is seen whole by one of them.
 */
export interface ChunkOptions {
  maxChars: number;
  overlapSentences: number;
}

/** Splits `text` into sentence-aligned chunks of at most maxChars (a lone longer sentence is hard-cut). */
export function chunkAtSentences(text: string, opts: ChunkOptions): string[] {
  const pieces: string[] = [];
  for (const s of splitSentences(text)) {
    if (s.text.length <= opts.maxChars) {
      pieces.push(s.text);
      continue;
    }
    // A run-on "sentence" longer than the window (ASR without punctuation): cut at word boundaries.
    let rest = s.text;
    while (rest.length > opts.maxChars) {
      const cut = rest.lastIndexOf(' ', opts.maxChars);
      const at = cut > opts.maxChars / 2 ? cut : opts.maxChars;
      pieces.push(rest.slice(0, at).trim());
      rest = rest.slice(at).trim();
    }
    if (rest) pieces.push(rest);
  }
  const chunks: string[] = [];
  let i = 0;
  while (i < pieces.length) {
    const chunk: string[] = [];
    let len = 0;
    let j = i;
    while (j < pieces.length && (chunk.length === 0 || len + 1 + pieces[j]!.length <= opts.maxChars)) {
      len += (chunk.length ? 1 : 0) + pieces[j]!.length;
      chunk.push(pieces[j]!);
      j++;
    }
    chunks.push(chunk.join(' '));
    if (j >= pieces.length) break;
    // Step back for the overlap, but always move forward by at least one piece.
    i = Math.max(i + 1, j - opts.overlapSentences);
  }
  return chunks;
}
