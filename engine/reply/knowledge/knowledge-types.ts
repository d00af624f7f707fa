/** One answerable piece of the shop's knowledge; `id` is what answers cite as their source. */
export interface KnowledgeSection {
  id: string;
  title: string;
  /** The answer text (without the Questions/Keywords/Location lines). */
  text: string;
  questions: string[];
  keywords: string[];
  location: string | null;
  /** The file it came from, for error messages and staff. */
  file: string;
}

export const WEEKDAYS = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** The week as a shop lists it and shoppers read it: Monday first. */
export const WEEK_FROM_MONDAY: readonly Weekday[] = [...WEEKDAYS.slice(1), WEEKDAYS[0]];

/** Opening span in minutes after local midnight; null = closed all day. */
export type DayHours = { open: number; close: number } | null;

export interface Holiday {
  date: string; // YYYY-MM-DD, local to the shop
  name: string;
  hours: DayHours;
}

export interface OpeningHours {
  sectionId: string;
  /** IANA zone the shop's clock runs in; null = the machine's local zone. */
  timezone: string | null;
  weekly: Record<Weekday, DayHours>;
  holidays: Holiday[];
}

export interface Department {
  /** Also the section id answers cite. */
  id: string;
  name: string;
  location: string;
  aliases: string[];
}

/** Everything loaded from the knowledge folder in one consistent snapshot. */
export interface KnowledgeSnapshot {
  /** The shop's name (front-matter `shop:`), shown in the kiosk's header; null when no file says. */
  shopName: string | null;
  sections: KnowledgeSection[];
  hours: OpeningHours | null;
  departments: Department[];
  loadedAt: string;
}
