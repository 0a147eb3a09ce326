import { useState, type CSSProperties } from 'react';
import type { ParticipantPublic } from '@ideasphere/shared';
import { graphemeCount } from '@ideasphere/shared/text.js';
import { avatarColour, initials, photoUrl } from '../lib/avatar';
import './avatar.css';

interface AvatarProps {
  code: string;
  participant: Pick<ParticipantPublic, 'id' | 'name' | 'photoVersion'>;
  /** Overrides the server photo, e.g. with a local preview. */
  src?: string | null;
  /** CSS length of the avatar's side. */
  size?: string;
  className?: string;
}

/**
 * A participant's photo, or their initials on a colour derived from their id. Decorative:
 * the name is always written next to it, so screen readers skip it.
 */
export function Avatar({ code, participant, src, size = '2.5rem', className }: AvatarProps) {
  const url = src === undefined ? photoUrl(code, participant) : src;
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const style = {
    '--avatar-size': size,
    '--avatar-bg': avatarColour(participant.id),
  } as CSSProperties;
  const classes = ['avatar', className].filter(Boolean).join(' ');

  if (url !== null && url !== failedUrl) {
    return (
      <span className={classes} style={style} aria-hidden="true">
        <img src={url} alt="" loading="lazy" decoding="async" onError={() => setFailedUrl(url)} />
      </span>
    );
  }
  const letters = initials(participant.name);
  return (
    <span className={classes} style={style} aria-hidden="true" data-letters={graphemeCount(letters)}>
      <span className="avatar-initials">{letters}</span>
    </span>
  );
}
