import { useState } from 'react';
import { PROMOTE_IDEAS_MAX } from '@ideasphere/shared/responses/responseModel.js';
import type { ChallengePublic, PromotableIdeas, PromoteIdeasBody, ResponsePublic } from '@ideasphere/shared';
import type { RequestError } from '../lib/api';
import { errorText } from '../lib/i18n';
import { useFetched } from '../platform/useFetched';
import type { ChallengePageProps } from './challengePageProps';

/**
 * Ideas of the live sessions run for this challenge, promoted into a response: the viewer picks
 * ideas it wrote (or, as the session's organiser, any of it) and starts a response with them or
 * adds them to one of its own. Shown only when there is something to promote and somewhere to put it.
 */
export function PromoteIdeas({ me, lang, request, navigate, challenge }: ChallengePageProps & { challenge: ChallengePublic }) {
  const { t } = lang;
  const data = useFetched<PromotableIdeas>(request, me ? `/api/challenges/${challenge.id}/promotable-ideas` : null).data;
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [target, setTarget] = useState<string>('new');
  const [teamName, setTeamName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | null>(null);
  if (!me || !data || data.sessions.length === 0 || (!data.canStart && data.responses.length === 0)) return null;
  const into = data.canStart || data.responses.some((r) => r.id === target) ? target : (data.responses[0]?.id ?? 'new');
  const toggle = (id: string) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const ready = chosen.size > 0 && chosen.size <= PROMOTE_IDEAS_MAX && (into !== 'new' || teamName.trim() !== '');
  const promote = async () => {
    setBusy(true);
    setError(null);
    const body: PromoteIdeasBody = {
      ideaIds: [...chosen],
      target: into === 'new' ? { kind: 'new', teamName: teamName.trim(), language: lang.language } : { kind: 'existing', responseId: into },
    };
    const result = await request<ResponsePublic>('POST', `/api/challenges/${challenge.id}/promotions`, body);
    setBusy(false);
    if (result.ok) navigate({ page: 'response', id: result.data.id });
    else setError(result.error);
  };
  return (
    <section className="card challenge-section" data-testid="promote-ideas">
      <h2 className="platform-subtitle">{t('promote.title')}</h2>
      <p className="platform-meta">{t('promote.note', { max: PROMOTE_IDEAS_MAX })}</p>
      <form
        className="promote-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) void promote();
        }}
      >
        {data.sessions.map((session) => (
          <fieldset key={session.code} className="promote-session">
            <legend dir="auto">
              {session.title} <span className="platform-meta">{session.organiser ? t('promote.allIdeas') : t('promote.yourIdeas')}</span>
            </legend>
            <ul className="promote-ideas">
              {session.ideas.map((idea) => (
                <li key={idea.id}>
                  <label className="promote-idea">
                    <input type="checkbox" checked={chosen.has(idea.id)} onChange={() => toggle(idea.id)} data-testid="promote-idea" />
                    <span>
                      <strong dir="auto">{idea.title}</strong>
                      {idea.detail !== '' && <span dir="auto"> — {idea.detail}</span>}
                      {idea.authorNames.length > 0 && <span className="platform-meta"> ({idea.authorNames.join(', ')})</span>}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ))}
        <fieldset className="promote-target">
          <legend>{t('promote.into')}</legend>
          {data.canStart && (
            <label className="promote-choice">
              <input type="radio" name="promote-target" checked={into === 'new'} onChange={() => setTarget('new')} data-testid="promote-new" />
              {t('promote.newResponse')}
            </label>
          )}
          {into === 'new' && (
            <label className="field">
              <span>{t('response.teamName')}</span>
              <input value={teamName} onChange={(event) => setTeamName(event.target.value)} maxLength={80} data-testid="promote-team-name" />
            </label>
          )}
          {data.responses.map((response) => (
            <label key={response.id} className="promote-choice">
              <input type="radio" name="promote-target" checked={into === response.id} onChange={() => setTarget(response.id)} data-testid="promote-existing" />
              <span dir="auto">{t('promote.addTo', { team: response.teamName })}</span>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button button-primary" disabled={busy || !ready} data-testid="promote-submit">
          {busy ? t('platform.form.working') : t('promote.button', { count: chosen.size })}
        </button>
        {chosen.size > PROMOTE_IDEAS_MAX && <p className="platform-meta">{t('promote.tooMany', { max: PROMOTE_IDEAS_MAX })}</p>}
      </form>
      {error && (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </section>
  );
}
