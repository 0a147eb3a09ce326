import type { ReactNode } from 'react';
import type { LanguageState } from '../lib/i18n';
import { LanguageSwitcher } from '../ui/LanguageSwitcher';

interface ConsoleHeaderProps {
  lang: LanguageState;
  children?: ReactNode;
}

/** The console's top bar: brand on the left, page-specific status and the language switch on the right. */
export function ConsoleHeader({ lang, children }: ConsoleHeaderProps) {
  return (
    <header className="console-header">
      <a className="brand" href="/">
        <span className="brand-mark" aria-hidden="true" />
        {lang.t('app.name')}
      </a>
      <div className="console-header-end">
        {children}
        <LanguageSwitcher lang={lang} />
      </div>
    </header>
  );
}
