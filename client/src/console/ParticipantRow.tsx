import { memo } from 'react';
import type { ParticipantPublic } from '@ideasphere/shared';
import type { Translator } from '../lib/i18n';
import { Avatar } from '../ui/Avatar';
import { TrashIcon } from '../ui/icons';

interface ParticipantRowProps {
  code: string;
  participant: ParticipantPublic;
  /** Join time, already formatted for the UI language. */
  joinedAt: string;
  t: Translator;
  /** Asks to remove this participant (the panel confirms first). */
  onRemove?: (participant: ParticipantPublic) => void;
}

/** One participant in the console list; memoised so a join re-renders one row, not all. */
export const ParticipantRow = memo(function ParticipantRow({ code, participant, joinedAt, t, onRemove }: ParticipantRowProps) {
  const status = participant.online ? t('console.online') : t('console.offline');
  return (
    <li className="participant-item" data-testid="participant-item" data-online={participant.online}>
      <span className="participant-avatar">
        <Avatar code={code} participant={participant} size="2.5rem" />
        <span className="presence-dot" data-online={participant.online} title={status} aria-hidden="true" />
      </span>
      <span className="participant-name">{participant.name}</span>
      <span className="visually-hidden">{status}</span>
      <span className="participant-time">{t('console.joinedAt', { time: joinedAt })}</span>
      {onRemove && (
        <button
          type="button"
          className="participant-remove"
          data-testid="participant-remove"
          aria-label={t('console.removeParticipant', { name: participant.name })}
          title={t('console.removeParticipant', { name: participant.name })}
          onClick={() => onRemove(participant)}
        >
          <TrashIcon size={16} />
        </button>
      )}
    </li>
  );
});
