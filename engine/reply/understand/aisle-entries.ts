import type { KnowledgeBase, Passage } from '../knowledge/knowledge-base.ts';

// Asking what something costs ("how much is a pint of milk", "what's the price of eggs").
const ASKS_PRICE = /^(?:how much (?:is|are|does|do|would|will|for)\b|what(?: is|s|are)? the (?:price|prices|cost) of\b|(?:what|how much) (?:does|do) .+ cost$)/;
// Asking when something happens or opens ("when does the bakery start baking", "what time is the deli open").
const ASKS_WHEN = /^(?:when|what time|how early|how late|until when|till when)\b/;

/**
 * An aisle's entry says where products are and nothing else. So a price question that only an aisle
 * entry answers is declined ("how much are your bin bags"), and a "when" question that names both an
 * aisle and a counter with its own times is the counter's ("when does the bakery start baking" is
 * the bakery counter, not the bakery aisle). Returns the passages to answer with instead, or null
 * when these do not apply. `request` is the plain request (plainRequest), `out` the ranked answer.
 */
export function aisleEntryLimits(kb: KnowledgeBase, request: string, out: Passage[], raw: Passage[]): Passage[] | null {
  const top = out[0];
  if (!top || !holdsProducts(kb, top.section)) return null;
  if (ASKS_PRICE.test(request)) return [];
  if (!ASKS_WHEN.test(request)) return null;
  const storeWide = new Set(['welcome', kb.data.hours?.sectionId]);
  const counter = raw.find(
    (p) => !storeWide.has(p.section.id) && !holdsProducts(kb, p.section) && p.coverage >= top.coverage,
  );
  return counter ? [counter, ...out.filter((p) => p.section.id !== counter.section.id)] : null;
}

/** A department's entry or the aisles overview: sections about where products are. */
function holdsProducts(kb: KnowledgeBase, section: Passage['section']): boolean {
  return kb.data.departments.some((d) => d.id === section.id || kb.section(d.id)?.file === section.file);
}
