import type { StageInfo } from '../../engine/contracts/audio.ts';
import type { AnswerPayload, SummarizePayload } from '../../engine/contracts/mqtt.ts';
import { estimateTokens, type BackendItem, type BackendOutcome, type SummaryBackend } from './backend.ts';
import { EXTRACTIVE_MODEL, extractiveSummary } from '../../engine/summarize/extractive-summary.ts';
import { contentWords, splitSentences } from '../../engine/summarize/sentences.ts';
import type { TextRankOptions } from '../../engine/summarize/textrank.ts';
import { formatOutline } from '../../engine/protocol/summary-outline.ts';

export { EXTRACTIVE_MODEL };

/**
 * The embedded default backend: TextRank picks the transcript's central sentences, so the whole loop
 * runs on one machine with no model server. A batch is summarized in one synchronous call.
 */
export class ExtractiveBackend implements SummaryBackend {
  readonly name = 'extractive' as const;

  constructor(private readonly opts: TextRankOptions = {}) {}

  async runBatch(items: BackendItem[]): Promise<BackendOutcome[]> {
    return items.map((item) =>
      item.kind === 'summarize' ? this.summarize(item.payload as SummarizePayload) : this.answer(item.payload as AnswerPayload),
    );
  }

  info(): StageInfo {
    return { stage: 'cloud', name: 'extractive', model: EXTRACTIVE_MODEL, licence: 'MIT (own code)', ready: true, note: 'TextRank over sentences, no model weights' };
  }

  /** The same outline the kiosk's on-device draft makes (engine/summarize), in the shared layout. */
  private summarize(p: SummarizePayload): BackendOutcome {
    const r = extractiveSummary(p.transcript, this.opts);
    if (!r.ok) return { ok: false, code: 'bad-request', message: `meeting ${p.meetingId}: ${r.reason}`, retryable: false };
    const text = formatOutline(r.outline);
    const tokens = { promptTokens: estimateTokens(p.transcript), completionTokens: estimateTokens(text), measured: false };
    return { ok: true, text, model: r.model, tokens, note: r.note };
  }

  /** Extractive answer: the context sentences that share the most content words with the question. */
  private answer(p: AnswerPayload): BackendOutcome {
    const context = p.context?.trim() ?? '';
    const q = new Set(contentWords(p.question));
    const scored = splitSentences(context)
      .map((s, i) => ({ s, i, hits: contentWords(s.text).filter((w) => q.has(w)).length }))
      .filter((x) => x.hits > 0)
      .sort((a, b) => b.hits - a.hits || a.i - b.i)
      .slice(0, 2)
      .sort((a, b) => a.i - b.i);
    if (scored.length === 0) {
      return {
        ok: false,
        code: 'bad-request',
        message: context ? 'the context does not mention anything the question asks about' : 'an extractive backend needs context to answer from',
        retryable: false,
      };
    }
    const text = scored.map((x) => x.s.text).join(' ');
    return { ok: true, text, model: EXTRACTIVE_MODEL, tokens: { promptTokens: estimateTokens(context + p.question), completionTokens: estimateTokens(text), measured: false } };
  }
}
