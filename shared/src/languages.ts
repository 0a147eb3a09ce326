/**
 * UI languages, in switcher order. Kept apart from the zod schemas so the phone bundle can
 * import it without pulling in zod.
 */
export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
