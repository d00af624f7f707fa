import { normalizeQuestion } from '../fast/fast-path.ts';
import { plainRequest, shopperRequest } from '../fast/shopper-request.ts';

/**
 * The questions a shopper's one question is made of, for when the whole finds nothing: its clauses
 * ("i wonder if you could help, my little one is teething"; "what time do you close and is the parking
 * free"), and a request for two things asked as two requests ("do you have wifi and toilets" → "do you
 * have wifi", "do you have toilets"). Empty when there is only the one question.
 */
export function questionParts(text: string): string[] {
  const out: string[] = [];
  const clauses = text
    .split(/[,;:!?]+|\s+(?:and|but|also|plus)\s+(?=(?:is|are|do|does|did|can|could|will|would|what|whats|where|wheres|when|how|which|have|has)\b)/i)
    .map((c) => c.trim())
    .filter(Boolean);
  if (clauses.length > 1) out.push(...clauses);
  for (const clause of clauses) {
    const said = plainRequest(normalizeQuestion(clause));
    const request = shopperRequest(said);
    if (!request) continue;
    const things = request.thing.split(/\s+(?:and|or|as well as|plus)\s+/).filter(Boolean);
    if (things.length < 2) continue;
    const frame = said.slice(0, said.lastIndexOf(request.thing));
    out.push(...things.map((t) => `${frame}${t}`));
  }
  return out.filter((q) => q !== text);
}
