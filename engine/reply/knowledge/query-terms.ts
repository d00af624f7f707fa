import { rewritePhrases, sameAs } from './shopper-words.ts';

/**
 * Words that carry no topic in a shopper's question. Dropping them keeps BM25 from matching every
 * section on "where", "the" or "you", which is what makes the out-of-domain threshold meaningful.
 */
const STOPWORDS = new Set(
  (
    'a an the and or but of to in on at by for from with about as into is are was were be been being am ' +
    'do does did done doing have has had having can could would should will shall may might must ' +
    'i me my mine we us our you your yours he she him his her hers it its they them their this that these those there here ' +
    'what whats which who whom whose when where wheres why how hows please tell show let know ' +
    'hi hello hey ok okay thanks thank yes no not any some get got go going want like need ' +
    'sell sells sold stock carry buy find use much many really thing things stuff something anything ' +
    'make take happening happen bring ' +
    'store shop market greenleaf kiosk today now just also still then than so if up out one ' +
    // Contractions without their apostrophe, fillers and politeness: they carry no topic either.
    'im ive id ill youre youve theyre dont doesnt cant wont isnt arent havent hasnt didnt couldnt lets ' +
    'um umm er erm uh hmm right sorry bother excuse wondering wonder trying looking mind possible possibly ' +
    'actually exactly anywhere somewhere anything everything somebody someone bit quite sure mate ' +
    'moment currently thing idea look looks taken took nearest closest near facilities facility wanna gonna ' +
    // Words for the shop's goods or customers in general ("my groceries", "public toilets").
    'groceries grocery public shopping ' +
    // Who a shopper shops for, and how they tell it ("my grandson says", "I bought", "I've come to").
    'husband husbands wife wifes son sons daughter daughters grandson grandsons granddaughter granddaughters ' +
    'mum mums mom moms mother mothers dad dads father fathers grandma grandmas grandad grandads nan nans ' +
    'partner partners friend friends neighbour neighbours niece nephew says said told bought purchased ' +
    'come came wants wanted nuisance trouble work works last ago yesterday recently ask asking asked'
  ).split(' '),
);

/** A word that carries no topic ("where", "the", "please"). */
export function isStopword(w: string): boolean {
  return STOPWORDS.has(w);
}

/** Every stopword, for a vocabulary of the words a question may use (typo-fix.ts). */
export function stopwords(): Iterable<string> {
  return STOPWORDS;
}

/**
 * The question's topic words, each with the everyday words that mean the same (shopper-words.ts), after
 * rewriting multi-word phrases ("get in touch" → contact): one group is one topic word for coverage.
 */
export function queryGroups(text: string): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const w of queryTerms(rewritePhrases(text.normalize('NFKC').toLowerCase().replace(/[’']/g, '')))) {
    const g = sameAs(w);
    if (g.some((x) => seen.has(x))) continue;
    g.forEach((x) => seen.add(x));
    out.push(g);
  }
  return out;
}

/** Lower-cases, strips punctuation and control characters, and drops stopwords; order kept, duplicates removed. */
export function queryTerms(text: string): string[] {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’']/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && w.length <= 40 && !STOPWORDS.has(w));
  return [...new Set(words)];
}

// Words too general to tell one section from another ("open", "time", "free").
export const GENERAL_WORDS: ReadonlySet<string> = new Set(
  'open close closing hours time times today tomorrow day store shop free cost where find located aisle shelf department'.split(' '),
);

/** A word too general to tell one section from another ("open", "time", "free"). */
export function isGeneralWord(w: string): boolean {
  return GENERAL_WORDS.has(w) || /^(day|days|week|weekend|morning|evening|night|change|long|late|early)$/.test(w);
}
