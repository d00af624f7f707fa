import { describe, expect, it } from 'vitest';
import { decideMeaning, didYouMeanPrompt, type Interpretation } from './spoken-meaning.ts';

// A hand-written interpretation table: what each reading would be answered with.
const TABLE: Record<string, Interpretation> = {
  'where can i find the milk': { target: 'dairy', match: 1 },
  'where can i find milk': { target: 'dairy', match: 1 },
  'where can i find are you open': { target: 'hours', match: 0.6 },
  'where is the mill': { target: null, match: 0 },
  'do you sell batteries': { target: 'household', match: 1 },
  'do you sell better ease': { target: null, match: 0 },
  'are there any deals': { target: 'offers', match: 0.9 },
};
const interpret = (t: string): Interpretation => TABLE[t] ?? { target: null, match: 0 };

describe('decideMeaning', () => {
  it('pools readings that lead to the same answer, so the meaning beats the first string', () => {
    const d = decideMeaning(
      [
        { text: 'where can i find are you open', weight: 0.3 },
        { text: 'where can i find the milk', weight: 0.4 },
        { text: 'where can i find milk', weight: 0.3 },
      ],
      0.9,
      interpret,
    );
    expect(d.answer).toBe(true);
    expect(d.text).toBe('where can i find the milk');
    // the first string alone has 0.3 × 0.6; the milk readings pool 0.7: confidence 0.7 × (0.5 + 0.5 × 0.9)
    expect(d.confidence).toBeCloseTo(0.665, 3);
  });

  it('asks back with the best candidates when belief is split', () => {
    const d = decideMeaning(
      [
        { text: 'do you sell batteries', weight: 0.3 },
        { text: 'are there any deals', weight: 0.3 },
        { text: 'do you sell better ease', weight: 0.4 },
      ],
      0.5,
      interpret,
    );
    expect(d.answer).toBe(false);
    expect(d.candidates).toEqual(['do you sell batteries', 'are there any deals']);
    expect(d.confidence).toBeLessThan(0.5);
  });

  it('too little belief and nothing worth offering: not caught, no answer', () => {
    const d = decideMeaning(
      [
        { text: 'do you sell batteries', weight: 0.03 },
        { text: 'do you sell better ease', weight: 0.97 },
      ],
      0.5,
      interpret,
    );
    expect(d).toMatchObject({ answer: false, candidates: [] });
  });

  it('nothing that matches the shop: no candidates and zero confidence (the reply then declines)', () => {
    const d = decideMeaning([{ text: 'where is the mill', weight: 1 }], 1, interpret);
    expect(d).toEqual({ text: 'where is the mill', confidence: 0, candidates: [], answer: true });
  });

  it('says the candidates as a question', () => {
    expect(didYouMeanPrompt(['where is the milk', 'are there any deals'])).toBe(
      'Sorry, I\'m not sure I heard you. Did you mean “Where is the milk?” or “Are there any deals?”',
    );
  });
});
