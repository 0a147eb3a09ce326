import type { Language } from '@ideasphere/shared';
import { DEFAULT_VENUE_NAME } from '@ideasphere/shared/ceremonyModel.js';
import { VENUE_NAME_MAX_CHARS, VENUES_MAX } from '@ideasphere/shared/limits.js';
import type { Translator } from '../../lib/i18n';
import { textFieldState } from '../../lib/textField';
import { TrashIcon } from '../../ui/icons';
import { CharCounter } from '../../ui/TextLimit';
import type { VenueRowsProblem } from './venueNames';
import './ceremony.css';

interface VenueNamesFieldProps {
  /** Row inputs get the ids `<idPrefix>-<index>`. */
  idPrefix: string;
  names: readonly string[];
  language: Language;
  problem: VenueRowsProblem | null;
  disabled: boolean;
  t: Translator;
  onChange: (names: string[]) => void;
}

/** The row's problem in words; too long says by how much. */
function problemText(problem: VenueRowsProblem, names: readonly string[], t: Translator): string {
  switch (problem.kind) {
    case 'duplicate':
      return t('create.venueDuplicate');
    case 'invalid':
      return t('create.venueInvalid');
    case 'blank':
      return t('text.blank');
    case 'too_long': {
      const count = textFieldState(names[problem.index] ?? '', VENUE_NAME_MAX_CHARS).check.length;
      return t('text.tooLong', { count, max: VENUE_NAME_MAX_CHARS, over: count - VENUE_NAME_MAX_CHARS });
    }
  }
}

/**
 * The create form's venues: one row per place (the first is the main venue), each of which gets
 * its own QR code and big-screen link. One venue unless the facilitator adds more.
 */
export function VenueNamesField({ idPrefix, names, language, problem, disabled, t, onChange }: VenueNamesFieldProps) {
  const full = names.length >= VENUES_MAX;
  const errorId = `${idPrefix}-error`;

  const add = () => {
    if (full) return;
    onChange([...names, '']);
    // Focus the new row once React has rendered it.
    window.requestAnimationFrame(() => document.getElementById(`${idPrefix}-${names.length}`)?.focus());
  };
  const remove = (index: number) => {
    onChange(names.filter((_, i) => i !== index));
    window.requestAnimationFrame(() => document.getElementById(`${idPrefix}-${Math.max(0, index - 1)}`)?.focus());
  };

  return (
    <fieldset className="field create-venues" data-testid="create-venues">
      <legend className="field-label">
        <span>
          {t('create.venues')} <span className="field-hint">{t('common.optional')}</span>
        </span>
      </legend>
      <p className="field-hint">{t('create.venuesHint')}</p>
      <ol className="create-venue-list">
        {names.map((name, index) => (
          <li key={index} className="create-venue-row">
            <label className="visually-hidden" htmlFor={`${idPrefix}-${index}`}>
              {t('create.venueLabel', { number: index + 1 })}
            </label>
            <input
              id={`${idPrefix}-${index}`}
              className="input"
              data-testid="create-venue-name"
              value={name}
              dir="auto"
              placeholder={index === 0 ? DEFAULT_VENUE_NAME[language] : t('create.venuePlaceholder')}
              disabled={disabled}
              aria-invalid={problem?.index === index}
              aria-describedby={problem?.index === index ? errorId : undefined}
              onChange={(e) => onChange(names.map((n, i) => (i === index ? e.target.value : n)))}
            />
            <CharCounter field={{ ...textFieldState(name, VENUE_NAME_MAX_CHARS), max: VENUE_NAME_MAX_CHARS }} />
            {names.length > 1 && (
              <button
                type="button"
                className="button button-ghost create-venue-remove"
                data-testid="create-venue-remove"
                aria-label={t('create.venueRemove', { number: index + 1 })}
                title={t('create.venueRemove', { number: index + 1 })}
                disabled={disabled}
                onClick={() => remove(index)}
              >
                <TrashIcon size={18} />
              </button>
            )}
          </li>
        ))}
      </ol>
      {problem && (
        <p id={errorId} className="field-error" role="alert" data-testid="create-venue-error">
          {problemText(problem, names, t)}
        </p>
      )}
      <button
        type="button"
        className="button button-ghost button-small create-venue-add"
        data-testid="create-venue-add"
        disabled={disabled || full}
        onClick={add}
      >
        + {t('create.venueAdd')}
      </button>
      {full && <p className="field-hint">{t('venues.full', { max: VENUES_MAX })}</p>}
    </fieldset>
  );
}
