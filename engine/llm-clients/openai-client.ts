import type { StageInfo } from '../contracts/audio.ts';
import { HttpCall } from './http-call.ts';
import { TokenTimer } from './token-timer.ts';
import { readChatStream, type StreamLine } from './chat-stream.ts';
import type { ChatCompletion, ChatRequest, LlmBackend, TokenUsage } from './types.ts';

export interface OpenAiClientOptions {
  /** API root including the version prefix, as the OpenAI SDK's baseURL: `http://host:8080/v1`. */
  baseUrl: string;
  model: string;
  apiKey?: string | null;
  /** Used when a request gives no maxTokens. */
  defaultMaxTokens?: number;
  /** Used when a request gives no timeoutMs. */
  defaultTimeoutMs?: number;
}

interface ChoiceBody {
  message?: { content?: unknown };
  delta?: { content?: unknown };
  finish_reason?: unknown;
}
interface CompletionBody {
  model?: unknown;
  choices?: ChoiceBody[];
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
  error?: unknown;
}

/**
 * Client of any OpenAI-compatible `/chat/completions` server (OpenAI, llama.cpp's llama-server, vLLM,
 * LocalAI, Ollama's /v1). Shared by the kiosk's `openai` reply backend and the cloud summarizer.
 */
export class OpenAiChatClient implements LlmBackend {
  readonly name = 'openai' as const;
  private inflight = 0;

  constructor(private readonly opts: OpenAiClientOptions) {}

  /** One request, whole answer at once (what the summarizer wants). */
  async complete(req: Omit<ChatRequest, 'onToken'>): Promise<ChatCompletion> {
    const call = this.call(req);
    const timer = new TokenTimer();
    this.inflight += 1;
    try {
      const res = await call.postJson(this.body(req, false), this.headers());
      const body = (await call.json(res)) as CompletionBody;
      const choice = Array.isArray(body?.choices) ? body.choices[0] : undefined;
      const content = choice?.message?.content;
      if (typeof content !== 'string')
        throw call.error('schema', 'openai response has no choices[0].message.content');
      timer.token(content);
      const done: ChatCompletion = {
        text: content,
        model: typeof body.model === 'string' ? body.model : this.opts.model,
        finishReason: finish(choice?.finish_reason),
        timing: timer.done(),
      };
      const usage = readUsage(body);
      if (usage) done.usage = usage;
      return done;
    } finally {
      this.inflight -= 1;
      call.dispose();
    }
  }

  /** Streams `data:` server-sent events until `[DONE]`, passing each content delta to `onToken`. */
  async stream(req: ChatRequest): Promise<ChatCompletion> {
    const call = this.call(req);
    this.inflight += 1;
    try {
      const res = await call.postJson(this.body(req, true), this.headers());
      return await readChatStream(call, res, req, this.opts.model, (line) => decodeEvent(call, line));
    } catch (err) {
      throw call.classify(err);
    } finally {
      this.inflight -= 1;
      call.dispose();
    }
  }

  busy(): boolean {
    return this.inflight > 0;
  }

  info(): StageInfo {
    return {
      stage: 'reply',
      name: 'openai',
      model: this.opts.model,
      ready: true,
      note: `OpenAI-compatible server at ${this.opts.baseUrl}`,
    };
  }

  private call(req: Omit<ChatRequest, 'onToken'>): HttpCall {
    const url = `${this.opts.baseUrl.replace(/\/+$/, '')}/chat/completions`;
    return new HttpCall('openai', url, req.signal, req.timeoutMs ?? this.opts.defaultTimeoutMs);
  }

  private headers(): Record<string, string> {
    return this.opts.apiKey ? { authorization: `Bearer ${this.opts.apiKey}` } : {};
  }

  private body(req: Omit<ChatRequest, 'onToken'>, stream: boolean): Record<string, unknown> {
    const body: Record<string, unknown> = {
      model: this.opts.model,
      messages: req.messages,
      stream,
    };
    const maxTokens = req.maxTokens ?? this.opts.defaultMaxTokens;
    if (maxTokens !== undefined) body.max_tokens = maxTokens;
    // The OpenAI API accepts at most 4 stop sequences.
    if (req.stop && req.stop.length > 0) body.stop = req.stop.slice(0, 4);
    if (req.temperature !== undefined) body.temperature = req.temperature;
    return body;
  }
}

function finish(reason: unknown): ChatCompletion['finishReason'] {
  return reason === 'stop' ? 'stop' : reason === 'length' ? 'length' : 'unknown';
}

function readUsage(body: CompletionBody): TokenUsage | undefined {
  const u = body?.usage;
  if (!u || typeof u.prompt_tokens !== 'number' || typeof u.completion_tokens !== 'number') return undefined;
  return { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens };
}

/** One SSE line: blank lines separate events, ':' starts a comment (keep-alive), other fields are ignored. */
function decodeEvent(call: HttpCall, line: string): StreamLine | null {
  if (!line.startsWith('data:')) return null;
  const data = line.slice(5).trim();
  if (data === '[DONE]') return { end: true };
  const chunk = call.parse(data) as CompletionBody;
  if (chunk?.error !== undefined)
    throw call.error('unavailable', `openai stream error: ${JSON.stringify(chunk.error).slice(0, 200)}`);
  const out: StreamLine = {};
  if (typeof chunk?.model === 'string') out.model = chunk.model;
  const usage = readUsage(chunk);
  if (usage) out.usage = usage;
  const choice = Array.isArray(chunk?.choices) ? chunk.choices[0] : undefined;
  if (typeof choice?.delta?.content === 'string') out.piece = choice.delta.content;
  if (choice?.finish_reason != null) out.finish = finish(choice.finish_reason);
  return out;
}
