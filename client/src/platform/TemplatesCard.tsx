import { useState } from 'react';
import type { CreatedSession, SessionTemplatePublic } from '@ideasphere/shared';
import type { RequestError } from '../lib/api';
import { errorText } from '../lib/i18n';
import { keepCreatedSession } from '../console/recentSessions';
import type { Dialogs } from '../ui/useDialog';
import { formatDateTime } from './format';
import type { PlatformPageProps } from './HomePage';
import type { Fetched } from './useFetched';
import { Loading } from './Loading';

interface TemplatesCardProps extends Pick<PlatformPageProps, 'lang' | 'request'> {
  templates: Fetched<SessionTemplatePublic[]>;
  dialogs: Dialogs;
}

/**
 * The organiser's saved session templates: start a session from one (it opens in the console,
 * with its settings, venues, Q&A tracks and prepared polls) or delete one.
 */
export function TemplatesCard({ lang, request, templates, dialogs }: TemplatesCardProps) {
  const { t, language } = lang;
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<RequestError | null>(null);

  const start = async (template: SessionTemplatePublic) => {
    setBusy(template.id);
    setError(null);
    const result = await request<CreatedSession>('POST', '/api/account/live-sessions/from-template', { templateId: template.id });
    if (!result.ok) {
      setBusy(null);
      setError(result.error);
      return;
    }
    window.location.assign(keepCreatedSession(result.data));
  };
  const remove = async (template: SessionTemplatePublic) => {
    const ok = await dialogs.confirm({ title: t('template.confirmDelete', { name: template.name }), confirmLabel: t('template.delete'), tone: 'danger', testId: 'template-delete-dialog' });
    if (!ok) return;
    setBusy(template.id);
    setError(null);
    const result = await request('DELETE', `/api/account/templates/${template.id}`);
    setBusy(null);
    if (!result.ok) setError(result.error);
    templates.reload();
  };

  return (
    <section className="card platform-card" aria-labelledby="templates-heading" data-testid="live-templates">
      <h2 id="templates-heading" className="platform-subtitle">
        {t('template.heading')}
      </h2>
      {error && (
        <p className="alert alert-error" role="alert" data-testid="template-error">
          {errorText(t, error)}
        </p>
      )}
      {templates.data === null ? (
        <Loading t={t} error={templates.error} />
      ) : templates.data.length === 0 ? (
        <p className="platform-empty" data-testid="templates-empty">
          {t('template.empty')}
        </p>
      ) : (
        <ul className="platform-list">
          {templates.data.map((template) => (
            <li key={template.id} className="platform-list-item" data-testid="template">
              <div>
                <strong dir="auto">{template.name}</strong>
                <span className="platform-meta">
                  {t('template.meta', {
                    title: template.title,
                    venues: template.venues.length,
                    tracks: template.tracks,
                    polls: template.polls,
                    saved: formatDateTime(language, template.createdAt),
                  })}
                </span>
              </div>
              <div className="platform-actions">
                <button type="button" className="button button-secondary button-small" disabled={busy !== null} onClick={() => void start(template)} data-testid="template-use">
                  {busy === template.id ? t('platform.live.creating') : t('template.use')}
                </button>
                <button type="button" className="button button-ghost button-small" disabled={busy !== null} onClick={() => void remove(template)} data-testid="template-delete">
                  {t('template.delete')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
