import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import { capitalize } from '../fast/shop-clock.ts';
import { fastAnswer, normalizeQuestion } from '../fast/fast-path.ts';
import { findPlace } from '../fast/place-lookup.ts';
import { plainRequest, shopperRequest } from '../fast/shopper-request.ts';
import type { RetrievalPolicy } from '../grounded-answer.ts';
import { WEEK_FROM_MONDAY } from '../knowledge/knowledge-types.ts';
import { queryTerms } from '../knowledge/query-terms.ts';
import { interpretReading, meaningSection } from './reading-interpreter.ts';

/**
 * The clean question to offer on a "Did you mean …?" button for one meaning, instead of the
 * recognizer's misheard words ("Plants the wifi network call?"): the section's own example question,
 * "Where can I find bananas?" for a product, "Are you open on Sunday?" for the hours. Every phrasing is
 * checked by answering it the way a tap does, and only one that gives that same meaning is offered;
 * null when none does (the misheard words themselves are not worth a button).
 */
export function canonicalQuestion(
  kb: KnowledgeBase,
  reading: string,
  target: string,
  now: Date,
  policy?: RetrievalPolicy,
): string | null {
  for (const q of phrasings(kb, reading, target)) {
    const t = interpretReading(kb, q, now, policy).target;
    if (t && (t === target || meaningSection(t) === meaningSection(target))) return q;
  }
  return null;
}

function phrasings(kb: KnowledgeBase, reading: string, target: string): string[] {
  const data = kb.data;
  if (target.startsWith('kb:') || target.startsWith('where:')) {
    const id = meaningSection(target);
    const section = kb.section(id);
    const out: string[] = [];
    const request = shopperRequest(plainRequest(normalizeQuestion(reading)));
    const place = request ? findPlace(request.thing, data) : null;
    if (place && place.sectionId === id) out.push(`Where can I find ${place.asked.toLowerCase()}?`);
    const department = data.departments.find((d) => d.id === id);
    if (department) {
      // A department's own generated question reads oddly ("Where is the health and beauty?").
      const said = ` ${normalizeQuestion(reading)} `;
      const alias = department.aliases.find((a) => said.includes(` ${a.toLowerCase()} `));
      out.push(`Where can I find ${(alias ?? department.aliases[0] ?? department.name).toLowerCase()}?`);
      out.push(`Where is the ${department.name.toLowerCase()} aisle?`);
    } else if (section) {
      // The example question closest to what was heard first ("can i bring my dog" → "Are dogs allowed?").
      const heard = new Set(queryTerms(reading).map(stem));
      const overlap = (q: string) => queryTerms(q).filter((w) => heard.has(stem(w))).length;
      out.push(...[...section.questions].sort((a, b) => overlap(b) - overlap(a)));
      if (section.location) out.push(`Where is the ${section.title.toLowerCase()}?`);
    }
    return out;
  }
  const fast = fastAnswer(reading, data, new Date(0));
  switch (fast?.intent) {
    case 'greeting':
      return ['Hello'];
    case 'help':
      return ['What can you do?'];
    case 'time':
      return ['What time is it?'];
    case 'date':
      return ["What's the date today?"];
    case 'staff':
      return ['Can I speak to a member of staff?'];
    default:
      break;
  }
  if (data.hours) {
    return [
      'Are you open now?',
      'Are you open tomorrow?',
      'What are your opening hours this week?',
      ...WEEK_FROM_MONDAY.map((d) => `What time do you close on ${capitalize(d)}?`),
      ...data.hours.holidays.map((h) => `Are you open on ${h.name}?`),
      ...unlisted(reading, kb),
    ];
  }
  return unlisted(reading, kb);
}

/** "Do you sell oat milk?" for an item the shop does not list (answered with what is known and staff). */
function unlisted(reading: string, kb: KnowledgeBase): string[] {
  const request = shopperRequest(plainRequest(normalizeQuestion(reading)));
  const place = request ? findPlace(request.thing, kb.data) : null;
  return place?.unlisted ? [`Do you sell ${place.unlisted}?`] : [];
}

function stem(w: string): string {
  return w.replace(/(ing|es|s|ed)$/, '').slice(0, 6);
}
