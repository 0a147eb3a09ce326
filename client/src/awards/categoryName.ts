import type { BilingualName, Language } from '@ideasphere/shared';

/** A category's name in the UI language. */
export function categoryName(language: Language, name: BilingualName): string {
  return language === 'zh' ? name.zh : name.en;
}
