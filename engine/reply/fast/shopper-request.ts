/**
 * The shape of a shopper's "where is / have you got" question, in normalized text (normalizeQuestion):
 * which thing it asks about and whether it asks where it is (any place with a Location) or whether the
 * shop has it (a product: a department alias, or else something retrieval must cover in full).
 */

export interface ShopperRequest {
  kind: 'where' | 'have';
  /** The thing asked for, as said ("the bread rolls", "any sourdough bread"). */
  thing: string;
}

// Openings that carry no meaning: greetings, apologies, hesitations, "I was wondering if".
const PREAMBLE =
  /^(?:(?:hi|hello|hiya|hey|hi there|hello there|right|so|ok|okay|well|erm|er|um|uh|oh|yes|yeah|just|quick question|sorry to bother you|to bother you|sorry|i was wondering|i wonder|i was just wondering|wondering|i was hoping|i am hoping|i was just hoping|hoping|ive forgotten|i have forgotten|i forgot|i dont know|i do not know|i cant remember|i cannot remember|i can not remember|im not sure|i am not sure|not sure|is it true|i heard|i was told|someone said|i would be (?:most |very |really |so )?grateful|would you mind)(?: that| if| whether)? )+/;
const HESITATION = /\b(?:erm|er|um+|uh+|hmm+|ah)\b/g;
const TAIL = / (?:then|mate|love|dear|pet|thanks|thank you|for me|at all|by any chance|here|in here|in the store|in the shop)$/;

/** The question without greetings, hesitations, repeated words and polite tails: what is actually asked. */
export function plainRequest(text: string): string {
  let t = text.replace(HESITATION, ' ').replace(/\s+/g, ' ').trim();
  t = t.replace(/\b(\w+)( \1\b)+/g, '$1');
  const stripped = t.replace(PREAMBLE, '');
  if (stripped) t = stripped;
  for (let i = 0; i < 3 && TAIL.test(t) && t.split(' ').length > 3; i++) t = t.replace(TAIL, '');
  return t
    .replace(/\bid\b/g, 'i would')
    .replace(/\bim\b/g, 'i am')
    .replace(/\bu\b/g, 'you')
    .replace(/\bur\b/g, 'your')
    .replace(/\br\b/g, 'are')
    .replace(/^(?:(?:is|would) it be possible to|is it possible to|is it ok to|is it okay to|would i be able to|am i able to|may i|could i)\b/, 'can i')
    // "Can I come in at 9.30 on Friday", "what's the latest I can shop on a Sunday": the opening hours.
    .replace(/^(?:can|could|may) (?:i|we) (?:come in|come|shop|pop in|pop by|visit|get in|drop in|call in)(?= (?:at|on|tonight|today|tomorrow|this|before|after|early|late|now)\b)/, 'are you open')
    .replace(/^is it worth (?:coming|popping|going) (?:in|by|down|over)(?= (?:at|on|tonight|today|tomorrow|this|before|after|now)\b)/, 'are you open')
    .replace(/^(?:what is|whats) the (latest|earliest) (?:i|we|you) can (?:come in|come|shop|pop in|visit|get in|drop in|call in)\b/, (_m, w: string) => (w === 'latest' ? 'how late are you open' : 'how early are you open'))
    // "Could I have a quick chat with the pharmacist": speaking to a person, not a thing to have.
    .replace(/\bhave an? (?:quick |private |quiet |short |little )?(?:chat|word|talk) (?:with|to)\b/, 'speak to')
    // "Is there any chance of getting a cake made": a polite way of asking for it.
    .replace(/^(?:is there )?any chance (?:of|that i could|i could) (?:getting|get)\b/, 'can i get');
}

// Asking where a thing is: answered from any Location (a department or a place such as the toilets).
// Also as a clause ("…tell me where the fresh fruit is kept") and as a follow-up ("what about the milk").
const WHERE =
  /^(?:where(?:s| is| are)|where(?= (?:the|your|you keep the|they keep the) )|(?:and |so )?(?:what|how) about|whereabouts (?:is|are)|where (?:can|could|do|would|might|should|will) (?:i|we|you|one) (?:find|get(?! rid of)|buy|keep|see|look for|pick up)|where (?:i would|i can|i could|i might|i will) (?:find|get|buy)|where do you keep|which aisle(?: is| are| has| for| do you keep| sells| would)?|what aisle(?: is| are| has| for)?|any idea where(?: is| are| i can find| i would find| i can get)?|(?:i am |i was )?(?:looking|trying to find|searching) for|(?:i am |i was )?trying to find|(?:can|could) (?:you|someone|somebody|anyone) help me find|help me find|(?:(?:can|could|would) you |you could |you would )?(?:point|direct|show) me (?:to|towards|the way to|in the direction of|where)(?: is| are)?|how do i get to|(?:i )?(?:cant|cannot|can not) find|find)\s+(.+)$/;
// Asking whether the shop has a thing: a product question.
const HAVE =
  /^(?:do you (?:sell|have|stock|carry|do|keep|offer|happen to have|happen to sell|guys have|guys sell)(?: any)?|do you have any|would you (?:have|happen to have|sell)(?: any)?|i (?:want|would like|need) to (?:buy|get|find)|i wanna (?:buy|get|find)|have you (?:got|any)|(?:you )?got any|i am after|after some|i need|i want|i would like|(?:we|he|she|they|my \w+|our \w+) (?:want|wants|need|needs|would like)(?: to (?:buy|get|find))?|can i (?:buy|get|have)|could i (?:buy|get|have)|(?:can|could|would|will) you (?:get|call|book|fetch) me|(?:can|could|would|will) you give me(?= an? )|is there|are there|if you have|if you sell|if you stock|if you do|you have(?: any)?|you sell|you stock|you do)\s+(.+)$/;
// Words after the thing itself ("the tomatoes are", "the tins of beans in").
const TRAILING = / (?:is|are|kept|located|found|held|based|situated|in|at|please)$/;

/** The where/have shape of a question, or null when it asks something else. */
export function shopperRequest(text: string): ShopperRequest | null {
  const where = WHERE.exec(text);
  if (where) return { kind: 'where', thing: trimThing(where[1] as string) };
  const have = HAVE.exec(text);
  if (have) return { kind: 'have', thing: trimThing(have[1] as string) };
  return null;
}

// Words no product's bare name is made of: a question, a person, hours, politeness.
const NOT_A_NAME =
  /\b(?:what|whats|when|where|wheres|why|who|which|how|is|are|was|do|does|did|dont|can|cant|could|will|would|should|may|i|me|my|you|your|we|our|they|it|this|that|there|open|opens|opening|close|closes|closing|closed|shut|hours|time|today|tomorrow|tonight|help|please|thanks|thank|hello|hi|hey|yes|no|not|ok|okay)\b/;

/**
 * A question that is only the name of a thing ("burgers", "razors and shaving foam"): whether the shop
 * has it, as "have you got burgers" asks. Null for anything with a question or a person in it.
 */
export function bareThing(text: string): ShopperRequest | null {
  const words = text.split(' ').filter(Boolean);
  if (words.length === 0 || words.length > 4 || NOT_A_NAME.test(text)) return null;
  return { kind: 'have', thing: text };
}

function trimThing(thing: string): string {
  let t = thing.trim();
  for (let i = 0; i < 3 && TRAILING.test(t); i++) t = t.replace(TRAILING, '');
  return t;
}

// Words that end the name of the thing: what follows is about it, not part of it ("a refund for these
// shoes", "sliced ham from the counter", "somewhere private i can talk").
const THING_ENDS = /\b(?:made|done|repaired|mended|decorated|engraved|for|on|in|at|from|about|with|without|near|to|that|which|who|i|you|we|they|when|if|so|because|today|tonight|please|here|there|nearby|available|anywhere|somewhere)\b/;

/** The name part of an asked thing: the words before what follows about it ("ibuprofen" of "ibuprofen without a prescription"). */
export function thingName(thing: string): string | null {
  return thing.split(THING_ENDS)[0]!.trim() || null;
}

/**
 * The name of the product in a "have you got / do you sell" question, for checking that an answer
 * really is about it ("a phone charger" must not be answered by the phone number); null otherwise.
 */
export function requestedProduct(text: string): string | null {
  const r = shopperRequest(text);
  if (!r) return null;
  return thingName(r.thing);
}
