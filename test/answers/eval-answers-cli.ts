import { parseArgs } from 'node:util';
import {
  NOISE,
  SHOPS,
  TABLE_HEAD,
  VOICES,
  openShop,
  row,
  spokenOutcome,
  summarize,
  typedOutcome,
  vocabularyKey,
  type ItemResult,
} from './answer-eval.ts';

/**
 * npm run eval:answers [-- --split held|tune|all] [--voices N] [--no-noise] [--verbose]
 * Prints one table per shop: spoken per voice (clean and noisy) and typed, per split.
 */
const { values } = parseArgs({
  options: {
    split: { type: 'string', default: 'all' },
    voices: { type: 'string', default: String(VOICES.length) },
    /** Comma-separated voice names (overrides --voices), and which of them also run with noise. */
    'voice-list': { type: 'string' },
    'noise-voices': { type: 'string' },
    'no-noise': { type: 'boolean', default: false },
    shop: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

const splits = values.split === 'all' ? (['tune', 'held'] as const) : ([values.split] as ('tune' | 'held')[]);
const voices = values['voice-list']
  ? VOICES.filter((v) => values['voice-list']!.split(',').includes(v.name))
  : VOICES.slice(0, Number(values.voices));
const noisyVoices = values['noise-voices'] ? VOICES.filter((v) => values['noise-voices']!.split(',').includes(v.name)) : voices;
const lines: string[] = [];
const allSpoken: ItemResult[] = [];
for (const shop of SHOPS.filter((s) => !values.shop || s.name.includes(values.shop))) {
  const stages = await openShop(shop);
  const vocabKey = vocabularyKey(shop);
  lines.push('', `### ${shop.name}`, '', ...TABLE_HEAD);
  try {
    for (const split of splits) {
      const qs = shop.questions.filter((q) => q.split === split);
      const typed: ItemResult[] = [];
      for (const q of qs) typed.push(await typedOutcome(stages, q));
      const typedSum = summarize(`${split}: typed`, typed);
      const all: ItemResult[] = [];
      for (const noisy of values['no-noise'] ? [false] : [false, true]) {
        for (const v of noisy ? noisyVoices : voices) {
          const items: ItemResult[] = [];
          for (const q of qs) items.push(await spokenOutcome(stages, q, v, noisy ? NOISE : undefined, vocabKey));
          all.push(...items);
          allSpoken.push(...items);
          const s = summarize(`${split}: ${v.name}${noisy ? ' + noise' : ''}`, items);
          console.error(row(s));
          lines.push(row(s));
          if (values.verbose)
            for (const i of items.filter((x) => x.outcome !== 'correct'))
              console.error(`   ${i.outcome.padEnd(9)} "${i.question.text}" heard "${i.heard}" → ${i.answer.slice(0, 90)} (${i.confidence})`);
        }
      }
      lines.push(row(summarize(`**${split}: all spoken**`, all), typedSum));
      if (values.verbose)
        for (const i of typed.filter((x) => x.outcome !== 'correct'))
          console.error(`   typed ${i.outcome.padEnd(9)} "${i.question.text}" → ${i.answer.slice(0, 100)}`);
    }
  } finally {
    await stages.close();
  }
}
const added = allSpoken.map((i) => i.addedMs).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
if (added.length) {
  const q = (p: number) => added[Math.min(added.length - 1, Math.floor(p * added.length))]!.toFixed(2);
  lines.push('', `Deciding over the N-best adds p50 ${q(0.5)} ms, p95 ${q(0.95)} ms to answering (${added.length} spoken questions).`);
}
console.log(lines.join('\n'));
