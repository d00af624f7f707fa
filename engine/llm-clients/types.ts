import type { StageInfo } from '../contracts/audio.ts';

/** One chat turn, in the shape every backend (OpenAI, Ollama, llama.cpp) accepts. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  messages: ChatMessage[];
  maxTokens?: number;
  /** Generation ends before any of these strings; they never appear in the text. */
  stop?: string[];
  /** The caller's cancel (the shopper tapped "stop", barge-in): ends with a `cancelled` EngineError. */
  signal?: AbortSignal;
  /** Deadline for the whole request; ends with a `timeout` EngineError. */
  timeoutMs?: number;
  temperature?: number;
  /** Called with each piece of text as it arrives (streaming calls only). */
  onToken?: (text: string) => void;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

/** How fast the answer came: what the bench and the `ask` CLI report. */
export interface GenerationTiming {
  /** Request start → first non-empty token. */
  ttftMs: number;
  totalMs: number;
  /** Streamed pieces (≈ tokens for every backend here). */
  tokens: number;
  /** Tokens after the first, per second of generation after the first token. */
  tokensPerSec: number;
}

export interface ChatCompletion {
  text: string;
  model: string;
  usage?: TokenUsage;
  finishReason: 'stop' | 'length' | 'unknown';
  timing: GenerationTiming;
}

/** The one interface over local and remote LLMs, so the reply service does not care which one runs. */
export interface LlmBackend {
  readonly name: 'ollama' | 'llama-cpp' | 'openai';
  /** Streams tokens through `req.onToken` and resolves with the whole answer and its timing. */
  stream(req: ChatRequest): Promise<ChatCompletion>;
  /** True while a generation runs; the Hailo NPU and a CPU model serve one request at a time. */
  busy(): boolean;
  info(): StageInfo;
  close?(): Promise<void>;
}
