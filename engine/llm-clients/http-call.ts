import { EngineError } from '../errors/engine-error.ts';
import type { ErrorCode } from '../contracts/errors.ts';

/**
 * The HTTP plumbing the OpenAI and Ollama clients share: one deadline that covers connect, headers and
 * the streamed body, and errors that say which server, which URL and why — as EngineError codes, so the
 * reply service can fall back to retrieval without reading message text.
 */
export class HttpCall {
  readonly signal: AbortSignal;
  private readonly timer: AbortController;
  private readonly handle: NodeJS.Timeout | undefined;
  private timedOut = false;

  constructor(
    readonly backend: string,
    readonly url: string,
    private readonly callerSignal: AbortSignal | undefined,
    readonly timeoutMs: number | undefined,
  ) {
    this.timer = new AbortController();
    if (timeoutMs !== undefined && timeoutMs > 0) {
      this.handle = setTimeout(() => {
        this.timedOut = true;
        this.timer.abort();
      }, timeoutMs);
    }
    this.signal = callerSignal ? AbortSignal.any([callerSignal, this.timer.signal]) : this.timer.signal;
  }

  /** POSTs JSON and returns the response once its status is 2xx; anything else throws a clear error. */
  async postJson(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    this.throwIfStopped();
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: this.signal,
      });
    } catch (err) {
      throw this.classify(err);
    }
    if (!res.ok) {
      const text = await res.text().catch(() => '');
      throw this.statusError(res.status, text);
    }
    if (!res.body) throw this.error('schema', 'response has no body');
    return res;
  }

  /** Yields the body's lines (SSE and NDJSON are both line-framed); partial last line included. */
  async *lines(res: Response): AsyncGenerator<string> {
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of res.body as ReadableStream<Uint8Array>) {
        buf += decoder.decode(chunk, { stream: true });
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).replace(/\r$/, '');
          buf = buf.slice(nl + 1);
          yield line;
        }
      }
    } catch (err) {
      throw this.classify(err);
    }
    buf += decoder.decode();
    if (buf.length > 0) yield buf.replace(/\r$/, '');
    this.throwIfStopped();
  }

  /** Reads a whole JSON body, mapping a broken body to a `schema` error. */
  async json(res: Response): Promise<unknown> {
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      throw this.classify(err);
    }
    return this.parse(text);
  }

  parse(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch {
      throw this.error('schema', `malformed JSON from ${this.backend}: ${snippet(text)}`);
    }
  }

  /** Turns whatever fetch or the body stream threw into the EngineError the caller should see. */
  classify(err: unknown): EngineError {
    if (err instanceof EngineError) return err;
    if (this.timedOut)
      return this.error('timeout', `${this.backend} did not answer within ${this.timeoutMs} ms`);
    if (this.callerSignal?.aborted) return this.error('cancelled', `${this.backend} request cancelled`);
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (err as Error).message ?? String(err);
    return this.error('unavailable', `${this.backend} unreachable at ${this.url}: ${why}`, err);
  }

  throwIfStopped(): void {
    if (this.timedOut)
      throw this.error('timeout', `${this.backend} did not answer within ${this.timeoutMs} ms`);
    if (this.callerSignal?.aborted) throw this.error('cancelled', `${this.backend} request cancelled`);
  }

  error(code: ErrorCode, message: string, cause?: unknown): EngineError {
    return new EngineError(code, message, {
      stage: 'reply',
      detail: { backend: this.backend, url: this.url },
      cause,
    });
  }

  private statusError(status: number, body: string): EngineError {
    const code: ErrorCode =
      status === 401 || status === 403
        ? 'unauthorized'
        : status === 404
          ? 'not-found'
          : status === 408 || status === 504
            ? 'timeout'
            : status === 413
              ? 'too-large'
              : status >= 400 && status < 500 && status !== 429
                ? 'bad-input'
                : 'unavailable';
    const err = new EngineError(code, `${this.backend} answered HTTP ${status}: ${serverMessage(body)}`, {
      stage: 'reply',
      detail: { backend: this.backend, url: this.url, status },
    });
    return err;
  }

  /** Stops the deadline timer; call in `finally`. */
  dispose(): void {
    if (this.handle) clearTimeout(this.handle);
  }
}

/** Both OpenAI (`{error:{message}}`) and Ollama (`{error:"…"}`) put the reason in `error`. */
function serverMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: string | { message?: string } };
    if (typeof parsed.error === 'string') return parsed.error;
    if (parsed.error && typeof parsed.error.message === 'string') return parsed.error.message;
  } catch {
    // not JSON: show the raw text
  }
  return snippet(body) || '(empty body)';
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
