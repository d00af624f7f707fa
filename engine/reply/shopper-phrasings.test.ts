import { afterAll, describe, expect, it } from 'vitest';
import { resolvePath } from '../paths/app-root.ts';
import { KnowledgeBase } from './knowledge/knowledge-base.ts';
import { ReplyService } from './reply-service.ts';

// Real knowledge bases (the sample store and the pharmacy) and the reply service; the expected
// sections and words are read off the Markdown by hand.
const quiet = { info() {}, warn() {}, error() {}, debug() {}, child() { return this; } } as never;
const open = (dir: string) =>
  new ReplyService({
    kb: KnowledgeBase.open(resolvePath(dir)),
    router: { maxLocalContextTokens: 512, maxLocalGenerationTokens: 200 },
    clock: () => new Date('2026-12-01T10:00:00Z'), // a Tuesday morning in London
    logger: quiet,
  });
const store = open('assets/knowledge');
const pharmacy = open('assets/shops/pharmacy');
afterAll(async () => {
  await store.close();
  await pharmacy.close();
});

describe('questions the way shoppers put them', () => {
  it.each([
    ['have you got any sourdough bread', 'bakery', /Aisle 1/],
    ["I'm after some honey", 'breakfast', /Aisle 7/],
    ['any idea where the tomatoes are', 'produce', /Aisle 2/],
    ['hi there, sorry to bother you, could you tell me where I’d find the coffee', 'breakfast', /Aisle 7/],
    ['um where’s the er the milk', 'dairy', /Aisle 3/],
    ['how do I get in touch with you', 'contact', /01632 960 123/],
    ["where's the gents", 'restrooms', /back of the store/],
    ['is there somewhere I can change a nappy', 'restrooms', /baby changing room/],
    ["where do I go if I've lost my phone", 'customer-service', /lost property/],
    ['do you accept american express', 'payment', /credit cards/],
    ['what time does the bakery open', 'bakery-counter', /7 am/],
    ['is the gluten free pasta on aisle six', 'free-from', /Aisle 6/],
    ['do you have disabled parking', 'parking', /8 disabled bays/],
  ])('%s → %s', async (q, section, says) => {
    const r = await store.answer({ text: q });
    expect(r.sources[0]).toBe(section);
    expect(r.answer).toMatch(says);
  });

  it.each(['where can I buy a phone charger', 'do you repair mobile phones', 'do you sell hearing aids'])(
    '%s: the shop does not list it, so no listed answer is given for it',
    async (q) => {
      const r = await (q.includes('hearing') ? pharmacy : store).answer({ text: q });
      expect(r.declined).toBe(true);
      expect(r.sources).toEqual([]);
    },
  );

  it('bank holidays are answered with the holiday hours, not today’s', async () => {
    const r = await store.answer({ text: 'What are the opening times on bank holidays?' });
    expect(r.answer).toMatch(/^Holiday hours: Christmas Eve 8 am to 4 pm, Christmas Day closed/);
  });

  it('pharmacy: a symptom finds the department that lists its remedy', async () => {
    const r = await pharmacy.answer({ text: "I'm looking for something for eczema" });
    expect(r.sources).toEqual(['skincare']);
    expect(r.answer).toMatch(/Aisle 3/);
  });
});
