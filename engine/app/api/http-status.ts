import type { ErrorCode } from '../../contracts/errors.ts';

const STATUS: Record<ErrorCode, number> = {
  'bad-input': 400,
  'bad-audio': 400,
  schema: 400,
  unauthorized: 401,
  'not-found': 404,
  conflict: 409,
  cancelled: 409,
  'too-large': 413,
  locked: 429,
  internal: 500,
  'model-missing': 503,
  'model-checksum': 503,
  'device-unavailable': 503,
  unavailable: 503,
  timeout: 504,
};

/** The HTTP status for an error code; the body carries the code itself, so clients never parse this. */
export function httpStatusFor(code: ErrorCode): number {
  return STATUS[code];
}
