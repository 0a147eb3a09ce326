import type { Language } from '@ideasphere/shared';
import { UI_LANGUAGES } from '../lib/languages';
import type { LanguageState } from '../lib/i18n';
import './controls.css';

interface LanguageSwitcherProps {
  lang: LanguageState;
  className?: string;
}

/** Two-way zh / en toggle; each option is written in its own language. */
export function LanguageSwitcher({ lang, className }: LanguageSwitcherProps) {
  const { language, setLanguage, t } = lang;
  return (
    <div
      className={['segmented', 'lang-switcher', className].filter(Boolean).join(' ')}
      role="group"
      aria-label={t('common.language')}
      data-testid="language-switcher"
    >
      {UI_LANGUAGES.map((option: Language) => (
        <button
          key={option}
          type="button"
          lang={option === 'zh' ? 'zh-CN' : 'en'}
          aria-pressed={option === language}
          onClick={() => setLanguage(option)}
        >
          {t(`lang.${option}`)}
        </button>
      ))}
    </div>
  );
}
