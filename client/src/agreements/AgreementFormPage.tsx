import './agreements.css';
import { AgreementForm } from './AgreementForm';
import type { AgreementPageProps } from './agreementPageProps';

/** `/platform/agreements/new`: a new draft from a template. */
export function AgreementFormPage(props: AgreementPageProps) {
  const { t } = props.lang;
  return (
    <section className="platform-page agreement-wide" data-testid="agreement-new-page">
      <header className="platform-page-header">
        <h1 className="platform-title">{t('agreement.form.titleNew')}</h1>
        <p className="platform-lead">{t('agreement.form.lead')}</p>
      </header>
      <AgreementForm {...props} />
    </section>
  );
}
