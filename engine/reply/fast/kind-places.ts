import { isGeneralWord, isStopword } from '../knowledge/query-terms.ts';
import { productKinds } from '../knowledge/product-kinds.ts';
import { indexShopNames, nearestListed, type KindIndex } from '../knowledge/wordnet-kinds.ts';
import type { KnowledgeSnapshot } from '../knowledge/knowledge-types.ts';
import {
  FRAME_WORDS,
  departmentNames,
  end,
  normalize,
  plainWords,
  saidSpan,
  type Match,
  type Place,
} from './place-words.ts';

/**
 * "Spaghetti" where the shop lists pasta: a kind of product (product-kinds.ts) that the shop does not
 * list itself stands, at its own place in the request, for the first of its general names the shop
 * lists, so the usual head-of-phrase rules apply to it ("cat treats" is pet food, not a cat).
 */
export function kindMatches(thing: string, words: string, direct: Match[], kb: KnowledgeSnapshot): Match[] {
  const list = words.split(' ');
  const out: Match[] = [];
  const covered = (at: number, len: number) => direct.some((m) => m.at <= at && end(m) >= at + len - 1);
  for (let at = 0; at < list.length; at++) {
    for (let len = Math.min(4, list.length - at); len >= 1; len--) {
      const general = kindsByName().get(list.slice(at, at + len).join(' '));
      if (!general) continue;
      // The shop names it itself: that name is what was asked for.
      if (covered(at, len)) break;
      const places = general.map((g) => generalPlaces(kb).get(g)).find((p) => p?.length) ?? [];
      const said = saidSpan(thing, list, { from: at, to: at + len - 1 });
      for (const place of places)
        out.push({ place, alias: said, a: list.slice(at, at + len).join(' '), at, len });
      break;
    }
  }
  if (out.length || direct.length) return out;
  return wordnetMatches(thing, list, kb);
}

/**
 * When neither the shop nor the lexicon names anything in the request, its last noun phrase (up to three
 * words: "chocolate truffles") stands for the nearest general name above it in WordNet that the shop
 * lists (wordnet-kinds.ts). Only the phrase as a whole: a modifier WordNet does not know may make
 * another product of the head ("bulgur wheat" is not the wheat of a breakfast cereal).
 */
function wordnetMatches(thing: string, list: string[], kb: KnowledgeSnapshot): Match[] {
  let to = list.length - 1;
  while (to >= 0 && (FRAME_WORDS.has(list[to]!) || isStopword(list[to]!))) to--;
  let from = to;
  const modifier = (w: string) => !FRAME_WORDS.has(w) && !isStopword(w) && !isGeneralWord(w);
  while (from > 0 && from > to - 2 && modifier(list[from - 1]!)) from--;
  if (to < 0 || isGeneralWord(list[to]!) || list[to]!.length < 3) return [];
  const index = shopKindIndex(kb);
  const said = saidSpan(thing, list, { from, to });
  const near = index && nearestListed(said, index.kinds);
  if (!near) return [];
  const beside = near.sibling ? index.said.get(near.keys[0]!) : undefined;
  const places = near.keys.flatMap((k) => generalPlaces(kb).get(k) ?? []);
  return places.map((place) => ({
    place: beside ? { ...place, beside } : place,
    alias: said,
    a: list.slice(from, to + 1).join(' '),
    at: from,
    len: to - from + 1,
  }));
}

/** The shop's names as WordNet synsets, and each name's key as the shop writes it. */
type ShopKinds = { kinds: KindIndex; said: Map<string, string> };
const KIND_INDEX = new WeakMap<KnowledgeSnapshot, ShopKinds | null>();

/** The WordNet synsets the shop's department names and aliases mean, once per snapshot. */
function shopKindIndex(kb: KnowledgeSnapshot): ShopKinds | null {
  if (KIND_INDEX.has(kb)) return KIND_INDEX.get(kb)!;
  const names = kb.departments.flatMap((d) =>
    departmentNames(d)
      .map((n) => ({ key: normalize(n), said: plainWords(n), group: d.id }))
      .filter((n) => n.key && !isGeneralWord(n.key)),
  );
  const kinds = indexShopNames(names);
  const index = kinds && { kinds, said: new Map(names.map((n) => [n.key, n.said])) };
  KIND_INDEX.set(kb, index);
  return index;
}

let KINDS_BY_NAME: Map<string, string[]> | null = null;

/** The kinds and their general names in normalized words, once. */
function kindsByName(): Map<string, string[]> {
  if (KINDS_BY_NAME) return KINDS_BY_NAME;
  KINDS_BY_NAME = new Map();
  for (const [kind, general] of productKinds()) {
    const k = normalize(kind);
    if (!KINDS_BY_NAME.has(k)) KINDS_BY_NAME.set(k, general.map(normalize));
  }
  return KINDS_BY_NAME;
}

const GENERAL_PLACES = new WeakMap<KnowledgeSnapshot, Map<string, Omit<Place, 'asked' | 'extra'>[]>>();

/** The departments under each name a shop gives them: the name, each part of it ("Pasta, rice and tins") and the aliases. */
function generalPlaces(kb: KnowledgeSnapshot): Map<string, Omit<Place, 'asked' | 'extra'>[]> {
  let byName = GENERAL_PLACES.get(kb);
  if (byName) return byName;
  byName = new Map();
  for (const d of kb.departments) {
    const place = { sectionId: d.id, name: d.name, location: d.location, isDepartment: true };
    for (const n of departmentNames(d)) {
      const key = normalize(n);
      if (!key) continue;
      const at = byName.get(key) ?? [];
      if (!at.some((p) => p.sectionId === d.id)) at.push(place);
      byName.set(key, at);
    }
  }
  GENERAL_PLACES.set(kb, byName);
  return byName;
}
