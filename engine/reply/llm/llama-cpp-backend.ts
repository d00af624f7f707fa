import { existsSync } from 'node:fs';
import path from 'node:path';
import type { StageInfo } from '../../contracts/audio.ts';
import { EngineError } from '../../errors/engine-error.ts';
import { TokenTimer } from '../../llm-clients/token-timer.ts';
import type { ChatCompletion, ChatRequest, LlmBackend } from '../../llm-clients/types.ts';

type NodeLlamaCpp = typeof import('node-llama-cpp');
type Llama = Awaited<ReturnType<NodeLlamaCpp['getLlama']>>;
type LlamaModel = Awaited<ReturnType<Llama['loadModel']>>;
type LlamaContext = Awaited<ReturnType<LlamaModel['createContext']>>;

export interface LlamaCppOptions {
  /** A GGUF file (sha256-pinned by the models manifest on a device). */
  modelPath: string;
  /** Kept at the Hailo's 2048 so prompts that fit one backend fit the other. */
  contextSize?: number;
  threads?: number;
  defaultMaxTokens?: number;
  defaultTimeoutMs?: number;
}

/**
 * In-process GGUF inference on the CPU via node-llama-cpp. The native binaries come from its prebuilt
 * npm packages (an optionalDependency: ~725 MB on x64 because npm also pulls the CUDA/Vulkan variants,
 * ~20 MB on a Pi); `build: 'never'` means nothing is ever compiled or downloaded at run time. When the
 * package is not installed, `load()` fails with a clear `unavailable` error and the kiosk answers by
 * retrieval.
 */
export class LlamaCppBackend implements LlmBackend {
  readonly name = 'llama-cpp' as const;
  private running = false;

  private constructor(
    private readonly lib: NodeLlamaCpp,
    private readonly llama: Llama,
    private readonly model: LlamaModel,
    private readonly context: LlamaContext,
    private readonly opts: LlamaCppOptions,
  ) {}

  /** Loads the library and the model; throws `unavailable` (not installed) or `model-missing`. */
  static async load(opts: LlamaCppOptions): Promise<LlamaCppBackend> {
    if (!existsSync(opts.modelPath)) {
      throw new EngineError('model-missing', `GGUF model not found at ${opts.modelPath}`, {
        stage: 'reply',
        detail: { file: opts.modelPath },
      });
    }
    let lib: NodeLlamaCpp;
    try {
      lib = await import('node-llama-cpp');
    } catch (err) {
      throw new EngineError(
        'unavailable',
        'node-llama-cpp is not installed (it is an optional dependency); install it or use the ollama/openai backend',
        {
          stage: 'reply',
          cause: err,
        },
      );
    }
    try {
      const llama = await lib.getLlama({
        gpu: false,
        build: 'never',
        progressLogs: false,
        logLevel: lib.LlamaLogLevel.error,
      });
      const model = await llama.loadModel({ modelPath: opts.modelPath });
      const context = await model.createContext({
        contextSize: Math.min(opts.contextSize ?? 2048, model.trainContextSize),
        ...(opts.threads ? { threads: opts.threads } : {}),
      });
      return new LlamaCppBackend(lib, llama, model, context, opts);
    } catch (err) {
      throw new EngineError(
        'model-missing',
        `cannot load GGUF ${opts.modelPath}: ${(err as Error).message}`,
        {
          stage: 'reply',
          detail: { file: opts.modelPath },
          cause: err,
        },
      );
    }
  }

  async stream(req: ChatRequest): Promise<ChatCompletion> {
    if (this.running)
      throw new EngineError('unavailable', 'llama-cpp is busy with another answer', {
        stage: 'reply',
        detail: { backend: 'llama-cpp' },
      });
    if (req.signal?.aborted)
      throw new EngineError('cancelled', 'llama-cpp request cancelled', { stage: 'reply' });
    this.running = true;
    const timer = new TokenTimer();
    const deadline = new AbortController();
    const timeoutMs = req.timeoutMs ?? this.opts.defaultTimeoutMs;
    let timedOut = false;
    const handle = timeoutMs ? setTimeout(() => ((timedOut = true), deadline.abort()), timeoutMs) : undefined;
    const signal = req.signal ? AbortSignal.any([req.signal, deadline.signal]) : deadline.signal;
    const system = req.messages
      .filter((m) => m.role === 'system')
      .map((m) => m.content)
      .join('\n');
    const turns = req.messages.filter((m) => m.role !== 'system');
    const last = turns.pop();
    if (!last || last.role !== 'user') {
      this.running = false;
      if (handle) clearTimeout(handle);
      throw new EngineError('bad-input', 'the last chat message must be from the user', { stage: 'reply' });
    }
    const session = new this.lib.LlamaChatSession({
      contextSequence: this.context.getSequence(),
      systemPrompt: system,
      autoDisposeSequence: true,
    });
    try {
      if (turns.length > 0) {
        session.setChatHistory([
          { type: 'system', text: system },
          ...turns.map((m) =>
            m.role === 'user'
              ? { type: 'user' as const, text: m.content }
              : { type: 'model' as const, response: [m.content] },
          ),
        ]);
      }
      const out = await session.promptWithMeta(last.content, {
        maxTokens: req.maxTokens ?? this.opts.defaultMaxTokens ?? 160,
        temperature: req.temperature ?? 0,
        signal,
        ...(req.stop && req.stop.length > 0 ? { customStopTriggers: req.stop } : {}),
        onTextChunk: (chunk: string) => {
          timer.token(chunk);
          req.onToken?.(chunk);
        },
      });
      const reason = out.stopReason;
      return {
        text: out.responseText,
        model: path.basename(this.opts.modelPath),
        finishReason:
          reason === 'maxTokens'
            ? 'length'
            : reason === 'eogToken' || reason === 'stopGenerationTrigger' || reason === 'customStopTrigger'
              ? 'stop'
              : 'unknown',
        timing: timer.done(),
      };
    } catch (err) {
      if (timedOut)
        throw new EngineError('timeout', `llama-cpp did not finish within ${timeoutMs} ms`, {
          stage: 'reply',
          detail: { backend: 'llama-cpp' },
        });
      if (req.signal?.aborted)
        throw new EngineError('cancelled', 'llama-cpp request cancelled', { stage: 'reply' });
      throw new EngineError('internal', `llama-cpp generation failed: ${(err as Error).message}`, {
        stage: 'reply',
        cause: err,
      });
    } finally {
      if (handle) clearTimeout(handle);
      session.dispose({ disposeSequence: true });
      this.running = false;
    }
  }

  busy(): boolean {
    return this.running;
  }

  info(): StageInfo {
    return {
      stage: 'reply',
      name: 'llama-cpp',
      model: path.basename(this.opts.modelPath),
      ready: true,
      note: `node-llama-cpp (CPU, prebuilt), context ${this.context.contextSize} tokens`,
    };
  }

  async close(): Promise<void> {
    await this.context.dispose();
    await this.model.dispose();
    await this.llama.dispose();
  }
}
