import type { Language } from '../languages.js';
import { en, type MessageKey } from './en.js';
import { zh } from './zh.js';

export type { MessageKey };

const catalogs: Record<Language, Record<MessageKey, string>> = { en, zh };

/**
 * Looks up a UI string and fills `{name}` placeholders. Every visible string on every screen
 * goes through here, so both languages stay complete (the types refuse a missing key).
 */
export function translate(
  language: Language,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = catalogs[language][key];
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/** Picks zh or en from a browser's language list, falling back to the given default. */
export function pickLanguage(preferred: readonly string[], fallback: Language): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'zh' || base === 'en') return base;
  }
  return fallback;
}
