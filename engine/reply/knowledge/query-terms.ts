/**
 * Words that carry no topic in a shopper's question. Dropping them keeps BM25 from matching every
 * section on "where", "the" or "you", which is what makes the out-of-domain threshold meaningful.
 */
const STOPWORDS = new Set(
  (
    'a an the and or but of to in on at by for from with about as into is are was were be been being am ' +
    'do does did done doing have has had having can could would should will shall may might must ' +
    'i me my mine we us our you your yours he she it its they them their this that these those there here ' +
    'what whats which who whom whose when where wheres why how hows please tell show let know ' +
    'hi hello hey ok okay thanks thank yes no not any some get got go going want like need ' +
    'sell sells sold stock carry buy find use much many really thing things stuff something anything ' +
    'make take happening happen ' +
    'store shop market greenleaf kiosk today now just also still then than so if up out one'
  ).split(' '),
);

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
