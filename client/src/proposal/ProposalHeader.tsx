import type { MemberPublic } from '@ideasphere/shared';
import type { LanguageState, Translator } from '../lib/i18n';
import { LanguageSwitcher } from '../ui/LanguageSwitcher';
import { PresenceAvatars, SyncPill } from './collab/StatusBar';
import { usePresence } from './collab/usePresence';
import type { Collab } from './collab/useCollab';
import { ROLE_LABEL } from './team/TeamPanel';

interface ProposalHeaderProps {
  collab: Collab | null;
  me: MemberPublic;
  lang: LanguageState;
}

/** The page's top bar: brand, sync status, who else is here, my role and the language. */
export function ProposalHeader({ collab, me, lang }: ProposalHeaderProps) {
  const { t } = lang;
  return (
    <header className="proposal-header" data-float-edge="top">
      <span className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('app.name')}</span>
      </span>
      <SyncPill status={collab?.status ?? 'connecting'} t={t} />
      {collab && <PresenceBlock collab={collab} myId={me.id} t={t} />}
      <span className="role-badge" data-role={me.role} data-testid="my-role" title={t(`proposal.roleHint.${me.role}`)}>
        {t(ROLE_LABEL[me.role])}
      </span>
      <LanguageSwitcher lang={lang} className="proposal-lang" />
    </header>
  );
}

function PresenceBlock({ collab, myId, t }: { collab: Collab; myId: string; t: Translator }) {
  const users = usePresence(collab.provider, myId);
  return <PresenceAvatars users={users} t={t} />;
}
