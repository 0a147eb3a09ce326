import { errorText, type Translator } from '../lib/i18n';
import type { Notice } from './useAction';

/** The live region under a form: what the last action did, or why it was refused. */
export function NoticeLine({ notice, t, testId }: { notice: Notice | null; t: Translator; testId: string }) {
  return (
    <div aria-live="polite">
      {notice?.kind === 'ok' && (
        <p className="alert alert-success" role="status" data-testid={`${testId}-notice`}>
          {notice.text}
        </p>
      )}
      {notice?.kind === 'error' && (
        <p className="alert alert-error" role="alert" data-testid={`${testId}-error`}>
          {errorText(t, notice.error)}
        </p>
      )}
    </div>
  );
}
