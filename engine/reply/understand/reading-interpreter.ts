import { UNLISTED_NOTE, fastAnswer, namedSections } from '../fast/fast-path.ts';
import {
  DEFAULT_RETRIEVAL_POLICY,
  confidentPassages,
  templatedAnswer,
  type RetrievalPolicy,
} from '../grounded-answer.ts';
import type { KnowledgeBase, Passage } from '../knowledge/knowledge-base.ts';
import { cleanQuestion } from '../question-text.ts';
import type { Interpretation } from './spoken-meaning.ts';

/**
 * Retrieved passages that pass the gate, with a section the question names outright ranked first
 * ("do I have to pay for parking" is about parking even though "pay" scores payment higher).
 */
export function answerPassages(kb: KnowledgeBase, text: string, policy?: RetrievalPolicy): Passage[] {
  const raw = kb.search(text, 5);
  // Only for a shopper-sized question: a long text that mentions a topic in passing keeps the plain gate.
  const short = text.split(/\s+/).length <= 14;
  const named = new Set(short ? namedSections(text, kb.data) : []);
  // A named section is on topic by definition: its coverage counts as enough to pass the gate.
  const minCoverage = (policy ?? DEFAULT_RETRIEVAL_POLICY).minCoverage;
  const ranked = [
    ...[...named]
      .map((id) => raw.find((p) => p.section.id === id))
      .filter((p): p is Passage => !!p)
      .map((p) => ({ ...p, coverage: Math.max(p.coverage, minCoverage) })),
    ...raw.filter((p) => !named.has(p.section.id)),
  ];
  const found = confidentPassages(ranked, policy);
  return (found.length ? found : confidentPassages(raw, policy)).slice(0, 3);
}

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
  if (fast) return { target: `fast:${fast.answer}`, match: fast.answer.includes(UNLISTED_NOTE) ? 0.5 : 1 };
  const best = answerPassages(kb, clean, policy)[0];
  if (!best) return { target: null, match: 0 };
  const strength = Math.min(1, best.score / (policy ?? DEFAULT_RETRIEVAL_POLICY).strongScore);
  return {
    target: `kb:${templatedAnswer(best, clean)}`,
    match: Math.min(1, best.coverage) * (0.5 + 0.5 * strength),
  };
}
