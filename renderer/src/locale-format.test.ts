import { describe, expect, it } from 'vitest';
import { MAX_TYPED_QUESTION_CHARS } from '../../engine/contracts/limits.ts';
import { questionProblem } from './components/QuestionBox.tsx';
import { sourceTitles } from './hooks/use-kiosk-info.ts';
import { formatDateTime } from './locale-format.ts';

// Expected strings written by hand from how a UK and a US reader write the same moment.
describe('formatDateTime', () => {
  it('writes dates the British way for en-GB and the American way for en-US', () => {
    const iso = '2026-03-04T09:05:00Z';
    const gb = formatDateTime(iso, 'en-GB');
    expect(gb).toMatch(/^4 Mar 2026, \d\d:05$/);
    expect(formatDateTime(iso, 'en-US')).toMatch(/^Mar 4, 2026, \d{1,2}:05\s?[AP]M$/);
  });

  it('keeps a bad timestamp as it is and survives an unknown locale', () => {
    expect(formatDateTime('not a date', 'en-GB')).toBe('not a date');
    expect(formatDateTime('2026-03-04T09:05:00Z', 'not_a_locale!')).toMatch(/2026/);
  });
});

describe('questionProblem', () => {
  it('accepts up to the API limit and refuses one more, saying by how much', () => {
    expect(MAX_TYPED_QUESTION_CHARS).toBe(500);
    expect(questionProblem('x'.repeat(500))).toBeNull();
    expect(questionProblem('x'.repeat(503))).toBe('That question is 503 characters long; the most I can take is 500. Please shorten it by 3.');
    expect(questionProblem(`  ${'x'.repeat(500)}  `)).toBeNull(); // the API trims first, so does the box
  });
});

describe('sourceTitles', () => {
  it('names sources by title, once each, and keeps an unknown id readable', () => {
    const titles = new Map([
      ['dairy', 'Dairy'],
      ['hours', 'Opening hours'],
    ]);
    expect(sourceTitles(['dairy', 'hours', 'dairy', 'gone'], titles)).toEqual(['Dairy', 'Opening hours', 'gone']);
  });
});
