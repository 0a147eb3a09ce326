import { errorText, type Translator } from '../../lib/i18n';
import type { SendError } from '../../lib/useBoard';

/** A refused facilitator action, said plainly. */
export function actionErrorText(t: Translator, error: SendError): string {
  return t('board.actionFailed', { reason: errorText(t, error) });
}
