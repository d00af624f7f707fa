/**
 * Errors cross every boundary (stage → pipeline, engine → UI, kiosk ↔ cloud) as plain data, so a
 * receiver branches on `code`, never on message text.
 */
export type ErrorCode =
  | 'bad-input'
  | 'bad-audio'
  | 'not-found'
  | 'model-missing'
  | 'model-checksum'
  | 'device-unavailable'
  | 'timeout'
  | 'unavailable'
  | 'conflict'
  | 'too-large'
  | 'schema'
  | 'unauthorized'
  | 'locked'
  | 'cancelled'
  | 'internal';

export type Stage =
  | 'audio'
  | 'wake'
  | 'vad'
  | 'asr'
  | 'reply'
  | 'router'
  | 'pipeline'
  | 'store'
  | 'offload'
  | 'api'
  | 'config'
  | 'models'
  | 'tts'
  | 'cloud';

export interface EngineErrorData {
  type: 'error';
  code: ErrorCode;
  message: string;
  stage?: Stage;
  /** Context that helps a person act: the file, the job id, the model id. */
  detail?: Record<string, string | number | boolean | null>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: EngineErrorData };
