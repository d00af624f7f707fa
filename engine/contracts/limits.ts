/**
 * Limits the engine API enforces and the UI shows before a request is sent, kept in one place so the
 * typed box and the server can never disagree (the UI refuses with a message, it never cuts text).
 */

/** Longest typed or tapped shopper question the API accepts, in characters after trimming. */
export const MAX_TYPED_QUESTION_CHARS = 500;
