import { describe, expect, it } from 'vitest';
import {
  bigramCoverage,
  buildKioskGrammar,
  buildKioskLanguageModel,
  joinHyphens,
  looksInDomain,
} from './kiosk-language-model.ts';

const KNOWN = new Set(
  'where is the bread milk pharmacy do you have gluten free are open on sunday'.split(' '),
);
const PHRASES = [
  'Where is the bread?',
  'Where is the pharmacy?',
  'Do you have gluten-free bread?',
  'Are you open on Sunday?',
  'Where is the zzyzx?',
];

interface Arpa {
  counts: number[];
  grams: Map<string, { logp: number; bow: number }>;
}

function parseArpa(text: string): Arpa {
  const counts: number[] = [];
  const grams = new Map<string, { logp: number; bow: number }>();
  let order = 0;
  for (const line of text.split('\n')) {
    const c = /^ngram (\d)=(\d+)$/.exec(line);
    if (c) counts[Number(c[1]) - 1] = Number(c[2]);
    const sec = /^\\(\d)-grams:$/.exec(line);
    if (sec) order = Number(sec[1]);
    else if (order && line && !line.startsWith('\\')) {
      const parts = line.split(' ');
      grams.set(parts.slice(1, 1 + order).join(' '), {
        logp: Number(parts[0]),
        bow: parts.length > 1 + order ? Number(parts[1 + order]) : 0,
      });
    }
    if (line === '\\end\\') order = 0;
  }
  return { counts, grams };
}

/** p(w | h) with ARPA back-off, to check the model is a proper distribution. */
function prob(arpa: Arpa, history: string[], w: string): number {
  const key = [...history, w].join(' ');
  const hit = arpa.grams.get(key);
  if (hit) return 10 ** hit.logp;
  if (history.length === 0) return 0;
  const bow = arpa.grams.get(history.join(' '))?.bow ?? 0;
  return 10 ** bow * prob(arpa, history.slice(1), w);
}

describe('kiosk language model', () => {
  const lm = buildKioskLanguageModel(PHRASES, KNOWN);
  const arpa = parseArpa(lm.arpa);

  it('keeps only words the dictionary can pronounce and reports the rest', () => {
    expect(lm.unknownWords).toEqual(['zzyzx']);
    expect(lm.vocabulary).toContain('gluten');
    expect(lm.vocabulary).not.toContain('zzyzx');
  });

  it('declares as many n-grams as it lists', () => {
    const byOrder = [1, 2, 3].map(
      (n) => [...arpa.grams.keys()].filter((k) => k.split(' ').length === n).length,
    );
    expect(byOrder).toEqual(arpa.counts);
  });

  it('is a probability distribution after every history (back-off weights are consistent)', () => {
    const vocab = [...lm.vocabulary, '</s>'];
    for (const history of [
      [],
      ['<s>'],
      ['where'],
      ['<s>', 'where'],
      ['where', 'is'],
      ['is', 'the'],
      ['you', 'open'],
    ]) {
      const total = vocab.reduce((a, w) => a + prob(arpa, history, w), 0);
      expect(total, `history ${history.join(' ')}`).toBeCloseTo(1, 2);
    }
  });

  it('prefers the listed question but still allows other orders of the same words', () => {
    const listed = prob(arpa, ['is', 'the'], 'bread');
    const unseen = prob(arpa, ['open', 'on'], 'bread');
    expect(listed).toBeGreaterThan(unseen);
    expect(unseen).toBeGreaterThan(0);
  });

  it('tells store questions from a salad of store words', () => {
    expect(looksInDomain(lm, 'where is the milk')).toBe(true);
    expect(looksInDomain(lm, 'do you have gluten free bread')).toBe(true);
    expect(looksInDomain(lm, 'bread sunday the open have pharmacy')).toBe(false);
    expect(looksInDomain(lm, 'are the')).toBe(false);
    expect(looksInDomain(lm, '')).toBe(false);
    expect(bigramCoverage(lm, ['where', 'is', 'the', 'bread'])).toBe(1);
  });

  it('builds the strict JSGF alternative from the same phrases', () => {
    const g = buildKioskGrammar(PHRASES, KNOWN);
    expect(g).toContain(
      'public <question> = ( where is the bread | where is the pharmacy | do you have gluten free bread |',
    );
    expect(g.startsWith('#JSGF V1.0;')).toBe(true);
  });

  it('joins a hyphenated word the dictionary knows as one word (Wi-Fi → wifi), splits the others', () => {
    const known = new Set(['do', 'you', 'have', 'wifi', 'gluten', 'free']);
    const m = buildKioskLanguageModel(['Do you have Wi-Fi?', 'Do you have gluten-free?'], known);
    expect(m.sentences).toEqual([
      ['do', 'you', 'have', 'wifi'],
      ['do', 'you', 'have', 'gluten', 'free'],
    ]);
    expect(m.unknownWords).toEqual([]);
    expect(joinHyphens('e-mail us', new Set())).toBe('e mail us');
  });

  it('refuses phrases with no pronounceable word', () => {
    expect(() => buildKioskLanguageModel(['zzyzx qqq'], KNOWN)).toThrow(/no phrase/);
  });
});
