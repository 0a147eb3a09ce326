import { memo } from 'react';
import type { ParticipantPublic } from '@ideasphere/shared';
import type { Translator } from '../lib/i18n';
import { Avatar } from '../ui/Avatar';
import { EyeIcon, EyeOffIcon, TrashIcon } from '../ui/icons';

interface ParticipantRowProps {
  code: string;
  participant: ParticipantPublic;
  /** Join time, already formatted for the UI language. */
  joinedAt: string;
  t: Translator;
  /** Asks to remove this participant (the panel confirms first). */
  onRemove?: (participant: ParticipantPublic) => void;
  /** The name of their venue, shown when the session has several. */
  venueName?: string | null;
  /** Hides or shows their face on every big screen. */
  onToggleFace?: (participant: ParticipantPublic) => void;
  /** A hide/show of this face is waiting for the server. */
  faceBusy?: boolean;
}

/** One participant in the console list; memoised so a join re-renders one row, not all. */
export const ParticipantRow = memo(function ParticipantRow(props: ParticipantRowProps) {
  const { code, participant, joinedAt, t, onRemove, venueName, onToggleFace, faceBusy = false } = props;
  const status = participant.online ? t('console.online') : t('console.offline');
  const hidden = participant.faceHidden;
  const faceLabel = t(hidden ? 'console.showFace' : 'console.hideFace', { name: participant.name });
  return (
    <li
      className="participant-item"
      data-testid="participant-item"
      data-participant-id={participant.id}
      data-online={participant.online}
      data-face-hidden={hidden}
    >
      <span className="participant-avatar">
        <Avatar code={code} participant={participant} size="2.5rem" />
        <span className="presence-dot" data-online={participant.online} title={status} aria-hidden="true" />
      </span>
      <span className="participant-who">
        <span className="participant-name user-text" dir="auto">
          {participant.name}
        </span>
        <span className="participant-meta">
          {venueName && (
            <span className="participant-venue" data-testid="participant-venue" dir="auto">
              {venueName}
            </span>
          )}
          {hidden && <span className="participant-hidden-tag">{t('console.faceHiddenTag')}</span>}
          <span className="participant-time">{t('console.joinedAt', { time: joinedAt })}</span>
        </span>
      </span>
      <span className="visually-hidden">{status}</span>
      {onToggleFace && (
        <button
          type="button"
          className="icon-button participant-face"
          data-testid="face-hide"
          data-hidden={hidden}
          aria-pressed={hidden}
          aria-busy={faceBusy}
          aria-label={faceLabel}
          title={faceLabel}
          disabled={faceBusy}
          onClick={() => onToggleFace(participant)}
        >
          {faceBusy ? <span className="spinner" aria-hidden="true" /> : hidden ? <EyeOffIcon size={16} /> : <EyeIcon size={16} />}
        </button>
      )}
      {onRemove && (
        <button
          type="button"
          className="icon-button participant-remove"
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
