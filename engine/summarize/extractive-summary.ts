import { textRank, type TextRankOptions } from './textrank.ts';

/** The model name stored with every extractive summary, on the kiosk and in the cloud alike. */
export const EXTRACTIVE_MODEL = 'textrank-1';

export type ExtractiveSummary =
  | { ok: true; text: string; model: string; note: string }
  | { ok: false; reason: string };

/**
 * Summarizes a transcript by picking its central sentences (TextRank). Pure and synchronous, with no
 * model weights, so both the cloud's extractive backend and the kiosk's on-device draft (made when
 * the cloud stays unreachable) call the same code and give the same text for the same transcript.
 */
export function extractiveSummary(transcript: string, opts: TextRankOptions = {}): ExtractiveSummary {
  const r = textRank(transcript, opts);
  if (r.kind === 'empty') return { ok: false, reason: 'transcript has no words, nothing to summarize' };
  const text = r.sentences.map((s) => s.text).join(' ');
  const note =
    r.kind === 'too-short'
      ? `transcript has only ${r.sentences.length} sentence(s); kept whole`
      : `${r.sentences.length} of ${r.total} sentences`;
  return { ok: true, text, model: EXTRACTIVE_MODEL, note };
}
