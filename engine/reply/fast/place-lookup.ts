import { isGeneralWord, queryTerms } from '../knowledge/query-terms.ts';
import type { KnowledgeSnapshot } from '../knowledge/knowledge-types.ts';
import { kindMatches } from './kind-places.ts';
import { FRAME_WORDS, end, normalize, saidSpan, type Match, type Place } from './place-words.ts';

export type { Place } from './place-words.ts';

// Modifiers that make a different product of a listed one (oat milk is not milk, vegan cheese is not cheese).
const VARIANT_WORDS = new Set(
  'oat oats almond soy soya coconut cashew rice hemp plant vegan vegetarian organic sugar-free decaf halal kosher'.split(
    ' ',
  ),
);
// Aliases that say how a product is kept, not what it is: "tinned tomatoes" are with the tins and
// "frozen chicken" with the frozen food, though the longer name (tomatoes, chicken) has its own aisle.
const FORM_WORDS = new Set(['frozen', 'tin']);
// Asking for something served to take away is a café's, not the aisle's ("a coffee to take away").
const SERVED = /\b(cup|cups|mug|takeaway|take away|to go)\b/;

/** Finds where a named thing is: a department (by name or product alias) or a section with a Location line. */
export function findPlace(thing: string, kb: KnowledgeSnapshot): Place | null {
  const words = normalize(thing);
  if (!words) return null;
  const matches: Match[] = [];
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
  matches.push(...kindMatches(thing, words, matches, kb));
  // A one-word past participle right before another listed name describes it ("baked beans",
  // "sliced bread"): the thing asked for is the name it describes, not the section whose keyword it is.
  // A form of keeping right after one is what holds it ("cake tins"), not the tinned-food shelf.
  const named = matches.filter(
    (m) =>
      !(m.len === 1 && m.a.length > 4 && m.a.endsWith('ed') && matches.some((o) => o.at === m.at + 1)) &&
      !(FORM_WORDS.has(m.a) && matches.some((o) => end(o) === m.at - 1)),
  );
  const head = headOf(named, kb);
  if (!head) return null;
  const { best, chain } = head;
  const rest = ` ${words} `.replace(` ${best.a} `, ' ').trim().split(' ').filter(Boolean);
  // Only a variant modifier makes a different product; "gluten free bread" or "tins of beans" name
  // listed things. A modifier stands before the name, in the same
  // phrase: "rice and pasta" and "porridge oats" ask for two listed things, not a variant.
  const list = words.split(' ');
  const modifiers: string[] = [];
  for (let i = best.at - 1; i >= 0 && !/^(and|or|with|plus|then)$/.test(list[i]!); i--)
    modifiers.push(list[i]!);
  const variants = rest.filter((w) => !FRAME_WORDS.has(w) && VARIANT_WORDS.has(w) && modifiers.includes(w));
  // The listed names around the head describe it ("chicken" in "chicken soup"): said, not extra.
  const describing = list.slice(chain.from, chain.to + 1);
  const extra = queryTerms(
    rest.filter((w) => !FRAME_WORDS.has(w) && !VARIANT_WORDS.has(w) && !describing.includes(w)).join(' '),
  );
  const asked =
    formAsked(thing, best.a) ?? (describing.length > best.len ? saidSpan(thing, list, chain) : best.alias);
  const out: Place = { ...best.place, asked, extra };
  // "Coffee machines", "cake tins", "ice cube trays": a thing for making or holding a listed product.
  // A word the section itself uses is part of its own name ("recycling bins").
  for (let i = chain.to + 1; i < list.length && !/^(and|or|with|plus|of|for|then)$/.test(list[i]!); i++)
    if (EQUIPMENT.has(list[i]!) && !sectionSays(kb, best.place.sectionId, list[i]!))
      return { ...out, unlisted: saidSpan(thing, list, { from: chain.from, to: i }) };
  const care = careVariant(list, best, kb);
  if (care) return { ...out, ...care.place, unlisted: care.unlisted };
  if (SERVED.test(words)) return { ...out, unlisted: thing.trim().replace(/^(a|an|some|the) /, '') };
  return variants.length ? { ...out, unlisted: `${variants.join(' ')} ${best.alias}`.trim() } : out;
}

// Things for making, holding or serving a product, named after it ("coffee machine", "dog lead").
const EQUIPMENT = new Set(
  (
    'machines makers glasses mugs cups trays tins bowls leads collars toys beds racks openers grinders holders dispensers ' +
    'cutters brushes jugs scoops towels bins frothers blenders toasters kettles pans saucepans peelers graters sieves spoons containers ' +
    'cookers coolers steamers warmers chillers buckets'
  )
    .split(' ')
    .map((w) => normalize(w)),
);

/**
 * The listed name the request is about, and the run of listed names it stands in (word positions).
 * A form of keeping ("frozen", "tinned") or a "-free" name ("gluten free") says which shelf a product
 * is on, whatever the product. Otherwise English puts the thing last and its kind before it ("chicken
 * soup" is soup, "apple juice" juice): the last listed name stands, and of names ending on the same
 * word the longest ("ice cream" over "cream"). A name right before it whose place lists a kind of that
 * thing ("formula" before "milk", where the baby aisle lists "baby milk") says where that kind is kept.
 */
function headOf(
  matches: Match[],
  kb: KnowledgeSnapshot,
): { best: Match; chain: { from: number; to: number } } | null {
  const shelf = (m: Match) => FORM_WORDS.has(m.a.split(' ')[0]!) || m.a.endsWith(' free');
  let best: Match | undefined;
  for (const m of matches) {
    if (!best || (shelf(m) && !shelf(best))) best = m;
    else if (shelf(m) !== shelf(best)) continue;
    else if (
      shelf(m)
        ? m.a.length > best.a.length
        : end(m) > end(best) || (end(m) === end(best) && m.a.length > best.a.length)
    )
      best = m;
  }
  if (!best) return null;
  if (!shelf(best)) {
    const thing = best.a.split(' ').at(-1)!;
    const head = best;
    const kind = matches.find(
      (m) =>
        end(m) === head.at - 1 &&
        m.place.sectionId !== head.place.sectionId &&
        listsKindOf(m.place.sectionId, thing, kb),
    );
    if (kind) best = kind;
  }
  // The run of adjacent listed names around it ("chicken noodle soup"); a form of keeping stands alone.
  let from = best.at;
  let to = end(best);
  if (!FORM_WORDS.has(best.a.split(' ')[0]!)) {
    for (
      let m = matches.find((x) => end(x) === from - 1 && !shelf(x));
      m;
      m = matches.find((x) => end(x) === from - 1 && !shelf(x))
    )
      from = m.at;
    for (
      let m = matches.find((x) => x.at === to + 1 && !FORM_WORDS.has(x.a.split(' ')[0]!));
      m;
      m = matches.find((x) => x.at === to + 1 && !FORM_WORDS.has(x.a.split(' ')[0]!))
    )
      to = end(m);
  }
  return { best, chain: { from, to } };
}

/** Whether a place lists a kind of the thing: a name of two or more words ending in it ("baby milk" for "milk"). */
function listsKindOf(id: string, thing: string, kb: KnowledgeSnapshot): boolean {
  const d = kb.departments.find((x) => x.id === id);
  const names = d ? [d.name, ...d.aliases] : (kb.sections.find((s) => s.id === id)?.keywords ?? []);
  return names.some((n) => {
    const w = normalize(n).split(' ');
    return w.length > 1 && w.at(-1) === thing;
  });
}

// Words that make a product one for the body ("hand cream", "lip balm"): not the food of that name.
const CARE_WORDS = new Set('hand face facial body foot feet lip eye hair nail skin shaving heel'.split(' '));
// Words in the name of a department for such products ("Health and beauty", "Toiletries").
const CARE_DEPARTMENT = /\b(health|beauty|toiletries|skincare|skin|cosmetics|personal care|body)\b/i;

/**
 * "Hand cream" where the shop lists only "cream" (dairy): a care product the shop does not list, so it
 * is not answered as the food; it is near the shop's one care department (the one that lists a kind of
 * it, such as "sun cream", when there are several), or near none when the shop has no single one.
 * Null when the request is not a care word before a one-word name outside such a department.
 */
function careVariant(
  list: string[],
  best: Match,
  kb: KnowledgeSnapshot,
): { place: Omit<Place, 'asked' | 'extra'>; unlisted: string } | null {
  const before = list[best.at - 1];
  if (!before || !CARE_WORDS.has(before) || best.len > 1) return null;
  const care = kb.departments.filter((d) => CARE_DEPARTMENT.test(d.name));
  if (care.some((d) => d.id === best.place.sectionId)) return null;
  const kinds = care.filter((d) => listsKindOf(d.id, best.a, kb));
  const d = kinds.length === 1 ? kinds[0] : care.length === 1 ? care[0] : undefined;
  const unlisted = `${before} ${best.alias}`;
  if (!d) return { place: { ...best.place, isDepartment: false }, unlisted };
  return { place: { sectionId: d.id, name: d.name, location: d.location, isDepartment: true }, unlisted };
}

/** Whether a section's answer text or keywords use a (normalized) word. */
function sectionSays(kb: KnowledgeSnapshot, id: string, word: string): boolean {
  const s = kb.sections.find((x) => x.id === id);
  return !!s && ` ${normalize([s.text, ...s.keywords].join(' '))} `.includes(` ${word} `);
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
  const raw = thing
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const at = raw.findIndex((w) => normalize(w) === matched);
  const said = at >= 0 ? raw.slice(at).join(' ') : '';
  return said.includes(' ') ? said : null;
}
