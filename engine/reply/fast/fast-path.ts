import type { KnowledgeSnapshot } from '../knowledge/knowledge-types.ts';
import { answerHours, answerTime } from './hours-answer.ts';
import { aisleContents } from './aisle-contents.ts';
import { findPlace } from './place-lookup.ts';
import {
  bareThing,
  plainRequest,
  shopperRequest,
  thingName,
  type ShopperRequest,
} from './shopper-request.ts';
import { GENERAL_WORDS as GENERAL, isGeneralWord, queryTerms } from '../knowledge/query-terms.ts';
import { petFirst } from '../knowledge/shopper-words.ts';

export { isGeneralWord };

/** Staff voice commands the pipeline acts on (meeting recording); the reply only acknowledges them. */
export type StaffAction = 'meeting-start' | 'meeting-stop' | 'meeting-summarize' | 'staff-call';

export type FastIntent = 'greeting' | 'help' | 'time' | 'date' | 'hours' | 'where' | 'staff';

export interface FastAnswer {
  intent: FastIntent;
  answer: string;
  sources: string[];
  action?: StaffAction;
  /**
   * Topic words of the question this answer does not account for ("refund" in "i want a refund for the
   * soup"): a spoken reading like that is probably misheard, so it counts as a weaker match.
   */
  unexplained?: string[];
  /**
   * The answer only points to the listed kind beside the asked thing ("vinegar" → the sauces): a
   * passage of the shop's own that names the thing answers better, so this one is the last resort.
   */
  beside?: true;
}

const MAX_FAST_WORDS = 14;
const PERSON =
  '(?:someone|somebody|anyone|anybody|a person|the person|a human|a real person|a human being|staff|a member of staff|a staff member|an assistant|a shop assistant|a colleague|the manager|a manager|a member of the team|a member of your team|a team member|someone from the team)' +
  // "someone who works here" ("here" itself is a polite tail that plainRequest drops).
  '(?: who works(?: here| in the (?:shop|store))?| from the (?:shop|store)| in charge| to (?:help|assist)(?: me| us)?)?';
/** A shopper asking for a person rather than an answer: the kiosk raises a staff call. */
const SPEAK_TO_SOMEONE = new RegExp(
  `^(?:(?:can|could|may) i (?:speak|talk|have a word|have a chat) (?:to|with) ${PERSON}|i(?: would|d)? (?:like|want|need) to (?:speak|talk) (?:to|with) ${PERSON}|` +
    `(?:(?:can|could|would|will) you )?(?:call|get|fetch|find) (?:me )?${PERSON}|` +
    `(?:i (?:need|want|would like)|(?:can|could) i (?:get|have)) (?:some )?help from ${PERSON}|` +
    `(?:can|could|would) (?:you|${PERSON}) (?:give|lend) me a hand|i (?:need|want) ${PERSON}|(?:i (?:need|want|would like)|(?:can|could) i (?:get|have)) (?:some )?assistance|(?:is there|can) ${PERSON} (?:here )?(?:to help me|who can help(?: me)?|help me)|` +
    // Help only a person can give: with the shopping, carrying, reaching a shelf.
    `(?:can|could) ${PERSON} (?:come and )?help me(?: (?:shop|with (?:my |the )?shopping|carry \\w+(?: \\w+)?|pack|reach \\w+(?: \\w+){0,2}|(?:out )?to (?:my|the) (?:car|taxi|bus|bus stop|door|exit)))?|` +
    `i (?:cant|cannot|can not) (?:reach|lift|carry|get down) .+|(?:speak|talk) to ${PERSON}|` +
    `(?:is there|have you got|do you have) ${PERSON} (?:i|we) (?:can|could|might) (?:ask|talk to|speak to|speak with)|` +
    // "Is there anyone around who could help me", "is there a member of staff free".
    `(?:is there|are there) ${PERSON} (?:around|about|free|available|nearby)(?: (?:who|that) (?:can|could|might) help(?: me| us)?| to help(?: me| us)?)?|` +
    `(?:is there|are there) ${PERSON} (?:who|that) (?:could|might) help(?: me| us)?|` +
    `(?:(?:can|could|would|will) you )?send ${PERSON}(?: over| round| here| to help(?: me| us)?)?|` +
    `i (?:cant|cannot|can not|couldnt|could not) find ${PERSON}(?: to (?:help|ask|assist))?(?: me| us)?)$`,
);

// Past participles that make "get X made" a request for a service done to X.
const SERVICE_DONE =
  / (?:made|done|cut|fixed|repaired|mended|printed|baked|decorated|iced|engraved|framed|altered|cleaned|checked|tested)(?: (?:for|by|on|in|before|while|today|tomorrow)\b.*)?$/;

// Something has happened in the shop that staff must see to: a spill, a breakage, a fall.
const INCIDENT =
  /\b(?:(?:i (?:have |ve )?|ive )(?:just )?(?:spilt|spilled|knocked over|smashed)|there is (?:a |some )?(?:spill|spillage|mess|broken glass|leak)\b|(?:someone|somebody|a man|a woman|a lady|a child|my \w+) (?:has |just )?(?:fallen|fell|collapsed|fainted|passed out)|(?:call|get) (?:an |the )?ambulance)/;

/** Ends an answer about something the shop does not list: what is known, and a person who can check. */
export const UNLISTED_NOTE = 'A member of staff can check whether we have it.';
const GREETING =
  /^(hi|hello|hey|hiya|howdy|good (morning|afternoon|evening)|greetings)( there| kiosk| everyone)?$/;
const HELP =
  /^(help|help me|what can you do|what can i ask( you)?|how does this work|how do i use this|what do you do)$/;
const TIME = /^(what(s| is)? the time|what time is it( now)?|the time|tell me the time|time)$/;
const DATE = /^(what(s| is)? (the date|the day|todays date)( today)?|what day is (it|today)|what is today)$/;

/**
 * Answers the questions a kiosk hears most, in well under 50 ms and without any model: greetings,
 * help, time and date, the store's hours (from the structured hours, with an injectable clock), where
 * things are, and staff meeting commands. Returns null when the question needs retrieval.
 */
export function fastAnswer(question: string, kb: KnowledgeSnapshot, now: Date): FastAnswer | null {
  const said = normalizeQuestion(question);
  // Intents are short questions; a long text that merely contains "where is" or "closed" is not one.
  if (!said || said.split(' ').length > MAX_FAST_WORDS + 4) return null;
  const text = plainRequest(said);
  const clauses = clausesOf(question);
  const last = lastClause(clauses);
  // Asking for a person, in the whole or in its last clause, however long what comes before.
  const asksPerson = !!text && (SPEAK_TO_SOMEONE.test(text) || SPEAK_TO_SOMEONE.test(last));
  if (!text || (text.split(' ').length > MAX_FAST_WORDS && !asksPerson)) return null;
  const staff = staffCommand(text);
  if (staff) return staff;
  if (asksPerson || INCIDENT.test(text)) {
    // The pipeline raises the call and replaces this with "A colleague has been notified…".
    return {
      intent: 'staff',
      action: 'staff-call',
      answer: "I'll call a member of staff for you.",
      sources: [],
    };
  }
  const welcome = kb.sections.find((s) => s.id === 'welcome');
  if (GREETING.test(text)) {
    return {
      intent: 'greeting',
      answer: `Hello! ${welcome ? firstSentences(welcome.text, 2) : 'How can I help?'}`,
      sources: welcome ? ['welcome'] : [],
    };
  }
  if (HELP.test(text) && welcome) return { intent: 'help', answer: welcome.text, sources: ['welcome'] };
  const aisle = aisleContents(text, kb);
  if (aisle) return { intent: 'where', ...aisle };
  const tz = kb.hours?.timezone ?? null;
  if (TIME.test(text)) return { intent: 'time', answer: answerTime(now, tz, false), sources: [] };
  if (DATE.test(text)) return { intent: 'date', answer: answerTime(now, tz, true), sources: [] };
  if (kb.hours && !namesOtherSection(text, kb)) {
    const hours = answerHours(text, kb.hours, now);
    if (hours) {
      const unexplained = queryTerms(text).filter((w) => !HOURS_TALK.test(w) && !isGeneralWord(w));
      return {
        intent: 'hours',
        answer: hours,
        sources: [kb.hours.sectionId],
        ...(unexplained.length ? { unexplained } : {}),
      };
    }
  }
  // "Young man, where do you keep the biscuits": the request may be the last clause alone.
  const request = withAntecedent(shopperRequest(text) ?? shopperRequest(last) ?? bareThing(text), clauses);
  // "Is there somewhere I can change a nappy": an indefinite thing is what the rest says (a baby
  // changing room, not nappies), which retrieval reads with the shopper phrases.
  // A thing to have something done to ("a cake made", "my shoes repaired") asks for a service, not
  // the product: retrieval finds the counter that does it.
  const indefinite =
    !!request &&
    (/^(somewhere|anywhere|a place|anything|something)\b/.test(request.thing) ||
      (request.kind === 'have' && SERVICE_DONE.test(request.thing)));
  // The thing's own name comes before "for / with / without…" ("ibuprofen without a prescription"):
  // what follows is about it, so it is looked up first and the whole only when it names nothing.
  // A whole that is not listed as asked ("a coffee to take away") stays unlisted.
  const head = request && !indefinite ? thingName(request.thing) : null;
  const named = head && head !== request?.thing ? findPlace(head, kb) : null;
  const whole = request && !indefinite ? findPlace(request.thing, kb) : null;
  // "Sliced turkey at the deli": the shopper names the counter they mean, which answers, not the aisle
  // the thing alone would be found in.
  const at =
    head && request ? /^(?:at|from) (?:the|your) (.+)$/.exec(request.thing.slice(head.length).trim()) : null;
  const counter = at ? findPlace(at[1]!, kb) : null;
  const place =
    counter && !counter.isDepartment && !counter.unlisted
      ? counter
      : named && !(whole?.unlisted && !named.unlisted)
        ? named
        : whole;
  // "Have you got…" is a product question: a department answers it; a service or facility is answered
  // by retrieval, which picks the sentence that says the asked thing (not just where it is).
  if (request && place && (request.kind === 'where' || place.isDepartment || place === counter)) {
    if (place.unlisted) {
      const near = place.isDepartment ? ` ${place.name} is in ${place.location}.` : '';
      return {
        intent: 'where',
        answer: `I can't find ${place.unlisted} in our list.${near} ${UNLISTED_NOTE}`,
        sources: [],
      };
    }
    const answer = place.beside
      ? `We don't list ${place.asked} by name; the nearest we list is ${place.beside}, in ${place.name}: ${place.location}. ${UNLISTED_NOTE}`
      : place.isDepartment
        ? `You'll find ${place.asked.toLowerCase() === place.name.toLowerCase() ? `the ${place.name.toLowerCase()}` : place.asked} in ${place.name}: ${place.location}.`
        : `${place.name}: ${place.location}.`;
    return {
      intent: 'where',
      answer,
      sources: [place.sectionId],
      ...(place.extra.length ? { unexplained: place.extra } : {}),
      ...(place.beside ? { beside: true as const } : {}),
    };
  }
  return null;
}

/**
 * The last clause of a question of several ("I'm no good with these machines, is there a person I
 * could ask"): what the shopper asks for, after what they say about themselves. "" for one clause.
 */
function lastClause(clauses: string[]): string {
  return clauses.length > 1 ? plainRequest(normalizeQuestion(clauses.at(-1)!)) : '';
}

const clausesOf = (question: string) =>
  question
    .split(/[,;:.!?]+| but | so /)
    .map((c) => c.trim())
    .filter(Boolean);

/**
 * "The kids want crisps, where are they": a pronoun asked for stands for what the clauses before it
 * name, which the place lookup then reads as it would "where are the crisps".
 */
function withAntecedent(request: ShopperRequest | null, clauses: string[]): ShopperRequest | null {
  if (!request || !/^(?:it|they|them|those|these|one|ones)$/.test(request.thing)) return request;
  const before = clauses.slice(0, -1).join(' ');
  return before ? { ...request, thing: plainRequest(normalizeQuestion(before)) } : request;
}

// Words an opening-hours question is made of (besides weekdays and holiday names).
const HOURS_TALK =
  /^(open|opens|opening|close|closes|closing|closed|shut|hours|time|times|late|later|early|tonight|tomorrow|today|morning|afternoon|evening|night|weekend|weekdays?|days?|week|holidays?|bank|christmas|eve|new|year|years|boxing|usual|normal|stay|till|until|sunday|monday|tuesday|wednesday|thursday|friday|saturday|sundays|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|shop|store|still|yet)$/;

/** A word an opening-hours question is made of ("open", "sunday", "late"). */
export function isHoursWord(w: string): boolean {
  return HOURS_TALK.test(w);
}

/**
 * Whether the question names a section other than the store's hours ("what time does the deli close",
 * "how many hours can I park"): then the store's hours are not the answer, whatever words it shares.
 */
function namesOtherSection(text: string, kb: KnowledgeSnapshot): boolean {
  return namedSections(text, kb).length > 0;
}

/**
 * The non-department sections (other than the hours) whose title or a keyword the question names,
 * as whole words ("parking" names "park"): a named topic is what the shopper asks about.
 */
export function namedSections(text: string, kb: KnowledgeSnapshot): string[] {
  return namedSectionsByLength(text, kb).map((o) => o.id);
}

/** namedSections with the length of the longest phrase each was named by. */
export function namedSectionsByLength(text: string, kb: KnowledgeSnapshot): { id: string; len: number }[] {
  const t = ` ${normalizeQuestion(text)} `;
  const out: { id: string; len: number }[] = [];
  for (const s of kb.sections) {
    if (s.id === kb.hours?.sectionId || s.id === 'welcome' || kb.departments.some((d) => d.id === s.id))
      continue;
    let len = 0;
    for (const k of [s.title, ...s.keywords]) {
      const n = k
        .toLowerCase()
        .replace(/[^a-z0-9 ]+/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      if (n.length < 3 || GENERAL.has(n)) continue;
      // Singular or plural either way: "complaint" names a section whose keyword is "complaints".
      const stem = n.length > 4 && n.endsWith('s') && !n.endsWith('ss') ? n.slice(0, -1) : n;
      const m = new RegExp(` ${stem}(s|es|ing)? `).exec(t);
      if (m) len = Math.max(len, m[0].length);
    }
    if (len) out.push({ id: s.id, len });
  }
  // The longest named phrase first: "pay for parking" is about parking more than paying.
  return out.sort((a, b) => b.len - a.len);
}

/** A staff meeting command in normalized text (normalizeQuestion), or null; also used on dictated meeting speech. */
export function staffCommand(text: string): FastAnswer | null {
  if (!/\bmeeting\b/.test(text) || text.split(' ').length > 8) return null;
  if (/^(please )?(start|begin|record|open)\b/.test(text)) {
    return {
      intent: 'staff',
      action: 'meeting-start',
      answer: 'Starting a meeting recording. Staff login is required.',
      sources: [],
    };
  }
  if (/^(please )?(stop|end|finish|close)\b/.test(text)) {
    return {
      intent: 'staff',
      action: 'meeting-stop',
      answer: 'Stopping the meeting recording.',
      sources: [],
    };
  }
  if (/^(please )?summari[sz]e\b/.test(text)) {
    return {
      intent: 'staff',
      action: 'meeting-summarize',
      answer: 'Queuing a summary of the meeting; it will appear when it is ready.',
      sources: [],
    };
  }
  return null;
}

/** Lower-case, straight quotes, no trailing punctuation or filler: the form the intent patterns expect. */
export function normalizeQuestion(q: string): string {
  const said = q
    .toLowerCase()
    .replace(/[‘’`']/g, '')
    .replace(/[^\p{L}\p{N} -]+/gu, ' ')
    .replace(
      /\b(please|excuse me|sorry|um+|uh+|(?:can|could|would|will) you (?:possibly |please |just |kindly )?tell me|would you be so kind as to tell me|do you (?:happen to )?know)\b/g,
      ' ',
    )
    // "Open till ten" is until; the till (checkout) is a thing, not a time.
    .replace(/\b(open|opened|stay|staying|close|closed|shut|late|from \w+) till\b/g, '$1 until')
    .replace(
      /\btill (?=\d|one\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b|eleven\b|twelve\b|late\b|midnight\b|noon\b|when\b|what time\b)/g,
      'until ',
    )
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(and|so|ok|okay|well) /, '');
  return petFirst(said);
}

function firstSentences(text: string, n: number): string {
  const parts = text.match(/[^.!?]+[.!?]+/g) ?? [text];
  return parts.slice(0, n).join('').trim();
}
