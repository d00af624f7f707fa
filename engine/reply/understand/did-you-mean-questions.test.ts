import { afterAll, describe, expect, it } from 'vitest';
import type { Transcript } from '../../contracts/audio.ts';
import { resolvePath } from '../../paths/app-root.ts';
import { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import { ReplyService } from '../reply-service.ts';

// Real: the sample store (assets/knowledge), the reply service and its joint decision. The expected
// questions and answers are read off the Markdown by hand, not produced by the code under test.
const kb = KnowledgeBase.open(resolvePath('assets/knowledge'));
const service = new ReplyService({
  kb,
  router: { maxLocalContextTokens: 512, maxLocalGenerationTokens: 200 },
  clock: () => new Date('2026-12-01T10:00:00Z'), // a Tuesday morning in London
  logger: { info() {}, warn() {}, error() {}, debug() {}, child() { return this; } } as never,
});
afterAll(() => service.close());

/** A recognizer result: misheard readings with their share of belief, and a low acoustic confidence. */
function heard(readings: [string, number][]): Transcript {
  return {
    text: readings[0]![0],
    confidence: 0.3,
    engine: 'test',
    audioMs: 1500,
    decodeMs: 5,
    alternatives: readings.map(([text, weight]) => ({ text, weight })),
  } as Transcript;
}

async function offered(readings: [string, number][]): Promise<string[]> {
  const r = await service.answer({ text: readings[0]![0], heard: heard(readings) });
  expect(r.answer).toMatch(/^Sorry, I'm not sure I heard you\. Did you mean/);
  return r.didYouMean ?? [];
}

describe('"Did you mean …?" offers clean questions, and tapping one answers it', () => {
  it('a misheard wifi question: the section’s own question and the product, not the misheard words', async () => {
    const qs = await offered([
      ['plants the wifi network call', 0.3],
      ['where is the milk', 0.3],
      ['is there free wifi', 0.25],
      ['zz', 0.15],
    ]);
    expect(qs).toEqual(['Do you have wifi?', 'Where can I find milk?']);
    expect((await service.answer({ text: qs[0]! })).answer).toMatch(/join the network "Greenleaf-Guest"/);
    expect((await service.answer({ text: qs[1]! })).answer).toBe("You'll find milk in Dairy: Aisle 3, along the back wall.");
  });

  it('an hours reading is offered as a plain hours question for that day', async () => {
    const qs = await offered([
      ['are you open on sunday the soup', 0.4],
      ['where is the soup', 0.3],
      ['qq', 0.3],
    ]);
    expect(qs).toContain('What time do you close on Sunday?');
    expect((await service.answer({ text: 'What time do you close on Sunday?' })).answer).toBe(
      'On Sunday we are open from 10 am to 4 pm.',
    );
    expect(qs).toContain('Where can I find soup?');
    expect((await service.answer({ text: 'Where can I find soup?' })).sources).toEqual(['pantry']);
  });

  it('picks the example question closest to what was heard (dogs, not wheelchairs)', async () => {
    const qs = await offered([
      ['can i bring my dog are', 0.4],
      ['how long can i park the', 0.3],
      ['qq', 0.3],
    ]);
    expect(qs).toEqual(['Are dogs allowed?', 'How long can I park?']);
    const park = await service.answer({ text: qs[1]! });
    expect(park.sources).toEqual(['parking']);
    expect(park.answer).toMatch(/up to 3 hours/);
    const dogs = await service.answer({ text: qs[0]! });
    expect(dogs.sources).toEqual(['accessibility']);
    expect(dogs.answer).toMatch(/assistance dogs are welcome/);
  });

  it('readings that match nothing offer no buttons', async () => {
    const r = await service.answer({ text: 'qq zz', heard: heard([['qq zz', 0.6], ['zz qq', 0.4]]) });
    expect(r.didYouMean).toBeUndefined();
    expect(r.declined).toBe(true);
  });
});
