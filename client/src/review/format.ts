import type { Language } from '@ideasphere/shared';

/** A date and time as the page's language writes it. */
export function formatTime(language: Language, iso: string): string {
  return new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A score with two decimals, or a dash without one. */
export function formatScore(value: number | null): string {
  return value === null ? '–' : value.toFixed(2);
}
