import { useCallback, useEffect, useState } from 'react';
import type { ClientError, Language, MessageKey } from '@ideasphere/shared';
import { pickLanguage, translate } from '@ideasphere/shared/i18n/index.js';
import { isLanguage } from './languages';
import { readStored, storageKeys, writeStored } from './storage';

/** Translates one key in the current language, with `{name}` placeholders. */
export type Translator = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The browser's preferred UI language, for screens shown before a session is known. */
export function browserLanguage(): Language {
  return pickLanguage(navigator.languages ?? [navigator.language], 'zh');
}

export interface LanguageState {
  language: Language;
  /** Switches the language and remembers the choice on this device. */
  setLanguage: (language: Language) => void;
  t: Translator;
}

/**
 * The UI language: the choice remembered on this device (`ideasphere:lang`) wins, otherwise
 * `fallback` (usually the session's language). Keeps `<html lang>` in step for screen readers
 * and CJK font selection.
 */
export function useLanguage(fallback: Language, options: { remember?: boolean } = {}): LanguageState {
  const remember = options.remember ?? true;
  const [chosen, setChosen] = useState<Language | null>(() => {
    if (!remember) return null;
    const stored = readStored(storageKeys.language);
    return isLanguage(stored) ? stored : null;
  });
  const language = chosen ?? fallback;

  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  }, [language]);

  const setLanguage = useCallback(
    (next: Language) => {
      setChosen(next);
      if (remember) writeStored(storageKeys.language, next);
    },
    [remember],
  );

  const t = useCallback<Translator>((key, params) => translate(language, key, params), [language]);
  return { language, setLanguage, t };
}

/**
 * The translated message for an API or connection error: its reason when it has one, else its
 * code. (`reason.<id>` must be a catalog key for every reason, or this does not compile.)
 */
export function errorText(t: Translator, error: Pick<ClientError, 'code' | 'reason'>): string {
  return error.reason ? t(`reason.${error.reason}`) : t(`error.${error.code}`);
}

const numberFormats = new Map<Language, Intl.NumberFormat>();

/** A count as the UI language writes it: `2,000`. */
export function formatCount(language: Language, value: number): string {
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language === 'zh' ? 'zh-CN' : 'en');
    numberFormats.set(language, format);
  }
  return format.format(value);
}
