import type { OpeningHours, Weekday } from '../knowledge/knowledge-types.ts';
import { WEEKDAYS, WEEK_FROM_MONDAY } from '../knowledge/knowledge-types.ts';
import { addDays, capitalize, hoursOn, shopTime, speakTime, type ShopTime } from './shop-clock.ts';

/** Services with their own hours: a question about them is not about the store's hours. */
const OTHER_HOURS = /\b(pharmacy|pharmacist|chemist|deli|counter|collect|collection|tasting|class|bakery)\b/;
const HOURS_WORDS = /\b(open|opens|opening|close|closes|closing|closed|hours|shut)\b/;
// How an hours question is asked; "is there a close on the" (a misheard reading) has the word but no asking.
const HOURS_ASKED =
  /\b(when|what time|what times|how late|how early|until|till|are you|you open|you close|you shut|do you|will you|is the (store|shop)|is it|opening|closing|hours|open (on|today|tomorrow|tonight|now|late|early|at)|closed (on|today|tomorrow))\b|^(open|closed)\b/;

const ASKS_OPENING =
  /\b(what time|when|how early) (do|does|will|would) (you|it|the (shop|store|pharmacy)) (open|opens|start)\b|\b(opening time|how early are you open)\b/;

/** Answers "are you open…/when do you close…" from the structured hours, or null when it is not that question. */
export function answerHours(text: string, hours: OpeningHours, now: Date): string | null {
  if (!HOURS_WORDS.test(text) || !HOURS_ASKED.test(text) || OTHER_HOURS.test(text)) return null;
  const today = shopTime(now, hours.timezone);
  const holiday = hours.holidays.find(
    (h) => text.includes(h.name.toLowerCase().replace(/'/g, '')) || text.includes(h.name.toLowerCase()),
  );
  if (holiday) {
    const day: ShopTime = {
      weekday: WEEKDAYS[new Date(`${holiday.date}T12:00:00Z`).getUTCDay()] as Weekday,
      date: holiday.date,
      minutes: 0,
    };
    return describeDay(hours, day, `On ${holiday.name}`);
  }
  const named = WEEKDAYS.find((d) => new RegExp(`\\b${d}s?\\b`).test(text));
  if (/\btomorrow\b/.test(text)) return describeDay(hours, addDays(today, 1), 'Tomorrow');
  // The shopper named today: say the day's hours under its name, so the answer says the asked thing.
  if (named === today.weekday && !/\b(now|right now|at the moment|currently|still)\b/.test(text)) {
    return describeDay(hours, today, `Today (${capitalize(named)})`);
  }
  if (named && named !== today.weekday) {
    const ahead = (WEEKDAYS.indexOf(named) - WEEKDAYS.indexOf(today.weekday) + 7) % 7;
    return describeDay(hours, addDays(today, ahead), `On ${capitalize(named)}`);
  }
  if (/\b(bank holidays?|holidays|holiday hours|public holidays?)\b/.test(text) && hours.holidays.length) return holidayList(hours);
  if (/\b(week|weekly|every day|each day|usual|normal|weekend|weekdays?)\b/.test(text)) return weekly(hours);
  // "What time do you open (in the morning)": the opening time, not only whether it is open now.
  const plan = hoursOn(hours, today);
  if (ASKS_OPENING.test(text) && plan.hours && today.minutes < plan.hours.close) return describeDay(hours, today, 'Today');
  return describeNow(hours, today);
}

function describeDay(hours: OpeningHours, day: ShopTime, label: string): string {
  const plan = hoursOn(hours, day);
  const why = plan.holiday && !label.includes(plan.holiday) ? ` (${plan.holiday})` : '';
  if (!plan.hours) return `${label}${why} we are closed.`;
  return `${label}${why} we are open from ${speakTime(plan.hours.open)} to ${speakTime(plan.hours.close)}.`;
}

function describeNow(hours: OpeningHours, now: ShopTime): string {
  const plan = hoursOn(hours, now);
  const why = plan.holiday ? ` for ${plan.holiday}` : '';
  if (plan.hours && now.minutes >= plan.hours.open && now.minutes < plan.hours.close) {
    return `Yes, we are open now, until ${speakTime(plan.hours.close)} today${why}.`;
  }
  if (plan.hours && now.minutes < plan.hours.open) {
    return `We are closed right now; today${why} we open at ${speakTime(plan.hours.open)} and close at ${speakTime(plan.hours.close)}.`;
  }
  for (let i = 1; i <= 7; i++) {
    const day = addDays(now, i);
    const next = hoursOn(hours, day);
    if (next.hours) {
      const when = i === 1 ? 'tomorrow' : `on ${capitalize(day.weekday)}`;
      const closedToday = plan.hours ? `We are closed now for today` : `We are closed today${why}`;
      return `${closedToday}; we open again ${when} at ${speakTime(next.hours.open)}.`;
    }
  }
  return 'We are closed for the coming week.';
}

/** "Holiday hours: Christmas Eve 8 am to 4 pm, Christmas Day closed, …" from the structured holidays. */
function holidayList(hours: OpeningHours): string {
  const parts = hours.holidays.map(
    (h) => `${h.name} ${h.hours ? `${speakTime(h.hours.open)} to ${speakTime(h.hours.close)}` : 'closed'}`,
  );
  return `Holiday hours: ${parts.join(', ')}.`;
}

function weekly(hours: OpeningHours): string {
  const parts = WEEK_FROM_MONDAY.map((d) => {
    const h = hours.weekly[d];
    return `${capitalize(d)} ${h ? `${speakTime(h.open)} to ${speakTime(h.close)}` : 'closed'}`;
  });
  return `Our opening hours: ${parts.join(', ')}.`;
}

/** "It's 3:42 pm on Monday 23 November", in the shop's zone. */
export function answerTime(now: Date, timezone: string | null, wantsDate: boolean): string {
  const t = shopTime(now, timezone);
  const day = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone ?? undefined,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(now);
  return wantsDate ? `Today is ${day}.` : `It's ${speakTime(t.minutes)} on ${day}.`;
}
