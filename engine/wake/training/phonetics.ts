import { existsSync, readFileSync } from 'node:fs';
import { EngineError } from '../../errors/engine-error.ts';

/** The CMU pronouncing dictionary shipped by Debian's pocketsphinx-en-us (BSD-style licence). */
export const CMU_DICT_PATHS = [
  '/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict',
  '/usr/share/pocketsphinx/model/en-us/en-us/cmudict-en-us.dict',
];

export type Pronunciations = Map<string, string[][]>;

let cache: Pronunciations | null = null;

/** Loads word → phoneme sequences (stress marks dropped; alternates kept). */
export function loadCmuDict(file?: string): Pronunciations {
  if (cache && !file) return cache;
  const path = file ?? CMU_DICT_PATHS.find((p) => existsSync(p));
  if (!path)
    throw new EngineError(
      'unavailable',
      `no CMU dictionary found (looked in ${CMU_DICT_PATHS.join(', ')}); install pocketsphinx-en-us`,
      { stage: 'wake' },
    );
  const dict: Pronunciations = new Map();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts.length < 2) continue;
    const word = parts[0]!.replace(/\(\d+\)$/, '').toLowerCase();
    const phones = parts.slice(1).map((p) => p.replace(/\d/g, ''));
    const list = dict.get(word);
    if (list) list.push(phones);
    else dict.set(word, [phones]);
  }
  if (!file) cache = dict;
  return dict;
}

const VOWELS = new Set([
  'AA',
  'AE',
  'AH',
  'AO',
  'AW',
  'AY',
  'EH',
  'ER',
  'EY',
  'IH',
  'IY',
  'OW',
  'OY',
  'UH',
  'UW',
]);

/** Words of a phrase, lower case, letters and apostrophes only. */
export function phraseWords(phrase: string): string[] {
  return phrase
    .toLowerCase()
    .replace(/[^a-z' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/** The phrase's phonemes (first pronunciation of each word); null for a word the dictionary lacks. */
export function phrasePhones(words: string[], dict: Pronunciations): string[][] | null {
  const out: string[][] = [];
  for (const w of words) {
    const p = dict.get(w)?.[0];
    if (!p) return null;
    out.push(p);
  }
  return out;
}

// Everyday words and phrases people say near a shop counter all day: a wake phrase made only of these
// would fire constantly. (Short list on purpose: it blocks the obvious, the phoneme count does the rest.)
const COMMON_WORDS = new Set(
  'a an the very much really again lot i you he she it we they me my your our this that these those is are was be been am do does did have has had can could will would shall should may might must and or but if so not no yes yeah ok okay hey hi hello hallo bye goodbye please thanks thank sorry excuse what where when who why how which there here now then today just well oh ah um uh right good great fine nice all some any one two three four five six seven eight nine ten for of in on at to from with by up down out over off go come get got make see look want need like know think say tell give take let mean find open close buy pay card cash price help where`s'.split(
    /\s+/,
  ),
);
const COMMON_PHRASES = new Set([
  'thank you',
  'excuse me',
  'hey there',
  'hi there',
  'good morning',
  'good afternoon',
  'good evening',
  'how are you',
  'see you',
  'yes please',
  'no thanks',
  'over here',
  'come on',
  'help me',
  'hello there',
]);

export interface PhraseVerdict {
  ok: boolean;
  reason?: string;
  phones: number;
  syllables: number;
}

/**
 * Whether a phrase can make a usable wake word: long enough to be distinctive (≥ 6 phonemes and
 * ≥ 3 syllables, about 0.6 s of speech) and not something said in ordinary conversation.
 */
export function checkPhrase(phrase: string, dict: Pronunciations = loadCmuDict()): PhraseVerdict {
  const words = phraseWords(phrase);
  if (words.length === 0) return { ok: false, reason: 'the phrase has no words', phones: 0, syllables: 0 };
  const missing = words.filter((w) => !dict.has(w));
  if (missing.length > 0)
    return {
      ok: false,
      reason: `no pronunciation for ${missing.map((w) => `'${w}'`).join(', ')} in the CMU dictionary; spell it as common words (e.g. 'green leaf')`,
      phones: 0,
      syllables: 0,
    };
  const phones = phrasePhones(words, dict)!.flat();
  const syllables = phones.filter((p) => VOWELS.has(p)).length;
  const base = { phones: phones.length, syllables };
  if (phones.length < 6 || syllables < 3)
    return {
      ok: false,
      reason: `too short: ${phones.length} phonemes, ${syllables} syllables (need at least 6 and 3, e.g. 'hey greenleaf'); short phrases cause false wakes`,
      ...base,
    };
  const joined = words.join(' ');
  if (COMMON_PHRASES.has(joined) || words.every((w) => COMMON_WORDS.has(w)))
    return {
      ok: false,
      reason: `too common: '${joined}' is everyday speech and would wake the kiosk in ordinary conversation; add a distinctive word (the shop's name)`,
      ...base,
    };
  return { ok: true, ...base };
}

function editDistance(a: string[], b: string[]): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
  return d[a.length]![b.length]!;
}

/** Dictionary words within `maxDistance` phoneme edits of `phones` (not the word itself), closest first. */
export function soundAlikes(
  word: string,
  phones: string[],
  dict: Pronunciations,
  maxDistance: number,
  limit: number,
): string[] {
  const out: { w: string; d: number }[] = [];
  const seen = new Set<string>([phones.join(' ')]);
  for (const [w, prons] of dict) {
    if (w === word || !/^[a-z]+$/.test(w) || w.length < 2) continue;
    const p = prons[0]!;
    if (Math.abs(p.length - phones.length) > maxDistance) continue;
    // A short word minus a phoneme ('hey' → 'ay') is what accents do to it: not a different phrase.
    if (phones.length <= 3 && p.length < phones.length) continue;
    const key = p.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    const d = editDistance(p, phones);
    if (d > 0 && d <= maxDistance) out.push({ w, d });
  }
  out.sort((a, b) => a.d - b.d || a.w.localeCompare(b.w));
  return out.slice(0, limit).map((x) => x.w);
}

/**
 * Adversarial negatives for a phrase: each word swapped for sound-alikes (one word at a time and two
 * at once), partial phrases (leading and trailing words, the phrase cut short), and compound words
 * split ("greenleaf" → "green leaf", "green", "leaf"). None of these contains the whole phrase.
 */
export function nearMissPhrases(
  phrase: string,
  dict: Pronunciations = loadCmuDict(),
  perWord = 14,
): string[] {
  const words = phraseWords(phrase);
  const phones = phrasePhones(words, dict) ?? [];
  const out = new Set<string>();
  const alikes = words.map((w, i) =>
    soundAlikes(w, phones[i] ?? [], dict, phones[i] && phones[i].length > 4 ? 2 : 1, perWord),
  );
  words.forEach((_, i) => {
    for (const a of alikes[i]!) out.add(words.map((w, j) => (j === i ? a : w)).join(' '));
  });
  for (let i = 0; i < words.length; i++)
    for (let j = i + 1; j < words.length; j++)
      for (const a of alikes[i]!.slice(0, 5))
        for (const b of alikes[j]!.slice(0, 5))
          out.add(words.map((w, k) => (k === i ? a : k === j ? b : w)).join(' '));
  // Partial phrases: every proper prefix and suffix of the words.
  for (let k = 1; k < words.length; k++) {
    out.add(words.slice(0, k).join(' '));
    out.add(words.slice(k).join(' '));
  }
  // Compounds: split a long word into two dictionary words and keep all but the whole.
  words.forEach((w, i) => {
    for (let cut = 3; cut <= w.length - 3; cut++) {
      const [l, r] = [w.slice(0, cut), w.slice(cut)];
      if (!dict.has(l) || !dict.has(r)) continue;
      const before = words.slice(0, i).join(' ');
      out.add(`${before} ${l}`.trim());
      out.add(r);
      out.add(`${before} ${l} ${soundAlikes(r, dict.get(r)![0]!, dict, 1, 1)[0] ?? ''}`.trim());
      for (const x of soundAlikes(l, dict.get(l)![0]!, dict, 1, 4)) out.add(`${before} ${x} ${r}`.trim());
    }
  });
  // Whole phrase followed by other words would wake (correctly), so only the last word + a word after it.
  out.add(`${words[words.length - 1]} market`);
  out.add(`${words[words.length - 1]} store`);
  out.delete(words.join(' '));
  return [...out].filter(Boolean);
}

/**
 * Words that begin as the phrase's last word does and then go elsewhere ("greenland", "greenfield" for
 * "greenleaf"): at least `shared` leading phones in common, a different pronunciation after them. The
 * sound-alikes above change a phone or two anywhere; these keep the start, so a head that decides before
 * the word has ended wakes on them.
 */
export function prefixNeighbours(phrase: string, dict: Pronunciations = loadCmuDict(), shared = 4): string[] {
  const words = phraseWords(phrase);
  const last = words[words.length - 1]!;
  const phones = phrasePhones(words, dict)?.at(-1) ?? [];
  if (phones.length <= shared) return [];
  const head = phones.slice(0, shared).join(' ');
  const whole = phones.join(' ');
  const out: string[] = [];
  for (const [w, prons] of dict) {
    if (w === last || !/^[a-z]{3,12}$/.test(w)) continue;
    if (prons.some((p) => p.slice(0, shared).join(' ') === head && p.join(' ') !== whole)) out.push(w);
  }
  return out.sort();
}
