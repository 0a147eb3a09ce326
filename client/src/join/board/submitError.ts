import type { Translator } from '../../lib/i18n';
import { errorText } from '../../lib/i18n';
import type { SendError } from '../../lib/useBoard';

/** Why an idea was not accepted, in the guest's words rather than the protocol's. */
export function submitErrorText(t: Translator, error: SendError): string {
  switch (error.code) {
    case 'forbidden':
      return t('idea.errorClosed');
    case 'bad_request':
      return t('idea.errorInvalid');
    default:
      return errorText(t, error);
  }
}

/** Why a vote or reaction was not accepted. */
export function voteErrorText(t: Translator, error: SendError): string {
  switch (error.code) {
    case 'bad_request':
      return t('vote.errorRefused');
    case 'forbidden':
      return t('vote.errorClosed');
    case 'not_found':
      return t('vote.errorGone');
    default:
      return errorText(t, error);
  }
}
