import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from './knowledge/knowledge-base.ts';
import { ReplyService } from './reply-service.ts';

// Real knowledge base (assets/knowledge) and service; the expected answers are read off the Markdown.
const kb = KnowledgeBase.open(path.resolve(import.meta.dirname, '../../assets/knowledge'));
const service = new ReplyService({
  kb,
  router: { maxLocalContextTokens: 512, maxLocalGenerationTokens: 200 },
  // A Tuesday at 10:00 in London.
  clock: () => new Date('2026-12-01T10:00:00Z'),
  logger: { info() {}, warn() {}, error() {}, debug() {}, child() { return this; } } as never,
});
afterAll(() => service.close());
const ask = (text: string) => service.answer({ text });

describe('answers that say the asked thing', () => {
  it('picks the sentence of a section that answers the question', async () => {
    const r = await ask('can I bring my dog');
    expect(r.sources).toEqual(['accessibility']);
    expect(r.answer).toMatch(/assistance dogs are welcome/);
    expect(r.answer).not.toMatch(/^Wheelchairs/);
  });

  it('points to the listed kind beside an unlisted product, without saying the shop has it', async () => {
    // The shop lists makeup in Health and beauty (Aisle 11), not nail varnish, which the kinds lexicon
    // leaves out on purpose (product-kinds.ts); WordNet's nearest listed kind to it is makeup.
    const r = await ask('do you have nail varnish');
    expect(r.declined).toBe(true);
    expect(r.answer).toMatch(
      /^We don't list nail varnish by name; the nearest we list is makeup, in Health and beauty: Aisle 11/,
    );
    expect(r.answer).toMatch(/member of staff/);
  });

  it('a counter the shopper names answers, not the aisle of the thing alone', async () => {
    // Turkey alone is in Meat and fish; asked for at the deli, the deli counter (services.md) answers.
    const r = await ask('can i get sliced turkey at the deli');
    expect(r.sources).toEqual(['deli']);
    expect(r.answer).toMatch(/^Deli counter: at the back of the store/);
  });

  it("a section's own hours beat the store's hours", async () => {
    const r = await ask('what time does the deli close');
    expect(r.sources).toEqual(['deli']);
    expect(r.answer).toMatch(/7 pm/);
  });

  it('does not answer an unlisted item as a listed one, and offers staff', async () => {
    const r = await ask('do you sell oat milk');
    expect(r.declined).toBe(true);
    expect(r.answer).toMatch(/can't find oat milk/);
    expect(r.answer).toMatch(/member of staff/);
    const milk = await ask('do you sell milk');
    expect(milk.declined).toBeUndefined();
    expect(milk.answer).toMatch(/Dairy/);
  });

  it('fast-path intents do not capture other topics', async () => {
    const park = await ask('how many hours can I park');
    expect(park.sources).toEqual(['parking']);
    expect(park.answer).toMatch(/3 hours/);
    const refund = await ask('I want a refund for these shoes');
    expect(refund.sources).toEqual(['returns']);
  });

  it('gives one confidence per answer', async () => {
    const r = await ask('where is the bread');
    expect(r.confidence).toBe(1);
  });
});
