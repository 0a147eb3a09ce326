import type { Translator } from '../lib/i18n';
import { WifiOffIcon } from '../ui/icons';
import { StatusScreen } from '../ui/StatusScreen';

export function JoinLoading({ t }: { t: Translator }) {
  return (
    <div className="join-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {t('common.loading')}
    </div>
  );
}

/**
 * No network (the venue's Wi-Fi dropped, or the phone reloaded without it): says so, and that
 * the page comes back by itself; `onRetry` is for a guest who would rather not wait.
 */
export function OfflineScreen({ t, onRetry }: { t: Translator; onRetry: () => void }) {
  return (
    <StatusScreen icon={<WifiOffIcon size={32} />} title={t('join.offlineTitle')} body={t('join.offlineBody')} testId="join-offline">
      <p className="join-offline-waiting" role="status">
        <span className="spinner" aria-hidden="true" />
        {t('join.offlineWaiting')}
      </p>
      <button type="button" className="button button-secondary button-large" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </StatusScreen>
  );
}
