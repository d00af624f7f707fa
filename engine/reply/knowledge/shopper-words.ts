import { SYMPTOM_PHRASES } from './symptom-words.ts';

/**
 * Everyday words shoppers use for things a knowledge file names differently ("the gents" for the
 * toilets, "ring you" for the phone, "tablets" for medicine). Shop-independent on purpose: a new shop's
 * files list their own keywords, and these only bridge the common English variants so a question that
 * uses none of the file's words still finds its section. Applied to the question only, never the index.
 */

/** Multi-word ways of saying one topic, rewritten to words a knowledge file uses. */
const PHRASES: readonly [RegExp, string][] = [
  [/\b(get|getting|be|keep) in (touch|contact)\b/g, 'contact'],
  [/\bring (you|up|the shop|the store)\b/g, 'phone'],
  // Losing a thing is lost property; a lost receipt is a returns question.
  [/\b(lost|left|dropped|forgot|forgotten|misplaced|mislaid) (my|a|an|the|our|his|her) (?!receipt|proof|ticket)/g, 'lost property $2 '],
  // The British euphemism for the toilet.
  [/\bspend a penny\b/g, 'toilet'],
  // A thing bought that stopped working is faulty (a returns question); "my card doesn't work" is not
  // about a thing bought, so only "it / this / they…" (the item spoken of) is read so.
  [/\b(it|this|that|they|these|those|this one|that one|bought) (doesnt|does not|dont|do not|didnt|did not|wont|will not|isnt|stopped|has stopped|never) work(s|ed|ing)?\b/g, '$1 faulty'],
  [/\bkeep (an|a close) eye on\b/g, 'monitor'],
  [/\b(cant|cannot|can not|unable to) get out( much| of the house| anymore| any more)?\b/g, 'housebound'],
  // Bringing something round to a shopper is a delivery ("could someone bring my medicines round").
  [/\b(bring|drop|send|take) (my |the |our |his |her |their )?(\w+ )?(round|over|around)( to (me|my house|my home|my flat))?\b/g, 'deliver $3'],
  // "A private word with the chemist" is speaking to them, not a product called "a word".
  [/\b(have |had )?an? (private |quick |quiet )?word with\b/g, 'to speak $2to'],
  // A quiet room or corner to talk in is a private one (a consultation room, a quiet hour is not this).
  [/\bquiet (room|place|area|corner|spot|space)\b/g, 'private $1'],
  // Asking the shop to bring or send a thing is asking for a delivery ("can you bring her medicine").
  [/\b(can|could|would|will) (you|someone|somebody|anyone) (bring|send)\b/g, '$1 $2 deliver'],
  [/\bpick(ing|ed)? (it |them |this |that )?up\b/g, 'collect'],
  // Old or empty containers and batteries are for recycling, not for buying.
  [/\b(old|used|empty|dead|flat) (batteries|battery|bottles|bottle|cans|jars|glass|plastic|plastics)\b/g, 'recycle $2'],
  [/\b(comes?|came|coming|fresh) out of the oven\b/g, 'baked'],
  [/\bchange (a|my|the|his|her|our|their) (babys |baby s |childs |kids |little ones )?(nappy|nappies|baby|diaper|diapers)\b/g, 'baby changing'],
  // "My little one is teething": a shopper's baby.
  [/\blittle ones?\b/g, 'baby'],
  [/\b(get|go|going|getting) online\b/g, 'internet'],
  [/\b(american express|amex|visa|mastercard|maestro)\b/g, 'credit card'],
  [/\b(take|bring|send) (it|this|that|them|something|these|those|things?) back\b/g, 'return'],
  [/\b(bring|take|send)(ing)? back\b/g, 'return'],
  // Swapping a present is exchanging an item, not buying a gift card.
  [/\b(swap|exchange|return|change) (a|an|the|this|my|our) (present|gift)\b/g, '$1 item'],
  [/\bmoney back\b/g, 'refund'],
  [/\bwhat(s| is) (on|happening|going on)\b/g, 'events'],
  [/\bbottle banks?\b/g, 'recycling glass'],
  [/\bcash back\b/g, 'cashback'],
  [/\bself service (tills?|checkouts?)\b/g, 'self-checkout'],
  [/\b(can ?t|cannot|can not|unable to) leave (the|their|my|his|her) (house|home)\b/g, 'housebound'],
  [/\bsore throat\b/g, 'throat'],
  // Finding someone else's thing is lost property too ("I found a purse, who do I hand it to").
  [/\b(i|we) (have |ve )?(found|picked up) (a|an|the|this|these|someones|somebodys) /g, 'lost property $4 '],
  // The shop itself, not a place inside it: its address.
  [/\bwhere (are you|is (the|this|your) (shop|store))( located| based| situated)?( exactly)?$/g, 'address'],
  [/\b(copy|copies|spare|duplicate|new) (of )?(a |my |the |our )?((house|door|front door|back door|car|shed|flat) )?keys?\b/g, 'key cutting'],
  // Paying with a phone or watch is contactless, not the shop's phone number.
  [/\bpay(ing)? (with|by|on|using) (my|your|a|the) (phone|mobile|smartphone|watch|smartwatch)\b/g, 'pay contactless'],
  [/\b(blocked|stuffy|stuffed up|bunged up|runny) nose\b/g, 'decongestant cold'],
  // How bad a cough or cold is does not change where its remedies are.
  [/\b(chesty|tickly|dry|hacking|barking|persistent|nasty|bad|terrible|awful|slight|mild|heavy|streaming) (cough|cold)\b/g, '$2'],
  // The wrong size or colour, or changing it, is an exchange.
  [/\bwrong (size|colour|color|one|item|thing|model)\b/g, 'exchange'],
  [/\b(change|swap) (it|this|that|them|these|those)\b/g, 'exchange'],
  [/\b(your |the |a )?(website|web site|web address|web page|webpage)\b/g, 'contact online'],
  // The shopper's own phone is a device, not the shop's phone number ("can i top up my phone").
  [/\b(my|our|his|her) (phone|mobile|mobile phone|smartphone)\b/g, 'mobile device'],
  // Being charged wrongly is a complaint about a payment, not the car chargers.
  [/\b(charged|billed) (me )?(twice|double|two times|too much|wrongly|the wrong (price|amount))\b|\bovercharged\b/g, 'complaint'],
  // Points a shopper has are loyalty points (not the collection point).
  [/\b(my|our|your|reward|rewards|loyalty) points\b/g, 'loyalty points'],
  [/\b(get|getting) rid of\b|\bthrow (away|out)\b|\bdispose of\b/g, 'dispose'],
  // A thing someone handed in is lost property ("has anyone handed in my keys"); handing in a
  // prescription oneself is not.
  [/\b(someone|somebody|anyone|anybody) (has |have )?hand(ed)? in\b|\b(been|was|were|got) handed in\b/g, 'lost property'],
  // How the shop is laid out is the aisles overview.
  [/\b(laid out|lay ?out|floor plan|map of the (store|shop))\b/g, 'aisles departments'],
  // Asking what the kiosk is or what it can be asked is asking for its help text.
  [/^what (are|is) (you|this)( thing| machine| screen| kiosk)?$|\bwhat (can|could|should|do) i ask( you)?( about)?\b/g, 'help what can you do'],
  // Food that went off is a problem with a thing bought: a returns question, not its aisle.
  [/\b(was|is|has gone|had gone|went|gone|were|are|have gone|smells|tastes) (off|bad|mouldy|moldy|rotten|stale|sour)\b|\bout of date\b|\bpast its (use by|sell by|best before)( date)?\b/g, 'faulty'],
  // Fixing or mending a thing is a repair service ("fix the heel on my shoe").
  [/\b(fix|fixing|fixed|mend|mending|mended)\b/g, 'repair'],
  // A space to park, by who may use it, is parking ("a disabled space").
  [/\b(disabled|blue badge|parent and child|accessible|electric car|ev) (space|spaces|spot|spots|bay|bays)\b/g, '$1 parking bay'],
  // Banknotes are cash ("will you take a fifty pound note").
  [/\b((\w+ )?pounds?|quid|bank|£?\d+) notes?\b/g, 'cash payment'],
  // Dry cleaning is a service, not the cleaning products ("is there a dry cleaners nearby").
  [/\bdry clean(ing|ers?)?\b/g, 'drycleaning'],
  // Running out of one's medicine is a repeat prescription.
  [/\b(run|ran|running) out of (my|his|her|our|their) (medicine|medicines|medication|tablets|pills|inhaler|inhalers|meds|prescription)\b/g, 'repeat prescription $3'],
];

/**
 * Everyday names of one product ("loo roll" for toilet paper, "spuds" for potatoes, "sunscreen" for sun
 * cream): each variant is read as the first name of its group, on both sides of a product lookup, so
 * whichever of them a shop's aliases use, the shopper's word finds it.
 */
const PRODUCT_NAMES: readonly string[][] = [
  ['toilet paper', 'toilet roll', 'toilet rolls', 'loo roll', 'loo rolls', 'bog roll', 'toilet tissue'],
  ['potatoes', 'spuds', 'potato'],
  ['sun cream', 'sunscreen', 'suncream', 'sun screen', 'sunblock', 'sun block', 'sun lotion'],
  ['painkillers', 'pain killers', 'pain killer', 'painkiller'],
  ['mouthwash', 'mouth wash'],
  ['throat lozenges', 'cough sweets', 'cough drops', 'throat sweets', 'lozenges'],
  ['toothbrushes', 'tooth brushes', 'tooth brush'],
  ['nappies', 'nappy', 'diapers', 'diaper'],
  // A tin of something: the tinned-food aisle, whatever is in the tin.
  ['tins', 'tinned', 'canned', 'tin'],
  ['fizzy drinks', 'soft drinks', 'pop'],
  ['washing up liquid', 'dish soap', 'dishwashing liquid'],
  ['bin bags', 'bin liners', 'rubbish bags', 'trash bags', 'garbage bags'],
  ['kitchen roll', 'kitchen rolls', 'kitchen towel', 'kitchen towels', 'paper towel', 'paper towels', 'kitchen paper'],
  ['bread', 'loaf', 'loaves', 'loaf of bread', 'loaves of bread'],
  ['cereal', 'cornflakes', 'corn flakes', 'muesli', 'granola', 'bran flakes', 'breakfast cereal'],
  // Foil is not a tin, though "tin foil" starts like "tinned".
  ['foil', 'tin foil', 'tinfoil', 'kitchen foil', 'aluminium foil', 'aluminum foil'],
  ['detergent', 'washing powder', 'laundry detergent', 'laundry powder', 'laundry liquid', 'washing liquid', 'washing tablets', 'laundry tablets'],
  ['plasters', 'band aids', 'band aid', 'bandaids', 'bandaid', 'sticking plasters'],
  ['cola', 'coke', 'cokes'],
];

// Longer variants first, so "tin foil" is read as foil before "tin" is read as a tin.
const PRODUCT_VARIANTS: readonly [RegExp, string][] = PRODUCT_NAMES.flatMap((g) => g.slice(1).map((v) => [v, g[0]!] as const))
  .sort((a, b) => b[0].length - a[0].length)
  .map(([v, to]): [RegExp, string] => [new RegExp(`\\b${v}\\b`, 'g'), to]);

/** Product names in lower-case words, each everyday variant replaced by its group's first name. */
export function productNames(words: string): string {
  let out = words;
  for (const [re, to] of PRODUCT_VARIANTS) out = out.replace(re, to);
  return out;
}

/** Words that mean the same in a shopper's question; each group is searched as one topic word. */
const GROUPS: readonly string[][] = [
  ['toilet', 'toilets', 'loo', 'loos', 'restroom', 'restrooms', 'bathroom', 'washroom', 'lavatory', 'wc', 'gents', 'ladies'],
  // "A disabled loo" is the accessible toilet.
  ['accessible', 'disabled'],
  ['phone', 'telephone', 'ring', 'call'],
  ['close', 'closes', 'closing', 'shut', 'shuts'],
  ['refund', 'refunds', 'return', 'returns'],
  ['exchange', 'swap'],
  ['jab', 'jabs', 'vaccination', 'vaccinations', 'vaccine', 'vaccines', 'injection', 'injections', 'shot', 'shots'],
  ['medicine', 'medicines', 'medication', 'tablets', 'pills', 'inhaler', 'inhalers'],
  ['unused', 'unwanted'],
  ['dispose', 'disposal', 'recycle', 'recycling'],
  ['chemist', 'pharmacy', 'pharmacist'],
  ['nappy', 'nappies', 'diaper', 'diapers'],
  ['wireless', 'wifi', 'internet'],
  ['kids', 'children', 'child', 'kid'],
  ['discounts', 'deals', 'offers', 'promotions'],
  ['faulty', 'broken', 'broke', 'damaged'],
  ['tills', 'till', 'checkout', 'checkouts'],
  ['cost', 'costs', 'charge', 'charges', 'fee'],
  ['deliver', 'delivery', 'delivers', 'delivered', 'delivering', 'deliveries'],
  ['borrow', 'lend', 'loan', 'borrowed'],
  ['skin', 'skincare'],
  ['pain', 'hurts', 'hurt', 'hurting', 'ache', 'aches', 'aching', 'painful'],
  ['illness', 'illnesses', 'ill', 'sick', 'unwell', 'poorly'],
];

const GROUP_OF = new Map<string, string[]>();
for (const g of GROUPS) for (const w of g) GROUP_OF.set(w, g);

// What a thing is for comes first in its name: "biscuits for dogs" are dog biscuits, "food for my cat" cat food.
const FOR_PETS: readonly [RegExp, string][] = [
  [/\b(?:something |anything |stuff )?for (?:my |the |our |a )?(dog|cat)s? (?:dinner|tea|breakfast|lunch|food|meal|meals|supper)\b/g, '$1 food'],
  [/\b(?!something\b|anything\b|stuff\b)([a-z]+) for (?:my |the |a |our |your )?(dog|cat)s?\b/g, '$2 $1'],
  [/\b([a-z]+) for (?:my |the |a |our |your )?(?:puppy|puppies)\b/g, 'dog $1'],
  [/\b([a-z]+) for (?:my |the |a |our |your )?(?:kitten|kittens)\b/g, 'cat $1'],
];

/** Lower-case words with a thing for a pet named the way a shop lists it ("dog biscuits"). */
export function petFirst(words: string): string {
  let out = words;
  for (const [re, to] of FOR_PETS) out = out.replace(re, to);
  return out;
}

/** The question with multi-word shopper phrases rewritten (lower-case input expected). */
export function rewritePhrases(text: string): string {
  let out = text;
  for (const [re, to] of PHRASES) out = out.replace(re, to);
  for (const [re, to] of SYMPTOM_PHRASES) out = out.replace(re, to);
  return out;
}

/** A topic word and the words that mean the same (the word itself first). */
export function sameAs(word: string): string[] {
  const g = GROUP_OF.get(word);
  return g ? [word, ...g.filter((w) => w !== word)] : [word];
}

// How much of a thing and what it costs ("a pint of milk", "a dozen eggs", "the price of"): real words
// that no knowledge file needs to hold, so that the typo mender leaves them alone ("pint" is not "point").
const MEASURE_WORDS =
  'pint pints litre litres liter liters kilo kilos gram grams ounce ounces dozen half pack packs packet packets ' +
  'bottle bottles jar jars carton cartons tub tubs slice slices bunch bunches punnet punnets bar bars box boxes ' +
  'bag bags size sizes big bigger small smaller large price prices priced cheap cheaper cheapest expensive';

/** Every word of the shopper phrases' results, product names and word groups: words a question may use. */
export function shopperVocabulary(): string[] {
  const out = new Set<string>();
  for (const w of [...PRODUCT_NAMES.flat(), ...GROUPS.flat(), ...PHRASES.map(([, to]) => to), ...SYMPTOM_PHRASES.map(([, to]) => to), MEASURE_WORDS].join(' ').split(/[^a-z]+/))
    if (w) out.add(w);
  return [...out];
}
