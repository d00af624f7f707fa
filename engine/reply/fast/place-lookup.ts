import { queryTerms } from '../knowledge/query-terms.ts';
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
  let best: { place: Place; len: number; form: boolean } | null = null;
  const consider = (alias: string, place: Omit<Place, 'asked' | 'extra'>) => {
    const a = normalize(alias);
    if (!a || !contains(words, a)) return;
    // A one-word past participle before another word describes it ("baked beans", "sliced bread"):
    // the thing asked for is the word it describes, not the section whose keyword it is.
    if (!a.includes(' ') && a.length > 4 && a.endsWith('ed') && !` ${words} `.endsWith(` ${a} `)) return;
    const form = FORM_WORDS.has(a.split(' ')[0]!);
    // A form of keeping beats a product name; otherwise the longest listed name stands.
    if (!best || (form && !best.form) || (form === best.form && a.length > best.len))
      best = { place: { ...place, asked: alias, extra: [] }, len: a.length, form };
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
  if (!best) return null;
  const found = (best as { place: Place }).place;
  const rest = ` ${words} `.replace(` ${normalize(found.asked)} `, ' ').trim().split(' ').filter(Boolean);
  // Only a variant modifier makes a different product; "gluten free bread" or "tins of beans" name
  // listed things, and the longest listed match stands.
  const variants = rest.filter((w) => !FRAME_WORDS.has(w) && VARIANT_WORDS.has(w));
  const extra = queryTerms(rest.filter((w) => !FRAME_WORDS.has(w) && !VARIANT_WORDS.has(w)).join(' '));
  const out = { ...found, extra };
  if (SERVED.test(words)) return { ...out, unlisted: thing.trim().replace(/^(a|an|some|the) /, '') };
  return variants.length ? { ...out, unlisted: `${variants.join(' ')} ${found.asked}`.trim() } : out;
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

function contains(haystack: string, needle: string): boolean {
  return ` ${haystack} `.includes(` ${needle} `);
}
