import { useEffect, useState } from 'react';
import type { Language, ProposalSummary } from '@ideasphere/shared';
import { errorText, type Translator } from '../../lib/i18n';
import type { RequestError } from '../../lib/api';
import { listSessionProposals } from '../../proposal/proposalApi';
import { formatWhen } from '../../proposal/format';
import { useTickedIdeas } from './selection';
import './proposals.css';

/** The session's proposals, each opened with the facilitator's token (as owner). */
export function ProposalsPanel({ code, token, language, t }: { code: string; token: string; language: Language; t: Translator }) {
  const { createdCount } = useTickedIdeas();
  const [list, setList] = useState<ProposalSummary[] | null>(null);
  const [error, setError] = useState<RequestError | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    void listSessionProposals(code, token, controller.signal)
      .then((result) => {
        if (result.ok) {
          setList(result.data);
          setError(null);
        } else {
          setError(result.error);
        }
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [code, token, createdCount]);

  return (
    <section className="card proposals-panel" aria-labelledby="proposals-heading" data-testid="proposals-panel">
      <h2 id="proposals-heading" className="panel-heading">
        {t('promote.proposals')} {list && <span className="board-count">{list.length}</span>}
      </h2>
      <p className="field-hint">{t('promote.hint')}</p>
      {error && (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {list !== null && list.length === 0 && <p className="proposals-empty">{t('promote.proposalsEmpty')}</p>}
      {list !== null && list.length > 0 && (
        <ul className="proposal-list">
          {list.map((proposal) => (
            <li key={proposal.id} className="proposal-row" data-testid="proposal-row">
              <div className="proposal-row-text">
                <p className="proposal-row-title user-text" dir="auto">
                  {proposal.title}
                </p>
                <p className="proposal-row-meta">
                  {t('promote.members', { count: proposal.memberCount })} · {formatWhen(language, proposal.updatedAt)}
                </p>
              </div>
              <a className="button button-secondary button-small" href={`/p/${encodeURIComponent(proposal.id)}#token=${encodeURIComponent(token)}`} target="_blank" rel="noopener" data-testid="proposal-open">
                {t('promote.open')}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
