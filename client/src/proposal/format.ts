import type { Language } from '@ideasphere/shared';

const formats = new Map<Language, Intl.DateTimeFormat>();

/** A date and time as the UI language writes it: "12 May, 14:05" / "5月12日 14:05". */
export function formatWhen(language: Language, iso: string): string {
  let format = formats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
    formats.set(language, format);
  }
  const time = Date.parse(iso);
  return Number.isNaN(time) ? '' : format.format(time);
}
