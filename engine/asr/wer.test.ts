import { describe, expect, it } from 'vitest';
import { normalizeText, numberToWords } from './text-normalize.ts';
import { werCounts, wordErrorRate } from './wer.ts';

describe('word error rate', () => {
  it('counts substitutions, deletions and insertions by minimum edit distance', () => {
    expect(werCounts('where is the bread', 'where is the bread')).toMatchObject({ errors: 0, words: 4 });
    expect(werCounts('where is the bread', 'where is a bread')).toMatchObject({
      errors: 1,
      substitutions: 1,
    });
    expect(werCounts('where is the bread', 'where the bread')).toMatchObject({ errors: 1, deletions: 1 });
    expect(werCounts('where is the bread', 'where is the the bread please')).toMatchObject({
      errors: 2,
      insertions: 2,
    });
    expect(wordErrorRate('a b c d', 'x y')).toBe(1);
  });

  it('compares normalized words: case, punctuation, digits and hyphens do not count as errors', () => {
    expect(wordErrorRate('Do you have gluten-free bread?', 'do you have gluten free bread')).toBe(0);
    expect(wordErrorRate('Our orders grew by 10 percent', 'our orders grew by ten percent')).toBe(0);
    expect(normalizeText("What's open on the 24th & 25th?")).toBe(
      "what's open on the twenty four and twenty five",
    );
  });

  it('counts every inserted word against an empty reference', () => {
    expect(wordErrorRate('', '')).toBe(0);
    expect(wordErrorRate('', 'the the')).toBe(2);
  });

  it('spells numbers the way people say them', () => {
    expect(numberToWords(0)).toBe('zero');
    expect(numberToWords(13)).toBe('thirteen');
    expect(numberToWords(40)).toBe('forty');
    expect(numberToWords(105)).toBe('one hundred five');
    expect(numberToWords(2026)).toBe('two thousand twenty six');
  });
});
