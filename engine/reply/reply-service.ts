import { randomUUID } from 'node:crypto';
import type { AskResult } from '../contracts/api.ts';
import type { StageInfo, Transcript } from '../contracts/audio.ts';
import type { Route } from '../contracts/events.ts';
import { EngineError } from '../errors/engine-error.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import type { AnswerOffload } from '../router/answer-offload.ts';
import { profileRequest } from '../router/request-profile.ts';
import { decideRoute, type RouteDecision, type RouterThresholds } from '../router/reply-router.ts';
import { fastAnswer, type FastAnswer, type StaffAction } from './fast/fast-path.ts';
import { NO_STAFF_COMMANDS, type StaffCommandGate } from './staff-gate.ts';
import type { Clock } from './fast/shop-clock.ts';
import {
  DONT_KNOW,
  groundedMessages,
  isLlmDontKnow,
  templatedAnswer,
  type RetrievalPolicy,
} from './grounded-answer.ts';
import type { KnowledgeBase, Passage } from './knowledge/knowledge-base.ts';
import type { GenerationTiming, LlmBackend } from '../llm-clients/types.ts';
import { cleanQuestion, estimateTokens } from './question-text.ts';
import { UNLISTED_NOTE } from './fast/fast-path.ts';
import { answerPassages, interpretReading } from './understand/reading-interpreter.ts';
import { canonicalQuestion } from './understand/canonical-question.ts';
import { readTyped } from './understand/typed-reading.ts';
import {
  DEFAULT_MEANING_POLICY,
  decideMeaning,
  didYouMeanPrompt,
  asQuestion,
  type MeaningPolicy,
} from './understand/spoken-meaning.ts';

export interface ReplyServiceOptions {
  kb: KnowledgeBase;
  llm?: LlmBackend | null;
  offload?: AnswerOffload | null;
  /** Decides whether a staff voice command may run and what to say; absent → refused in words. */
  staffGate?: StaffCommandGate | null;
  router: RouterThresholds;
  llmLimits?: { maxTokens: number; timeoutMs: number };
  retrieval?: RetrievalPolicy;
  clock?: Clock;
  logger?: Logger;
  shopName?: string;
  /** When a spoken question is answered and when the kiosk asks "Did you mean …?" instead. */
  meaning?: MeaningPolicy;
}

export interface AnswerRequest {
  text: string;
  correlationId?: string;
  signal?: AbortSignal;
  /** Streamed answer text; non-streamed answers arrive as one piece. */
  onToken?: (text: string) => void;
  /** The routing decision, before any answer text (the pipeline emits it as a `route` event). */
  onRoute?: (route: Route, reason: string) => void;
  /** A spoken question's transcript: its alternatives are decided on jointly with the knowledge base. */
  heard?: Transcript;
}

const OFFLOAD_NOTE =
  "I've passed your question to our online assistant; a fuller answer will appear here shortly.";
const NOT_CAUGHT = "Sorry, I didn't catch that. Could you say it again, or shall I call a member of staff?";
const OFFLINE_NOTE = "A fuller answer will follow when we're back online.";

/**
 * The engine's one entry point for answering a shopper: clean the question, try the fast path, retrieve
 * passages, let the router decide (fast / local LLM / retrieval / offload), answer, and report why.
 * An LLM that fails, times out or is busy never leaves the shopper without an answer: the retrieval
 * answer takes its place. Only the caller's cancel ends without one.
 */
export class ReplyService {
  private readonly log: Logger;
  private readonly clock: Clock;

  constructor(private readonly opts: ReplyServiceOptions) {
    this.log = opts.logger ?? createLogger('reply');
    this.clock = opts.clock ?? (() => new Date());
  }

  async answer(req: AnswerRequest): Promise<AskResult> {
    const started = performance.now();
    const correlationId = req.correlationId ?? randomUUID();
    let text = cleanQuestion(req.text);
    throwIfCancelled(req.signal);
    const now = this.clock();

    let confidence: number;
    const readings = req.heard?.alternatives;
    if (req.heard && readings && readings.length > 0) {
      const decision = decideMeaning(
        readings,
        req.heard.confidence,
        (t) => interpretReading(this.opts.kb, t, now, this.opts.retrieval),
        this.opts.meaning ?? DEFAULT_MEANING_POLICY,
        // Offered as clean questions that a tap answers with that meaning, not as misheard words.
        (t, target) => canonicalQuestion(this.opts.kb, t, target, now, this.opts.retrieval),
      );
      confidence = decision.confidence;
      if (!decision.answer) return this.askBack(correlationId, decision.candidates, confidence, started, req);
      text = cleanQuestion(decision.text);
    } else {
      // Typed (or chosen) text is what was asked, as mended and parted (typed-reading.ts); its
      // confidence is how well it matched.
      const typed = readTyped(this.opts.kb, text, now, this.opts.retrieval);
      text = typed.text;
      const reading = typed.reading;
      confidence = reading.match * (req.heard ? Math.min(1, req.heard.confidence + 0.5) : 1);
    }

    let fast = fastAnswer(text, this.opts.kb.data, now);
    let action: StaffAction | undefined;
    if (fast?.action === 'staff-call') {
      // Anyone may ask for a person: the app's staff-call wrapper raises the call.
      action = fast.action;
    } else if (fast?.action) {
      // The words depend on whether the command will really run: never acknowledge one that will not.
      const verdict = this.opts.staffGate?.check(fast.action) ?? {
        allowed: false,
        answer: NO_STAFF_COMMANDS,
      };
      if (verdict.allowed) action = fast.action;
      fast = { ...fast, answer: verdict.answer };
    }
    // A pointer to the kind beside the asked thing is the last resort: a passage that answers wins.
    const passages = !fast || fast.beside ? answerPassages(this.opts.kb, text, this.opts.retrieval) : [];
    if (fast?.beside && passages.length) fast = null;
    const messages = groundedMessages(text, passages, this.opts.shopName);
    const profile = profileRequest(text);
    const llm = this.opts.llm ?? null;
    const decision = decideRoute(
      {
        fastIntent: fast ? fast.intent : null,
        promptTokens: estimateTokens(messages.map((m) => m.content).join('\n')),
        expectedTokens: profile.expectedTokens,
        task: profile.task,
        llm: !llm ? 'missing' : llm.busy() ? 'busy' : 'ready',
        cloud: !this.opts.offload ? 'none' : this.opts.offload.online() ? 'online' : 'offline',
      },
      this.opts.router,
    );
    const queuedJobId = decision.queue ? this.queue(text, passages, correlationId, decision) : undefined;
    req.onRoute?.(decision.route, decision.reason);

    let firstAt: number | null = null;
    const emit = (piece: string) => {
      if (firstAt === null) firstAt = performance.now();
      req.onToken?.(piece);
    };
    const out = await this.respond(decision, fast, passages, messages, req.signal, emit, text);
    if (decision.queue && queuedJobId && decision.route !== 'offload') {
      out.answer = `${out.answer} ${OFFLINE_NOTE}`;
      emit(` ${OFFLINE_NOTE}`);
    }
    const end = performance.now();
    const result: AskResult = {
      correlationId,
      route: out.route,
      reason: out.reason,
      answer: out.answer,
      sources: out.sources,
      ttftMs: round((firstAt ?? end) - started),
      totalMs: round(end - started),
    };
    if (queuedJobId) result.queuedJobId = queuedJobId;
    if (action) result.action = action;
    result.confidence = Math.round(confidence * 1000) / 1000;
    if (result.answer === DONT_KNOW || result.answer.includes(UNLISTED_NOTE)) result.declined = true;
    this.log.info('answered', {
      correlationId,
      route: result.route,
      reason: result.reason,
      sources: result.sources,
      ttftMs: result.ttftMs,
      totalMs: result.totalMs,
      // The LLM's own figures (tokens, tokens/s) for tuning the Pi; absent when no LLM answered.
      ...(out.llm ? { llm: out.llm } : {}),
    });
    return result;
  }

  private async respond(
    decision: RouteDecision,
    fast: FastAnswer | null,
    passages: Passage[],
    messages: ReturnType<typeof groundedMessages>,
    signal: AbortSignal | undefined,
    emit: (piece: string) => void,
    text: string,
  ): Promise<{ route: Route; reason: string; answer: string; sources: string[]; llm?: GenerationTiming }> {
    const { route, reason } = decision;
    if (fast) {
      emit(fast.answer);
      return { route, reason, answer: fast.answer, sources: fast.sources };
    }
    const best = passages[0];
    if (decision.route === 'offload') {
      const answer = best ? `${templatedAnswer(best, text)} ${OFFLOAD_NOTE}` : OFFLOAD_NOTE;
      emit(answer);
      return { route, reason, answer, sources: best ? [best.section.id] : [] };
    }
    if (decision.local === 'local-llm' && best) {
      const llm = this.opts.llm as LlmBackend;
      try {
        const done = await llm.stream({
          messages,
          maxTokens: this.opts.llmLimits?.maxTokens ?? 160,
          timeoutMs: this.opts.llmLimits?.timeoutMs ?? 15_000,
          stop: ['</question>', '\n\n\n'],
          temperature: 0.2,
          ...(signal ? { signal } : {}),
          onToken: emit,
        });
        if (isLlmDontKnow(done.text))
          return {
            route,
            reason: `${reason}; the LLM found no answer in the passages`,
            answer: DONT_KNOW,
            sources: [],
          };
        return {
          route,
          reason,
          answer: done.text.trim(),
          sources: passages.map((p) => p.section.id),
          llm: done.timing,
        };
      } catch (err) {
        if (err instanceof EngineError && err.code === 'cancelled') throw err;
        const code = err instanceof EngineError ? err.code : 'internal';
        this.log.warn('local LLM failed; retrieval answer instead', {
          error: EngineError.toData(err, 'reply'),
        });
        const answer = templatedAnswer(best, text);
        emit(answer);
        return {
          route: 'retrieval',
          reason: `${reason}; LLM failed (${code}) → retrieval answer`,
          answer,
          sources: [best.section.id],
        };
      }
    }
    throwIfCancelled(signal);
    if (!best) {
      emit(DONT_KNOW);
      const why =
        decision.local === 'local-llm'
          ? '; no passage above the threshold, LLM not asked'
          : '; no passage above the threshold';
      return { route: 'retrieval', reason: `${reason}${why}`, answer: DONT_KNOW, sources: [] };
    }
    const answer = templatedAnswer(best, text);
    emit(answer);
    return { route: 'retrieval', reason, answer, sources: [best.section.id] };
  }

  /** Not sure what was asked: say and show the best candidate questions instead of answering. */
  private askBack(
    correlationId: string,
    candidates: string[],
    confidence: number,
    started: number,
    req: AnswerRequest,
  ): AskResult {
    const shown = candidates.map(asQuestion);
    const answer = candidates.length ? didYouMeanPrompt(candidates) : NOT_CAUGHT;
    const reason = `unsure what was asked (confidence ${confidence.toFixed(2)}): did you mean`;
    req.onRoute?.('fast', reason);
    req.onToken?.(answer);
    const totalMs = round(performance.now() - started);
    this.log.info('did you mean', { correlationId, confidence, candidates: shown });
    return {
      correlationId,
      route: 'fast',
      reason,
      answer,
      sources: [],
      ttftMs: totalMs,
      totalMs,
      confidence: Math.round(confidence * 1000) / 1000,
      ...(shown.length ? { didYouMean: shown } : { declined: true }),
    };
  }

  private queue(
    question: string,
    passages: Passage[],
    correlationId: string,
    decision: RouteDecision,
  ): string | undefined {
    try {
      const context = passages.map((p) => `[${p.section.id}] ${p.section.text}`).join('\n') || undefined;
      return (this.opts.offload as AnswerOffload).enqueueAnswer(
        context ? { question, context } : { question },
        correlationId,
      );
    } catch (err) {
      // A full outbox must not cost the shopper the local answer.
      decision.queue = false;
      decision.reason += '; queueing the cloud job failed';
      this.log.error('enqueueAnswer failed', { correlationId, error: EngineError.toData(err, 'router') });
      return undefined;
    }
  }

  /** Staff edited the knowledge files: rebuild the index without a restart. */
  reloadKnowledge(): { sections: number } {
    return this.opts.kb.reload();
  }

  /** Example questions for the idle screen. */
  suggestions(): string[] {
    return this.opts.kb.suggestions();
  }

  /** The knowledge base's questions and names, for the ASR kiosk-mode language model. */
  knowledgePhrases(): string[] {
    return this.opts.kb.knowledgePhrases();
  }

  /** Releases the index and the LLM (a loaded GGUF holds hundreds of MB). */
  async close(): Promise<void> {
    await this.opts.llm?.close?.();
    this.opts.kb.close();
  }

  info(): StageInfo {
    const llm = this.opts.llm?.info();
    return {
      stage: 'reply',
      name: llm ? `knowledge+${llm.name}` : 'knowledge',
      ...(llm?.model ? { model: llm.model } : {}),
      ready: true,
      note: [
        this.opts.kb.info().note,
        llm ? `LLM: ${llm.note ?? llm.name}` : 'no local LLM: retrieval answers',
      ].join('; '),
    };
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EngineError('cancelled', 'answer cancelled', { stage: 'reply' });
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
