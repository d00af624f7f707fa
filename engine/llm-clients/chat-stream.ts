import type { HttpCall } from './http-call.ts';
import { TokenTimer } from './token-timer.ts';
import type { ChatCompletion, ChatRequest, TokenUsage } from './types.ts';

/** What one line of a streamed chat response adds; fields left out carry nothing new. */
export interface StreamLine {
  piece?: string;
  model?: string;
  usage?: TokenUsage;
  /** The server said why it stopped: the answer is complete even if the stream then just closes. */
  finish?: ChatCompletion['finishReason'];
  /** The protocol's own end marker (`[DONE]`, `done:true`): nothing after it is read. */
  end?: boolean;
}

/**
 * Reads a streamed chat answer the same way for every wire format (OpenAI's SSE, Ollama's NDJSON):
 * the format only decodes a line; pieces reach `onToken` as they arrive and are timed alike, and a
 * stream that closes before the server said it was finished is an error, not a silently short answer.
 */
export async function readChatStream(
  call: HttpCall,
  res: Response,
  req: Pick<ChatRequest, 'onToken'>,
  model: string,
  decode: (line: string) => StreamLine | null,
): Promise<ChatCompletion> {
  const timer = new TokenTimer();
  let text = '';
  let usage: TokenUsage | undefined;
  let finishReason: ChatCompletion['finishReason'] = 'unknown';
  let complete = false;
  for await (const line of call.lines(res)) {
    const msg = decode(line);
    if (!msg) continue;
    if (msg.model) model = msg.model;
    if (msg.usage) usage = msg.usage;
    if (msg.piece) {
      text += msg.piece;
      timer.token(msg.piece);
      req.onToken?.(msg.piece);
    }
    if (msg.finish) {
      finishReason = msg.finish;
      complete = true;
    }
    if (msg.end) {
      complete = true;
      break;
    }
  }
  if (!complete) throw call.error('unavailable', `${call.backend} stream ended before the server said it was done`);
  const out: ChatCompletion = { text, model, finishReason, timing: timer.done() };
  if (usage) out.usage = usage;
  return out;
}
