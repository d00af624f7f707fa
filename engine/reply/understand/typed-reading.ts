import { UNLISTED_NOTE, fastAnswer } from '../fast/fast-path.ts';
import type { RetrievalPolicy } from '../grounded-answer.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import { fixTypos } from '../knowledge/typo-fix.ts';
import { questionParts } from './question-parts.ts';
import { interpretReading } from './reading-interpreter.ts';
import type { Interpretation } from './spoken-meaning.ts';

/** The longest typed question that is read again as its parts when the whole finds nothing. */
const MAX_PARTED_WORDS = 14;

/**
 * What a typed (or tapped) question asks, and how well that matched the knowledge. A question that
 * finds nothing as typed, or leaves words unexplained ("orange jucie" found only the oranges), is read
 * again without a finger's slips ("mlik", "toliets"), and the mended reading is kept when it matches
 * better; one that finds something in full keeps its words ("pork chops" is not "pork chips"). Two
 * questions in one that the whole does not answer are answered by the first part that finds
 * something, other than a mere "could you help" (which the welcome text would answer).
 */
export function readTyped(
  kb: KnowledgeBase,
  typed: string,
  now: Date,
  policy?: RetrievalPolicy,
): { text: string; reading: Interpretation } {
  let text = typed;
  let reading = interpretReading(kb, text, now, policy);
  const fixed = fixTypos(text, kb.data);
  if (fixed !== text && (!knows(reading) || reading.match < 1)) {
    const mended = interpretReading(kb, fixed, now, policy);
    if (!knows(reading) || (knows(mended) && mended.match > reading.match)) {
      text = fixed;
      reading = mended;
    }
  }
  // Only for a shopper-sized question: a long text with a topic word at its end is not two questions.
  if (knows(reading) || text.split(/\s+/).length > MAX_PARTED_WORDS) return { text, reading };
  for (const part of questionParts(text)) {
    const r = interpretReading(kb, part, now, policy);
    if (knows(r) && !asksOnlyForHelp(r, part, kb, now)) return { text: part, reading: r };
  }
  return { text, reading };
}

/** Whether an interpretation answers from the knowledge (not "I don't know", not an unlisted item). */
function knows(i: Interpretation): boolean {
  return !!i.target && !i.target.includes(UNLISTED_NOTE);
}

/** Whether a reading is only the greeting or the welcome text ("i wonder if you could help"). */
function asksOnlyForHelp(i: Interpretation, text: string, kb: KnowledgeBase, now: Date): boolean {
  const intent = fastAnswer(text, kb.data, now)?.intent;
  return i.target === 'kb:welcome' || intent === 'help' || intent === 'greeting';
}
