/**
 * Sizes and formats both sides of the engine API must agree on: the API's argument schemas enforce
 * them and the UI's inputs show them (maxLength), so a shopper can never type what the engine refuses.
 * Plain constants (no zod) so the renderer bundle stays small.
 */
export const LIMITS = {
  /** A typed shopper question. */
  questionChars: 500,
  /** A meeting title. */
  meetingTitleChars: 200,
  /** One typed meeting transcript line. */
  segmentChars: 10_000,
  /** Meeting and job ids passed back to the engine. */
  idChars: 100,
  /** A wake phrase staff type to train ("hey greenleaf"). */
  wakePhraseChars: 60,
  /** The staff PIN: 1 to this many digits. */
  pinDigits: 12,
} as const;

/** The HTTP header that carries the staff session token (server and HTTP client). */
export const STAFF_TOKEN_HEADER = 'x-staff-token';

/** Optional header naming one kiosk screen or browser tab, so PIN lockout can be per client on one address. */
export const CLIENT_ID_HEADER = 'x-kiosk-client';

/** A kiosk's device id: MQTT client id and topic segment, so only characters safe in both. */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Longest typed or tapped shopper question the API accepts, in characters after trimming. */
export const MAX_TYPED_QUESTION_CHARS = LIMITS.questionChars;
