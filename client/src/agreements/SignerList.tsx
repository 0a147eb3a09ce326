import type { AgreementPublic } from '@ideasphere/shared';
import type { LanguageState } from '../lib/i18n';
import { formatDateTime } from '../platform/format';

/** The signers in order, each with their state; in sequential order the next one is marked. */
export function SignerList({ agreement, meId, lang }: { agreement: AgreementPublic; meId: string; lang: LanguageState }) {
  const { t, language } = lang;
  const next = agreement.status === 'sent' && agreement.signingOrder === 'sequential' ? agreement.signers.find((s) => s.status === 'pending') : undefined;
  return (
    <section className="card platform-card" data-testid="agreement-signers-list">
      <h2 className="platform-subtitle">{t('agreement.page.signers')}</h2>
      <p className="platform-meta">{t(`agreement.page.order.${agreement.signingOrder}`)}</p>
      <ol className="agreement-signers">
        {agreement.signers.map((signer) => (
          <li key={signer.accountId} className="agreement-signer" data-status={signer.status} data-testid="agreement-signer">
            <div>
              <strong dir="auto">{signer.name}</strong> {signer.accountId === meId && <span className="platform-you">{t('agreement.page.you')}</span>}
              {signer === next && <span className="agreement-next">{t('agreement.page.next')}</span>}
              <span className="platform-meta">{signer.email}</span>
            </div>
            <span className="agreement-signer-state" data-testid="agreement-signer-state">
              {signer.status === 'signed' && signer.signedAt
                ? t('agreement.signerStatus.signed', { at: formatDateTime(language, signer.signedAt) })
                : signer.status === 'declined' && signer.declinedAt
                  ? t('agreement.signerStatus.declined', { at: formatDateTime(language, signer.declinedAt) })
                  : t('agreement.signerStatus.pending')}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
