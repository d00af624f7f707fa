import { EngineError } from '../errors/engine-error.ts';

/** Above this a "question" is refused outright: nothing a shopper says or types is this long. */
export const MAX_QUESTION_CHARS = 20_000;

/**
 * Cleans a question before it reaches the index, the prompt or the logs: control characters, bidi
 * overrides and zero-width characters removed, whitespace collapsed. Empty or absurdly long input is
 * a clear `bad-input` / `too-large` error rather than a silent truncation.
 */
export function cleanQuestion(raw: unknown): string {
  if (typeof raw !== 'string')
    throw new EngineError('bad-input', 'question must be a string', { stage: 'reply' });
  if (raw.length > MAX_QUESTION_CHARS) {
    throw new EngineError(
      'too-large',
      `question is ${raw.length} characters; at most ${MAX_QUESTION_CHARS} are accepted`,
      {
        stage: 'reply',
        detail: { chars: raw.length, max: MAX_QUESTION_CHARS },
      },
    );
  }
  const text = raw
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, ' ')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) throw new EngineError('bad-input', 'question is empty', { stage: 'reply' });
  return text;
}

/** Rough token count (≈ 4 characters per token for English with BPE vocabularies): enough to route on. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
