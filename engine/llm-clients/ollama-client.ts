import type { StageInfo } from '../contracts/audio.ts';
import { HttpCall } from './http-call.ts';
import { readChatStream, type StreamLine } from './chat-stream.ts';
import type { ChatCompletion, ChatRequest, LlmBackend } from './types.ts';

export interface OllamaClientOptions {
  /** Server root, e.g. http://127.0.0.1:11434 (Ollama) or http://127.0.0.1:8000 (hailo-ollama). */
  baseUrl: string;
  model: string;
  defaultMaxTokens?: number;
  defaultTimeoutMs?: number;
  /**
   * Context window to ask for. The Raspberry Pi AI HAT+ 2 (Hailo-10H) runs its LLMs with a fixed
   * 2048-token context, and the reply prompt is kept far below that (see the router's 512-token rule).
   */
  numCtx?: number;
}

interface OllamaLine {
  model?: unknown;
  message?: { content?: unknown };
  done?: unknown;
  done_reason?: unknown;
  prompt_eval_count?: unknown;
  eval_count?: unknown;
  error?: unknown;
}

/**
 * Client of the Ollama API `/api/chat` with NDJSON streaming. This is how the AI HAT+ 2 serves LLMs
 * (its `hailo-ollama` server speaks this API). The Hailo device is exclusive per process, so only that
 * server talks to it and the kiosk never opens the NPU itself; one request at a time is expected.
 */
export class OllamaChatClient implements LlmBackend {
  readonly name = 'ollama' as const;
  private inflight = 0;

  constructor(private readonly opts: OllamaClientOptions) {}

  async stream(req: ChatRequest): Promise<ChatCompletion> {
    const url = `${this.opts.baseUrl.replace(/\/+$/, '')}/api/chat`;
    const call = new HttpCall('ollama', url, req.signal, req.timeoutMs ?? this.opts.defaultTimeoutMs);
    this.inflight += 1;
    try {
      const res = await call.postJson(this.body(req));
      return await readChatStream(call, res, req, this.opts.model, (line) => decodeLine(call, line));
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
      name: 'ollama',
      model: this.opts.model,
      ready: true,
      note: `Ollama API at ${this.opts.baseUrl} (hailo-ollama on the AI HAT+ 2: 2048-token context, one client)`,
    };
  }

  private body(req: ChatRequest): Record<string, unknown> {
    const options: Record<string, unknown> = {};
    const maxTokens = req.maxTokens ?? this.opts.defaultMaxTokens;
    if (maxTokens !== undefined) options.num_predict = maxTokens;
    if (req.stop && req.stop.length > 0) options.stop = req.stop;
    if (req.temperature !== undefined) options.temperature = req.temperature;
    if (this.opts.numCtx !== undefined) options.num_ctx = this.opts.numCtx;
    return { model: this.opts.model, messages: req.messages, stream: true, options };
  }
}

/** One NDJSON line of /api/chat; `done:true` ends the answer and carries the token counts. */
function decodeLine(call: HttpCall, line: string): StreamLine | null {
  if (line.trim() === '') return null;
  const msg = call.parse(line) as OllamaLine;
  if (msg?.error !== undefined) throw call.error('unavailable', `ollama error: ${String(msg.error).slice(0, 200)}`);
  const out: StreamLine = {};
  if (typeof msg?.model === 'string') out.model = msg.model;
  if (typeof msg?.message?.content === 'string') out.piece = msg.message.content;
  if (msg?.done === true) {
    out.end = true;
    out.finish = msg.done_reason === 'length' ? 'length' : msg.done_reason === 'stop' ? 'stop' : 'unknown';
    if (typeof msg.prompt_eval_count === 'number' && typeof msg.eval_count === 'number')
      out.usage = { promptTokens: msg.prompt_eval_count, completionTokens: msg.eval_count };
  }
  return out;
}
