import type { EngineErrorData, ErrorCode, Stage } from '../contracts/errors.ts';

/**
 * The throwable form of EngineErrorData, for use inside one process. `toData()` is what crosses a
 * boundary (API reply, MQTT error, event), so receivers never parse message text.
 */
export class EngineError extends Error {
  readonly code: ErrorCode;
  readonly stage: Stage | undefined;
  readonly detail: EngineErrorData['detail'];

  constructor(code: ErrorCode, message: string, opts: { stage?: Stage; detail?: EngineErrorData['detail']; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'EngineError';
    this.code = code;
    this.stage = opts.stage;
    this.detail = opts.detail;
  }

  toData(): EngineErrorData {
    const data: EngineErrorData = { type: 'error', code: this.code, message: this.message };
    if (this.stage) data.stage = this.stage;
    if (this.detail) data.detail = this.detail;
    return data;
  }

  /** Turns anything thrown into error data, keeping an EngineError's code. */
  static toData(err: unknown, stage?: Stage): EngineErrorData {
    if (err instanceof EngineError) return err.toData();
    const message = err instanceof Error ? err.message : String(err);
    return stage ? { type: 'error', code: 'internal', message, stage } : { type: 'error', code: 'internal', message };
  }
}
