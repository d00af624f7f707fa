import type { SummaryOutline } from '../contracts/mqtt.ts';
import type { Sentence } from './sentences.ts';

/**
 * Rules over transcript sentences that pull out what staff must act on, so the extractive backend's
 * summary lists decisions and action items apart from the gist. TextRank alone ranks by centrality
 * and drops a one-off "Bob will update the price labels by Friday" — the very line staff need.
 */

// Someone (a name, "I", or two names) committing to do something.
const OWNER = String.raw`(?<who>I|[A-Z][a-z]+(?:\s(?:and|&)\s[A-Z][a-z]+)?)`;
const COMMIT = String.raw`(?:will|'ll|is going to|are going to|am going to|needs to|need to|has to|have to|must|should|agreed to|offered to|promised to|volunteered to|is to|takes care of|will take care of)`;
const ACTION = new RegExp(
  String.raw`^(?:(?:ok|okay|so|and|then|right),?\s+)?${OWNER}(?:\s+|(?='))${COMMIT}\s+(?<what>.+)$`,
);
const ACTION_LABEL = /^(?:action(?: item)?|todo|to do)\s*[:-]\s*(?<what>.+)$/i;
// When it is due: the last time phrase of the sentence.
const WHEN =
  /\s+(?<when>(?:by|before|until|no later than)\s+(?:the\s+)?(?:end of\s+(?:the\s+)?)?[\w\s:.'-]{1,30}?|(?:on|this|next)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|weekend|month)(?:\s+(?:morning|afternoon|evening|night))?|tomorrow(?:\s+(?:morning|afternoon|evening))?|today|tonight|(?:at|from)\s+\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)\s*$/i;
const DECISION =
  /\b(?:we|the team|everyone|all)\s+(?:have\s+|has\s+)?(?:agreed|decided|settled|chose|chosen|approved|confirmed|voted)\b|\b(?:decision|decided|agreed)\s*(?:is|was|:)|^(?:agreed|decided|decision)\b|\bit was (?:agreed|decided)\b|\bwe(?:'re| are) going with\b/i;

function clean(text: string): string {
  return text.replace(/[.!?\s]+$/, '').trim();
}

/** An action item from a sentence, or null when the sentence commits nobody to anything. */
export function actionFrom(sentence: string): SummaryOutline['actions'][number] | null {
  const s = clean(sentence);
  const label = ACTION_LABEL.exec(s);
  const m = label ? null : ACTION.exec(s);
  if (!label && !m) return null;
  let what = (label?.groups?.what ?? m!.groups!.what!).trim();
  let by: string | null = null;
  const w = WHEN.exec(what);
  if (w && w.index > 0) {
    by = w.groups!.when!.trim();
    what = what.slice(0, w.index).trim();
  }
  // "Bob will be in at nine" commits to nothing staff track: an action needs a verb phrase beyond "be".
  if (!what || /^be\b/i.test(what)) return null;
  const who = m?.groups?.who ?? null;
  return { who: who === 'I' ? null : who, what, by };
}

/** True for a sentence that records something the meeting settled. */
export function isDecision(sentence: string): boolean {
  return DECISION.test(sentence);
}

/**
 * Splits sentences into decisions, action items and the rest (the gist is ranked from the rest). A
 * sentence is one or the other, never both: "We agreed to extend Saturday hours" is a decision,
 * "Bob agreed to update the labels" is Bob's action.
 */
export function outlineSentences(sentences: Sentence[]): {
  decisions: string[];
  actions: SummaryOutline['actions'];
  rest: Sentence[];
} {
  const decisions: string[] = [];
  const actions: SummaryOutline['actions'] = [];
  const rest: Sentence[] = [];
  for (const s of sentences) {
    if (isDecision(s.text)) decisions.push(clean(s.text) + '.');
    else {
      const a = actionFrom(s.text);
      if (a) actions.push(a);
      else rest.push(s);
    }
  }
  return { decisions, actions, rest };
}
