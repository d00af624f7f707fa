import {
  UNLISTED_NOTE,
  fastAnswer,
  isGeneralWord,
  isHoursWord,
  namedSectionsByLength,
  normalizeQuestion,
  type FastAnswer,
} from '../fast/fast-path.ts';
import { findPlace } from '../fast/place-lookup.ts';
import { plainRequest, requestedProduct, thingName } from '../fast/shopper-request.ts';
import { queryGroups } from '../knowledge/query-terms.ts';
import { rewritePhrases } from '../knowledge/shopper-words.ts';
import {
  DEFAULT_RETRIEVAL_POLICY,
  confidentPassages,
  type RetrievalPolicy,
} from '../grounded-answer.ts';
import type { KnowledgeBase, Passage } from '../knowledge/knowledge-base.ts';
import type { KnowledgeSnapshot } from '../knowledge/knowledge-types.ts';
import { cleanQuestion } from '../question-text.ts';
import type { Interpretation } from './spoken-meaning.ts';
import { aisleEntryLimits } from './aisle-entries.ts';
import { onlyDescribes } from './thing-head.ts';
import { askedForTheShop, withoutShopKind } from './the-shop-itself.ts';

/**
 * Retrieved passages that pass the gate, with a section the question names outright ranked first
 * ("do I have to pay for parking" is about parking even though "pay" scores payment higher). A named
 * section loses that place when the question's other topic words are not in it ("do you repair mobile
 * phones" names the phone number but asks about repairs). A product question ("have you got a phone
 * charger") is answered only by a section that has the whole product, else not at all.
 */
export function answerPassages(kb: KnowledgeBase, question: string, policy?: RetrievalPolicy): Passage[] {
  const text = askedForTheShop(question, kb.data) ?? withoutShopKind(question, kb.data);
  const raw = kb.search(text, 5);
  // Only for a shopper-sized question: a long text that mentions a topic in passing keeps the plain gate.
  const short = text.split(/\s+/).length <= 14;
  const minCoverage = (policy ?? DEFAULT_RETRIEVAL_POLICY).minCoverage;
  const nameLength = new Map((short ? namedSectionsByLength(text, kb.data) : []).map((o) => [o.id, o.len]));
  const candidates = [...nameLength.keys()]
    .map((id) => raw.find((p) => p.section.id === id))
    .filter((p): p is Passage => !!p);
  const storeWide = new Set(['welcome', kb.data.hours?.sectionId]);
  const settled = candidates
    .filter((p) => !asksAnotherTopic(p, kb))
    // A section holding more of the question than the named one ("how many disabled spaces": the
    // parking text has both words, accessibility only "disabled") keeps its place.
    .filter(
      (p) =>
        !raw.some(
          (q) =>
            !storeWide.has(q.section.id) &&
            q.coverage > p.coverage &&
            p.missing.some((w) => !isGeneralWord(w) && !q.missing.includes(w)),
        ),
    )
    // Among named sections the one holding more of the question first, then the longer name
    // ("collection point" over "points"), then the better score.
    .sort(
      (a, b) =>
        b.coverage - a.coverage ||
        (nameLength.get(b.section.id) ?? 0) - (nameLength.get(a.section.id) ?? 0) ||
        b.score - a.score,
    );
  // Two named topics that each lack the other's word ("pay for parking"): the longest name leads.
  const named = settled.length || candidates.length < 2 ? settled : candidates;
  const namedIds = new Set(named.map((p) => p.section.id));
  // A named section is on topic by definition: its coverage counts as enough to pass the gate.
  const ranked = [
    ...named.map((p) => ({ ...p, coverage: Math.max(p.coverage, minCoverage) })),
    ...raw.filter((p) => !namedIds.has(p.section.id)),
  ];
  const found = confidentPassages(ranked, policy);
  const settledOut = settleGeneral(kb, text, raw, (found.length ? found : confidentPassages(raw, policy)).slice(0, 3));
  const passed = settledOut.filter((p) => !onlyGeneralMatch(p, text));
  const titled = passed.length || !short ? null : titledTopic(kb, text);
  const out = titled ? [titled] : passed;
  const request = plainRequest(rewritePhrases(normalizeQuestion(text)));
  if (asksUnknownService(kb, request)) return [];
  const limited = aisleEntryLimits(kb, request, out, raw);
  if (limited) return limited;
  const product = requestedProduct(request);
  if (!product || queryGroups(product).length === 0) return out;
  // "Is there a time limit on the car park": what follows the thing names a section, and no section
  // holds the thing's words at all, so the thing is a property of that section, not a product. A way
  // to a place ("a lift to the car park") is a thing of its own.
  const rest = request.slice(request.indexOf(product) + product.length);
  if (/^(is|are) there /.test(request) && !/^ (?:to|into|up to|down to)\b/.test(rest) && out[0] && nameLength.has(out[0].section.id)) {
    const restNames = new Set(namedSectionsByLength(rest, kb.data).map((o) => o.id));
    const known = queryGroups(product).some((g) => !isGeneralWord(g[0]!) && kb.search(g[0]!, 1).length > 0);
    if (restNames.has(out[0].section.id) && !known) return out.slice(0, 1);
  }
  // "Is there a charge for a blood pressure check": a cost or a limit of the thing that follows, which
  // is what the question is about (not the prescription charges).
  if (/^(is|are) there /.test(request) && PROPERTY.test(product)) {
    const of = namedSectionsByLength(rest, kb.data)[0];
    const p = of && raw.find((x) => x.section.id === of.id);
    if (p) return [{ ...p, coverage: Math.max(p.coverage, minCoverage) }];
  }
  // All of a one- or two-word product; a longer one may leave a word out ("baby changing facilities").
  const words = queryGroups(product).length;
  const holding = kb
    .search(product, 8)
    .filter((p) => p.coverage >= (words >= 3 ? (words - 1) / words : 1) - 1e-9 && !onlyDescribes(kb, p.section, product, request));
  const whole = new Set(holding.map((p) => p.section.id));
  const kept = out.filter((p) => whole.has(p.section.id));
  // The thing asked for is the question's topic: a section that has all of it answers even when the
  // rest of the question ("on something I bought online") matched nothing.
  return kept.length ? kept : confidentPassages(holding, policy).slice(0, 1);
}

// What a question may ask of a thing rather than for a thing ("is there a charge for…").
const PROPERTY = /^(?:an? |any )?(?:charge|cost|fee|price|limit|time limit|age limit|minimum|minimum spend|maximum|wait|waiting time|queue|deposit)$/;

/**
 * "Can you check my cholesterol": a service done to a thing the shop's knowledge never mentions is not
 * one the shop offers, whichever section the verb alone finds ("check" names the blood pressure check).
 */
function asksUnknownService(kb: KnowledgeBase, request: string): boolean {
  const object = /^(?:can|could|will|would|do) you \w+ (?:my|the|a|an|our|his|her|their|me a|me an) (.+)$/.exec(request)?.[1];
  if (!object) return false;
  const groups = queryGroups(thingName(object) ?? object).filter((g) => !isGeneralWord(g[0]!));
  // The thing's head word is what the service is ("a blood test" is a test, which the blood pressure
  // check is not): the shop does not offer it when that word is nowhere in its knowledge.
  const absent = (g: string[]) => kb.search(g[0]!, 1).length === 0;
  return groups.length > 0 && (groups.every(absent) || absent(groups.at(-1)!));
}

/**
 * "How many aisles are there": a word most sections hold ("aisle" is in every department's location)
 * weighs next to nothing in BM25, so no passage passes the gate; when every topic word of the
 * question is in the title of one section and no other ("Departments and aisles"), that section is
 * what the question is about.
 */
function titledTopic(kb: KnowledgeBase, text: string): Passage | null {
  const groups = queryGroups(text);
  if (groups.length === 0) return null;
  const titles = kb.data.sections.filter((s) => {
    const words = new Set(s.title.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).map(singular));
    return groups.every((g) => g.some((w) => words.has(singular(w))));
  });
  if (titles.length !== 1) return null;
  return { section: titles[0]!, score: 0, coverage: 1, missing: [] };
}

/**
 * A passage that holds only the question's general words ("time", "new") while a specific one is
 * missing ("what's the time in new york"): it shares the wording, not the topic.
 */
function onlyGeneralMatch(p: Passage, text: string): boolean {
  if (p.missing.length === 0 || p.missing.every((w) => isGeneralWord(w) || isHoursWord(w))) return false;
  const held = queryGroups(text).map((g) => g[0]!).filter((w) => !p.missing.includes(w));
  return held.length > 0 && held.every((w) => isGeneralWord(w) || isHoursWord(w));
}

/**
 * Store-wide sections yield to a specific one the question names: the opening hours (or the welcome
 * text, which lists every topic) do not answer "what time does the bakery open" when another section
 * has "bakery", and the aisles overview does not
 * answer "is the gluten free pasta on aisle six" when a department lists the product.
 */
function settleGeneral(kb: KnowledgeBase, text: string, raw: Passage[], out: Passage[]): Passage[] {
  const top = out[0];
  if (!top) return out;
  const asksHours = queryGroups(text).some((g) => /^(open|opening|close|closing|closed|shut|hours|late)$/.test(g[0]!));
  if (top.section.id === kb.data.hours?.sectionId || (top.section.id === 'welcome' && asksHours)) {
    const specific = queryGroups(text).map((g) => g[0]!).filter((w) => !isHoursWord(w) && !isGeneralWord(w));
    // A service with its own hours (a counter, the pharmacy) rather than the welcome text or an aisle.
    const storeWide = new Set(['welcome', kb.data.hours?.sectionId]);
    const holders = raw.filter((p) => !storeWide.has(p.section.id) && specific.some((w) => !p.missing.includes(w)));
    const other = holders.find((p) => !kb.data.departments.some((d) => d.id === p.section.id)) ?? holders[0];
    return other ? [other, ...out.filter((p) => p.section.id !== other.section.id)] : out;
  }
  const isDepartment = kb.data.departments.some((d) => d.id === top.section.id);
  const overview = kb.data.departments.length > 0 && !isDepartment &&
    kb.data.departments.some((d) => kb.section(d.id)?.file === top.section.file);
  const place = overview || isDepartment ? findPlace(normalizeQuestion(text), kb.data) : null;
  // Between aisles, the one that lists the product the question names and nothing more ("milk" is
  // dairy's, though the baby aisle's "baby milk" scores higher on the word).
  if (isDepartment) {
    const named = place?.isDepartment && !place.unlisted && place.extra.length === 0 ? out.find((p) => p.section.id === place.sectionId) : undefined;
    return named && named !== top ? [named, ...out.filter((p) => p !== named)] : out;
  }
  const department = place?.isDepartment && !place.unlisted ? kb.section(place.sectionId) : undefined;
  if (!department) return out;
  return [{ section: department, score: top.score, coverage: 1, missing: [] }, ...out.filter((p) => p !== top)];
}

/**
 * Whether a topic word the section lacks is another section's title or keyword word: then the question
 * is about that other topic too ("repair" in "do you repair mobile phones" is key cutting's, not the
 * phone number's), and naming this section does not settle it.
 */
function asksAnotherTopic(p: Passage, kb: KnowledgeBase): boolean {
  if (p.missing.length === 0) return false;
  const owners = topicWordOwners(kb.data);
  // A product a department lists is what the question is about, not another topic ("my milk was off,
  // can I get a refund" is a returns question): only services, policies and facilities are topics.
  const products = new Set(kb.data.departments.map((d) => d.id));
  return p.missing.some((w) => {
    const by = owners.get(singular(w));
    // The welcome text's title ("Welcome and help") names no topic: "can the pharmacist help" asks the pharmacist.
    return !!by && [...by].some((id) => id !== p.section.id && id !== 'welcome' && !products.has(id)) && !isGeneralWord(w);
  });
}

const OWNERS = new WeakMap<KnowledgeSnapshot, Map<string, Set<string>>>();

/** Which sections have each title or keyword word, once per loaded snapshot. */
function topicWordOwners(data: KnowledgeSnapshot): Map<string, Set<string>> {
  let owners = OWNERS.get(data);
  if (owners) return owners;
  owners = new Map();
  for (const s of data.sections) {
    for (const k of [s.title, ...s.keywords]) {
      for (const w of k.toLowerCase().split(/[^a-z0-9]+/)) {
        if (!w) continue;
        const key = singular(w);
        if (!owners.has(key)) owners.set(key, new Set());
        owners.get(key)!.add(s.id);
      }
    }
  }
  OWNERS.set(data, owners);
  return owners;
}

function singular(w: string): string {
  return w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}

/** How well a fast answer matches a reading that also says words it does not account for. */
const UNEXPLAINED_MATCH = 0.6;

/**
 * How a reading would be answered, as a key equal for equal answers, and how well it matched the
 * knowledge (fast-path intents fully, an unlisted item half; retrieval by topic-word coverage and score).
 */
export function interpretReading(
  kb: KnowledgeBase,
  text: string,
  now: Date,
  policy?: RetrievalPolicy,
): Interpretation {
  let clean: string;
  try {
    clean = cleanQuestion(text);
  } catch {
    return { target: null, match: 0 };
  }
  const fast = fastAnswer(clean, kb.data, now);
  if (fast) {
    const match = fast.answer.includes(UNLISTED_NOTE) ? 0.5 : fast.unexplained?.length ? UNEXPLAINED_MATCH : 1;
    return { target: fastTarget(fast), match };
  }
  const best = answerPassages(kb, clean, policy)[0];
  if (!best) return { target: null, match: 0 };
  const strength = Math.min(1, best.score / (policy ?? DEFAULT_RETRIEVAL_POLICY).strongScore);
  // Only general words ("is there a close on the"): whatever section they find, the reading says little.
  const vague = !queryGroups(clean).some((g) => !isGeneralWord(g[0]!) && !isHoursWord(g[0]!));
  return {
    // Keyed by section: readings that find the same section mean the same thing, whichever sentence each picks.
    target: `kb:${best.section.id}`,
    match: Math.min(1, best.coverage) * (0.5 + 0.5 * strength) * (vague ? UNEXPLAINED_MATCH : 1),
  };
}

/** A fast answer's meaning: where a listed thing is (by its section), or else the answer itself. */
function fastTarget(fast: FastAnswer): string {
  return fast.intent === 'where' && fast.sources[0] ? `where:${fast.sources[0]}` : `fast:${fast.answer}`;
}

/** The section a meaning is about ("where:dairy" and "kb:dairy" both "dairy"), or the meaning itself. */
export function meaningSection(target: string): string {
  return /^(where|kb):/.test(target) ? target.slice(target.indexOf(':') + 1) : target;
}
