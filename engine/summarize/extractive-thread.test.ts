import { afterAll, describe, expect, it } from 'vitest';
import { extractiveSummary } from './extractive-summary.ts';
import { ExtractiveThread } from './extractive-thread.ts';

// Real: the worker thread (tsx-registered .mjs entry) running the same TextRank code.
const thread = new ExtractiveThread();
afterAll(() => thread.close());

const SENTENCES = [
  'We are running low on bread before the weekend.',
  'The freezer in aisle four is broken again and needs an engineer.',
  'Sam will call the bakery about the bread order on Friday morning.',
  'Everyone agreed to check the milk dates every evening.',
  'The new price labels for the freezer aisle arrive on Tuesday.',
  'Anna will train the two new staff members on the tills.',
];

describe('ExtractiveThread', () => {
  it('gives exactly what extractiveSummary gives, without holding the event loop', async () => {
    const transcript = Array.from({ length: 60 }, (_, i) => SENTENCES[i % SENTENCES.length]!.replace('.', ` ${i}.`)).join('\n');
    let loopRan = false;
    setImmediate(() => (loopRan = true));
    const r = await thread.summarize(transcript);
    // Computed on this thread, the promise would already be settled and the loop would not have turned.
    expect(loopRan).toBe(true);
    expect(r).toEqual(extractiveSummary(transcript));
    expect(r.ok).toBe(true);
  });

  it('reports a transcript with no words as such', async () => {
    expect(await thread.summarize(' ... ')).toEqual({ ok: false, reason: 'transcript has no words, nothing to summarize' });
  });
});
