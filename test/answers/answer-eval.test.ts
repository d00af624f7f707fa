import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltStages } from '../../engine/app/stage-factory.ts';
import { SHOPS, VOICES, openShop, spokenOutcome, summarize, typedOutcome, vocabularyKey, type ItemResult } from './answer-eval.ts';

/**
 * The CI slice of `npm run eval:answers`: every typed question of both shops, and the held-back
 * questions (never tuned on) spoken by one voice. Floors sit a little below the figures the full
 * eval measured (README, "Understanding spoken questions"); the expected answers are the dev sets'
 * own section ids, written before any tuning.
 */
// Measured (issue 11, knowledge side): typed 98.9 % / 99.3 % of all questions (368 / 143); after the
// third to sixth tune batches (1 Dec 2026): typed 99.5 % / 99.6 % of all (620 / 282), held-back 95.5 % /
// 96.9 %; after the seventh tune batch (head of a product phrase, typo fix; 1 Dec 2026): typed 99.6 % /
// 99.7 % of all (668/671, 312/313), held-back unchanged at 95.5 % / 96.9 % (63/66, 31/32; one run, no
// per-question look); the spoken figures below predate the speech-corpus change of that day; flite slt
// held-back, correct in total 93.9 % / 93.8 %, confidently wrong 0.0 % / 0.0 % (sample store / pharmacy).
// The spoken floors leave room for the recognizer's vocabulary to change the decodes.
const FLOORS = {
  typed: 0.96,
  spokenCorrectTotal: 0.87,
  spokenConfidentlyWrong: 0.06,
};

for (const shop of SHOPS) {
  describe(`answers for ${shop.name}`, () => {
    let stages: BuiltStages;
    let vocabKey: string;
    beforeAll(async () => {
      stages = await openShop(shop);
      vocabKey = vocabularyKey(shop);
    }, 120_000);
    afterAll(() => stages?.close());

    it('typed questions are answered right', async () => {
      const items: ItemResult[] = [];
      for (const q of shop.questions) items.push(await typedOutcome(stages, q));
      const s = summarize('typed', items);
      expect(s.correct / s.n).toBeGreaterThanOrEqual(FLOORS.typed);
    });

    it('held-back questions spoken by flite slt: right (directly or after "did you mean"), rarely confidently wrong', async () => {
      const held = shop.questions.filter((q) => q.split === 'held');
      const voice = VOICES.find((v) => v.name === 'flite slt')!;
      const items: ItemResult[] = [];
      for (const q of held) items.push(await spokenOutcome(stages, q, voice, undefined, vocabKey));
      const s = summarize('spoken', items);
      expect((s.correct + s.afterDym) / s.n).toBeGreaterThanOrEqual(FLOORS.spokenCorrectTotal);
      expect(s.wrong / s.n).toBeLessThanOrEqual(FLOORS.spokenConfidentlyWrong);
    }, 600_000);
  });
}
