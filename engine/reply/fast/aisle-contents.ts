import type { KnowledgeSnapshot } from '../knowledge/knowledge-types.ts';

const ORDINALS =
  'first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth'.split(
    ' ',
  );
const NUMBERS =
  'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen'.split(' ');

// "What's in aisle 2", "what is down the first aisle", "aisle six": asking what an aisle holds.
const ASKS =
  /^(?:(?:what|whats|what is|what are|what do you have|what have you got|what do you keep|what do you sell|what is kept|what can i find|what will i find|whats kept) (?:in|on|down|along|up) )?(?:the )?(?:(?:aisle|isle) (\w+)|(\w+) (?:aisle|isle))$/;

/** The aisle's number, from "2", "two" or "second"; null for anything else. */
function aisleNumber(word: string): number | null {
  if (/^\d{1,2}$/.test(word)) return Number(word);
  const n = NUMBERS.indexOf(word) + 1 || ORDINALS.indexOf(word) + 1;
  return n || null;
}

/**
 * What an aisle holds, by the departments whose location is that aisle ("Aisle 2, beside the
 * entrance"), or null when the question does not ask it or no department is there.
 */
export function aisleContents(
  text: string,
  kb: KnowledgeSnapshot,
): { answer: string; sources: string[] } | null {
  const m = ASKS.exec(text);
  if (!m) return null;
  const n = aisleNumber((m[1] ?? m[2])!);
  if (n === null) return null;
  const at = new RegExp(`^aisle ${n}\\b`, 'i');
  const there = kb.departments.filter((d) => at.test(d.location.trim()));
  if (!there.length) return null;
  // Department names hold commas and "and" themselves ("Pasta, rice and tins"): a semicolon parts them.
  return { answer: `Aisle ${n}: ${there.map((d) => d.name).join('; ')}.`, sources: there.map((d) => d.id) };
}
