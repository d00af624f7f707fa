import { wordNet, type Lemma, type WordNetNouns } from './wordnet-nouns.ts';

/**
 * "Turnips" where the shop lists vegetables, "lipstick" where it lists makeup: for a product name that
 * neither the shop nor product-kinds.ts knows, the nearest general name the shop does list, found by
 * walking up WordNet's noun hypernyms (turnip → root vegetable → vegetable). The second source after
 * the hand-written lexicon, which is consulted first.
 *
 * Guards against the wrong sense: only a sense that is a thing a shop sells counts (food, artifact,
 * plant, substance). When the WordNet corpus saw one, the most frequent such sense alone is walked, so
 * a word whose usual sense is unlisted is not sent to a rare one's aisle ("paint" is not makeup, a rose
 * is the plant, not the wine). Otherwise the unseen senses of the first kind (food before the rest: a
 * swede is the vegetable, not the plant) are all walked, and when they reach different listed names
 * ("teacake" the biscuit or the cake) none is answered. The walk goes a few levels up and stops at very general synsets
 * (food, substance, artifact, ...), whose words are no product's name. On the shop's side a general
 * name means the sense its department's other names share ("cream" among milk and cheese is the dairy
 * one, not the ointment; "dressings" beside bandages the medical one), so that synsets, not strings,
 * meet.
 */

// noun.artifact, noun.food, noun.plant, noun.substance
const PRODUCT_FILES = new Set([6, 13, 20, 27]);
const FOOD = 13;
const PLANT = 20;
const MAX_UP = 6;
// Synsets too general to name an aisle: the walk stops there.
const TOO_GENERAL = new Set(
  (
    'entity|physical entity|abstraction|object|whole|artifact|artefact|instrumentality|device|container|' +
    'covering|structure|commodity|consumer goods|merchandise|product|substance|matter|material|solid|liquid|fluid|' +
    'food|nutrient|foodstuff|food product|ingredient|dish|course|organism|being|living thing|part|piece|' +
    'chemical|compound|mixture|agent|drug|implement|equipment|article|ware|creation|decoration|natural object'
  ).split('|'),
);

/** A name as WordNet spells its lemma: as said, or singular ("tomatoes", "berries", "radishes"). */
function lemmaForms(name: string): string[] {
  const out = [name];
  const last = name.split(' ').at(-1)!;
  const stem = name.slice(0, name.length - last.length);
  if (/ies$/.test(last)) out.push(stem + last.slice(0, -3) + 'y');
  if (/(sh|ch|x|ss|o)es$/.test(last)) out.push(stem + last.slice(0, -2));
  if (/[^s]s$/.test(last)) out.push(stem + last.slice(0, -1));
  return out;
}

function lemmaOf(wn: WordNetNouns, name: string): Lemma | null {
  for (const f of lemmaForms(name)) {
    const l = wn.lemma(f);
    if (l) return l;
  }
  return null;
}

const tooGeneral = (wn: WordNetNouns, o: number) => wn.synset(o).words.some((w) => TOO_GENERAL.has(w));

/** A synset and its hypernyms up to MAX_UP levels, nearest first, stopping at very general ones. */
function upward(wn: WordNetNouns, start: number): number[][] {
  const levels: number[][] = [];
  const seen = new Set<number>();
  let level = [start];
  for (let i = 0; i <= MAX_UP && level.length; i++) {
    const here = level.filter((o) => !seen.has(o) && !tooGeneral(wn, o));
    here.forEach((o) => seen.add(o));
    levels.push(here);
    level = here.flatMap((o) => wn.synset(o).hypernyms);
  }
  return levels;
}

/**
 * The product senses of a name: those the WordNet corpus saw in frequency order (a rose is the plant
 * before the wine), then the unseen ones food first (a swede is a vegetable before it is a plant).
 * The shop's side also takes WordNet's top synsets (plant, animal), which a department may be named for.
 */
function productSenses(wn: WordNetNouns, name: string, files = PRODUCT_FILES): number[] {
  const l = lemmaOf(wn, name);
  if (!l) return [];
  const product = (o: number) => files.has(wn.synset(o).lexFile);
  const seen = l.senses.slice(0, l.tagged).filter(product);
  const unseen = l.senses.slice(l.tagged).filter(product);
  const food = (o: number) => wn.synset(o).lexFile === FOOD;
  return [...seen, ...unseen.filter(food), ...unseen.filter((o) => !food(o))];
}

// noun.Tops: plant, animal, food, ... as a department's own name.
const SHOP_FILES = new Set([...PRODUCT_FILES, 3]);

/**
 * Synset offset → the shop's general-name keys that mean it (named), or whose parent it is, with the
 * lexicographer file of the listed sense under that parent (parents).
 */
export interface KindIndex {
  named: Map<number, string[]>;
  parents: Map<number, { key: string; lexFile: number }[]>;
}

/**
 * The synsets the shop's general names mean: for a name with several product senses, those that share
 * an ancestor with the first sense of another name of the same group (a department), else its first.
 */
export function indexShopNames(names: { key: string; said: string; group: string }[]): KindIndex | null {
  const wn = wordNet();
  if (!wn) return null;
  const index: KindIndex = { named: new Map(), parents: new Map() };
  const sensesOf = new Map<string, number[]>();
  for (const n of names)
    if (!sensesOf.has(n.said))
      sensesOf.set(
        n.said,
        productSenses(wn, n.said, SHOP_FILES).filter((o) => !tooGeneral(wn, o)),
      );
  const above = new Map<number, Set<number>>();
  const chosenOf = new Map<(typeof names)[number], number[]>();
  const ancestors = (o: number) => above.get(o) ?? above.set(o, new Set(upward(wn, o).flat())).get(o)!;
  for (const n of names) {
    const own = sensesOf.get(n.said)!;
    if (!own.length) continue;
    let chosen = own.slice(0, 1);
    if (own.length > 1) {
      const others = new Set(
        names
          .filter((m) => m.group === n.group && m.said !== n.said)
          .flatMap((m) =>
            sensesOf
              .get(m.said)!
              .slice(0, 1)
              .flatMap((o) => [...ancestors(o)]),
          ),
      );
      const shared = own.filter((o) => [...ancestors(o)].some((a) => others.has(a)));
      if (shared.length) chosen = shared;
      else {
        // No ancestor in common ("herbs" beside fruit and vegetables): the sense of the kind most of
        // the department's other names are (food there, so the herb, not the plant), when two or more agree.
        const kinds = names
          .filter((m) => m.group === n.group && m.said !== n.said)
          .flatMap((m) =>
            sensesOf
              .get(m.said)!
              .slice(0, 1)
              .map((o) => wn.synset(o).lexFile),
          );
        const most = (f: number) => kinds.filter((k) => k === f).length;
        const best = own.reduce(
          (a, o) => (most(wn.synset(o).lexFile) > Math.max(1, most(wn.synset(a).lexFile)) ? o : a),
          own[0]!,
        );
        chosen = [best];
      }
    }
    for (const o of chosen) {
      const keys = index.named.get(o) ?? index.named.set(o, []).get(o)!;
      if (!keys.includes(n.key)) keys.push(n.key);
    }
    chosenOf.set(n, chosen);
  }
  // A parent stands for its listed children one step further away: a sibling ("vinegar" beside
  // "sauces", both condiments) is nearer than nothing, never nearer than a listed name or its
  // ancestors. Only a parent whose listed descendants all share one department: toiletries span the
  // dental and skincare aisles, so perfume is neither's sibling.
  const departmentsUnder = new Map<number, Set<string>>();
  for (const [n, chosen] of chosenOf)
    for (const o of chosen)
      for (const a of upward(wn, o).slice(1, 4).flat())
        (departmentsUnder.get(a) ?? departmentsUnder.set(a, new Set()).get(a)!).add(n.group);
  // Only a name's main sense has siblings, and no plant's: WordNet files plants by botany (the tea
  // bush's siblings are roses), foods and goods by use.
  for (const [n, [o]] of chosenOf)
    if (o !== undefined && wn.synset(o).lexFile !== PLANT)
      for (const h of wn.synset(o).hypernyms)
        if (!tooGeneral(wn, h) && departmentsUnder.get(h)?.size === 1) {
          const children = index.parents.get(h) ?? index.parents.set(h, []).get(h)!;
          if (!children.some((c) => c.key === n.key))
            children.push({ key: n.key, lexFile: wn.synset(o).lexFile });
        }
  return index;
}

/** The listed names nearest a product name, and whether they are its siblings rather than above it. */
export interface Nearest {
  keys: string[];
  /** "Vinegar" beside "sauces": the shop lists the same kind of thing, not this one. */
  sibling: boolean;
}

/**
 * The general-name keys of the nearest listed synset above a product name ("turnips" → the key of
 * "vegetables") or beside it, or null. A word used mostly as a verb ("find", "sell") is not a product name.
 */
export function nearestListed(phrase: string, index: KindIndex): Nearest | null {
  const wn = wordNet();
  if (!wn) return null;
  const words = phrase.split(' ');
  if (words.length === 1) {
    const verb = wn.verbTagged(words[0]!);
    const noun = lemmaOf(wn, words[0]!);
    if (!noun || (verb >= 3 && verb > noun.tagged)) return null;
  }
  const found = new Map<string, Nearest>();
  for (const sense of evenSenses(wn, phrase)) {
    const near = nearestAbove(wn, sense, index);
    if (near) found.set(near.keys.join('|'), near);
  }
  // Senses with the same evidence that lead to different aisles ("teacake" the biscuit or the cake): no answer.
  return found.size === 1 ? [...found.values()][0]! : null;
}

/**
 * The senses walked: the most frequent product sense when the WordNet corpus saw it; else every unseen
 * product sense of the first kind (food, else the rest), as none has more evidence than another.
 */
function evenSenses(wn: WordNetNouns, phrase: string): number[] {
  const l = lemmaOf(wn, phrase);
  const ranked = productSenses(wn, phrase);
  if (!l || !ranked.length) return [];
  if (l.senses.indexOf(ranked[0]!) < l.tagged) return ranked.slice(0, 1);
  const food = wn.synset(ranked[0]!).lexFile === FOOD;
  return ranked.filter((o) => (wn.synset(o).lexFile === FOOD) === food);
}

/**
 * The keys at the fewest steps from the sense: up to a listed name's own synset (turnip → vegetable,
 * one step), or up to its parent and down again (vinegar → condiment ← sauce, two steps).
 */
function nearestAbove(wn: WordNetNouns, sense: number, index: KindIndex): Nearest | null {
  const levels = upward(wn, sense);
  // A sibling is the same kind of thing (tobacco, an artifact, is no sibling of alcohol, a drink).
  const kind = wn.synset(sense).lexFile;
  for (let steps = 0; steps <= levels.length; steps++) {
    const named = levels[steps]?.flatMap((o) => index.named.get(o) ?? []) ?? [];
    if (named.length) return { keys: [...new Set(named)], sibling: false };
    const viaParent =
      steps >= 2
        ? levels[steps - 1]!.flatMap((o) =>
            (index.parents.get(o) ?? []).filter((c) => c.lexFile === kind).map((c) => c.key),
          )
        : [];
    if (viaParent.length) return { keys: [...new Set(viaParent)], sibling: true };
  }
  return null;
}
