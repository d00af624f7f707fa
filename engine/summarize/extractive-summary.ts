import type { SummaryOutline } from '../contracts/mqtt.ts';
import { outlineSentences } from './meeting-outline.ts';
import { splitSentences } from './sentences.ts';
import { textRank, type TextRankOptions } from './textrank.ts';

/** The model name stored with every extractive summary, on the kiosk and in the cloud alike. */
export const EXTRACTIVE_MODEL = 'textrank-1';

export type ExtractiveSummary =
  | { ok: true; outline: SummaryOutline; model: string; note: string }
  | { ok: false; reason: string };

/**
 * Summarizes a transcript into what staff act on: decisions and action items found by rules over the
 * sentences, and a gist TextRank picks from the remaining ones (all of them when nothing is left).
 * Pure and synchronous, with no model weights, so both the cloud's extractive backend and the kiosk's
 * on-device draft (made when the cloud stays unreachable) call the same code and give the same
 * outline for the same transcript. Callers lay it out with the protocol's formatOutline.
 */
export function extractiveSummary(transcript: string, opts: TextRankOptions = {}): ExtractiveSummary {
  const all = splitSentences(transcript);
  if (all.length === 0) return { ok: false, reason: 'transcript has no words, nothing to summarize' };
  const { decisions, actions, rest } = outlineSentences(all);
  const r = textRank((rest.length ? rest : all).map((s) => s.text).join('\n'), opts);
  const gist = r.kind === 'empty' ? '' : r.sentences.map((s) => s.text).join(' ');
  const found = `${decisions.length} decision(s), ${actions.length} action item(s)`;
  const note =
    r.kind === 'summary'
      ? `${r.sentences.length} of ${r.total} sentences; ${found}`
      : `gist kept whole (${r.kind === 'empty' ? 0 : r.sentences.length} sentence(s)); ${found}`;
  return { ok: true, outline: { gist, decisions, actions }, model: EXTRACTIVE_MODEL, note };
}
