import type { Transcript } from '../../../contracts/audio.ts';
import { transcribeSamples, type AsrEngine } from '../../../asr/asr-engine.ts';
import { werCounts, wordErrorRate } from '../../../asr/wer.ts';
import { loadItemAudio, type EvalItem } from './devset.ts';

export interface ItemResult {
  id: string;
  kind: string;
  mode: EvalItem['mode'];
  reference: string;
  hypothesis: string;
  errors: number;
  words: number;
  wer: number;
  /** Off-topic items only: the hypothesis came out as (nearly) one of the kiosk phrases. */
  forcedOntoPhrase?: boolean;
  transcript: Transcript;
}

export interface KindSummary {
  kind: string;
  items: number;
  words: number;
  errors: number;
  wer: number;
  forced?: number;
}

export interface EvalReport {
  engine: string;
  items: ItemResult[];
  byKind: KindSummary[];
  total: { items: number; words: number; errors: number; wer: number };
  audioMs: number;
  decodeMs: number;
}

/**
 * Transcribes every item with the given engine and scores it: per-item and per-kind WER, and for
 * off-topic speech whether it was forced onto a kiosk phrase (WER ≤ 0.25 against the nearest one).
 */
export async function runEval(
  engine: AsrEngine,
  items: EvalItem[],
  manifestFile: string,
  opts: { kioskPhrases?: readonly string[]; onItem?: (r: ItemResult) => void } = {},
): Promise<EvalReport> {
  const results: ItemResult[] = [];
  for (const item of items) {
    const audio = await loadItemAudio(item, manifestFile);
    const transcript = await transcribeSamples(engine, audio, item.mode);
    const c = werCounts(item.text, transcript.text);
    const r: ItemResult = {
      id: item.id,
      kind: item.kind,
      mode: item.mode,
      reference: item.text,
      hypothesis: transcript.text,
      errors: c.errors,
      words: c.words,
      wer: c.words ? c.errors / c.words : c.errors,
      transcript,
    };
    if (item.kind.endsWith('out-of-domain') && opts.kioskPhrases) {
      r.forcedOntoPhrase =
        transcript.text !== '' && opts.kioskPhrases.some((p) => wordErrorRate(p, transcript.text) <= 0.25);
    }
    results.push(r);
    opts.onItem?.(r);
  }
  const kinds = [...new Set(results.map((r) => r.kind))];
  const byKind = kinds.map((kind) => {
    const rs = results.filter((r) => r.kind === kind);
    const words = rs.reduce((a, r) => a + r.words, 0);
    const errors = rs.reduce((a, r) => a + r.errors, 0);
    const s: KindSummary = { kind, items: rs.length, words, errors, wer: words ? errors / words : 0 };
    if (rs.some((r) => r.forcedOntoPhrase !== undefined))
      s.forced = rs.filter((r) => r.forcedOntoPhrase).length;
    return s;
  });
  const words = results.reduce((a, r) => a + r.words, 0);
  const errors = results.reduce((a, r) => a + r.errors, 0);
  return {
    engine: engine.name,
    items: results,
    byKind,
    total: { items: results.length, words, errors, wer: words ? errors / words : 0 },
    audioMs: results.reduce((a, r) => a + r.transcript.audioMs, 0),
    decodeMs: results.reduce((a, r) => a + r.transcript.decodeMs, 0),
  };
}
