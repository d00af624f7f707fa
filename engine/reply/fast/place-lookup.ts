import { isGeneralWord, queryTerms } from '../knowledge/query-terms.ts';
import { productNames } from '../knowledge/shopper-words.ts';
import type { KnowledgeSnapshot } from '../knowledge/knowledge-types.ts';

export interface Place {
  sectionId: string;
  /** What the shopper asked for, as they said it (e.g. "bread"). */
  asked: string;
  name: string;
  location: string;
  isDepartment: boolean;
  /**
   * Words of the request that name a different product than the one found ("oat" in "oat milk"):
   * the shop does not list that item, so it must not be answered as if it were the listed one.
   */
  unlisted?: string;
  /** Other topic words of the request, neither the found name nor framing ("refund" in "a refund for the soup"). */
  extra: string[];
}

// Modifiers that make a different product of a listed one (oat milk is not milk, vegan cheese is not cheese).
const VARIANT_WORDS = new Set(
  'oat oats almond soy soya coconut cashew rice hemp plant vegan vegetarian organic sugar-free decaf halal kosher'.split(' '),
);
// Aliases that say how a product is kept, not what it is: "tinned tomatoes" are with the tins and
// "frozen chicken" with the frozen food, though the longer name (tomatoes, chicken) has its own aisle.
const FORM_WORDS = new Set(['frozen', 'tin']);
// Asking for something served to take away is a café's, not the aisle's ("a coffee to take away").
const SERVED = /\b(cup|cups|mug|takeaway|take away|to go)\b/;
// Words that only frame the request ("the milk section", "some fresh bread").
const FRAME_WORDS = new Set(
  'the a an some any of your you for in on please section aisle aisles department products product shelf fresh here me my i to buy get nearest closest stuff things'.split(' '),
);

/** Finds where a named thing is: a department (by name or product alias) or a section with a Location line. */
export function findPlace(thing: string, kb: KnowledgeSnapshot): Place | null {
  const words = normalize(thing);
  if (!words) return null;
  const matches: { place: Omit<Place, 'asked' | 'extra'>; alias: string; a: string; at: number; len: number }[] = [];
  const consider = (alias: string, place: Omit<Place, 'asked' | 'extra'>) => {
    const a = normalize(alias);
    // A general word among a section's keywords ("free" for parking) is not the name of a place.
    if (!a || isGeneralWord(a)) return;
    const at = wordIndex(words, a);
    if (at >= 0) matches.push({ place, alias, a, at, len: a.split(' ').length });
  };
  for (const d of kb.departments) {
    const place = { sectionId: d.id, name: d.name, location: d.location, isDepartment: true };
    consider(d.name, place);
    for (const a of d.aliases) consider(a, place);
  }
  for (const s of kb.sections) {
    if (!s.location || kb.departments.some((d) => d.id === s.id)) continue;
    const place = { sectionId: s.id, name: s.title, location: s.location, isDepartment: false };
    consider(s.title, place);
    for (const k of s.keywords) consider(k, place);
  }
  // A one-word past participle right before another listed name describes it ("baked beans",
  // "sliced bread"): the thing asked for is the name it describes, not the section whose keyword it is.
  const named = matches.filter(
    (m) => !(m.len === 1 && m.a.length > 4 && m.a.endsWith('ed') && matches.some((o) => o.at === m.at + 1)),
  );
  let best: (typeof named)[number] | undefined;
  for (const m of named) {
    const form = FORM_WORDS.has(m.a.split(' ')[0]!);
    const bestForm = !!best && FORM_WORDS.has(best.a.split(' ')[0]!);
    // A form of keeping beats a product name; otherwise the longest listed name stands.
    if (!best || (form && !bestForm) || (form === bestForm && m.a.length > best.a.length)) best = m;
  }
  if (!best) return null;
  const rest = ` ${words} `.replace(` ${best.a} `, ' ').trim().split(' ').filter(Boolean);
  // Only a variant modifier makes a different product; "gluten free bread" or "tins of beans" name
  // listed things, and the longest listed match stands. A modifier stands before the name, in the same
  // phrase: "rice and pasta" and "porridge oats" ask for two listed things, not a variant.
  const list = words.split(' ');
  const modifiers: string[] = [];
  for (let i = best.at - 1; i >= 0 && !/^(and|or|with|plus|then)$/.test(list[i]!); i--) modifiers.push(list[i]!);
  const variants = rest.filter((w) => !FRAME_WORDS.has(w) && VARIANT_WORDS.has(w) && modifiers.includes(w));
  const extra = queryTerms(rest.filter((w) => !FRAME_WORDS.has(w) && !VARIANT_WORDS.has(w)).join(' '));
  const out: Place = { ...best.place, asked: formAsked(thing, best.a) ?? best.alias, extra };
  if (SERVED.test(words)) return { ...out, unlisted: thing.trim().replace(/^(a|an|some|the) /, '') };
  return variants.length ? { ...out, unlisted: `${variants.join(' ')} ${best.alias}`.trim() } : out;
}

/** Word position of a phrase in a normalized text, or -1. */
function wordIndex(haystack: string, needle: string): number {
  const i = ` ${haystack} `.indexOf(` ${needle} `);
  return i < 0 ? -1 : haystack.slice(0, i).split(' ').filter(Boolean).length;
}

/**
 * For a form of keeping that stands alone ("tinned" in "tinned tomatoes"), the thing as said from that
 * word on, so the answer names it ("You'll find tinned tomatoes in…"), not only "tins".
 */
function formAsked(thing: string, matched: string): string | null {
  if (!FORM_WORDS.has(matched)) return null;
  const raw = thing.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').split(/\s+/).filter(Boolean);
  const at = raw.findIndex((w) => normalize(w) === matched);
  const said = at >= 0 ? raw.slice(at).join(' ') : '';
  return said.includes(' ') ? said : null;
}

/**
 * Lower-case words, everyday product names read as one (shopper-words.ts), with a crude plural fold,
 * so "toilets" finds "toilet", "apples" "apple" and "toothbrush" "toothbrushes".
 */
function normalize(s: string): string {
  return productNames(s.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim())
    .split(' ')
    .filter(Boolean)
    .map(singular)
    .join(' ');
}

function singular(w: string): string {
  if (w.length > 5 && /(sh|ch|x|ss)es$/.test(w)) return w.slice(0, -2);
  return w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}
