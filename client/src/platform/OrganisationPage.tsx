import { useId, useState, type FormEvent } from 'react';
import type { AccountPage, OrganisationSummary, OrgMemberPublic, OrgRole } from '@ideasphere/shared';
import { ORG_ROLES } from '@ideasphere/shared/accounts/accountModel.js';
import type { RequestError } from '../lib/api';
import { errorText } from '../lib/i18n';
import { StatusScreen } from '../ui/StatusScreen';
import { KeyIcon } from '../ui/icons';
import type { PlatformPageProps } from './HomePage';
import { InvitePanel } from './InvitePanel';
import { useFetched } from './useFetched';
import { Loading } from './Loading';

/**
 * One organisation. Members see what it is and their role; its org admins and platform admins
 * also rename it, manage its members and invite people into it.
 */
export function OrganisationPage({ me, lang, request, navigate, organisationId }: PlatformPageProps & { organisationId: string }) {
  const { t } = lang;
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const isPlatformAdmin = me.account.platformRole === 'platform_admin';
  const organisation = useFetched<OrganisationSummary>(request, `/api/orgs/${organisationId}`);
  const manages = isPlatformAdmin || organisation.data?.myRole === 'org_admin';
  const memberList = useFetched<OrgMemberPublic[]>(request, manages ? `/api/orgs/${organisationId}/members` : null);
  const members = memberList.data;
  const reload = () => {
    organisation.reload();
    memberList.reload();
  };

  if (organisation.data === null && organisation.error === null) {
    return (
      <Loading t={t} />
    );
  }
  if (organisation.data === null && organisation.error !== null) {
    const error = organisation.error;
    return (
      <StatusScreen
        icon={<KeyIcon size={32} />}
        tone="error"
        title={error.code === 'not_found' ? t('platform.org.notFound') : errorText(t, error)}
        testId="org-not-found"
      >
        <button type="button" className="button button-primary" onClick={() => navigate({ page: 'orgs' })}>
          {t('platform.org.back')}
        </button>
      </StatusScreen>
    );
  }

  const org = organisation.data;
  if (org === null) return null;
  const say = (tone: 'success' | 'error', text: string) => setNotice({ tone, text });

  const setRole = async (member: OrgMemberPublic, role: OrgRole) => {
    const result = await request<OrgMemberPublic>('PUT', `/api/orgs/${org.id}/members/${member.accountId}`, { role });
    if (!result.ok) return say('error', errorText(t, result.error));
    say('success', t('platform.org.roleChanged', { name: member.name, role: t(`platform.orgRole.${role}`) }));
    reload();
  };

  const remove = async (member: OrgMemberPublic) => {
    if (!window.confirm(t('platform.org.removeConfirm', { name: member.name, organisation: org.name }))) return;
    const result = await request('DELETE', `/api/orgs/${org.id}/members/${member.accountId}`);
    if (!result.ok) return say('error', errorText(t, result.error));
    say('success', t('platform.org.removed', { name: member.name }));
    reload();
  };

  return (
    <section className="platform-page" data-testid="org-page">
      <header className="platform-page-header">
        <a
          href="/platform/orgs"
          className="platform-back"
          onClick={(event) => {
            event.preventDefault();
            navigate({ page: 'orgs' });
          }}
        >
          ← {t('platform.org.back')}
        </a>
        <h1 className="platform-title" data-testid="org-title">
          {org.name}
        </h1>
        <p className="platform-lead">
          {t(`platform.kind.${org.kind}`)}
          {org.myRole && <> · {t('platform.org.yourRole', { role: t(`platform.orgRole.${org.myRole}`) })}</>}
        </p>
        <button type="button" className="button button-secondary button-small platform-back" onClick={() => navigate({ page: 'profile', kind: 'organisation', id: org.id })} data-testid="org-profile">
          {t('platform.org.profile')}
        </button>
      </header>
      <div aria-live="polite">
        {notice && (
          <p className={`alert alert-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="org-notice">
            {notice.text}
          </p>
        )}
      </div>
      <div className="card platform-card">
        <h2 className="platform-subtitle">{t('platform.org.members')}</h2>
        {!manages ? (
          <p className="platform-empty" data-testid="members-hidden">
            {t('platform.org.membersHidden')}
          </p>
        ) : members === null ? (
          <Loading t={t} />
        ) : members.length === 0 ? (
          <p className="platform-empty">{t('platform.org.membersEmpty')}</p>
        ) : (
          <ul className="platform-list" data-testid="members-list">
            {members.map((member) => {
              const self = member.accountId === me.account.id;
              // An org admin may not change or remove themselves (the server refuses it too).
              const locked = self && !isPlatformAdmin;
              return (
                <li key={member.accountId} className="platform-list-item" data-testid="member-row" data-email={member.email}>
                  <div>
                    <strong>
                      {member.name}
                      {self && <span className="platform-you"> ({t('platform.people.you')})</span>}
                    </strong>
                    <span className="platform-meta">
                      {member.email}
                      {member.status === 'deactivated' && ` · ${t('platform.status.deactivated')}`}
                    </span>
                  </div>
                  <div className="platform-row-actions">
                    <select
                      className="input platform-select-small"
                      aria-label={t('platform.invite.orgRole')}
                      value={member.role}
                      disabled={locked}
                      onChange={(e) => void setRole(member, e.target.value as OrgRole)}
                      data-testid="member-role"
                    >
                      {ORG_ROLES.map((role) => (
                        <option key={role} value={role}>
                          {t(`platform.orgRole.${role}`)}
                        </option>
                      ))}
                    </select>
                    {!locked && (
                      <button type="button" className="button button-danger-ghost button-small" onClick={() => void remove(member)} data-testid="member-remove">
                        {t('platform.org.remove')}
                      </button>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      {manages && <InvitePanel lang={lang} request={request} organisations={[org]} fixedOrganisationId={org.id} mayGrantPlatformAdmin={isPlatformAdmin} />}
      {isPlatformAdmin && members !== null && (
        <AddExistingAccount lang={lang} request={request} org={org} members={members} onAdded={(text) => (say('success', text), reload())} />
      )}
      {manages && <RenameOrganisation lang={lang} request={request} org={org} onRenamed={(text) => (say('success', text), reload())} />}
    </section>
  );
}

function RenameOrganisation({
  lang,
  request,
  org,
  onRenamed,
}: Pick<PlatformPageProps, 'lang' | 'request'> & { org: OrganisationSummary; onRenamed: (text: string) => void }) {
  const { t } = lang;
  const id = useId();
  const [name, setName] = useState(org.name);
  const [error, setError] = useState<RequestError | null>(null);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await request<OrganisationSummary>('PATCH', `/api/orgs/${org.id}`, { name });
    if (!result.ok) return setError(result.error);
    setError(null);
    onRenamed(t('platform.org.renamed'));
  };
  return (
    <form className="card platform-card platform-inline-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <div className="field">
        <label className="field-label" htmlFor={id}>
          {t('platform.orgs.name')}
        </label>
        <input id={id} className="input" value={name} onChange={(e) => setName(e.target.value)} data-testid="org-rename" />
      </div>
      <button type="submit" className="button button-secondary" disabled={name.trim() === '' || name === org.name}>
        {t('platform.org.rename')}
      </button>
      {error && (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </form>
  );
}

/** Platform admins only: put an account that already exists into this organisation. */
function AddExistingAccount({
  lang,
  request,
  org,
  members,
  onAdded,
}: Pick<PlatformPageProps, 'lang' | 'request'> & { org: OrganisationSummary; members: OrgMemberPublic[]; onAdded: (text: string) => void }) {
  const { t } = lang;
  const ids = useId();
  const candidates = useFetched<AccountPage>(request, '/api/accounts').data?.accounts ?? [];
  const [accountId, setAccountId] = useState('');
  const [role, setRole] = useState<OrgRole>('member');
  const [error, setError] = useState<RequestError | null>(null);

  const available = candidates.filter((a) => a.status === 'active' && !members.some((m) => m.accountId === a.id));
  if (available.length === 0) return null;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const account = available.find((a) => a.id === accountId);
    if (!account) return;
    const result = await request('PUT', `/api/orgs/${org.id}/members/${account.id}`, { role });
    if (!result.ok) return setError(result.error);
    setError(null);
    setAccountId('');
    onAdded(t('platform.org.added', { name: account.name }));
  };

  return (
    <form className="card platform-card platform-inline-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="member-add">
      <h2 className="platform-subtitle">{t('platform.org.addTitle')}</h2>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-account`}>
          {t('platform.people.name')}
        </label>
        <select id={`${ids}-account`} className="input" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
          <option value="">{t('platform.org.addPick')}</option>
          {available.map((account) => (
            <option key={account.id} value={account.id}>
              {account.name} · {account.email}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-role`}>
          {t('platform.invite.orgRole')}
        </label>
        <select id={`${ids}-role`} className="input" value={role} onChange={(e) => setRole(e.target.value as OrgRole)}>
          {ORG_ROLES.map((option) => (
            <option key={option} value={option}>
              {t(`platform.orgRole.${option}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-secondary" disabled={accountId === ''}>
        {t('platform.org.add')}
      </button>
      {error && (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </form>
  );
}
