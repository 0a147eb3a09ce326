import { useId, useState, type FormEvent } from 'react';
import type { CreatedSession, CreateSessionBody, FacilitatorLink, Language, LiveSessionSummary, SessionTemplatePublic } from '@ideasphere/shared';
import { TEMPLATE_NAME_MAX_CHARS } from '@ideasphere/shared/polls/pollLimits.js';
import { checkLine } from '@ideasphere/shared/text.js';
import { SESSION_TITLE_MAX_CHARS } from '@ideasphere/shared/limits.js';
import type { RequestError } from '../lib/api';
import { errorText } from '../lib/i18n';
import { UI_LANGUAGES } from '../lib/languages';
import { readStored, storageKeys, writeStored } from '../lib/storage';
import { useTextField } from '../lib/textField';
import { keepCreatedSession } from '../console/recentSessions';
import { CharCounter, TextFieldNote } from '../ui/TextLimit';
import { useDialog } from '../ui/useDialog';
import { formatDateTime } from './format';
import type { PlatformPageProps } from './HomePage';
import { useFetched } from './useFetched';
import { Loading } from './Loading';
import { AddToPipeline } from '../pipeline/AddToPipeline';
import { TemplatesCard } from './TemplatesCard';

/** Platform admins and members of an organisation run live sessions; the server enforces it. */
export function isOrganiser(me: PlatformPageProps['me']): boolean {
  return me.account.platformRole === 'platform_admin' || me.memberships.length > 0;
}

/**
 * An organiser's live sessions: create one (it opens in the console), see each one's phase and
 * turnout, and open its console — straight away where this browser has the console link, or
 * with a new link (after saying that consoles on the old one will close).
 */
export function LivePage({ me, lang, request }: PlatformPageProps) {
  const { t, language } = lang;
  const sessions = useFetched<LiveSessionSummary[]>(request, '/api/account/live-sessions');
  const dialogs = useDialog(t);
  const [opening, setOpening] = useState<string | null>(null);
  const [error, setError] = useState<RequestError | null>(null);
  const [pipelineFor, setPipelineFor] = useState<string | null>(null);
  const organiser = isOrganiser(me);
  const templates = useFetched<SessionTemplatePublic[]>(request, organiser ? '/api/account/templates' : null);
  const [note, setNote] = useState<string | null>(null);

  const openConsole = async (session: LiveSessionSummary) => {
    if (readStored(storageKeys.facilitatorToken(session.code))) {
      window.location.assign(`/f/${session.code}`);
      return;
    }
    const confirmed = await dialogs.confirm({
      title: t('platform.live.takeOverTitle'),
      body: t('platform.live.takeOverBody', { title: session.title }),
      confirmLabel: t('platform.live.takeOverConfirm'),
      testId: 'take-over-dialog',
    });
    if (!confirmed) return;
    setOpening(session.code);
    setError(null);
    const result = await request<FacilitatorLink>('POST', `/api/account/live-sessions/${session.code}/facilitator-link`);
    setOpening(null);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    writeStored(storageKeys.facilitatorToken(session.code), result.data.facilitatorToken);
    window.location.assign(`/f/${session.code}`);
  };

  /** Keeps what this session prepared as a template of the organiser's. */
  const saveTemplate = async (session: LiveSessionSummary) => {
    const name = await dialogs.prompt({ title: t('template.saveTitle'), label: t('template.nameLabel'), initial: session.title, confirmLabel: t('template.save'), testId: 'template-save-dialog' });
    if (name === null || checkLine(name, TEMPLATE_NAME_MAX_CHARS).problem !== null) return;
    setOpening(`template:${session.code}`);
    setError(null);
    setNote(null);
    const result = await request<SessionTemplatePublic>('POST', '/api/account/templates', { code: session.code, name });
    setOpening(null);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setNote(t('template.saved', { name: result.data.name }));
    templates.reload();
  };

  /** A new session prepared like this one (settings, venues, Q&A tracks, polls); it opens in the console. */
  const duplicate = async (session: LiveSessionSummary) => {
    setOpening(`copy:${session.code}`);
    setError(null);
    const result = await request<CreatedSession>('POST', `/api/account/live-sessions/${session.code}/duplicate`);
    if (!result.ok) {
      setOpening(null);
      setError(result.error);
      return;
    }
    window.location.assign(keepCreatedSession(result.data));
  };

  return (
    <section className="platform-page" data-testid="platform-live">
      <header className="platform-page-header">
        <h1 className="platform-title">{t('platform.live.title')}</h1>
        <p className="platform-lead">{t('platform.live.lead')}</p>
      </header>
      {organiser ? (
        <NewLiveSession lang={lang} request={request} />
      ) : (
        <p className="alert alert-info" data-testid="live-not-organiser">
          {t('platform.live.notOrganiser')}
        </p>
      )}
      {organiser && <TemplatesCard lang={lang} request={request} templates={templates} dialogs={dialogs} />}
      {error && (
        <p className="alert alert-error" role="alert" data-testid="live-error">
          {errorText(t, error)}
        </p>
      )}
      {note && !error && (
        <p className="alert alert-info" role="status" data-testid="live-note">
          {note}
        </p>
      )}
      <div className="card platform-card">
        {sessions.data === null ? (
          <Loading t={t} error={sessions.error} />
        ) : sessions.data.length === 0 ? (
          <p className="platform-empty" data-testid="live-empty">
            {t('platform.live.empty')}
          </p>
        ) : (
          <ul className="platform-list" data-testid="live-sessions">
            {sessions.data.map((session) => {
              const hasLink = readStored(storageKeys.facilitatorToken(session.code)) !== null;
              return (
                <li key={session.code} className="platform-list-item" data-testid="live-session">
                  <div>
                    <strong dir="auto">{session.title}</strong>
                    {session.challenge && (
                      <span className="platform-meta" dir="auto" data-testid="live-session-challenge">
                        {t('platform.live.forChallenge', { title: session.challenge.title })}
                      </span>
                    )}
                    <span className="platform-meta">
                      {t(`platform.live.phase.${session.phase}`)} ·{' '}
                      {t('platform.live.meta', {
                        code: session.code,
                        participants: session.participants,
                        ideas: session.ideas,
                        created: formatDateTime(language, session.createdAt),
                      })}
                    </span>
                  </div>
                  <div className="platform-actions">
                    <a className="button button-ghost button-small" href={session.joinUrl} target="_blank" rel="noreferrer">
                      {t('platform.live.joinPage')}
                    </a>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      disabled={opening !== null}
                      onClick={() => void openConsole(session)}
                      data-testid="live-open-console"
                    >
                      {opening === session.code ? t('platform.live.takingOver') : hasLink ? t('platform.live.openConsole') : t('platform.live.takeOver')}
                    </button>
                    {organiser && (
                      <button
                        type="button"
                        className="button button-ghost button-small"
                        disabled={opening !== null}
                        title={t('platform.live.duplicateHint')}
                        onClick={() => void duplicate(session)}
                        data-testid="live-duplicate"
                      >
                        {opening === `copy:${session.code}` ? t('platform.live.duplicating') : t('platform.live.duplicate')}
                      </button>
                    )}
                    {organiser && (
                      <button
                        type="button"
                        className="button button-ghost button-small"
                        disabled={opening !== null}
                        onClick={() => void saveTemplate(session)}
                        data-testid="live-save-template"
                      >
                        {t('template.save')}
                      </button>
                    )}
                  </div>
                  {organiser && (
                    <div className="pipeline-add-toggle">
                      <button
                        type="button"
                        className="button button-ghost button-small"
                        aria-expanded={pipelineFor === session.code}
                        onClick={() => setPipelineFor(pipelineFor === session.code ? null : session.code)}
                        data-testid="live-add-to-pipeline"
                      >
                        {pipelineFor === session.code ? t('pipeline.add.close') : t('pipeline.add.open')}
                      </button>
                      {pipelineFor === session.code && <AddToPipeline lang={lang} request={request} code={session.code} />}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </div>
      {dialogs.dialog}
    </section>
  );
}

/** Title and audience language; venues, settings and the rest are in the console it opens. */
function NewLiveSession({ lang, request }: Pick<PlatformPageProps, 'lang' | 'request'>) {
  const { t } = lang;
  const ids = useId();
  const [title, setTitle] = useState('');
  const [pickedLanguage, setPickedLanguage] = useState<Language | null>(null);
  const sessionLanguage = pickedLanguage ?? lang.language;
  const titleField = useTextField(title, SESSION_TITLE_MAX_CHARS);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<RequestError | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    if (!titleField.ready()) {
      document.getElementById(`${ids}-title`)?.focus();
      return;
    }
    setSubmitting(true);
    setError(null);
    const body: CreateSessionBody = { title: titleField.check.text, language: sessionLanguage };
    const result = await request<CreatedSession>('POST', '/api/account/live-sessions', body);
    if (!result.ok) {
      setSubmitting(false);
      setError(result.error);
      return;
    }
    window.location.assign(keepCreatedSession(result.data));
  };

  return (
    <form className="card platform-card platform-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={submitting} data-testid="live-create">
      <h2 className="platform-subtitle">{t('platform.live.create')}</h2>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-title`}>
          <span>{t('platform.live.sessionTitle')}</span>
          <CharCounter field={titleField} />
        </label>
        <input
          id={`${ids}-title`}
          className="input"
          dir="auto"
          value={title}
          aria-invalid={titleField.shown !== null}
          aria-describedby={titleField.shown !== null ? `${ids}-title-error` : undefined}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="live-title"
        />
        <TextFieldNote field={titleField} id={`${ids}-title-error`} t={t} requiredKey="platform.live.titleMissing" />
      </div>
      <fieldset className="field choice-group">
        <legend className="field-label">{t('platform.live.language')}</legend>
        <div className="choice-row">
          {UI_LANGUAGES.map((option) => (
            <label key={option} className="choice">
              <input type="radio" name={`${ids}-language`} value={option} checked={sessionLanguage === option} onChange={() => setPickedLanguage(option)} />
              <span lang={option === 'zh' ? 'zh-CN' : 'en'}>{t(`lang.${option}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {error && (
        <p className="alert alert-error" role="alert" data-testid="live-create-error">
          {errorText(t, error)}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={submitting} data-testid="live-create-submit">
        {submitting ? t('platform.live.creating') : t('platform.live.createSubmit')}
      </button>
    </form>
  );
}
