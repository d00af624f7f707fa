/** The kinds of request that are too heavy for the kiosk's small model whatever their length. */
export type HeavyTask = 'summarize' | 'translate' | 'long-document';

export interface RequestProfile {
  task: HeavyTask | null;
  /** How many tokens a good answer would need, by the shape of the request. */
  expectedTokens: number;
}

/** A question this long is a pasted document, not something a shopper says. */
const LONG_DOCUMENT_CHARS = 1500;
const SHORT_ANSWER_TOKENS = 60;
const LONG_ANSWER_TOKENS = 400;

const SUMMARIZE = /\b(summari[sz]e|summary|sum (it |this |that )?up|tl ?;? ?dr|recap)\b/i;
const TRANSLATE =
  /\b(translate|translation|how do (you|i) say|in (french|spanish|german|italian|polish|portuguese|arabic|chinese|japanese|urdu|hindi|romanian|turkish|ukrainian))\b/i;
const DOCUMENT =
  /\b(this|the following|attached|below) (document|article|letter|text|contract|report|email|transcript)\b/i;
const LONG_ANSWER =
  /\b(in detail|detailed|step[- ]by[- ]step|essay|explain (everything|all|how|why)|write (me )?(a|an)\b|list (all|every)|everything about|compare|recipe|full guide|story|poem|plan (a|my))\b/i;

/** Classifies a question for the router: heavy task kind and expected answer length. */
export function profileRequest(question: string): RequestProfile {
  const task: HeavyTask | null = SUMMARIZE.test(question)
    ? 'summarize'
    : TRANSLATE.test(question)
      ? 'translate'
      : question.length > LONG_DOCUMENT_CHARS || DOCUMENT.test(question)
        ? 'long-document'
        : null;
  return { task, expectedTokens: LONG_ANSWER.test(question) ? LONG_ANSWER_TOKENS : SHORT_ANSWER_TOKENS };
}
