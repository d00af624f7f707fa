import { describe, expect, it } from 'vitest';
import { extractiveSummary } from './extractive-summary.ts';
import { actionFrom, isDecision } from './meeting-outline.ts';

// Expected values are written by hand from the sentences, not taken from the rules.
describe('meeting outline rules', () => {
  it.each([
    [
      'Bob will update the price labels for the summer promotion by Friday.',
      { who: 'Bob', what: 'update the price labels for the summer promotion', by: 'by Friday' },
    ],
    [
      'Alice will restock the dairy aisle before opening.',
      { who: 'Alice', what: 'restock the dairy aisle', by: 'before opening' },
    ],
    [
      'Sam needs to call the bakery supplier tomorrow morning.',
      { who: 'Sam', what: 'call the bakery supplier', by: 'tomorrow morning' },
    ],
    [
      'Priya and Tom are going to repaint the entrance sign next week.',
      { who: 'Priya and Tom', what: 'repaint the entrance sign', by: 'next week' },
    ],
    ["I'll order more oat milk.", { who: null, what: 'order more oat milk', by: null }],
    ['Sam will call the bakery on Friday morning.', { who: 'Sam', what: 'call the bakery', by: 'on Friday morning' }],
    [
      'Action: clean the freezer lids by the end of the week',
      { who: null, what: 'clean the freezer lids', by: 'by the end of the week' },
    ],
    ['The delivery of fresh bread arrives at seven every morning.', null],
    ['Bob will be in at nine.', null],
  ])('%s', (sentence, expected) => {
    expect(actionFrom(sentence)).toEqual(expected);
  });

  it.each([
    ['We agreed to extend Saturday opening hours until nine in the evening.', true],
    ['The team decided to keep the loyalty scheme.', true],
    ['Decision: no more plastic bags.', true],
    ['Bob will update the price labels by Friday.', false],
    ['Sales were up on Saturday.', false],
  ])('decision? %s', (sentence, expected) => {
    expect(isDecision(sentence)).toBe(expected);
  });

  it('the extractive summary lists the action TextRank alone dropped, apart from the gist', () => {
    const transcript = [
      'The delivery of fresh bread arrives at seven every morning.',
      'The bread delivery van parks at the back door every morning.',
      'Fresh bread sells out by noon on most mornings.',
      'Alice will restock the dairy aisle before opening.',
      'We agreed to extend Saturday opening hours until nine in the evening.',
      'The morning bread delivery is sometimes late on Mondays.',
      'Bob will update the price labels for the summer promotion by Friday.',
    ].join('\n');
    const r = extractiveSummary(transcript);
    if (!r.ok) throw new Error(r.reason);
    const o = r.outline;
    expect(o.decisions).toEqual(['We agreed to extend Saturday opening hours until nine in the evening.']);
    expect(o.actions).toEqual([
      { who: 'Alice', what: 'restock the dairy aisle', by: 'before opening' },
      { who: 'Bob', what: 'update the price labels for the summer promotion', by: 'by Friday' },
    ]);
    expect(o.gist).toMatch(/bread/);
    expect(o.gist).not.toMatch(/price labels|Saturday opening/);
  });
});
