import { productNames } from '../knowledge/shopper-words.ts';

// The words a place lookup reads a request in, shared by the lookup of listed names and of kinds.

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
  /**
   * The listed name of the same kind that the asked thing stands beside ("sauces" for "vinegar"): the
   * shop does not list it, so the answer says where its kind is, not that it is there.
   */
  beside?: string;
  /** Other topic words of the request, neither the found name nor framing ("refund" in "a refund for the soup"). */
  extra: string[];
}

// Words that only frame the request ("the milk section", "some fresh bread").
export const FRAME_WORDS = new Set(
  'the a an some any of your you for in on please section aisle aisles department products product shelf fresh here me my i to buy get nearest closest stuff things'.split(
    ' ',
  ),
);

export type Match = {
  place: Omit<Place, 'asked' | 'extra'>;
  alias: string;
  a: string;
  at: number;
  len: number;
};

export const end = (m: Match) => m.at + m.len - 1;

/**
 * Lower-case words, everyday product names read as one (shopper-words.ts), with a crude plural fold,
 * so "toilets" finds "toilet", "apples" "apple" and "toothbrush" "toothbrushes".
 */
export function normalize(s: string): string {
  return productNames(plainWords(s)).split(' ').filter(Boolean).map(singular).join(' ');
}

function singular(w: string): string {
  // "tomatoes" → "tomato", so "tomato soup" finds the listed "tomatoes".
  if (w.length > 5 && /(sh|ch|x|ss|[^aeiou]o)es$/.test(w)) return w.slice(0, -2);
  return w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}

/** The words of a span of the normalized request as the shopper said them ("butter beans", not "butter bean"). */
export function saidSpan(thing: string, list: string[], span: { from: number; to: number }): string {
  const raw = productNames(plainWords(thing)).split(' ');
  const words = raw.length === list.length ? raw : list;
  return words.slice(span.from, span.to + 1).join(' ');
}

/** Lower-case words and digits, single-spaced: how a request and a shop's names are compared. */
export function plainWords(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The names a shop gives a department: its name, each part of it ("Pasta, rice and tins") and its aliases. */
export function departmentNames(d: { name: string; aliases: readonly string[] }): string[] {
  return [d.name, ...d.name.split(/,|&|\band\b/), ...d.aliases];
}
