import './awards.css';
import { useId, useState, type FormEvent } from 'react';
import type { AwardProgrammeSummary, AwardProgrammeView, CreateAwardProgrammeBody } from '@ideasphere/shared';
import type { RequestError } from '../lib/api';
import { errorText } from '../lib/i18n';
import type { PlatformPageProps } from '../platform/HomePage';
import { Loading } from '../platform/Loading';
import { pathOf } from '../platform/platformRoutes';
import { useFetched } from '../platform/useFetched';

/** `/platform/awards`: the award programmes of the account's organisations, and a new one for their admins. */
export function AwardsPage({ me, lang, request, navigate }: PlatformPageProps) {
  const { t } = lang;
  const { data, error } = useFetched<AwardProgrammeSummary[]>(request, '/api/awards');
  const adminOf = me.memberships.filter((m) => m.role === 'org_admin' || me.account.platformRole === 'platform_admin');

  return (
    <section className="platform-page" data-testid="awards-page">
      <header className="platform-page-header">
        <h1 className="platform-title">{t('award.list.title')}</h1>
        <p className="platform-lead">{t('award.list.lead')}</p>
      </header>
      {adminOf.length > 0 && <NewProgramme {...{ lang, request, navigate }} organisations={adminOf.map((m) => m.organisation)} />}
      <div className="card platform-card">
        {data === null ? (
          <Loading t={t} error={error} />
        ) : data.length === 0 ? (
          <p className="platform-empty" data-testid="awards-empty">
            {t('award.list.empty')}
          </p>
        ) : (
          <ul className="platform-list" data-testid="awards-list">
            {data.map((programme) => (
              <li key={programme.id} className="platform-list-item" data-testid="award-row">
                <div>
                  <a
                    className="platform-link"
                    dir="auto"
                    href={pathOf({ page: 'award', id: programme.id })}
                    onClick={(event) => {
                      event.preventDefault();
                      navigate({ page: 'award', id: programme.id });
                    }}
                  >
                    {programme.name}
                  </a>
                  <span className="platform-meta" dir="auto">
                    {t('award.list.meta', { organisation: programme.organisationName, year: programme.year, categories: programme.categories, nominations: programme.nominations })}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function NewProgramme({ lang, request, navigate, organisations }: Pick<PlatformPageProps, 'lang' | 'request' | 'navigate'> & { organisations: { id: string; name: string }[] }) {
  const { t } = lang;
  const ids = useId();
  const [organisationId, setOrganisationId] = useState(organisations[0]?.id ?? '');
  const [name, setName] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const body: CreateAwardProgrammeBody = { organisationId, name, year: Number(year) };
    const result = await request<AwardProgrammeView>('POST', '/api/awards', body);
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    navigate({ page: 'award', id: result.data.programme.id });
  };

  return (
    <form className="card platform-card platform-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy} data-testid="award-create">
      <h2 className="platform-subtitle">{t('award.create.title')}</h2>
      <p className="platform-meta">{t('award.create.seeded')}</p>
      <div className="award-form-row">
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-org`}>
            {t('award.create.organisation')}
          </label>
          <select id={`${ids}-org`} className="input" value={organisationId} onChange={(e) => setOrganisationId(e.target.value)} data-testid="award-create-org">
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field award-grow">
          <label className="field-label" htmlFor={`${ids}-name`}>
            {t('award.create.name')}
          </label>
          <input id={`${ids}-name`} className="input" dir="auto" value={name} onChange={(e) => setName(e.target.value)} data-testid="award-create-name" />
        </div>
        <div className="field award-narrow">
          <label className="field-label" htmlFor={`${ids}-year`}>
            {t('award.create.year')}
          </label>
          <input id={`${ids}-year`} className="input" type="number" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} data-testid="award-create-year" />
        </div>
      </div>
      {error && (
        <p className="alert alert-error" role="alert" data-testid="award-create-error">
          {errorText(t, error)}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={busy} data-testid="award-create-submit">
        {busy ? t('award.create.creating') : t('award.create.submit')}
      </button>
    </form>
  );
}
