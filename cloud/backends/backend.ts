import type { StageInfo } from '../../engine/contracts/audio.ts';
import type { CloudJobKind as JobKind } from '../../engine/contracts/events.ts';
import type { AnswerPayload, JobErrorCode, SummarizePayload } from '../../engine/contracts/mqtt.ts';

/** One unit of backend work; identical requests (same contentHash) arrive here once. */
export interface BackendItem {
  /** The content hash: what coalescing keys on and what logs name. */
  key: string;
  kind: JobKind;
  payload: SummarizePayload | AnswerPayload;
}

export interface TokenCount {
  promptTokens: number;
  completionTokens: number;
  /** True when counted by a model server, false when estimated from characters. */
  measured: boolean;
}

export type BackendOutcome =
  | { ok: true; text: string; model: string; tokens: TokenCount; note?: string }
  | { ok: false; code: JobErrorCode; message: string; retryable: boolean };

/**
 * What turns job payloads into summaries. A batch is the unit of work so that a backend can make one
 * call do N summaries (extractive) or run them concurrently (openai); outcomes match items by index.
 */
export interface SummaryBackend {
  readonly name: 'extractive' | 'openai';
  runBatch(items: BackendItem[], signal?: AbortSignal): Promise<BackendOutcome[]>;
  info(): StageInfo;
  close?(): Promise<void>;
}

/** Rough token count (≈4 characters per token for English) where no server counts for us. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
