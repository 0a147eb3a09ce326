import { type FormEvent, useId, useState } from 'react';
import type { AnswerVisibility, ChallengeQuestionPublic } from '@ideasphere/shared';
import { ANSWER_MAX_CHARS, QUESTION_MAX_CHARS, QUESTIONS_PER_ACCOUNT_PER_HOUR } from '@ideasphere/shared/limits.js';
import type { RequestError } from '../lib/api';
import { errorText, type LanguageState } from '../lib/i18n';
import { useTextField } from '../lib/textField';
import type { PlatformRequest } from '../platform/platformApi';
import { CharCounter, TextFieldNote, textFieldAria } from '../ui/TextLimit';

interface FormProps {
  lang: LanguageState;
  request: PlatformRequest;
  challengeId: string;
  /** Called with the question as the server now has it. */
  onSaved: (question: ChallengeQuestionPublic) => void;
}

/** The ask form: a question with its counter and limits, the privacy hint, progress and refusals. */
export function AskForm({ lang, request, challengeId, onSaved }: FormProps) {
  const { t } = lang;
  const ids = useId();
  const [text, setText] = useState('');
  const field = useTextField(text, QUESTION_MAX_CHARS, { kind: 'block', required: true });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | null>(null);
  const [sent, setSent] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!field.ready()) {
      document.getElementById(`${ids}-text`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setSent(false);
    const result = await request<ChallengeQuestionPublic>('POST', `/api/challenges/${challengeId}/questions`, { text: field.check.text });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setText('');
    field.reset();
    setSent(true);
    onSaved(result.data);
  };

  return (
    <form className="qa-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy} data-testid="qa-ask-form">
      <h3 className="qa-heading">{t('challenge.qa.askTitle')}</h3>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-text`}>
          <span>{t('challenge.qa.askLabel')}</span>
          <CharCounter field={field} always />
        </label>
        <textarea
          id={`${ids}-text`}
          className="input"
          rows={3}
          dir="auto"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setSent(false);
          }}
          {...textFieldAria(field, `${ids}-note`)}
          data-testid="qa-ask-input"
        />
        <TextFieldNote field={field} id={`${ids}-note`} t={t} />
        <p className="platform-meta">
          {t('challenge.qa.askHint')} {t('challenge.qa.askLimit', { max: QUESTION_MAX_CHARS, perHour: QUESTIONS_PER_ACCOUNT_PER_HOUR })}
        </p>
      </div>
      <div aria-live="polite">
        {error && (
          <p className="alert alert-error" role="alert" data-testid="qa-ask-error">
            {errorText(t, error)}
          </p>
        )}
        {sent && (
          <p className="alert alert-success" role="status" data-testid="qa-asked">
            {t('challenge.qa.asked')}
          </p>
        )}
      </div>
      <button type="submit" className="button button-primary" disabled={busy} data-testid="qa-ask-submit">
        {busy ? t('platform.form.working') : t('challenge.qa.ask')}
      </button>
    </form>
  );
}

/** The owner's answer form: the text, public or private, progress and refusals; also edits an answer. */
export function AnswerForm({ lang, request, challengeId, onSaved, question, onCancel }: FormProps & { question: ChallengeQuestionPublic; onCancel?: () => void }) {
  const { t } = lang;
  const ids = useId();
  const [text, setText] = useState(question.answer?.text ?? '');
  const [visibility, setVisibility] = useState<AnswerVisibility>(question.answer?.visibility ?? 'public');
  const field = useTextField(text, ANSWER_MAX_CHARS, { kind: 'block', required: true });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!field.ready()) {
      document.getElementById(`${ids}-text`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const result = await request<ChallengeQuestionPublic>('PUT', `/api/challenges/${challengeId}/questions/${question.id}/answer`, { text: field.check.text, visibility });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onSaved(result.data);
  };

  return (
    <form className="qa-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy} data-testid="qa-answer-form">
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-text`}>
          <span>{t('challenge.qa.answerLabel')}</span>
          <CharCounter field={field} />
        </label>
        <textarea
          id={`${ids}-text`}
          className="input"
          rows={3}
          dir="auto"
          value={text}
          onChange={(e) => setText(e.target.value)}
          {...textFieldAria(field, `${ids}-note`)}
          data-testid="qa-answer-input"
        />
        <TextFieldNote field={field} id={`${ids}-note`} t={t} />
      </div>
      <fieldset className="field choice-group">
        <legend className="field-label">{t('challenge.qa.visibility')}</legend>
        <div className="choice-row qa-choice-row">
          {(['public', 'private'] as const).map((option) => (
            <label key={option} className="choice">
              <input type="radio" name={`${ids}-visibility`} checked={visibility === option} onChange={() => setVisibility(option)} data-testid={`qa-answer-${option}`} />
              <span>{t(`challenge.qa.visibility.${option}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {error && (
        <p className="alert alert-error" role="alert" data-testid="qa-answer-error">
          {errorText(t, error)}
        </p>
      )}
      <div className="challenge-actions">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="qa-answer-submit">
          {busy ? t('platform.form.working') : question.answer ? t('challenge.qa.saveAnswer') : t('challenge.qa.sendAnswer')}
        </button>
        {onCancel && (
          <button type="button" className="button button-ghost" onClick={onCancel} disabled={busy}>
            {t('challenge.qa.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
