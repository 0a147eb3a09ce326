import { useState } from 'react';
import { errorText, type Translator } from '../../lib/i18n';
import type { RequestError } from '../../lib/api';
import { readStored, storageKeys } from '../../lib/storage';
import { createProposal, proposalPageUrl } from '../../proposal/proposalApi';
import { rememberInvites } from '../../proposal/team/inviteStore';

/**
 * "Turn into proposal" on a phone (when the facilitator allows it): makes a proposal draft from
 * one idea with the participant's token and opens it on this phone.
 */
export function TurnIntoProposal({ code, ideaId, t }: { code: string; ideaId: string; t: Translator }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | null>(null);

  const turn = async () => {
    const token = readStored(storageKeys.participantToken(code));
    if (token === null) return setError({ code: 'unauthorized', message: '', status: 401 });
    setBusy(true);
    setError(null);
    const result = await createProposal(code, token, [ideaId]);
    if (!result.ok) {
      setBusy(false);
      return setError(result.error);
    }
    rememberInvites(result.data.proposal.id, result.data.invites);
    window.location.assign(proposalPageUrl(result.data.url, result.data.memberToken));
  };

  return (
    <>
      <button type="button" className="button button-ghost button-small turn-into-proposal" disabled={busy} aria-busy={busy} onClick={() => void turn()} data-testid="turn-into-proposal">
        {busy ? t('promote.turning') : t('promote.turnInto')}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {errorText(t, error)}
        </span>
      )}
    </>
  );
}
