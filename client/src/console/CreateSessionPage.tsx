import { useEffect, useId, useState, type FormEvent } from 'react';
import type { CreateSessionBody, CreatedSession, Language } from '@ideasphere/shared';
import { UI_LANGUAGES } from '../lib/languages';
import { SESSION_DESCRIPTION_MAX_CHARS, SESSION_TITLE_MAX_CHARS } from '@ideasphere/shared/limits.js';
import { apiRequest, type RequestError } from '../lib/api';
import { errorText, type LanguageState } from '../lib/i18n';
import { storageKeys, writeStored, writeVenueScreens } from '../lib/storage';
import { ConsoleHeader } from './ConsoleHeader';
import { VenueNamesField } from './ceremony/VenueNamesField';
import { venueNamesToSend, type VenueRowsProblem } from './ceremony/venueNames';
import { RecentSessions } from './RecentSessions';
import { rememberSession } from './recentSessions';

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
  const [titleMissing, setTitleMissing] = useState(false);
  const [venueNames, setVenueNames] = useState<string[]>(['']);
  const [venueProblem, setVenueProblem] = useState<VenueRowsProblem | null>(null);

  useEffect(() => {
    document.title = `${t('create.pageTitle')} · ${t('app.name')}`;
  }, [t]);

  const submitting = phase.kind === 'submitting';
  const error = phase.kind === 'failed' ? phase.error : null;
  const titleError = titleMissing ? t('create.titleRequired') : error?.fields?.title ? t('create.titleInvalid') : null;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    if (title.trim() === '') {
      setTitleMissing(true);
      document.getElementById(`${ids}-title`)?.focus();
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
      title,
      description,
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
    const created = result.data;
    writeStored(storageKeys.facilitatorToken(created.code), created.facilitatorToken);
    writeStored(storageKeys.screen(created.code), created.screenUrl);
    writeVenueScreens(created.code, created.venueScreens ?? []);
    rememberSession({ code: created.code, title: created.title, createdAt: created.createdAt });
    navigate(`/f/${created.code}#token=${encodeURIComponent(created.facilitatorToken)}`);
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
              {t('create.title')}
            </label>
            <input
              id={`${ids}-title`}
              className="input"
              data-testid="create-title"
              value={title}
              maxLength={SESSION_TITLE_MAX_CHARS}
              placeholder={t('create.titlePlaceholder')}
              required
              autoFocus
              aria-invalid={titleError !== null}
              aria-describedby={titleError ? `${ids}-title-error` : undefined}
              onChange={(e) => {
                setTitle(e.target.value);
                setTitleMissing(false);
              }}
            />
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
            </label>
            <textarea
              id={`${ids}-description`}
              className="input"
              data-testid="create-description"
              value={description}
              maxLength={SESSION_DESCRIPTION_MAX_CHARS}
              rows={3}
              placeholder={t('create.descriptionPlaceholder')}
              onChange={(e) => setDescription(e.target.value)}
            />
          </div>

          <fieldset className="field create-language">
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
