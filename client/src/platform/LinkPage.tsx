import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { AccountLinkKind, LinkInfo, Me } from '@ideasphere/shared';
import { graphemeCount } from '@ideasphere/shared/text.js';
import { PASSWORD_MAX_GRAPHEMES, PASSWORD_MIN_GRAPHEMES } from '@ideasphere/shared/limits.js';
import { apiRequest, type RequestError } from '../lib/api';
import { errorText, type LanguageState } from '../lib/i18n';
import { StatusScreen } from '../ui/StatusScreen';
import { KeyIcon } from '../ui/icons';
import { formatDateTime } from './format';

interface LinkPageProps {
  kind: AccountLinkKind;
  token: string | null;
  lang: LanguageState;
  onDone: (me: Me) => void;
  onSignIn: () => void;
}

type Check = { kind: 'checking' } | { kind: 'open'; info: LinkInfo } | { kind: 'invalid'; error: RequestError | null };

/** What an account form is for: redeeming a one-time link, or signing up (no link). */
export type AccountFormMode = AccountLinkKind | 'signup';

const ENDPOINT: Record<AccountFormMode, string> = {
  setup: '/api/account/setup',
  invite: '/api/account/invites/accept',
  reset: '/api/account/password-reset',
  signup: '/api/account/signup',
};

/** A one-time link's page: first admin (setup), a new account (invite), a new password (reset). */
export function LinkPage({ kind, token, lang, onDone, onSignIn }: LinkPageProps) {
  const { t } = lang;
  const [check, setCheck] = useState<Check>(token ? { kind: 'checking' } : { kind: 'invalid', error: null });

  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    void apiRequest<LinkInfo>('/api/account/links/check', { method: 'POST', body: { token }, signal: controller.signal })
      .then((result) => {
        if (result.ok && result.data.kind === kind) setCheck({ kind: 'open', info: result.data });
        else setCheck({ kind: 'invalid', error: result.ok ? null : result.error });
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [kind, token]);

  if (check.kind === 'checking') {
    return (
      <div className="platform-loading" role="status">
        <span className="spinner" aria-hidden="true" />
        {t('platform.link.checking')}
      </div>
    );
  }
  if (check.kind === 'invalid' || token === null) {
    const gone = check.kind === 'invalid' && (check.error === null || check.error.reason === 'link_invalid');
    return (
      <StatusScreen
        icon={<KeyIcon size={32} />}
        tone="error"
        title={t('platform.link.invalidTitle')}
        body={gone || check.kind !== 'invalid' || check.error === null ? t('platform.link.invalidBody') : errorText(t, check.error)}
        testId="link-invalid"
      >
        <button type="button" className="button button-primary" onClick={onSignIn}>
          {t('platform.link.toSignIn')}
        </button>
      </StatusScreen>
    );
  }
  return <AccountForm mode={kind} token={token} info={check.info} lang={lang} onDone={onDone} />;
}

interface AccountFormProps {
  mode: AccountFormMode;
  /** The link's token and what the server said of it; null for sign-up. */
  token: string | null;
  info: LinkInfo | null;
  lang: LanguageState;
  onDone: (me: Me) => void;
  /** Shown under the submit button (sign-up: the way back to sign-in). */
  footer?: ReactNode;
}

/** Name, email and a new password, as a mode needs them; the server's answer signs the person in. */
export function AccountForm({ mode: kind, token, info, lang, onDone, footer }: AccountFormProps) {
  const { t, language } = lang;
  const ids = useId();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<RequestError | null>(null);
  const asksName = kind !== 'reset';
  const asksEmail = kind === 'setup' || kind === 'signup';

  const titles: Record<AccountFormMode, { title: string; lead: string; submit: string }> = {
    setup: { title: t('platform.setup.title'), lead: t('platform.setup.lead'), submit: t('platform.setup.submit') },
    invite: {
      title: t('platform.invite.title'),
      lead: info?.organisationName
        ? t('platform.invite.leadOrg', { email: info.email ?? '', organisation: info.organisationName })
        : t('platform.invite.lead', { email: info?.email ?? '' }),
      submit: t('platform.invite.submit'),
    },
    reset: { title: t('platform.reset.title'), lead: t('platform.reset.lead', { email: info?.email ?? '' }), submit: t('platform.reset.submit') },
    signup: { title: t('platform.signUp.title'), lead: t('platform.signUp.lead'), submit: t('platform.signUp.submit') },
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    const length = graphemeCount(password.normalize('NFC'));
    const found =
      asksName && name.trim() === ''
        ? t('platform.form.nameMissing')
        : asksEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())
          ? t('platform.form.emailInvalid')
          : length < PASSWORD_MIN_GRAPHEMES
            ? t('platform.form.tooShort', { min: PASSWORD_MIN_GRAPHEMES })
            : length > PASSWORD_MAX_GRAPHEMES
              ? t('platform.form.tooLong', { max: PASSWORD_MAX_GRAPHEMES })
              : password !== confirm
                ? t('platform.form.mismatch')
                : null;
    setProblem(found);
    if (found) return;
    setSubmitting(true);
    setError(null);
    const body = { ...(token === null ? {} : { token }), password, ...(asksName ? { name } : {}), ...(asksEmail ? { email } : {}) };
    const result = await apiRequest<Me>(ENDPOINT[kind], { method: 'POST', body });
    setSubmitting(false);
    if (result.ok) onDone(result.data);
    else setError(result.error);
  };

  return (
    <section className="platform-narrow">
      <form className="card platform-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={submitting} data-testid={`link-form-${kind}`}>
        <h1 className="platform-title">{titles[kind].title}</h1>
        <p className="platform-lead">{titles[kind].lead}</p>
        {info && <p className="field-hint">{t('platform.link.expires', { time: formatDateTime(language, info.expiresAt) })}</p>}
        {asksName && (
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-name`}>
              {t('platform.form.name')}
            </label>
            <input
              id={`${ids}-name`}
              className="input"
              autoComplete="name"
              value={name}
              onChange={(e) => (setName(e.target.value), setProblem(null))}
              data-testid="link-name"
            />
          </div>
        )}
        {asksEmail && (
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-email`}>
              {t('platform.form.email')}
            </label>
            <input id={`${ids}-email`} className="input" type="email" autoComplete="username" value={email} onChange={(e) => (setEmail(e.target.value), setProblem(null))} data-testid="link-email" />
          </div>
        )}
        {!asksEmail && info?.email && <input type="hidden" autoComplete="username" value={info.email} readOnly />}
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-password`}>
            {t('platform.form.password')}
          </label>
          <input
            id={`${ids}-password`}
            className="input"
            type="password"
            autoComplete="new-password"
            value={password}
            aria-describedby={`${ids}-password-hint`}
            onChange={(e) => (setPassword(e.target.value), setProblem(null))}
            data-testid="link-password"
          />
          <p id={`${ids}-password-hint`} className="field-hint">
            {t('platform.form.passwordHint', { min: PASSWORD_MIN_GRAPHEMES })}
          </p>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-confirm`}>
            {t('platform.form.confirm')}
          </label>
          <input
            id={`${ids}-confirm`}
            className="input"
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => (setConfirm(e.target.value), setProblem(null))}
            data-testid="link-confirm"
          />
        </div>
        {(problem ?? error) && (
          <p className="alert alert-error" role="alert" data-testid="link-error">
            {problem ?? (error ? errorText(t, error) : '')}
          </p>
        )}
        <button type="submit" className="button button-primary button-large button-block" disabled={submitting} data-testid="link-submit">
          {submitting ? t('platform.form.working') : titles[kind].submit}
        </button>
        {footer}
      </form>
    </section>
  );
}
