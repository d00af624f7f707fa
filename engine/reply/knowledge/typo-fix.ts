import { stopwords } from './query-terms.ts';
import { shopperVocabulary } from './shopper-words.ts';
import { WEEKDAYS, type KnowledgeSnapshot } from './knowledge-types.ts';
import { wordNet } from './wordnet-nouns.ts';

/**
 * Typing slips on a touchscreen keyboard ("mlik", "toliets", "chocolatr", "vitamns"), mended before a
 * typed question is matched: a word the shop's knowledge and the shopper words do not know becomes
 * the one known word a single slip away. Slips are what a finger does on a keyboard: two letters
 * swapped, a letter left out or doubled, or a neighbouring key hit (and in a word of five letters or more one vowel for
 * another, as a word spelt by ear); the first letter is kept (unless it is swapped with the second). A word with no such neighbour, or with several equally close, stays
 * as typed, so an unknown real word ("kettle") is never turned into a shop word. Spoken readings never
 * need this: the recognizer only says words it knows.
 */
export function fixTypos(text: string, data: KnowledgeSnapshot): string {
  const vocab = vocabularyOf(data);
  // Words with their apostrophes ("doesn't"), which the vocabulary holds without them ("doesnt").
  return text.replace(/[A-Za-z]+(?:['’][A-Za-z]+)*/g, (w) => (/['’]/.test(w) ? w : (correction(w.toLowerCase(), vocab) ?? w)));
}

const VOCAB = new WeakMap<KnowledgeSnapshot, Set<string>>();

/** The words a question about this shop may use: its knowledge files' words, stopwords and shopper words. */
function vocabularyOf(data: KnowledgeSnapshot): Set<string> {
  let vocab = VOCAB.get(data);
  if (vocab) return vocab;
  const texts: string[] = [...stopwords(), ...shopperVocabulary(), ...WEEKDAYS];
  for (const s of data.sections) texts.push(s.title, s.text, s.location ?? '', ...s.keywords, ...s.questions);
  for (const d of data.departments) texts.push(d.name, d.location, ...d.aliases);
  for (const h of data.hours?.holidays ?? []) texts.push(h.name);
  const words = texts.join(' ').toLowerCase().replace(/[’']/g, '').split(/[^a-z]+/).filter(Boolean);
  // With the singular of each plural ("banana" of "bananas"), so "bananna" finds it.
  vocab = new Set([...words, ...words.filter((w) => w.length > 4 && /[^s]s$/.test(w)).map((w) => w.slice(0, -1))]);
  VOCAB.set(data, vocab);
  return vocab;
}

type Slip = 'swap' | 'missing' | 'extra' | 'neighbour' | 'vowel';

const VOWELS = /^[aeiou]$/;

/** The known word a typed word was meant to be, or null when it is known, too short or not one clear slip away. */
function correction(w: string, vocab: Set<string>): string | null {
  if (w.length < 3 || known(w, vocab) || englishNoun(w)) return null;
  const found: { word: string; slip: Slip }[] = [];
  for (const v of vocab) {
    // A three-letter word is mended only into a word of three or four ("mlk" → "milk", "jma" → "jam").
    if (v.length < Math.min(4, w.length) || Math.abs(v.length - w.length) > 1) continue;
    const slip = slipBetween(w, v);
    // In a word of three or four letters a wrong or extra letter leaves too little to be sure of ("dear" is not "near").
    if (slip && (w.length > 4 || slip === 'swap' || slip === 'missing')) found.push({ word: v, slip });
  }
  // A word cut short ("wher" → "where") first, then two letters swapped, then any other slip.
  for (const pick of [
    (f: (typeof found)[number]) => f.slip === 'missing' && f.word.startsWith(w),
    (f: (typeof found)[number]) => f.slip === 'swap',
    // A finger's slip before a vowel spelt by ear ("chese" is cheese, not chase).
    (f: (typeof found)[number]) => f.slip !== 'vowel',
    () => true,
  ]) {
    const hits = found.filter(pick);
    if (hits.length === 1) return hits[0]!.word;
    if (hits.length > 1) return null;
  }
  return null;
}

/**
 * A real English noun of five letters or more that the shop does not use ("cleanser") is what the
 * shopper meant, not a slip for a shop word ("cleaner"). Shorter words collide with slips too often.
 */
function englishNoun(w: string): boolean {
  return w.length >= 5 && !!wordNet()?.lemma(w);
}

/** A known word, a plain inflection of one ("aisles", "opening", "closed") or the singular of one ("good" of "goods"). */
function known(w: string, vocab: Set<string>): boolean {
  if (vocab.has(w) || vocab.has(`${w}s`) || (/(s|x|ch|sh)$/.test(w) && vocab.has(`${w}es`))) return true;
  const stems = [w.replace(/s$/, ''), w.replace(/es$/, ''), w.replace(/ing$/, ''), w.replace(/ing$/, 'e'), w.replace(/ed$/, ''), w.replace(/d$/, '')];
  return stems.some((s) => s !== w && s.length >= 3 && vocab.has(s));
}

/** The one slip that turns the typed word into the known one, or null. */
function slipBetween(typed: string, meant: string): Slip | null {
  const sameLength = typed.length === meant.length;
  if (typed[0] !== meant[0] && !(sameLength && typed[0] === meant[1] && typed[1] === meant[0])) return null;
  if (sameLength) {
    const diff: number[] = [];
    for (let i = 0; i < typed.length && diff.length < 3; i++) if (typed[i] !== meant[i]) diff.push(i);
    if (diff.length === 1 && neighbours(typed[diff[0]!]!, meant[diff[0]!]!)) return 'neighbour';
    // A word spelt by ear, one vowel for another ("paracetomol", "ibuprofin", "syrop"); not in words of four letters or fewer.
    if (diff.length === 1 && typed.length >= 5 && VOWELS.test(typed[diff[0]!]!) && VOWELS.test(meant[diff[0]!]!)) return 'vowel';
    if (diff.length === 2 && diff[1] === diff[0]! + 1 && typed[diff[0]!] === meant[diff[1]!] && typed[diff[1]!] === meant[diff[0]!])
      return 'swap';
    return null;
  }
  const [short, long] = typed.length < meant.length ? [typed, meant] : [meant, typed];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  if (short.slice(i) !== long.slice(i + 1)) return null;
  return typed.length < meant.length ? 'missing' : 'extra';
}

// Key positions on a QWERTY keyboard (each row sits half a key further right than the one above).
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const KEY = new Map<string, [number, number]>();
ROWS.forEach((row, y) => [...row].forEach((k, x) => KEY.set(k, [x + y * 0.5, y])));

/** Whether two letters sit next to each other on the keyboard (a finger's slip between them). */
function neighbours(a: string, b: string): boolean {
  const p = KEY.get(a);
  const q = KEY.get(b);
  return !!p && !!q && Math.abs(p[1] - q[1]) <= 1 && Math.abs(p[0] - q[0]) <= 1;
}
