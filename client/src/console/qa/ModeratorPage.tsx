import { useEffect, useState } from 'react';
import type { LanguageState } from '../../lib/i18n';
import { readStored, removeStored, storageKeys, takeFragmentParam, writeStored } from '../../lib/storage';
import { useQa } from '../../lib/useQa';
import { useSessionSocket } from '../../lib/useSessionSocket';
import { ConnectionIndicator } from '../../ui/ConnectionIndicator';
import { KeyIcon } from '../../ui/icons';
import { StatusScreen } from '../../ui/StatusScreen';
import { ConsoleHeader } from '../ConsoleHeader';
import { QaTab } from './QaTab';

/** Takes the moderator token from `#token=` (then hides it) or from this browser's storage. */
function moderatorToken(code: string): string | null {
  const fromUrl = takeFragmentParam('token');
  if (fromUrl !== null) {
    writeStored(storageKeys.moderatorToken(code), fromUrl);
    return fromUrl;
  }
  return readStored(storageKeys.moderatorToken(code));
}

/** `/m/<code>`: the Q&A of one session for a moderator the facilitator invited, and nothing else. */
export function ModeratorPage({ code, lang }: { code: string; lang: LanguageState }) {
  const { t } = lang;
  const [token] = useState(() => moderatorToken(code));
  const live = useSessionSocket({ code, role: 'moderator', token });
  const qa = useQa(live);
  const { session } = live.state;
  const refused = token === null || live.failure?.code === 'unauthorized' || live.failure?.code === 'forbidden' || live.kicked === 'token_revoked';

  useEffect(() => {
    const page = `${t('qa.moderator.pageTitle')} · ${t('app.name')}`;
    document.title = session ? `${session.title} · ${page}` : page;
  }, [session, t]);

  useEffect(() => {
    if (refused) removeStored(storageKeys.moderatorToken(code));
  }, [refused, code]);

  if (refused) {
    return (
      <div className="console-page">
        <ConsoleHeader lang={lang} />
        <StatusScreen icon={<KeyIcon size={32} />} tone="error" title={t('qa.moderator.noAccess')} body={t('qa.moderator.noAccessBody')} testId="moderator-no-access" />
      </div>
    );
  }
  return (
    <div className="console-page" data-testid="moderator-page">
      <ConsoleHeader lang={lang}>
        <ConnectionIndicator connection={live.connection} t={t} />
      </ConsoleHeader>
      <main className="facilitate-main">
        <div className="facilitate-title">
          <p className="eyebrow">{t('qa.moderator.pageTitle')}</p>
          <h1 dir="auto">{session?.title ?? <span className="skeleton skeleton-title" />}</h1>
        </div>
        <QaTab qa={qa} venues={live.state.stage.venues} screenUrl={null} canInvite={false} t={t} />
      </main>
    </div>
  );
}
