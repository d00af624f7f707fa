import { normalizeWords } from '../text-normalize.ts';

/**
 * Builds the kiosk's language model from the store's own questions. A trigram ARPA model with
 * absolute discounting and back-off, rather than a strict grammar: the known questions score highest,
 * but any sequence of the store's words stays possible, so a question worded a little differently is
 * still recognized instead of being snapped onto the nearest listed phrase.
 */
export interface KioskLanguageModel {
  arpa: string;
  /** Words of the phrases that are in the pronunciation dictionary (the LM's vocabulary). */
  vocabulary: string[];
  /** Words dropped because the dictionary cannot pronounce them (report them to whoever edits the KB). */
  unknownWords: string[];
  sentences: string[][];
  /** Word pairs (with <s> and </s>) seen in the phrases: what an in-domain hypothesis is made of. */
  bigrams: ReadonlySet<string>;
}

const DISCOUNT = 0.5;
const BOS = '<s>';
const EOS = '</s>';

/** The phrases as word lists over `known`, and the words left out because `known` lacks them. */
export function kioskSentences(
  phrases: readonly string[],
  known: ReadonlySet<string>,
): { sentences: string[][]; unknown: Set<string> } {
  const unknown = new Set<string>();
  const sentences: string[][] = [];
  for (const p of phrases) {
    const words = normalizeWords(joinHyphens(p, known)).filter((w) =>
      known.has(w) ? true : (unknown.add(w), false),
    );
    if (words.length) sentences.push(words);
  }
  return { sentences, unknown };
}

/** Turns phrases into an ARPA trigram LM over the words `known` (the pronunciation dictionary). */
export function buildKioskLanguageModel(
  phrases: readonly string[],
  known: ReadonlySet<string>,
): KioskLanguageModel {
  const { sentences, unknown } = kioskSentences(phrases, known);
  if (sentences.length === 0) throw new Error('no phrase has a word the pronunciation dictionary knows');
  const uni = new Map<string, number>();
  const bi = new Map<string, Map<string, number>>();
  const tri = new Map<string, Map<string, number>>();
  const bump = (m: Map<string, Map<string, number>>, h: string, w: string) => {
    const row = m.get(h) ?? new Map<string, number>();
    row.set(w, (row.get(w) ?? 0) + 1);
    m.set(h, row);
  };
  for (const s of sentences) {
    const seq = [BOS, ...s, EOS];
    for (let i = 0; i < seq.length; i++) {
      const w = seq[i]!;
      if (w !== BOS) uni.set(w, (uni.get(w) ?? 0) + 1);
      if (i >= 1) bump(bi, seq[i - 1]!, w);
      if (i >= 2) bump(tri, `${seq[i - 2]} ${seq[i - 1]}`, w);
    }
  }
  const total = [...uni.values()].reduce((a, b) => a + b, 0);
  const pUni = (w: string) => (uni.get(w) ?? 0) / total;

  const pBi = new Map<string, number>();
  const bowUni = new Map<string, number>();
  for (const [h, row] of bi) {
    const n = sum(row);
    let seenLower = 0;
    for (const [w, c] of row) {
      pBi.set(`${h} ${w}`, (c - DISCOUNT) / n);
      seenLower += pUni(w);
    }
    bowUni.set(h, backoffWeight((DISCOUNT * row.size) / n, seenLower));
  }
  const pBackedBi = (h: string, w: string) => pBi.get(`${h} ${w}`) ?? (bowUni.get(h) ?? 1) * pUni(w);

  const pTri = new Map<string, number>();
  const bowBi = new Map<string, number>();
  for (const [h, row] of tri) {
    const n = sum(row);
    const h2 = h.split(' ')[1]!;
    let seenLower = 0;
    for (const [w, c] of row) {
      pTri.set(`${h} ${w}`, (c - DISCOUNT) / n);
      seenLower += pBackedBi(h2, w);
    }
    bowBi.set(h, backoffWeight((DISCOUNT * row.size) / n, seenLower));
  }

  const lines = [
    '\\data\\',
    `ngram 1=${uni.size + 1}`,
    `ngram 2=${pBi.size}`,
    `ngram 3=${pTri.size}`,
    '',
    '\\1-grams:',
  ];
  lines.push(`-99.0000 ${BOS} ${log10(bowUni.get(BOS) ?? 1)}`);
  for (const w of [...uni.keys()].sort())
    lines.push(`${log10(pUni(w))} ${w}${bowUni.has(w) ? ` ${log10(bowUni.get(w)!)}` : ''}`);
  lines.push('', '\\2-grams:');
  for (const [k, p] of [...pBi].sort())
    lines.push(`${log10(p)} ${k}${bowBi.has(k) ? ` ${log10(bowBi.get(k)!)}` : ''}`);
  lines.push('', '\\3-grams:');
  for (const [k, p] of [...pTri].sort()) lines.push(`${log10(p)} ${k}`);
  lines.push('', '\\end\\', '');
  const vocabulary = [...uni.keys()].filter((w) => w !== EOS).sort();
  const bigrams = new Set<string>();
  for (const [h, row] of bi) for (const w of row.keys()) bigrams.add(`${h} ${w}`);
  return { arpa: lines.join('\n'), vocabulary, unknownWords: [...unknown].sort(), sentences, bigrams };
}

// Words that carry no topic: a hypothesis made only of these says nothing about being in domain.
const FUNCTION_WORDS = new Set(
  "a an the and or but of to in on at for with by from up is are am was be do does did can could will would i you we they it my your our this that these there what when where which who how is it's i'm".split(
    ' ',
  ),
);

/**
 * Whether a kiosk-LM hypothesis looks like one of the store's questions: at least `minCoverage` of its
 * word pairs occur in the phrases and it has a content word. Off-topic speech decoded with the kiosk
 * LM comes out as a salad of store words whose pairs the phrases never contain, which this rejects.
 */
export function looksInDomain(
  lm: Pick<KioskLanguageModel, 'bigrams'>,
  hypothesis: string,
  minCoverage = 0.5,
): boolean {
  const words = hypothesis.split(' ').filter(Boolean);
  if (words.length === 0 || words.every((w) => FUNCTION_WORDS.has(w))) return false;
  return bigramCoverage(lm, words) >= minCoverage;
}

/** Fraction of the hypothesis's word pairs (with sentence start and end) seen in the phrases. */
export function bigramCoverage(lm: Pick<KioskLanguageModel, 'bigrams'>, words: readonly string[]): number {
  const seq = [BOS, ...words, EOS];
  let seen = 0;
  for (let i = 1; i < seq.length; i++) if (lm.bigrams.has(`${seq[i - 1]} ${seq[i]}`)) seen++;
  return seen / (seq.length - 1);
}

/** A JSGF grammar accepting exactly the phrases: the strict alternative, kept for comparison. */
export function buildKioskGrammar(phrases: readonly string[], known: ReadonlySet<string>): string {
  const alts = [
    ...new Set(
      phrases
        .map((p) =>
          normalizeWords(joinHyphens(p, known))
            .filter((w) => known.has(w))
            .join(' '),
        )
        .filter(Boolean),
    ),
  ];
  return `#JSGF V1.0;\ngrammar kiosk;\npublic <question> = ( ${alts.join(' | ')} );\n`;
}

/** "Wi-Fi" → "wifi" when the dictionary knows the joined word; otherwise the parts stay separate words. */
export function joinHyphens(phrase: string, known: ReadonlySet<string>): string {
  return phrase.replace(/([A-Za-z]+)-([A-Za-z]+)/g, (whole, a: string, b: string) =>
    known.has(`${a}${b}`.toLowerCase()) ? `${a}${b}` : `${a} ${b}`,
  );
}

function sum(row: Map<string, number>): number {
  let n = 0;
  for (const c of row.values()) n += c;
  return n;
}

function backoffWeight(leftover: number, seenLowerMass: number): number {
  // Guard against a context whose successors already take (almost) all lower-order mass.
  return leftover / Math.max(1e-6, 1 - seenLowerMass);
}

function log10(p: number): string {
  return Math.log10(Math.max(p, 1e-99)).toFixed(4);
}
