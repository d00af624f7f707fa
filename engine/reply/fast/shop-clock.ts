import { WEEKDAYS, type DayHours, type OpeningHours, type Weekday } from '../knowledge/knowledge-types.ts';

/** Injectable "now", so hours answers are testable at any date and time. */
export type Clock = () => Date;

export interface ShopTime {
  weekday: Weekday;
  /** YYYY-MM-DD in the shop's zone. */
  date: string;
  /** Minutes after local midnight. */
  minutes: number;
}

/** The wall-clock day and time in the shop's time zone (not the server's). */
export function shopTime(at: Date, timezone: string | null): ShopTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone ?? undefined,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return {
    weekday: get('weekday').toLowerCase() as Weekday,
    date: `${get('year')}-${get('month')}-${get('day')}`,
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

/** The shop day `offsetDays` after `base` (calendar arithmetic on the local date, DST-safe). */
export function addDays(base: ShopTime, offsetDays: number): ShopTime {
  const [y, m, d] = base.date.split('-').map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(y, m - 1, d + offsetDays));
  const date = utc.toISOString().slice(0, 10);
  return { weekday: WEEKDAYS[utc.getUTCDay()] as Weekday, date, minutes: 0 };
}

export interface DayPlan {
  hours: DayHours;
  /** Set when a holiday overrides the weekly hours. */
  holiday: string | null;
}

/** Hours that apply on a given shop day: a holiday entry wins over the weekly pattern. */
export function hoursOn(hours: OpeningHours, day: ShopTime): DayPlan {
  const h = hours.holidays.find((x) => x.date === day.date);
  return h ? { hours: h.hours, holiday: h.name } : { hours: hours.weekly[day.weekday], holiday: null };
}

/** "8 am", "9:30 pm", "midnight": how a person says a time. */
export function speakTime(minutes: number): string {
  if (minutes === 0 || minutes === 24 * 60) return 'midnight';
  if (minutes === 12 * 60) return 'noon';
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}${m ? `:${String(m).padStart(2, '0')}` : ''} ${h < 12 ? 'am' : 'pm'}`;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
