import type { Translator } from '../../lib/i18n';
import { initials } from '../../lib/avatar';
import type { PresentUser } from './presence';
import type { SyncStatus } from './useCollab';

/** Connection and sync, always visible: connecting / syncing / synced / offline (edits kept). */
export function SyncPill({ status, t }: { status: SyncStatus; t: Translator }) {
  return (
    <div className="sync-pill" data-testid="sync-status" data-state={status} role="status" aria-live="polite" title={t(`proposal.sync.${status}Hint`)}>
      <span className="sync-dot" aria-hidden="true" />
      <span>{t(`proposal.sync.${status}`)}</span>
    </div>
  );
}

const SHOWN = 5;

/** Avatars of who has the proposal open, in their caret colours. */
export function PresenceAvatars({ users, t }: { users: readonly PresentUser[]; t: Translator }) {
  const shown = users.slice(0, SHOWN);
  const more = users.length - shown.length;
  return (
    <div className="presence" data-testid="presence" aria-label={t('proposal.presence.label', { count: users.length })} role="group">
      {shown.map((user) => (
        <span
          key={user.memberId}
          className="presence-avatar"
          style={{ background: user.color }}
          title={user.isMe ? `${user.name} ${t('proposal.team.you')}` : user.name}
          data-testid="presence-avatar"
          data-name={user.name}
        >
          <span aria-hidden="true">{initials(user.name)}</span>
          <span className="visually-hidden">{user.name}</span>
        </span>
      ))}
      {more > 0 && <span className="presence-more">+{more}</span>}
    </div>
  );
}
