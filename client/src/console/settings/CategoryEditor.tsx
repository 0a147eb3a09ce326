import { useId, useState } from 'react';
import { CATEGORIES_MAX, CATEGORY_NAME_MAX_CHARS } from '@ideasphere/shared/limits.js';
import type { Translator } from '../../lib/i18n';
import { useTextField } from '../../lib/textField';
import { CharCounter, TextFieldNote, textFieldAria } from '../../ui/TextLimit';

interface CategoryEditorProps {
  categories: readonly string[];
  onChange: (categories: string[]) => void;
  t: Translator;
}

/** Themes as removable chips, and a field that adds one on Enter. */
export function CategoryEditor({ categories, onChange, t }: CategoryEditorProps) {
  const id = useId();
  const [value, setValue] = useState('');
  const full = categories.length >= CATEGORIES_MAX;
  const field = useTextField(value, CATEGORY_NAME_MAX_CHARS);

  const add = () => {
    if (full || !field.ready()) return;
    const name = field.check.text;
    if (!categories.includes(name)) onChange([...categories, name]);
    setValue('');
    field.reset();
  };

  return (
    <div className="category-editor">
      {categories.length > 0 && (
        <ul className="category-chips" data-testid="settings-categories">
          {categories.map((name) => (
            <li key={name} className="category-chip">
              <bdi>{name}</bdi>
              <button
                type="button"
                aria-label={t('settings.removeCategory', { name })}
                onClick={() => onChange(categories.filter((c) => c !== name))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="category-add">
        <label className="visually-hidden" htmlFor={id}>
          {t('settings.addCategory')}
        </label>
        <input
          id={id}
          className="input input-small"
          data-testid="settings-category-input"
          value={value}
          dir="auto"
          disabled={full}
          {...textFieldAria(field, `${id}-error`)}
          placeholder={full ? t('settings.categoriesFull', { max: CATEGORIES_MAX }) : t('settings.categoryPlaceholder')}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="button button-secondary button-small" data-testid="settings-category-add" disabled={full || value.trim() === ''} onClick={add}>
          {t('settings.addCategory')}
        </button>
        <CharCounter field={field} />
      </div>
      <TextFieldNote field={field} id={`${id}-error`} t={t} />
    </div>
  );
}
