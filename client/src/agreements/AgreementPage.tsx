import './agreements.css';
import { useState } from 'react';
import type { AgreementAuditPublic, AgreementPublic } from '@ideasphere/shared';
import type { RequestError } from '../lib/api';
import { errorText } from '../lib/i18n';
import { formatDateTime } from '../platform/format';
import { Loading } from '../platform/Loading';
import { pathOf } from '../platform/platformRoutes';
import { useFetched } from '../platform/useFetched';
import { useDialog } from '../ui/useDialog';
import { AgreementForm } from './AgreementForm';
import type { AgreementPageProps } from './agreementPageProps';
import { AuditTrail } from './AuditTrail';
import { SignerList } from './SignerList';
import { SignPanel } from './SignPanel';

/**
 * `/platform/agreements/:id`: a draft is edited here by its sender; once sent, every party sees
 * the document, the signers and the audit trail, the signer whose turn it is signs or declines,
 * the sender may void or correct it, and a completed one offers the sealed PDF.
 */
export function AgreementPage({ id, ...props }: AgreementPageProps & { id: string }) {
  const { me, lang, request, navigate } = props;
  const { t, language } = lang;
  const dialogs = useDialog(t);
  const agreement = useFetched<AgreementPublic>(request, `/api/agreements/${id}`);
  const audit = useFetched<AgreementAuditPublic[]>(request, `/api/agreements/${id}/audit`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | null>(null);
  const data = agreement.data;

  const reload = () => {
    agreement.reload();
    audit.reload();
  };

  const back = (
    <a
      className="platform-back"
      href={pathOf({ page: 'agreements' })}
      onClick={(event) => {
        event.preventDefault();
        navigate({ page: 'agreements' });
      }}
    >
      ← {t('agreement.page.back')}
    </a>
  );

  if (data === null) {
    return (
      <section className="platform-page">
        {back}
        <Loading t={t} error={agreement.error} testId="agreement-load-error" />
      </section>
    );
  }

  const title = (
    <header className="platform-page-header">
      {back}
      <div className="agreement-heading">
        <h1 className="platform-title" dir="auto" data-testid="agreement-title">
          {data.variables.title}
        </h1>
        <span className="agreement-status" data-status={data.status} data-testid="agreement-page-status">
          {t(`agreement.status.${data.status}`)}
        </span>
      </div>
      <p className="platform-lead" dir="auto">
        {t(`agreement.kind.${data.kind}`)} · {data.variables.partyA} — {data.variables.partyB}
      </p>
    </header>
  );

  if (data.status === 'draft' && data.you.mayEdit) {
    return (
      <section className="platform-page agreement-wide" data-testid="agreement-page" data-status="draft">
        {title}
        {data.copiedFrom && <p className="alert alert-info">{t('agreement.page.copiedFrom')}</p>}
        <AgreementForm {...props} existing={data} onSaved={reload} />
      </section>
    );
  }

  const endAgreement = async (action: 'void' | 'correct') => {
    if (busy) return;
    const reason = await dialogs.prompt({
      title: t(action === 'void' ? 'agreement.sender.voidTitle' : 'agreement.sender.correctTitle'),
      body: t(action === 'void' ? 'agreement.sender.voidBody' : 'agreement.sender.correctBody'),
      label: t('agreement.sender.reason'),
      confirmLabel: t(action === 'void' ? 'agreement.sender.void' : 'agreement.sender.correct'),
      tone: action === 'void' ? 'danger' : 'default',
      testId: `${action}-dialog`,
    });
    if (reason === null) return;
    if (!reason.trim()) return setError({ code: 'bad_request', message: '', status: 400 });
    setBusy(true);
    setError(null);
    const result = await request<AgreementPublic>('POST', `/api/agreements/${data.id}/${action}`, { reason: reason.trim() });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    if (action === 'correct') navigate({ page: 'agreement', id: result.data.id });
    else reload();
  };

  const mySigner = data.signers.find((s) => s.accountId === me.account.id);
  const waitingForTurn = data.status === 'sent' && mySigner?.status === 'pending' && !data.you.maySign;
  const declined = data.signers.find((s) => s.status === 'declined');
  const documentPath = `/api/agreements/${data.id}/document.pdf`;

  return (
    <section className="platform-page agreement-wide" data-testid="agreement-page" data-status={data.status}>
      {title}
      {data.status === 'voided' && (
        <div className="alert alert-warning verify-answer" data-testid="agreement-voided">
          <p dir="auto">{t('agreement.page.voided', { at: data.voidedAt ? formatDateTime(language, data.voidedAt) : '', reason: data.voidReason ?? '' })}</p>
          {data.replacedBy && (
            <p>
              {t('agreement.page.replacedBy')}{' '}
              <a
                href={pathOf({ page: 'agreement', id: data.replacedBy })}
                onClick={(event) => {
                  event.preventDefault();
                  if (data.replacedBy) navigate({ page: 'agreement', id: data.replacedBy });
                }}
              >
                {t('agreement.page.openReplacement')}
              </a>
            </p>
          )}
        </div>
      )}
      {data.status === 'declined' && declined && (
        <p className="alert alert-warning" dir="auto" data-testid="agreement-declined">
          {t('agreement.page.declined', { name: declined.name, reason: declined.declineReason ?? '' })}
        </p>
      )}
      {data.status === 'completed' && (
        <div className="alert alert-success agreement-completed" data-testid="agreement-completed">
          <p>{t('agreement.page.completed')}</p>
          <div className="agreement-actions">
            <a className="button button-primary" href={`/api/agreements/${data.id}/signed.pdf?download=1`} download data-testid="agreement-download">
              {t('agreement.page.downloadSigned')}
            </a>
            <a
              className="button button-secondary"
              href={pathOf({ page: 'verify' })}
              onClick={(event) => {
                event.preventDefault();
                navigate({ page: 'verify' });
              }}
              data-testid="agreement-verify-link"
            >
              {t('agreement.page.verify')}
            </a>
          </div>
          {data.completedSha256 && <p className="platform-hash">SHA-256 {data.completedSha256}</p>}
        </div>
      )}
      {error && (
        <p className="alert alert-error" role="alert" data-testid="agreement-error">
          {errorText(t, error)}
        </p>
      )}
      <div className="agreement-layout">
        <div className="agreement-side">
          {data.you.maySign && <SignPanel agreement={data} lang={lang} request={request} onChanged={reload} />}
          {waitingForTurn && (
            <p className="alert alert-info" data-testid="agreement-not-your-turn">
              {t('agreement.page.waitingTurn')}
            </p>
          )}
          <SignerList agreement={data} meId={me.account.id} lang={lang} />
          {data.you.mayVoid && (
            <section className="card platform-card" data-testid="sender-panel">
              <h2 className="platform-subtitle">{t('agreement.sender.title')}</h2>
              <div className="agreement-actions">
                <button type="button" className="button button-secondary" disabled={busy} onClick={() => void endAgreement('correct')} data-testid="agreement-correct">
                  {t('agreement.sender.correct')}
                </button>
                <button type="button" className="button button-danger" disabled={busy} onClick={() => void endAgreement('void')} data-testid="agreement-void">
                  {t('agreement.sender.void')}
                </button>
              </div>
            </section>
          )}
        </div>
        {data.documentSha256 !== null && (
          <section className="card platform-card agreement-document" aria-label={t('agreement.page.document')}>
            <div className="agreement-document-head">
              <h2 className="platform-subtitle">{t('agreement.page.document')}</h2>
              <a className="button button-secondary button-small" href={documentPath} target="_blank" rel="noopener" data-testid="agreement-open-pdf">
                {t('agreement.page.openPdf')}
              </a>
            </div>
            <iframe className="agreement-pdf" src={documentPath} title={t('agreement.page.pdfTitle')} data-testid="agreement-pdf" />
            <p className="platform-meta platform-hash">
              {t('agreement.page.sha')}: {data.documentSha256}
            </p>
          </section>
        )}
      </div>
      <AuditTrail entries={audit.data} error={audit.error} lang={lang} />
      {dialogs.dialog}
    </section>
  );
}
