import type { KnowledgeSnapshot } from './knowledge-types.ts';
import { WEEKDAYS } from './knowledge-types.ts';

/**
 * The sentences a shopper may say to this shop's kiosk, generated from whatever knowledge base is
 * loaded: templates × slots (every department name and product alias, location nouns, section titles
 * and keywords, weekdays and holidays) plus the example questions and the answer sentences. The speech
 * recognizer builds its language model from these, so a second shop in the documented format gets its
 * own vocabulary without code changes (after Home Assistant's speech-to-phrase, which generates the
 * recognizer's sentences from the entities it knows instead of hoping a generic model hears them).
 */
export function speechCorpus(kb: KnowledgeSnapshot): string[] {
  const out: string[] = [];
  const things = new Set<string>();
  const topics = new Set<string>();
  for (const d of kb.departments) {
    things.add(d.name.toLowerCase());
    for (const a of d.aliases) things.add(a.toLowerCase());
  }
  for (const s of kb.sections) {
    const isDepartment = kb.departments.some((d) => d.id === s.id);
    if (isDepartment) continue;
    topics.add(s.title.toLowerCase());
    for (const k of s.keywords) topics.add(k.toLowerCase());
    if (s.location) things.add(s.title.toLowerCase());
    for (const q of s.questions) out.push(q, q);
    for (const sentence of s.text.split(/(?<=[.!?])\s+/)) out.push(sentence);
  }
  for (const t of things) for (const tpl of WHERE_TEMPLATES) out.push(tpl.replace('X', t));
  for (const t of topics) for (const tpl of TOPIC_TEMPLATES) out.push(tpl.replace('X', t));
  // Services with their own hours ("what time does the deli close") — any titled section may have them.
  for (const s of kb.sections) {
    if (kb.departments.some((d) => d.id === s.id) || s.id === kb.hours?.sectionId) continue;
    const name = s.title.toLowerCase();
    out.push(`what time does the ${name} open`, `what time does the ${name} close`, `is the ${name} open`);
  }
  if (kb.hours) {
    const days = [...WEEKDAYS, 'today', 'tomorrow', 'tonight', 'the weekend', 'bank holidays'];
    for (const h of kb.hours.holidays) days.push(h.name.toLowerCase().replace(/'/g, ''));
    for (const d of days) {
      const on = /^(today|tomorrow|tonight)$/.test(d) ? d : `on ${d}`;
      for (const tpl of HOURS_TEMPLATES) out.push(tpl.replace('ON', on));
    }
    out.push(...HOURS_PLAIN);
  }
  out.push(...SMALL_TALK, ...SHOPPER_TALK);
  return out;
}

// How people ask where something is or whether the shop has it; X is a product, department or place.
const WHERE_TEMPLATES = [
  'where is the X',
  'where are the X',
  'where is X',
  'where can i find X',
  'where can i find the X',
  'where would i find X',
  'where do you keep the X',
  'where can i get X',
  'where can i buy X',
  'which aisle is the X in',
  'which aisle has X',
  'which aisle has the X',
  'do you sell X',
  'do you have X',
  'do you have any X',
  'i am looking for X',
  'im looking for X',
  'i need X',
  'i need some X',
  'is there X',
  // Everyday British and American openings ("what's", "have you got", "here").
  "where's the X",
  'what aisle is X in',
  'have you got X',
  'have you got any X',
  'do you have X here',
  "i'm after some X",
  'X',
];

// Questions about a service, policy or facility; X is a section title or keyword.
const TOPIC_TEMPLATES = [
  'X',
  'do you have X',
  'do you have a X',
  'is there a X',
  'where is the X',
  'can i X',
  'can i get X',
  'how does the X work',
  'tell me about the X',
  'what about X',
  'i want to know about X',
  "what's the X",
  'do you do X',
  'can i use the X',
  'how long is the X',
  'how many X are there',
  'can you help me with X',
];

const HOURS_TEMPLATES = [
  'are you open ON',
  'what time do you open ON',
  'what time do you close ON',
  'how late are you open ON',
  'when do you open ON',
  'when do you close ON',
  'what are your opening hours ON',
  'what are your hours ON',
  'what time do you shut ON',
];

const HOURS_PLAIN = [
  'what are your opening hours',
  'what are your hours',
  'when are you open',
  'when do you close',
  'what time do you close',
  'what time do you open',
  'are you open now',
  'when do you shut',
  'are you still open',
  'is the shop still open',
];

// Any shop's shoppers say these, whatever it lists: returns of "these", "something for" a complaint,
// how long a thing takes, what they may use.
const SHOPPER_TALK = [
  'can i return these',
  'i want to return these',
  'how much are these',
  'can i still return it',
  'have you got something for',
  'i need something for',
  'what can i use for',
  'what can i take for',
  'have you got anything for',
  'how long does it take',
  'how long will it take',
  'how many do you have',
  'can i use this here',
  "what's the time",
  "what's the best way to",
  'can i speak to someone',
  'can i speak to a manager',
  'can i talk to a member of staff',
];

const SMALL_TALK = [
  'hello',
  'hi',
  'thank you',
  'thanks',
  'help',
  'what can you do',
  'what can i ask you',
  'yes',
  'no',
  'yes please',
  'no thanks',
  'the first one',
  'the second one',
  'the third one',
  'the last one',
  'neither',
  'none of them',
];
