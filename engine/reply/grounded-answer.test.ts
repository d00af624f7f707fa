import { describe, expect, it } from 'vitest';
import { templatedAnswer } from './grounded-answer.ts';
import type { Passage } from './knowledge/knowledge-base.ts';

function passage(text: string): Passage {
  return {
    section: { id: 'contact', title: 'Contact', text, questions: [], keywords: [], location: null, file: 'contact.md' },
    score: 1,
    coverage: 1,
    missing: [],
  };
}

describe('templatedAnswer (the no-LLM retrieval answer)', () => {
  it('keeps a sentence whole when it contains dots inside an address or a time', () => {
    const text =
      'You can call us on 01632 960 123 or email hello@shop.example, any day.\nWe open at 7.30 on Sundays. Ask staff in a green apron.';
    expect(templatedAnswer(passage(text))).toBe(
      'You can call us on 01632 960 123 or email hello@shop.example, any day. We open at 7.30 on Sundays. Ask staff in a green apron.',
    );
  });

  it('stops adding sentences past ~320 characters but always gives the first one', () => {
    const long = `${'A very long opening sentence '.repeat(15).trim()}. Second sentence. Third.`;
    const out = templatedAnswer(passage(long));
    expect(out.startsWith('A very long opening sentence')).toBe(true);
    expect(out).not.toContain('Second sentence');
  });
});
