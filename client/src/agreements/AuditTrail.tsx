import type { AgreementAuditPublic } from '@ideasphere/shared';
import type { RequestError } from '../lib/api';
import type { LanguageState } from '../lib/i18n';
import { formatDateTime } from '../platform/format';
import { Loading } from '../platform/Loading';

/** The agreement's append-only audit trail, oldest first: what happened, who, when, from where. */
export function AuditTrail({ entries, error, lang }: { entries: AgreementAuditPublic[] | null; error: RequestError | null; lang: LanguageState }) {
  const { t, language } = lang;
  return (
    <section className="card platform-card" data-testid="agreement-audit">
      <h2 className="platform-subtitle">{t('agreement.page.audit')}</h2>
      {entries === null ? (
        <Loading t={t} error={error} />
      ) : (
        <ol className="agreement-audit">
          {entries.map((entry) => (
            <li key={entry.id} className="agreement-audit-entry" data-action={entry.action} data-testid="audit-entry">
              <span className="agreement-audit-action">{t(`agreement.audit.${entry.action}`)}</span>
              <span dir="auto">{entry.accountName ?? t('agreement.audit.platform')}</span>
              <time className="platform-meta" dateTime={entry.at}>
                {formatDateTime(language, entry.at)}
              </time>
              <span className="platform-meta" title={entry.userAgent}>
                {entry.ip}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
