import { namedSectionsByLength, normalizeQuestion } from '../fast/fast-path.ts';
import { findPlace } from '../fast/place-lookup.ts';
import { plainRequest } from '../fast/shopper-request.ts';
import type { KnowledgeSnapshot } from '../knowledge/knowledge-types.ts';

/** The last word of the shop's name, the kind of shop it is ("pharmacy" of "Riverside Pharmacy"). */
function shopKind(data: KnowledgeSnapshot): string | null {
  return data.shopName ? (normalizeQuestion(data.shopName).split(' ').at(-1) ?? null) : null;
}

/**
 * "Where is the pharmacy" asked at Riverside Pharmacy (or "where is Greenleaf Market"): the shop itself,
 * so its address, unless a section inside the shop has that name (the sample store's pharmacy counter).
 */
export function askedForTheShop(text: string, data: KnowledgeSnapshot): string | null {
  if (!data.shopName) return null;
  const name = normalizeQuestion(data.shopName);
  const kind = shopKind(data);
  const m = /^where(?:s| is| are) (?:the |this |your )?(.+?)(?: located| based)?$/.exec(plainRequest(normalizeQuestion(text)));
  if (!m || (m[1] !== name && m[1] !== kind)) return null;
  if (namedSectionsByLength(m[1]!, data).length || findPlace(m[1]!, data)) return null;
  return 'address';
}

/**
 * The question without the word for the kind of shop when no section is named by it: at Riverside
 * Pharmacy "can I nominate your pharmacy" is about the shop, as "your shop" would be, so "pharmacy"
 * must not find the pharmacist's consultation room. At the sample store the pharmacy is a counter and
 * keeps its word.
 */
export function withoutShopKind(text: string, data: KnowledgeSnapshot): string {
  const kind = shopKind(data);
  if (!kind || kind.length < 4 || namedSectionsByLength(kind, data).length || findPlace(kind, data)) return text;
  const out = text.replace(new RegExp(`\\b${kind}(?:s|es)?\\b`, 'gi'), ' ').replace(/\s+/g, ' ').trim();
  return out || text;
}
