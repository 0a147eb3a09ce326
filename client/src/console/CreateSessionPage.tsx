import { useEffect, useId, useState, type FormEvent } from 'react';
import type { CreateSessionBody, CreatedSession, Language } from '@ideasphere/shared';
import { UI_LANGUAGES } from '../lib/languages';
import { SESSION_DESCRIPTION_MAX_CHARS, SESSION_TITLE_MAX_CHARS } from '@ideasphere/shared/limits.js';
import { apiRequest, type RequestError } from '../lib/api';
import { errorText, type LanguageState } from '../lib/i18n';
import { useTextField } from '../lib/textField';
import { CharCounter, TextFieldNote, textFieldAria } from '../ui/TextLimit';
import { ConsoleHeader } from './ConsoleHeader';
import { VenueNamesField } from './ceremony/VenueNamesField';
import { venueNamesToSend, type VenueRowsProblem } from './ceremony/venueNames';
import { RecentSessions } from './RecentSessions';
import { keepCreatedSession } from './recentSessions';

interface CreateSessionPageProps {
  lang: LanguageState;
  navigate: (url: string) => void;
}

type Phase = { kind: 'editing' } | { kind: 'submitting' } | { kind: 'failed'; error: RequestError };

/** `/`: the form that creates a live session. */
export function CreateSessionPage({ lang, navigate }: CreateSessionPageProps) {
  const { t } = lang;
  const ids = useId();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  // Follows the console's language until the facilitator picks one for the session.
  const [pickedLanguage, setSessionLanguage] = useState<Language | null>(null);
  const sessionLanguage = pickedLanguage ?? lang.language;
  const [adminToken, setAdminToken] = useState('');
  // Shown once the server says a key is needed (ADMIN_TOKEN is set on the server).
  const [needsAdminToken, setNeedsAdminToken] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
  const titleField = useTextField(title, SESSION_TITLE_MAX_CHARS);
  const descriptionField = useTextField(description, SESSION_DESCRIPTION_MAX_CHARS, { kind: 'block' });
  const [venueNames, setVenueNames] = useState<string[]>(['']);
  const [venueProblem, setVenueProblem] = useState<VenueRowsProblem | null>(null);

  useEffect(() => {
    document.title = `${t('create.pageTitle')} · ${t('app.name')}`;
  }, [t]);

  const submitting = phase.kind === 'submitting';
  const error = phase.kind === 'failed' ? phase.error : null;
  // The field's own check first; then what the server said about the title.
  const titleError = titleField.shown !== null ? null : error?.fields?.title ? t('create.titleInvalid') : null;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    const titleOk = titleField.ready();
    const descriptionOk = descriptionField.ready();
    if (!titleOk || !descriptionOk) {
      document.getElementById(titleOk ? `${ids}-description` : `${ids}-title`)?.focus();
      return;
    }
    const venues = venueNamesToSend(venueNames, sessionLanguage);
    if (!venues.ok) {
      setVenueProblem(venues.problem);
      document.getElementById(`${ids}-venue-${venues.problem.index}`)?.focus();
      return;
    }
    setPhase({ kind: 'submitting' });
    const body: CreateSessionBody = {
      title: titleField.check.text,
      description: descriptionField.check.text,
      language: sessionLanguage,
      ...(venues.names ? { venues: venues.names } : {}),
    };
    const result = await apiRequest<CreatedSession>('/api/sessions', {
      method: 'POST',
      body,
      token: needsAdminToken ? adminToken.trim() : null,
    });
    if (!result.ok) {
      if (result.error.code === 'unauthorized') setNeedsAdminToken(true);
      setPhase({ kind: 'failed', error: result.error });
      return;
    }
    navigate(keepCreatedSession(result.data));
  };

  const errorMessage =
    error === null
      ? null
      : error.code === 'unauthorized'
        ? adminToken.trim() === ''
          ? t('create.adminTokenNeeded')
          : t('create.adminTokenWrong')
        : errorText(t, error);

  return (
    <div className="console-page">
      <ConsoleHeader lang={lang} />
      <main className="create-layout">
        <div className="create-intro">
          <h1 className="create-heading">{t('create.heading')}</h1>
          <p className="create-lead">{t('create.lead')}</p>
          <ol className="create-steps">
            <li>{t('create.step1')}</li>
            <li>{t('create.step2')}</li>
            <li>{t('create.step3')}</li>
          </ol>
        </div>

        <form className="card create-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={submitting}>
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-title`}>
              <span>{t('create.title')}</span>
              <CharCounter field={titleField} />
            </label>
            <input
              id={`${ids}-title`}
              className="input"
              data-testid="create-title"
              value={title}
              dir="auto"
              placeholder={t('create.titlePlaceholder')}
              required
              autoFocus
              aria-invalid={titleError !== null || titleField.shown !== null}
              aria-describedby={titleError !== null || titleField.shown !== null ? `${ids}-title-error` : undefined}
              onChange={(e) => setTitle(e.target.value)}
            />
            <TextFieldNote field={titleField} id={`${ids}-title-error`} t={t} requiredKey="create.titleRequired" />
            {titleError && (
              <p id={`${ids}-title-error`} className="field-error">
                {titleError}
              </p>
            )}
          </div>

          <div className="field">
            <label className="field-label" htmlFor={`${ids}-description`}>
              <span>
                {t('create.description')} <span className="field-hint">{t('common.optional')}</span>
              </span>
              <CharCounter field={descriptionField} />
            </label>
            <textarea
              id={`${ids}-description`}
              className="input"
              data-testid="create-description"
              value={description}
              dir="auto"
              rows={3}
              placeholder={t('create.descriptionPlaceholder')}
              {...textFieldAria(descriptionField, `${ids}-description-error`)}
              onChange={(e) => setDescription(e.target.value)}
            />
            <TextFieldNote field={descriptionField} id={`${ids}-description-error`} t={t} />
          </div>

          <fieldset className="field choice-group">
            <legend className="field-label">{t('create.language')}</legend>
            <p className="field-hint">{t('create.languageHint')}</p>
            <div className="choice-row" data-testid="create-language">
              {UI_LANGUAGES.map((option) => (
                <label key={option} className="choice">
                  <input
                    type="radio"
                    name={`${ids}-language`}
                    value={option}
                    checked={sessionLanguage === option}
                    onChange={() => setSessionLanguage(option)}
                  />
                  <span lang={option === 'zh' ? 'zh-CN' : 'en'}>{t(`lang.${option}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>

          <VenueNamesField
            idPrefix={`${ids}-venue`}
            names={venueNames}
            language={sessionLanguage}
            problem={venueProblem ?? (Object.keys(error?.fields ?? {}).some((key) => key.startsWith('venues')) ? { kind: 'invalid', index: 0 } : null)}
            disabled={submitting}
            t={t}
            onChange={(names) => {
              setVenueNames(names);
              setVenueProblem(null);
            }}
          />

          {needsAdminToken && (
            <div className="field">
              <label className="field-label" htmlFor={`${ids}-admin`}>
                {t('create.adminToken')}
              </label>
              <input
                id={`${ids}-admin`}
                className="input"
                type="password"
                autoComplete="off"
                data-testid="create-admin-token"
                value={adminToken}
                aria-invalid={error?.code === 'unauthorized'}
                onChange={(e) => setAdminToken(e.target.value)}
              />
              <p className="field-hint">{t('create.adminTokenHint')}</p>
            </div>
          )}

          {errorMessage && (
            <p className="alert alert-error" role="alert" data-testid="create-error">
              {errorMessage}
            </p>
          )}

          <button
            type="submit"
            className="button button-primary button-large button-block"
            data-testid="create-submit"
            disabled={submitting}
          >
            {submitting && <span className="spinner" aria-hidden="true" />}
            {submitting ? t('create.submitting') : t('create.submit')}
          </button>
        </form>

        <RecentSessions t={t} />
      </main>
    </div>
  );
}
