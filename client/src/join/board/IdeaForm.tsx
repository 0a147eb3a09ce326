import { useId, useRef, type FormEvent } from 'react';
import { IDEA_DETAIL_MAX_CHARS, IDEA_TITLE_MAX_CHARS } from '@ideasphere/shared/limits.js';
import type { Translator } from '../../lib/i18n';
import { useTextField } from '../../lib/textField';
import { CharCounter, TextFieldNote, textFieldAria } from '../../ui/TextLimit';
import { useTimeUp } from '../../lib/useCountdown';
import { SendIcon } from '../../ui/icons';
import type { IdeaDraft } from './useIdeaOutbox';

interface IdeaFormProps {
  draft: IdeaDraft;
  onChange: (draft: IdeaDraft) => void;
  onSubmit: (draft: IdeaDraft) => void;
  categories: readonly string[];
  /** The collect countdown: once it is over the server takes no more ideas. */
  endsAt: string | null;
  t: Translator;
}

/** Title (with a counter), optional detail and optional theme: one idea, sent with one tap. */
export function IdeaForm({ draft, onChange, onSubmit, categories, endsAt, t }: IdeaFormProps) {
  const id = useId();
  const timesUp = useTimeUp(endsAt);
  const titleInput = useRef<HTMLInputElement>(null);
  const detailInput = useRef<HTMLTextAreaElement>(null);
  const title = useTextField(draft.title, IDEA_TITLE_MAX_CHARS);
  const detail = useTextField(draft.detail, IDEA_DETAIL_MAX_CHARS, { kind: 'block' });
  const empty = draft.title.trim() === '';
  // A theme removed from the settings since it was picked is not offered any more.
  const category = draft.category !== null && categories.includes(draft.category) ? draft.category : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (timesUp) return;
    // Both are checked, so both say what is wrong; the first one wrong gets the focus.
    const titleOk = title.ready();
    const detailOk = detail.ready();
    if (!titleOk || !detailOk) {
      (titleOk ? detailInput : titleInput).current?.focus();
      return;
    }
    onSubmit({ title: title.check.text, detail: detail.check.text, category });
    title.reset();
    titleInput.current?.focus();
  };

  return (
    <form className="join-card idea-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="board-heading">
        {t('idea.formHeading')}
      </h2>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-title`}>
          <span>{t('idea.title')}</span>
          <CharCounter field={title} always />
        </label>
        <input
          ref={titleInput}
          id={`${id}-title`}
          className="input"
          data-testid="idea-title-input"
          value={draft.title}
          dir="auto"
          enterKeyHint="send"
          autoComplete="off"
          placeholder={t('idea.titlePlaceholder')}
          {...textFieldAria(title, `${id}-title-error`)}
          onChange={(e) => onChange({ ...draft, title: e.target.value })}
        />
        <TextFieldNote field={title} id={`${id}-title-error`} t={t} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-detail`}>
          <span>
            {t('idea.detail')} <span className="field-hint">{t('common.optional')}</span>
          </span>
          <CharCounter field={detail} />
        </label>
        <textarea
          id={`${id}-detail`}
          className="input idea-detail-input"
          data-testid="idea-detail-input"
          ref={detailInput}
          value={draft.detail}
          dir="auto"
          rows={2}
          placeholder={t('idea.detailPlaceholder')}
          {...textFieldAria(detail, `${id}-detail-error`)}
          onChange={(e) => onChange({ ...draft, detail: e.target.value })}
        />
        <TextFieldNote field={detail} id={`${id}-detail-error`} t={t} />
      </div>
      {categories.length > 0 && (
        <fieldset className="category-field">
          <legend className="field-label">
            <span>
              {t('idea.category')} <span className="field-hint">{t('common.optional')}</span>
            </span>
          </legend>
          <div className="chips" data-testid="idea-categories">
            {categories.map((name) => (
              <button
                key={name}
                type="button"
                className="chip"
                aria-pressed={category === name}
                onClick={() => onChange({ ...draft, category: category === name ? null : name })}
              >
                <bdi>{name}</bdi>
              </button>
            ))}
          </div>
        </fieldset>
      )}
      {timesUp && (
        <p className="alert alert-warning" role="status" data-testid="idea-times-up">
          {t('idea.timesUp')}
        </p>
      )}
      <button type="submit" className="button button-primary button-large button-block" data-testid="idea-submit" disabled={empty || timesUp}>
        <SendIcon size={20} />
        {t('idea.submit')}
      </button>
    </form>
  );
}
