import './challenges.css';
import { useState } from 'react';
import type { AccountRef, EditorLink, FrozenSubmission, ResponsePublic } from '@ideasphere/shared';
import type { RequestError } from '../lib/api';
import { errorText } from '../lib/i18n';
import { Loading } from '../platform/Loading';
import { useFetched } from '../platform/useFetched';
import type { ChallengePageProps } from './challengePageProps';
import { useNow } from './deadlineText';
import { Markdown } from './Markdown';
import { ReviewFeedback } from '../review/ReviewFeedback';
import { ResponseAgreements } from './ResponseAgreements';

type Notice = { kind: 'ok'; text: string } | { kind: 'error'; error: RequestError };

/**
 * A response: its team works here (invite, open the editor, submit, withdraw); the challenge's
 * organisation reads the submitted versions here, never the live draft.
 */
export function ResponsePage({ me, lang, request, navigate, id }: ChallengePageProps & { id: string }) {
  const { t, language } = lang;
  const now = useNow();
  const { data: response, error, refresh } = useFetched<ResponsePublic>(request, `/api/responses/${id}`);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [email, setEmail] = useState('');
  const [shown, setShown] = useState<FrozenSubmission | null>(null);
  /** The member whose removal (or, for oneself, leaving) waits for a confirmation. */
  const [removing, setRemoving] = useState<AccountRef | null>(null);

  if (response === null) {
    return error ? (
      <section className="platform-page" data-testid="response-missing">
        <p className="alert alert-error" role="alert">
          {error.reason === 'response_not_found' ? t('response.notFound') : errorText(t, error)}
        </p>
      </section>
    ) : (
      <Loading t={t} />
    );
  }
  const time = (iso: string) => new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const accepting = response.challenge.status === 'open' && Date.parse(response.challenge.deadline) > now;

  async function act<T>(method: 'POST', path: string, body: object | undefined, done: (data: T) => string | null) {
    setBusy(true);
    const result = await request<T>(method, path, body);
    if (!result.ok) {
      setBusy(false);
      setNotice({ kind: 'error', error: result.error });
      return;
    }
    const text = done(result.data);
    // The page shows the change before it reports it.
    await refresh();
    setBusy(false);
    setNotice(text === null ? null : { kind: 'ok', text });
  }
  const openEditor = async () => {
    setBusy(true);
    const result = await request<EditorLink>('POST', `/api/responses/${id}/editor-link`);
    setBusy(false);
    if (result.ok) window.location.assign(result.data.url);
    else setNotice({ kind: 'error', error: result.error });
  };
  /** Takes a member off the team; leaving oneself ends on "My responses". */
  const removeMember = async (member: AccountRef) => {
    setBusy(true);
    const result = await request('DELETE', `/api/responses/${id}/members/${member.id}`);
    if (result.ok && member.id !== me?.account.id) await refresh();
    setBusy(false);
    setRemoving(null);
    if (!result.ok) return setNotice({ kind: 'error', error: result.error });
    if (member.id === me?.account.id) return navigate({ page: 'myResponses' });
    setNotice({ kind: 'ok', text: t('response.removed', { name: member.name }) });
  };
  const view = async (versionId: string) => {
    if (shown?.submission.versionId === versionId) return setShown(null);
    const result = await request<FrozenSubmission>('GET', `/api/responses/${id}/submissions/${versionId}`);
    if (result.ok) setShown(result.data);
    else setNotice({ kind: 'error', error: result.error });
  };

  return (
    <article className="platform-page response-page" data-testid="response-page" data-status={response.status}>
      <header className="challenge-header">
        <div className="challenge-header-top">
          <span className="response-status" data-status={response.status} data-testid="response-status">
            {t(`response.status.${response.status}`)}
          </span>
          <a
            href={`/platform/challenges/${response.challenge.id}`}
            className="platform-link"
            dir="auto"
            onClick={(event) => {
              event.preventDefault();
              navigate({ page: 'challenge', id: response.challenge.id, screen: false });
            }}
          >
            {t('response.forChallenge', { challenge: response.challenge.title })}
          </a>
        </div>
        <h1 className="challenge-title" dir="auto" data-testid="response-title">
          {t('response.pageTitle', { team: response.teamName })}
        </h1>
        <p className="platform-meta">{t('response.deadline', { time: time(response.challenge.deadline) })}</p>
      </header>
      <div className="challenge-body">
        <div className="challenge-main">
          {response.onTeam && (
            <section className="card challenge-section" data-testid="response-work">
              <div className="challenge-actions">
                <button type="button" className="button button-primary" disabled={busy} onClick={() => void openEditor()} data-testid="response-open-editor">
                  {t('response.openEditor')}
                </button>
                {accepting && !confirming && (
                  <button type="button" className="button" disabled={busy} onClick={() => setConfirming(true)} data-testid="response-submit">
                    {t('response.submit')}
                  </button>
                )}
                {accepting && response.status === 'submitted' && (
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    onClick={() => void act('POST', `/api/responses/${id}/withdraw`, undefined, () => t('response.withdrawn'))}
                    data-testid="response-withdraw"
                  >
                    {t('response.withdraw')}
                  </button>
                )}
              </div>
              <p className="platform-meta">{t('response.editorNote')}</p>
              {!accepting && <p className="alert alert-error">{t('response.closed')}</p>}
              {confirming && (
                <div className="response-confirm" role="group" data-testid="response-confirm">
                  <p>{t('response.submitConfirm')}</p>
                  <div className="challenge-actions">
                    <button
                      type="button"
                      className="button button-primary"
                      disabled={busy}
                      data-testid="response-confirm-submit"
                      onClick={() => {
                        setConfirming(false);
                        void act('POST', `/api/responses/${id}/submit`, undefined, () => t('response.submitted'));
                      }}
                    >
                      {t('response.confirm')}
                    </button>
                    <button type="button" className="button" onClick={() => setConfirming(false)}>
                      {t('response.cancel')}
                    </button>
                  </div>
                </div>
              )}
            </section>
          )}
          <div aria-live="polite">
            {notice?.kind === 'ok' && (
              <p className="alert alert-success" role="status" data-testid="response-notice">
                {notice.text}
              </p>
            )}
            {notice?.kind === 'error' && (
              <p className="alert alert-error" role="alert" data-testid="response-error">
                {errorText(t, notice.error)}
              </p>
            )}
          </div>
          <ReviewFeedback lang={lang} request={request} responseId={id} />
          <section className="card challenge-section" data-testid="response-history">
            <h2 className="platform-subtitle">{t('response.history')}</h2>
            {response.submissions.length === 0 && <p className="platform-meta">{t('response.noHistory')}</p>}
            <ol className="response-history">
              {[...response.submissions].reverse().map((s) => (
                <li key={s.versionId} data-testid="response-submission">
                  <span>{t('response.submittedBy', { time: time(s.submittedAt), name: s.submittedBy.name })}</span>
                  <code className="response-hash" title={t('response.sha256')} data-testid="response-hash">
                    {t('response.sha256')} {s.sha256}
                  </code>
                  <button type="button" className="button button-small" onClick={() => void view(s.versionId)} data-testid="response-view">
                    {shown?.submission.versionId === s.versionId ? t('response.hide') : t('response.view')}
                  </button>
                  {shown?.submission.versionId === s.versionId && (
                    <div className="response-frozen" data-testid="response-frozen">
                      <Markdown source={shown.markdown} />
                    </div>
                  )}
                </li>
              ))}
            </ol>
          </section>
        </div>
        <aside className="challenge-side">
          <ResponseAgreements me={me} lang={lang} request={request} navigate={navigate} response={response} />
          <section className="card challenge-section" data-testid="response-team">
            <h2 className="platform-subtitle">{t('response.team')}</h2>
            {response.onTeam && (
              <p>
                <a
                  href={`/platform/profiles/team/${id}`}
                  className="platform-link"
                  onClick={(event) => {
                    event.preventDefault();
                    navigate({ page: 'profile', kind: 'team', id });
                  }}
                  data-testid="response-team-profile"
                >
                  {t('response.teamProfile')}
                </a>
              </p>
            )}
            <ul className="response-list">
              {response.members.map((m) => (
                <li key={m.id} className="response-member" data-testid="response-member">
                  <span dir="auto">
                    {m.name}
                    {m.id === response.owner.id && <span className="platform-meta"> · {t('response.owner')}</span>}
                  </span>
                  {response.isOwner && m.id !== response.owner.id && (
                    <button type="button" className="button button-small" disabled={busy} onClick={() => setRemoving(m)} data-testid="response-remove-member">
                      {t('response.remove')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {response.onTeam && !response.isOwner && me && (
              <button
                type="button"
                className="button button-small"
                disabled={busy}
                onClick={() => setRemoving({ id: me.account.id, name: me.account.name })}
                data-testid="response-leave"
              >
                {t('response.leave')}
              </button>
            )}
            {removing && (
              <div className="response-confirm" role="group" data-testid="response-remove-confirm">
                <p dir="auto">{removing.id === me?.account.id ? t('response.leaveConfirm') : t('response.removeConfirm', { name: removing.name })}</p>
                <div className="challenge-actions">
                  <button type="button" className="button button-primary" disabled={busy} onClick={() => void removeMember(removing)} data-testid="response-remove-confirm-yes">
                    {busy ? t('platform.form.working') : removing.id === me?.account.id ? t('response.leave') : t('response.remove')}
                  </button>
                  <button type="button" className="button" disabled={busy} onClick={() => setRemoving(null)}>
                    {t('response.cancel')}
                  </button>
                </div>
              </div>
            )}
            {response.isOwner && (
              <form
                className="response-start"
                onSubmit={(event) => {
                  event.preventDefault();
                  void act('POST', `/api/responses/${id}/members`, { email: email.trim() }, () => {
                    setEmail('');
                    return t('response.invited');
                  });
                }}
              >
                <label className="field">
                  <span>{t('response.inviteEmail')}</span>
                  <input type="email" value={email} onChange={(event) => setEmail(event.target.value)} required data-testid="response-invite-email" />
                </label>
                <button type="submit" className="button" disabled={busy || email.trim() === ''} data-testid="response-invite">
                  {t('response.inviteButton')}
                </button>
              </form>
            )}
          </section>
        </aside>
      </div>
    </article>
  );
}
