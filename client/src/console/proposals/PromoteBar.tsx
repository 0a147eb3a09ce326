import { useState } from 'react';
import { PROPOSAL_SOURCE_IDEAS_MAX } from '@ideasphere/shared/limits.js';
import { errorText, type Translator } from '../../lib/i18n';
import type { RequestError } from '../../lib/api';
import { createProposal, proposalPageUrl } from '../../proposal/proposalApi';
import { rememberInvites } from '../../proposal/team/inviteStore';
import { useTickedIdeas } from './selection';

/**
 * Shown while ideas are ticked: "Create proposal" makes one draft from them and opens it in a
 * new tab (opened at the click, so no popup blocker stops it).
 */
export function PromoteBar({ code, token, t }: { code: string; token: string; t: Translator }) {
  const { ids, clear, onCreated } = useTickedIdeas();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | 'tooMany' | null>(null);
  if (ids.length === 0) return null;

  const create = async () => {
    if (ids.length > PROPOSAL_SOURCE_IDEAS_MAX) return setError('tooMany');
    const tab = window.open('', '_blank');
    setBusy(true);
    setError(null);
    const result = await createProposal(code, token, [...ids]);
    setBusy(false);
    if (!result.ok) {
      tab?.close();
      return setError(result.error);
    }
    const { proposal, invites, memberToken, url } = result.data;
    rememberInvites(proposal.id, invites);
    const target = proposalPageUrl(url, memberToken);
    if (tab) tab.location.href = target;
    else window.location.assign(target);
    clear();
    onCreated();
  };

  return (
    <div className="promote-bar" role="region" aria-label={t('promote.create')} data-testid="promote-bar">
      <span className="promote-count" data-testid="promote-count">
        {t('promote.selected', { count: ids.length })}
      </span>
      {error && (
        <span className="promote-error" role="alert">
          {error === 'tooMany' ? t('promote.tooMany', { max: PROPOSAL_SOURCE_IDEAS_MAX }) : errorText(t, error)}
        </span>
      )}
      <button type="button" className="button button-ghost" onClick={clear} disabled={busy}>
        {t('promote.clear')}
      </button>
      <button type="button" className="button button-primary" onClick={() => void create()} disabled={busy} aria-busy={busy} data-testid="promote-create">
        {busy ? t('promote.creating') : t('promote.create')}
      </button>
    </div>
  );
}
