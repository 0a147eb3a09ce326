import { useId, useState, type FormEvent } from 'react';
import type { IdeaEdit, IdeaPublic } from '@ideasphere/shared';
import { IDEA_DETAIL_MAX_CHARS, IDEA_TITLE_MAX_CHARS } from '@ideasphere/shared/limits.js';
import type { Translator } from '../../lib/i18n';
import { useTextField } from '../../lib/textField';
import { CharCounter, TextFieldNote, textFieldAria } from '../../ui/TextLimit';

interface IdeaEditorProps {
  idea: IdeaPublic;
  categories: readonly string[];
  t: Translator;
  /** Resolves whether the server accepted the change. */
  onSave: (change: IdeaEdit) => Promise<boolean>;
  onClose: () => void;
}

/** Inline editing of an idea's title, detail and theme; only changed fields are sent. */
export function IdeaEditor({ idea, categories, t, onSave, onClose }: IdeaEditorProps) {
  const id = useId();
  const [title, setTitle] = useState(idea.title);
  const [detail, setDetail] = useState(idea.detail);
  const [category, setCategory] = useState(idea.category ?? '');
  const [saving, setSaving] = useState(false);
  const titleField = useTextField(title, IDEA_TITLE_MAX_CHARS);
  const detailField = useTextField(detail, IDEA_DETAIL_MAX_CHARS, { kind: 'block' });
  // A theme the settings no longer list still shows, so saving does not silently drop it.
  const options = idea.category !== null && !categories.includes(idea.category) ? [...categories, idea.category] : categories;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const titleOk = titleField.ready();
    if (!detailField.ready() || !titleOk) return;
    const change: IdeaEdit = { ideaId: idea.id };
    if (titleField.check.text !== idea.title) change.title = titleField.check.text;
    if (detailField.check.text !== idea.detail) change.detail = detailField.check.text;
    if ((category || null) !== idea.category) change.category = category || null;
    if (Object.keys(change).length === 1) return onClose();
    setSaving(true);
    const saved = await onSave(change);
    setSaving(false);
    if (saved) onClose();
  };

  return (
    <form className="idea-editor" onSubmit={(e) => void submit(e)} data-testid="idea-editor">
      <label className="visually-hidden" htmlFor={`${id}-title`}>
        {t('idea.title')}
      </label>
      <input
        id={`${id}-title`}
        className="input input-small"
        data-testid="idea-edit-title"
        value={title}
        dir="auto"
        autoFocus
        {...textFieldAria(titleField, `${id}-title-error`)}
        onChange={(e) => setTitle(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      />
      <CharCounter field={titleField} />
      <TextFieldNote field={titleField} id={`${id}-title-error`} t={t} />
      <label className="visually-hidden" htmlFor={`${id}-detail`}>
        {t('idea.detail')}
      </label>
      <textarea
        id={`${id}-detail`}
        className="input input-small"
        data-testid="idea-edit-detail"
        value={detail}
        dir="auto"
        rows={3}
        placeholder={t('idea.detail')}
        {...textFieldAria(detailField, `${id}-detail-error`)}
        onChange={(e) => setDetail(e.target.value)}
      />
      <CharCounter field={detailField} />
      <TextFieldNote field={detailField} id={`${id}-detail-error`} t={t} />
      {options.length > 0 && (
        <select
          className="input input-small"
          data-testid="idea-edit-category"
          value={category}
          aria-label={t('idea.category')}
          onChange={(e) => setCategory(e.target.value)}
        >
          <option value="">{t('board.noCategory')}</option>
          {options.map((name) => (
            <option key={name} value={name} dir="auto">
              {name}
            </option>
          ))}
        </select>
      )}
      <div className="idea-editor-actions">
        <button type="button" className="button button-ghost button-small" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button-primary button-small" data-testid="idea-edit-save" disabled={saving || title.trim() === ''}>
          {saving && <span className="spinner" aria-hidden="true" />}
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
