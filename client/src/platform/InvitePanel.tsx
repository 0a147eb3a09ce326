import { useId, useState, type FormEvent } from 'react';
import type { CreatedInvite, CreateInviteBody, InvitePublic, OrganisationSummary, OrgRole, PlatformRole } from '@ideasphere/shared';
import { ORG_ROLES, PLATFORM_ROLES } from '@ideasphere/shared/accounts/accountModel.js';
import { EMAIL_MAX_CHARS } from '@ideasphere/shared/limits.js';
import type { RequestError } from '../lib/api';
import { errorText, type LanguageState } from '../lib/i18n';
import { formatDateTime } from './format';
import { IssuedLinkBox } from './IssuedLinkBox';
import type { PlatformRequest } from './platformApi';
import { useFetched } from './useFetched';

interface InvitePanelProps {
  lang: LanguageState;
  request: PlatformRequest;
  /** Platform admins choose any organisation (or none) and the platform role. */
  organisations: OrganisationSummary[];
  /** An org admin invites into this organisation only, as plain users. */
  fixedOrganisationId?: string;
  mayGrantPlatformAdmin: boolean;
}

/** Invite by link (no email is sent), and the invites still open, each withdrawable. */
export function InvitePanel({ lang, request, organisations, fixedOrganisationId, mayGrantPlatformAdmin }: InvitePanelProps) {
  const { t, language } = lang;
  const ids = useId();
  const [email, setEmail] = useState('');
  const [platformRole, setPlatformRole] = useState<PlatformRole>('user');
  const [organisationId, setOrganisationId] = useState<string>(fixedOrganisationId ?? '');
  const [orgRole, setOrgRole] = useState<OrgRole>('member');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | 'email' | null>(null);
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const [withdrawn, setWithdrawn] = useState<string | null>(null);

  const listPath = fixedOrganisationId ? `/api/invites?organisationId=${fixedOrganisationId}` : '/api/invites';
  const { data: open, reload } = useFetched<InvitePublic[]>(request, listPath);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
      setError('email');
      return;
    }
    setBusy(true);
    setError(null);
    setCreated(null);
    setWithdrawn(null);
    const body: CreateInviteBody = {
      email,
      platformRole,
      organisationId: organisationId === '' ? null : organisationId,
      orgRole: organisationId === '' ? null : orgRole,
    };
    const result = await request<CreatedInvite>('POST', '/api/invites', body);
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setCreated(result.data);
    setEmail('');
    reload();
  };

  const withdraw = async (invite: InvitePublic) => {
    const result = await request('DELETE', `/api/invites/${invite.id}`);
    if (result.ok) {
      setWithdrawn(invite.email);
      setCreated(null);
    } else setError(result.error);
    reload();
  };

  const orgName = (id: string | null) => organisations.find((o) => o.id === id)?.name ?? '';
  return (
    <div className="card platform-card" data-testid="invite-panel">
      <h2 className="platform-subtitle">{t('platform.invite.formTitle')}</h2>
      <p className="field-hint">{t('platform.invite.formLead')}</p>
      <form className="platform-inline-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-email`}>
            {t('platform.invite.email')}
          </label>
          <input
            id={`${ids}-email`}
            className="input"
            type="email"
            maxLength={EMAIL_MAX_CHARS}
            value={email}
            aria-invalid={error === 'email'}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="invite-email"
          />
        </div>
        {mayGrantPlatformAdmin && (
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-platform-role`}>
              {t('platform.invite.platformRole')}
            </label>
            <select id={`${ids}-platform-role`} className="input" value={platformRole} onChange={(e) => setPlatformRole(e.target.value as PlatformRole)} data-testid="invite-platform-role">
              {PLATFORM_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`platform.role.${role}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        {!fixedOrganisationId && (
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-org`}>
              {t('platform.invite.organisation')}
            </label>
            <select id={`${ids}-org`} className="input" value={organisationId} onChange={(e) => setOrganisationId(e.target.value)} data-testid="invite-organisation">
              <option value="">{t('platform.invite.noOrganisation')}</option>
              {organisations.map((org) => (
                <option key={org.id} value={org.id}>
                  {org.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {organisationId !== '' && (
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-org-role`}>
              {t('platform.invite.orgRole')}
            </label>
            <select id={`${ids}-org-role`} className="input" value={orgRole} onChange={(e) => setOrgRole(e.target.value as OrgRole)} data-testid="invite-org-role">
              {ORG_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`platform.orgRole.${role}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="submit" className="button button-primary" disabled={busy} data-testid="invite-submit">
          {busy ? t('platform.form.working') : t('platform.invite.send')}
        </button>
      </form>
      {error && (
        <p className="alert alert-error" role="alert" data-testid="invite-error">
          {error === 'email' ? t('platform.form.emailInvalid') : errorText(t, error)}
        </p>
      )}
      {created && (
        <IssuedLinkBox
          message={t('platform.invite.created', { email: created.invite.email, time: formatDateTime(language, created.link.expiresAt) })}
          url={created.link.url}
          t={t}
          testId="invite-link"
        />
      )}
      {withdrawn && (
        <p className="alert alert-info" role="status">
          {t('platform.invite.withdrawn', { email: withdrawn })}
        </p>
      )}
      <h3 className="platform-subsubtitle">{t('platform.invite.openTitle')}</h3>
      {open !== null && open.length === 0 && <p className="platform-empty">{t('platform.invite.openEmpty')}</p>}
      {open !== null && open.length > 0 && (
        <ul className="platform-list" data-testid="open-invites">
          {open.map((invite) => (
            <li key={invite.id} className="platform-list-item">
              <div>
                <strong>{invite.email}</strong>
                <span className="platform-meta">
                  {[
                    t(`platform.role.${invite.platformRole}`),
                    invite.organisationId ? `${orgName(invite.organisationId)} · ${t(`platform.orgRole.${invite.orgRole ?? 'member'}`)}` : null,
                    t('platform.invite.expires', { time: formatDateTime(language, invite.expiresAt) }),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </div>
              <button type="button" className="button button-danger-ghost button-small" onClick={() => void withdraw(invite)}>
                {t('platform.invite.withdraw')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
