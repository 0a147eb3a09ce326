import type { RequestError } from '../lib/api';
import { errorText, type Translator } from '../lib/i18n';

/**
 * What a platform page shows while its data is not there: a spinner while loading, or why it
 * could not be loaded (the page reloads it on its next change).
 */
export function Loading({ t, error = null, testId }: { t: Translator; error?: RequestError | null; testId?: string }) {
  if (error) {
    return (
      <p className="alert alert-error" role="alert" data-testid={testId}>
        {errorText(t, error)}
      </p>
    );
  }
  return (
    <div className="platform-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {t('common.loading')}
    </div>
  );
}
