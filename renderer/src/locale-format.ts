/**
 * Dates and times as the shop's locale writes them (config device.locale: 25/12/2026, 14:05 in
 * en-GB), not as the browser's default locale does; an unknown tag falls back to the browser's.
 */
export function formatDateTime(iso: string, locale: string | undefined): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(locale, opts).format(d);
  } catch {
    return new Intl.DateTimeFormat(undefined, opts).format(d);
  }
}
