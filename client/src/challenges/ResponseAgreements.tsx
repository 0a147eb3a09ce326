import '../agreements/agreements.css';
import type { AgreementSummary, ResponsePublic } from '@ideasphere/shared';
import { AGREEMENT_FROM_RESPONSE_STATUSES } from '@ideasphere/shared/agreements/agreementModel.js';
import { formatDateTime } from '../platform/format';
import { useFetched } from '../platform/useFetched';
import type { ChallengePageProps } from './challengePageProps';

/**
 * The response page's agreements card: those made from this response that the viewer is a party
 * to (with who still has to sign), and, for the challenge's organisation once the challenge is
 * in review or decided, the way to make one.
 */
export function ResponseAgreements({ lang, request, navigate, response }: ChallengePageProps & { response: ResponsePublic }) {
  const { t, language } = lang;
  const { data } = useFetched<AgreementSummary[]>(request, `/api/agreements?responseId=${response.id}`);
  const mayCreate =
    !response.onTeam && response.status === 'submitted' && (AGREEMENT_FROM_RESPONSE_STATUSES as readonly string[]).includes(response.challenge.status);
  if (!mayCreate && (data === null || data.length === 0)) return null;
  return (
    <section className="card challenge-section" data-testid="response-agreements">
      <h2 className="platform-subtitle">{t('agreement.fromResponse.title')}</h2>
      {mayCreate && (
        <>
          <p className="platform-meta">{t('agreement.fromResponse.note')}</p>
          <button type="button" className="button button-primary" onClick={() => navigate({ page: 'agreementNew', responseId: response.id })} data-testid="response-create-agreement">
            {t('agreement.fromResponse.create')}
          </button>
        </>
      )}
      {data?.length === 0 && <p className="platform-meta">{t('agreement.fromResponse.empty')}</p>}
      {data && data.length > 0 && (
        <ul className="response-list" data-testid="response-agreement-list">
          {data.map((agreement) => (
            <li key={agreement.id}>
              <a
                href={`/platform/agreements/${agreement.id}`}
                className="platform-link"
                dir="auto"
                onClick={(event) => {
                  event.preventDefault();
                  navigate({ page: 'agreement', id: agreement.id });
                }}
              >
                {agreement.title}
              </a>
              <span className="agreement-status" data-status={agreement.status}>
                {t(`agreement.status.${agreement.status}`)}
              </span>
              <span className="platform-meta">{formatDateTime(language, agreement.createdAt)}</span>
              {agreement.status === 'sent' && agreement.waitingFor.length > 0 && (
                <span className="platform-meta" dir="auto">
                  {t('agreement.list.waitingFor', { names: agreement.waitingFor.join(language === 'zh' ? '、' : ', ') })}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
