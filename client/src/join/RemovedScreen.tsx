import type { Translator } from '../lib/i18n';
import { DoorIcon } from '../ui/icons';
import { StatusScreen } from '../ui/StatusScreen';

/** The facilitator removed this phone: final, with no way back in from here. */
export function RemovedScreen({ t }: { t: Translator }) {
  return <StatusScreen icon={<DoorIcon size={32} />} tone="error" title={t('join.kickedTitle')} body={t('join.kickedBody')} testId="join-kicked" />;
}
