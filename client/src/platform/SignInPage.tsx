import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { LoginBody, Me } from '@ideasphere/shared';
import { apiRequest, type RequestError } from '../lib/api';
import { errorText, type LanguageState } from '../lib/i18n';
import { formatTime } from './format';
import { AccountForm } from './LinkPage';

interface SignInPageProps {
  lang: LanguageState;
  /** Why the person is here again: their session ended, or they signed out. */
  notice: 'ended' | 'signedOut' | null;
  onSignedIn: (me: Me) => void;
}

/** Email and password, or a new account (sign-up). A lockout says when it ends. */
export function SignInPage({ lang, notice, onSignedIn }: SignInPageProps) {
  const { t } = lang;
  const [signingUp, setSigningUp] = useState(false);
  const switchLink = (label: string, testId: string) => (
    <p className="field-hint platform-form-switch">
      <button type="button" className="button button-ghost button-small" onClick={() => setSigningUp((value) => !value)} data-testid={testId}>
        {label}
      </button>
    </p>
  );
  if (signingUp) {
    return (
      <section className="platform-narrow">
        <AccountForm mode="signup" token={null} info={null} lang={lang} onDone={onSignedIn} footer={switchLink(t('platform.signUp.toSignIn'), 'to-sign-in')} />
      </section>
    );
  }
  return <SignInForm lang={lang} notice={notice} onSignedIn={onSignedIn} footer={switchLink(t('platform.signIn.toSignUp'), 'to-sign-up')} />;
}

function SignInForm({ lang, notice, onSignedIn, footer }: SignInPageProps & { footer: ReactNode }) {
  const { t, language } = lang;
  const ids = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<RequestError | 'missing' | null>(null);
  const [lockedUntil, setLockedUntil] = useState<Date | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    if (email.trim() === '' || password === '') {
      setError('missing');
      return;
    }
    setSubmitting(true);
    setError(null);
    const body: LoginBody = { email, password };
    const result = await apiRequest<Me>('/api/account/login', { method: 'POST', body });
    setSubmitting(false);
    if (result.ok) {
      onSignedIn(result.data);
      return;
    }
    setError(result.error);
    setLockedUntil(result.error.retryAfterSeconds === undefined ? null : new Date(Date.now() + result.error.retryAfterSeconds * 1000));
    setPassword('');
  };

  let message: string | null = null;
  if (error === 'missing') message = t('platform.signIn.missing');
  else if (error?.reason === 'login_locked' && error.retryAfterSeconds !== undefined && lockedUntil) {
    message = t('platform.signIn.locked', { time: formatTime(language, lockedUntil), minutes: Math.ceil(error.retryAfterSeconds / 60) });
  } else if (error) message = errorText(t, error);

  return (
    <section className="platform-narrow">
      <form className="card platform-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={submitting} data-testid="sign-in-form">
        <h1 className="platform-title">{t('platform.signIn.title')}</h1>
        <p className="platform-lead">{t('platform.signIn.lead')}</p>
        {notice && (
          <p className="alert alert-info" role="status" data-testid="sign-in-notice">
            {notice === 'ended' ? t('platform.sessionEnded') : t('platform.signedOut')}
          </p>
        )}
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-email`}>
            {t('platform.signIn.email')}
          </label>
          <input
            id={`${ids}-email`}
            className="input"
            type="email"
            autoComplete="username"
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="sign-in-email"
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-password`}>
            {t('platform.signIn.password')}
          </label>
          <input
            id={`${ids}-password`}
            className="input"
            type="password"
            autoComplete="current-password"
            value={password}
            aria-invalid={error !== null && error !== 'missing' && error.reason === 'credentials_invalid'}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="sign-in-password"
          />
        </div>
        {message && (
          <p className="alert alert-error" role="alert" data-testid="sign-in-error" data-reason={error !== 'missing' ? error?.reason : 'missing'}>
            {message}
          </p>
        )}
        <button type="submit" className="button button-primary button-large button-block" disabled={submitting} data-testid="sign-in-submit">
          {submitting ? t('platform.signIn.submitting') : t('platform.signIn.submit')}
        </button>
        <p className="field-hint">{t('platform.signIn.forgot')}</p>
        {footer}
      </form>
    </section>
  );
}
