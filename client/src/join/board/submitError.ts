import type { Translator } from '../../lib/i18n';
import { errorText } from '../../lib/i18n';
import type { SendError } from '../../lib/useBoard';

/**
 * Why an idea was not accepted, in the guest's words rather than the protocol's: by the
 * refusal's reason (a closed phase and a full board are both `forbidden`, and say different
 * things), falling back to the reason's or code's own text.
 */
export function submitErrorText(t: Translator, error: SendError): string {
  switch (error.reason) {
    case 'phase_closed':
      return t('idea.errorClosed');
    case 'invalid_input':
      return t('idea.errorInvalid');
    default:
      return errorText(t, error);
  }
}

/** Why a vote or reaction was not accepted. */
export function voteErrorText(t: Translator, error: SendError): string {
  switch (error.reason) {
    case 'phase_closed':
      return t('vote.errorClosed');
    case 'idea_not_found':
      return t('vote.errorGone');
    case 'own_idea_vote':
      return t('vote.ownIdea');
    case 'invalid_input':
      return t('vote.errorRefused');
    default:
      return errorText(t, error);
  }
}
