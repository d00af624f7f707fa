import path from 'node:path';
import type { KioskConfig } from '../contracts/config.ts';
import { resolvePath } from '../paths/app-root.ts';
import { EngineError } from '../errors/engine-error.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import type { AnswerOffload } from '../router/answer-offload.ts';
import type { Clock } from './fast/shop-clock.ts';
import { KnowledgeBase } from './knowledge/knowledge-base.ts';
import { OllamaChatClient } from '../llm-clients/ollama-client.ts';
import { OpenAiChatClient } from '../llm-clients/openai-client.ts';
import type { LlmBackend } from '../llm-clients/types.ts';
import { ReplyService } from './reply-service.ts';

export interface ReplyServiceDeps {
  offload?: AnswerOffload | null;
  clock?: Clock;
  logger?: Logger;
}

/**
 * Builds the real reply stage from config (the composition root calls this): the knowledge base, the
 * configured LLM backend, and the router thresholds. An LLM that cannot be set up is logged and left
 * out — the kiosk still answers by fast path and retrieval.
 */
export async function createReplyService(
  config: KioskConfig,
  deps: ReplyServiceDeps = {},
): Promise<ReplyService> {
  const log = deps.logger ?? createLogger('reply');
  const kb = KnowledgeBase.open(resolvePath(config.reply.knowledgeDir));
  let llm: LlmBackend | null = null;
  try {
    llm = await createLlmBackend(config);
  } catch (err) {
    log.warn('local LLM unavailable; answering by retrieval', { error: EngineError.toData(err, 'reply') });
  }
  return new ReplyService({
    kb,
    llm,
    offload: deps.offload ?? null,
    router: config.router,
    llmLimits: { maxTokens: config.reply.llm.maxTokens, timeoutMs: config.reply.llm.timeoutMs },
    logger: log,
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
}

/** The configured LLM backend, or null for `none`. For llama-cpp, `reply.llm.model` is a GGUF path (relative to paths.modelsDir). */
export async function createLlmBackend(config: KioskConfig): Promise<LlmBackend | null> {
  const c = config.reply.llm;
  switch (c.backend) {
    case 'none':
      return null;
    case 'ollama':
      return new OllamaChatClient({
        baseUrl: c.url,
        model: c.model,
        defaultMaxTokens: c.maxTokens,
        defaultTimeoutMs: c.timeoutMs,
        numCtx: 2048,
      });
    case 'openai':
      return new OpenAiChatClient({
        baseUrl: c.url,
        model: c.model,
        apiKey: c.apiKey,
        defaultMaxTokens: c.maxTokens,
        defaultTimeoutMs: c.timeoutMs,
      });
    case 'llama-cpp': {
      const { LlamaCppBackend } = await import('./llm/llama-cpp-backend.ts');
      const modelPath = path.isAbsolute(c.model)
        ? c.model
        : path.join(resolvePath(config.paths.modelsDir), c.model);
      return LlamaCppBackend.load({
        modelPath,
        defaultMaxTokens: c.maxTokens,
        defaultTimeoutMs: c.timeoutMs,
      });
    }
  }
}
