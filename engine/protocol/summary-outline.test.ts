import { describe, expect, it } from 'vitest';
import { formatOutline, parseOutline } from './summary-outline.ts';

describe('summary outline layout', () => {
  it('round-trips gist, decisions and action items', () => {
    const o = {
      gist: 'Bread arrives at seven.',
      decisions: ['Saturday opening extended to 21:00.'],
      actions: [
        { who: 'Bob', what: 'update the price labels for the summer promotion', by: 'by Friday' },
        { who: null, what: 'order more milk', by: null },
      ],
    };
    const text = formatOutline(o);
    expect(text).toBe(
      'Bread arrives at seven.\n\nDecisions:\n- Saturday opening extended to 21:00.\n\nAction items:\n- Bob: update the price labels for the summer promotion (by Friday)\n- order more milk',
    );
    expect(parseOutline(text)).toEqual(o);
  });

  it('reads an LLM answer with bold headings and plain text as all gist', () => {
    expect(
      parseOutline(
        'Short meeting.\n**Decisions:**\n* Keep prices\n**Action items:**\n* Alice: restock dairy (due Monday)',
      ),
    ).toEqual({
      gist: 'Short meeting.',
      decisions: ['Keep prices'],
      actions: [{ who: 'Alice', what: 'restock dairy', by: 'by Monday' }],
    });
    expect(parseOutline('Just a summary.')).toEqual({ gist: 'Just a summary.', decisions: [], actions: [] });
  });
});
