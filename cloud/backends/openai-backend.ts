import type { StageInfo } from '../../engine/contracts/audio.ts';
import type { AnswerPayload, SummarizePayload } from '../../engine/contracts/mqtt.ts';
import { EngineError } from '../../engine/errors/engine-error.ts';
import { OpenAiChatClient } from '../../engine/llm-clients/openai-client.ts';
import type { ChatMessage } from '../../engine/llm-clients/types.ts';
import { estimateTokens, type BackendItem, type BackendOutcome, type SummaryBackend, type TokenCount } from './backend.ts';
import { chunkAtSentences } from './chunking.ts';
import { ConcurrencyLimit } from './concurrency-limit.ts';

export interface OpenAiBackendOptions {
  /** API root with the version prefix, e.g. http://127.0.0.1:8080/v1. */
  baseUrl: string;
  model: string;
  apiKey?: string | null;
  /** The model's context window in tokens; longer transcripts go through map-reduce. */
  contextTokens?: number;
  /** Tokens a summary may use. */
  maxSummaryTokens?: number;
  /** Sentences repeated between neighbouring chunks. */
  overlapSentences?: number;
  timeoutMs?: number;
  /** Requests in flight towards the server, across all batches. */
  concurrency?: number;
  /** Reduce passes before giving up on a transcript that will not shrink. */
  maxReduceDepth?: number;
}

// The layout is engine/protocol/summary-outline.ts's, so the kiosk lists decisions and action items apart.
const LAYOUT =
  'Answer in exactly this plain-text layout, no preamble, no Markdown:\n' +
  '<two or three sentences: the gist, including open questions>\n\n' +
  'Decisions:\n- <one line per thing the meeting decided or agreed>\n\n' +
  'Action items:\n- <who>: <what they will do> (<by when, e.g. by Friday>)\n\n' +
  'Every sentence in which a person commits to do something is an action item: "Bob will update the price labels by Friday" ' +
  'becomes "- Bob: update the price labels (by Friday)". Leave out the "(…)" when no time was said, and leave out a section that would be empty.';
const SUMMARY_SYSTEM = `You summarize meeting transcripts for shop staff. ${LAYOUT}`;
const COMBINE_SYSTEM = `You combine partial summaries of consecutive parts of one meeting into one summary. Keep every decision and action item, remove repetition. ${LAYOUT}`;
const ANSWER_SYSTEM = 'Answer the question briefly using only the given context. If the context does not contain the answer, say so.';

// Room for the system prompt, the title and the chat template around the transcript.
const PROMPT_OVERHEAD_TOKENS = 200;

/**
 * Summaries from any OpenAI-compatible /v1/chat/completions server (vLLM, llama.cpp server, Ollama).
 * A batch runs as concurrent requests bounded by `concurrency`; a transcript longer than the context is
 * map-reduced: sentence-aligned overlapping chunks summarized, then the chunk summaries combined.
 */
export class OpenAiBackend implements SummaryBackend {
  readonly name = 'openai' as const;
  private readonly client: OpenAiChatClient;
  private readonly limit: ConcurrencyLimit;
  private readonly contextTokens: number;
  private readonly maxSummaryTokens: number;

  constructor(private readonly opts: OpenAiBackendOptions) {
    this.client = new OpenAiChatClient({ baseUrl: opts.baseUrl, model: opts.model, apiKey: opts.apiKey ?? null, defaultTimeoutMs: opts.timeoutMs ?? 120_000 });
    this.limit = new ConcurrencyLimit(opts.concurrency ?? 4);
    this.contextTokens = opts.contextTokens ?? 8192;
    this.maxSummaryTokens = opts.maxSummaryTokens ?? 512;
    if (this.inputBudgetChars() < 400) {
      throw new EngineError('bad-input', `context of ${this.contextTokens} tokens leaves no room for a transcript after ${this.maxSummaryTokens} summary tokens`, { stage: 'cloud' });
    }
  }

  async runBatch(items: BackendItem[], signal?: AbortSignal): Promise<BackendOutcome[]> {
    return Promise.all(items.map((item) => this.runOne(item, signal)));
  }

  info(): StageInfo {
    return { stage: 'cloud', name: 'openai', model: this.opts.model, ready: true, note: `OpenAI-compatible server at ${this.opts.baseUrl}, context ${this.contextTokens} tokens` };
  }

  /** Characters of transcript one request may carry (≈4 chars per token). */
  inputBudgetChars(): number {
    return (this.contextTokens - this.maxSummaryTokens - PROMPT_OVERHEAD_TOKENS) * 4;
  }

  private async runOne(item: BackendItem, signal?: AbortSignal): Promise<BackendOutcome> {
    const tokens: TokenCount = { promptTokens: 0, completionTokens: 0, measured: true };
    try {
      if (item.kind === 'answer') {
        const p = item.payload as AnswerPayload;
        const user = p.context ? `Context:\n${p.context}\n\nQuestion: ${p.question}` : `Question: ${p.question}`;
        const r = await this.chat(ANSWER_SYSTEM, user, tokens, signal);
        return { ok: true, text: r.text, model: r.model, tokens };
      }
      const p = item.payload as SummarizePayload;
      if (!/[\p{L}\p{N}]/u.test(p.transcript)) {
        return { ok: false, code: 'bad-request', message: `meeting ${p.meetingId}: transcript has no words, nothing to summarize`, retryable: false };
      }
      const r = await this.summarize(p.title, p.transcript, tokens, 0, signal);
      return { ok: true, text: r.text, model: r.model, tokens, ...(r.chunks > 1 ? { note: `map-reduce over ${r.chunks} chunks` } : {}) };
    } catch (err) {
      const data = EngineError.toData(err, 'cloud');
      // Only a request the server will never accept is final; outages, 5xx, timeouts and empty answers are worth a resend.
      const final = data.code === 'unauthorized' || data.code === 'bad-input' || data.code === 'not-found';
      return { ok: false, code: 'backend', message: `${this.opts.model} at ${this.opts.baseUrl}: ${data.message}`, retryable: !final };
    }
  }

  private async summarize(title: string, text: string, tokens: TokenCount, depth: number, signal?: AbortSignal): Promise<{ text: string; model: string; chunks: number }> {
    const budget = this.inputBudgetChars();
    if (text.length <= budget) {
      const r = await this.chat(depth === 0 ? SUMMARY_SYSTEM : COMBINE_SYSTEM, `Meeting: ${title}\n\n${text}`, tokens, signal);
      return { ...r, chunks: 1 };
    }
    if (depth >= (this.opts.maxReduceDepth ?? 3)) {
      throw new EngineError('unavailable', `summaries still exceed the context after ${depth} reduce passes`, { stage: 'cloud' });
    }
    const chunks = chunkAtSentences(text, { maxChars: budget, overlapSentences: this.opts.overlapSentences ?? 2 });
    const parts = await Promise.all(
      chunks.map((c, i) => this.chat(depth === 0 ? SUMMARY_SYSTEM : COMBINE_SYSTEM, `Meeting: ${title} (part ${i + 1} of ${chunks.length})\n\n${c}`, tokens, signal)),
    );
    const combined = parts.map((p, i) => `Part ${i + 1}: ${p.text}`).join('\n');
    const reduced = await this.summarize(title, combined, tokens, depth + 1, signal);
    return { text: reduced.text, model: reduced.model, chunks: chunks.length };
  }

  private async chat(system: string, user: string, tokens: TokenCount, signal?: AbortSignal): Promise<{ text: string; model: string }> {
    const messages: ChatMessage[] = [
      { role: 'system', content: system },
      { role: 'user', content: user },
    ];
    const r = await this.limit.run(() => this.client.complete({ messages, maxTokens: this.maxSummaryTokens, temperature: 0.2, ...(signal ? { signal } : {}) }));
    if (r.usage) {
      tokens.promptTokens += r.usage.promptTokens;
      tokens.completionTokens += r.usage.completionTokens;
    } else {
      tokens.measured = false;
      tokens.promptTokens += estimateTokens(system + user);
      tokens.completionTokens += estimateTokens(r.text);
    }
    const text = r.text.trim();
    // Never pass on a silently empty summary: an empty answer is an error the kiosk may retry.
    if (!text) throw new EngineError('unavailable', 'the model returned an empty answer', { stage: 'cloud' });
    return { text, model: r.model };
  }
}
