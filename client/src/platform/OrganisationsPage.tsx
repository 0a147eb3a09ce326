import { useId, useState, type FormEvent } from 'react';
import type { CreateOrganisationBody, OrganisationSummary, OrgKind } from '@ideasphere/shared';
import { ORG_KINDS } from '@ideasphere/shared/accounts/accountModel.js';
import type { RequestError } from '../lib/api';
import { errorText } from '../lib/i18n';
import type { PlatformPageProps } from './HomePage';
import { useFetched } from './useFetched';
import { Loading } from './Loading';

/** Every organisation (platform admins, who also create them), or the ones you belong to. */
export function OrganisationsPage({ me, lang, request, navigate }: PlatformPageProps) {
  const { t } = lang;
  const isAdmin = me.account.platformRole === 'platform_admin';
  const { data: organisations, error, reload } = useFetched<OrganisationSummary[]>(request, '/api/orgs');

  const nameOf = (id: string | null) => organisations?.find((o) => o.id === id)?.name ?? '';
  return (
    <section className="platform-page" data-testid="orgs-page">
      <header className="platform-page-header">
        <h1 className="platform-title">{t('platform.orgs.title')}</h1>
        <p className="platform-lead">{isAdmin ? t('platform.orgs.lead') : t('platform.orgs.myLead')}</p>
      </header>
      {error && (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      <div className="card platform-card">
        {organisations === null ? (
          <Loading t={t} />
        ) : organisations.length === 0 ? (
          <p className="platform-empty" data-testid="orgs-empty">
            {isAdmin ? t('platform.orgs.empty') : t('platform.orgs.emptyMine')}
          </p>
        ) : (
          <ul className="platform-list" data-testid="orgs-list">
            {organisations.map((org) => (
              <li key={org.id} className="platform-list-item" data-testid="org-item">
                <div>
                  <a
                    href={`/platform/orgs/${org.id}`}
                    className="platform-link"
                    onClick={(event) => {
                      event.preventDefault();
                      navigate({ page: 'org', id: org.id });
                    }}
                  >
                    {org.name}
                  </a>
                  <span className="platform-meta">
                    {[t(`platform.kind.${org.kind}`), org.parentId ? t('platform.org.partOf', { name: nameOf(org.parentId) }) : null, org.myRole ? t(`platform.orgRole.${org.myRole}`) : null]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
      {isAdmin && organisations !== null && <CreateOrganisation lang={lang} request={request} organisations={organisations} onCreated={reload} />}
    </section>
  );
}

function CreateOrganisation({
  lang,
  request,
  organisations,
  onCreated,
}: Pick<PlatformPageProps, 'lang' | 'request'> & { organisations: OrganisationSummary[]; onCreated: () => void }) {
  const { t } = lang;
  const ids = useId();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrgKind>('company');
  const [parentId, setParentId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | 'name' | 'parent' | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (name.trim() === '') return setError('name');
    if (kind === 'business_unit' && parentId === '') return setError('parent');
    setBusy(true);
    setError(null);
    setCreated(null);
    const body: CreateOrganisationBody = { name, kind, parentId: kind === 'business_unit' ? parentId : null };
    const result = await request<OrganisationSummary>('POST', '/api/orgs', body);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setCreated(result.data.name);
    setName('');
    onCreated();
  };

  return (
    <div className="card platform-card" data-testid="org-create">
      <h2 className="platform-subtitle">{t('platform.orgs.createTitle')}</h2>
      <form className="platform-inline-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-name`}>
            {t('platform.orgs.name')}
          </label>
          <input
            id={`${ids}-name`}
            className="input"
            value={name}
            aria-invalid={error === 'name'}
            onChange={(e) => setName(e.target.value)}
            data-testid="org-name"
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-kind`}>
            {t('platform.orgs.kind')}
          </label>
          <select id={`${ids}-kind`} className="input" value={kind} onChange={(e) => setKind(e.target.value as OrgKind)} data-testid="org-kind">
            {ORG_KINDS.map((option) => (
              <option key={option} value={option}>
                {t(`platform.kind.${option}`)}
              </option>
            ))}
          </select>
        </div>
        {kind === 'business_unit' && (
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-parent`}>
              {t('platform.orgs.parent')}
            </label>
            <select id={`${ids}-parent`} className="input" value={parentId} aria-invalid={error === 'parent'} onChange={(e) => setParentId(e.target.value)} data-testid="org-parent">
              <option value="">{t('platform.orgs.parentPick')}</option>
              {organisations.map((org) => (
                <option key={org.id} value={org.id}>
                  {org.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="submit" className="button button-primary" disabled={busy} data-testid="org-submit">
          {busy ? t('platform.form.working') : t('platform.orgs.create')}
        </button>
      </form>
      {error && (
        <p className="alert alert-error" role="alert">
          {error === 'name' ? t('platform.form.nameMissing') : error === 'parent' ? t('platform.orgs.parentPick') : errorText(t, error)}
        </p>
      )}
      {created && (
        <p className="alert alert-success" role="status" data-testid="org-created">
          {t('platform.orgs.created', { name: created })}
        </p>
      )}
    </div>
  );
}
