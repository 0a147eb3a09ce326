import type { Language } from '@ideasphere/shared';

/** A date and time as the page's language writes it. */
export function formatTime(language: Language, iso: string): string {
  return new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A score with two decimals, or a dash without one. */
export function formatScore(value: number | null): string {
  return value === null ? '–' : value.toFixed(2);
}

/** An instant as a `datetime-local` input shows it (the browser's zone, to the minute); '' for none. */
export function toLocalInput(iso: string | null): string {
  if (iso === null) return '';
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
