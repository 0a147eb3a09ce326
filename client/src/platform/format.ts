import type { Language } from '@ideasphere/shared';

const dateTimes = new Map<Language, Intl.DateTimeFormat>();
const times = new Map<Language, Intl.DateTimeFormat>();

/** A date and time as the UI language writes it: `4 Dec 2026, 14:32` / `2026年12月4日 14:32`. */
export function formatDateTime(language: Language, iso: string | Date): string {
  let format = dateTimes.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
    dateTimes.set(language, format);
  }
  return format.format(typeof iso === 'string' ? new Date(iso) : iso);
}

/** A time of day: `14:32`. */
export function formatTime(language: Language, date: Date): string {
  let format = times.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
    times.set(language, format);
  }
  return format.format(date);
}
