import './agreements.css';
import type { AgreementPrefill } from '@ideasphere/shared';
import { errorText } from '../lib/i18n';
import { Loading } from '../platform/Loading';
import { useFetched } from '../platform/useFetched';
import { AgreementForm } from './AgreementForm';
import type { AgreementPageProps } from './agreementPageProps';

/** `/platform/agreements/new[?response=<id>]`: a new draft from a template, filled from a challenge response when given one. */
export function AgreementFormPage(props: AgreementPageProps & { responseId?: string }) {
  const { t } = props.lang;
  const prefill = useFetched<AgreementPrefill>(props.request, props.responseId ? `/api/agreements/from-response/${props.responseId}` : null);
  return (
    <section className="platform-page agreement-wide" data-testid="agreement-new-page">
      <header className="platform-page-header">
        <h1 className="platform-title">{t('agreement.form.titleNew')}</h1>
        <p className="platform-lead">{props.responseId ? t('agreement.form.leadFromResponse') : t('agreement.form.lead')}</p>
      </header>
      {!props.responseId ? (
        <AgreementForm {...props} />
      ) : prefill.data ? (
        <AgreementForm {...props} prefill={prefill.data} />
      ) : prefill.error ? (
        <p className="alert alert-error" role="alert" data-testid="agreement-prefill-error">
          {errorText(t, prefill.error)}
        </p>
      ) : (
        <Loading t={t} />
      )}
    </section>
  );
}
