import { GROCERY_KINDS } from './product-kinds-grocery.ts';
import { HEALTH_KINDS } from './product-kinds-health.ts';
import { HOUSEHOLD_KINDS } from './product-kinds-household.ts';

/**
 * Kinds of product a shop stocks under a general name: spaghetti is pasta, lemonade a soft drink,
 * cheddar cheese, Nurofen ibuprofen. A shop's files list the general names ("pasta", "soft drinks");
 * a shopper asks for the kind. Each kind names the general names it is sold under, most specific
 * first; the first of them the shop lists is where the kind is looked for, and only when the shop
 * does not list the kind itself. A department's own name counts as a general name ("dairy" for kefir,
 * "beauty" of "Health and beauty" for hair spray), so a broad one may close a list. Shop-independent
 * English, like the everyday names in shopper-words.ts; a kind that is not obviously one of its general
 * names (nail varnish, cotton wool, antihistamines) is left out on purpose, so that the kiosk says it
 * does not list it rather than guessing an aisle, and so is a brand that is also an everyday word
 * ("Bakers" dog food, "Sure" deodorant) and a kind whose general name may be another aisle in another
 * shop (thyme fresh or dried, tuna fresh or tinned, an ice pack for a bruise or for a cool box).
 *
 * The lists are by domain: food and drink (product-kinds-grocery.ts), household, cleaning and pets
 * (product-kinds-household.ts), and medicines, first aid, vitamins, toiletries, beauty and baby
 * (product-kinds-health.ts). Kinds are written as normalize (place-words.ts) reads them: lower-case
 * words, a possessive as its own "s" ("kellogg s" for Kellogg's, beside "kelloggs"), and a plural in
 * -ies or -ves beside its singular, since only a final -s or -es is folded.
 */
const KINDS: readonly [general: string, kinds: string][] = [
  ...GROCERY_KINDS,
  ...HOUSEHOLD_KINDS,
  ...HEALTH_KINDS,
];

/** Each kind (as written in the lists, lower-case) and the general names it is sold under, most specific first. */
export function productKinds(): ReadonlyMap<string, readonly string[]> {
  return KIND_OF;
}

const KIND_OF = new Map<string, string[]>();
for (const [general, kinds] of KINDS) {
  const names = general.split('|');
  for (const k of kinds.split('|')) {
    // The first line a kind appears on decides (a kind listed under two lines keeps the first).
    if (k && !KIND_OF.has(k)) KIND_OF.set(k, names);
  }
}
