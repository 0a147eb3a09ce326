import './agreements.css';
import type { AgreementSummary } from '@ideasphere/shared';
import { formatDateTime } from '../platform/format';
import { Loading } from '../platform/Loading';
import { pathOf } from '../platform/platformRoutes';
import { useFetched } from '../platform/useFetched';
import type { AgreementPageProps } from './agreementPageProps';

/** `/platform/agreements`: the agreements the account sent or is asked to sign, newest first. */
export function AgreementsPage({ me, lang, request, navigate }: AgreementPageProps) {
  const { t, language } = lang;
  const { data, error } = useFetched<AgreementSummary[]>(request, '/api/agreements');
  const maySend = me.memberships.length > 0;

  return (
    <section className="platform-page" data-testid="agreements-page">
      <header className="platform-page-header platform-page-header-row">
        <div>
          <h1 className="platform-title">{t('agreement.list.title')}</h1>
          <p className="platform-lead">{t('agreement.list.lead')}</p>
        </div>
        {maySend && (
          <a
            className="button button-primary"
            href={pathOf({ page: 'agreementNew' })}
            data-testid="agreement-new"
            onClick={(event) => {
              event.preventDefault();
              navigate({ page: 'agreementNew' });
            }}
          >
            {t('agreement.list.new')}
          </a>
        )}
      </header>
      {data === null ? (
        <Loading t={t} error={error} />
      ) : data.length === 0 ? (
        <p className="platform-empty" data-testid="agreements-empty">
          {t(maySend ? 'agreement.list.emptySender' : 'agreement.list.empty')}
        </p>
      ) : (
        <ul className="card platform-card platform-list" data-testid="agreements-list">
          {data.map((agreement) => (
            <li key={agreement.id} className="platform-list-item" data-testid="agreement-row">
              <div>
                <a
                  className="platform-link"
                  dir="auto"
                  href={pathOf({ page: 'agreement', id: agreement.id })}
                  onClick={(event) => {
                    event.preventDefault();
                    navigate({ page: 'agreement', id: agreement.id });
                  }}
                >
                  {agreement.title}
                </a>
                <span className="platform-meta">
                  {t(`agreement.kind.${agreement.kind}`)} · {t(agreement.isSender ? 'agreement.list.youSent' : 'agreement.list.toYou')} ·{' '}
                  {formatDateTime(language, agreement.createdAt)}
                </span>
                {agreement.status === 'sent' && agreement.waitingFor.length > 0 && (
                  <span className="platform-meta" dir="auto" data-testid="agreement-waiting">
                    {t('agreement.list.waitingFor', { names: agreement.waitingFor.join(language === 'zh' ? '、' : ', ') })}
                  </span>
                )}
              </div>
              <span className="agreement-status" data-status={agreement.status} data-testid="agreement-status">
                {t(`agreement.status.${agreement.status}`)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
