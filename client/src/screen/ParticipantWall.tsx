import { memo, useMemo, type CSSProperties } from 'react';
import type { ParticipantPublic } from '@ideasphere/shared';
import type { Translator } from '../lib/i18n';
import { newestParticipants, type SessionState } from '@ideasphere/shared/sync/sessionState.js';
import { Avatar } from '../ui/Avatar';

/**
 * 8 columns × 5 rows (matching `.screen-wall` in screen.css): a fixed grid of tiles big enough
 * to recognise a face from the back of the hall, so a join never reflows it.
 */
const WALL_COLUMNS = 8;
const WALL_ROWS = 5;
const WALL_SIZE = WALL_COLUMNS * WALL_ROWS;

interface ParticipantWallProps {
  code: string;
  state: SessionState;
  t: Translator;
  loaded: boolean;
}

/** The newest participants, newest first; a new tile pops in at the top left. */
export function ParticipantWall({ code, state, t, loaded }: ParticipantWallProps) {
  // A face the facilitator hid leaves this wall too, name and all, as it leaves the sphere: its
  // photo may still sit in this browser's cache, where the server's 404 cannot reach it.
  const newest = useMemo(
    () => newestParticipants(state.participants).filter((p) => !p.faceHidden).slice(0, WALL_SIZE),
    [state.participants],
  );

  // The list is always there (tests and screen readers can rely on it); the empty state
  // sits on top of it until the first guest arrives.
  return (
    <div className="screen-wall-area">
      <ul className="screen-wall" data-testid="screen-participant-list" aria-label={t('screen.wallLabel')}>
        {newest.map((participant, index) => (
          <WallTile key={participant.id} code={code} participant={participant} index={index} />
        ))}
      </ul>
      {loaded && newest.length === 0 && (
        <div className="screen-empty" data-testid="screen-empty">
          <div className="screen-empty-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </div>
          <p className="screen-empty-title">{t('screen.emptyTitle')}</p>
          <p className="screen-empty-body">{t('screen.emptyBody')}</p>
        </div>
      )}
    </div>
  );
}

interface WallTileProps {
  code: string;
  participant: ParticipantPublic;
  /** Only read when the tile mounts: staggers the first paint, a later join pops at once. */
  index: number;
}

const WallTile = memo(function WallTile({ code, participant, index }: WallTileProps) {
  return (
    <li
      className="screen-tile"
      data-testid="screen-participant"
      style={{ '--stagger': index } as CSSProperties}
    >
      <Avatar code={code} participant={participant} size="5.5em" className="screen-avatar" />
      <span className="screen-name" dir="auto">
        {participant.name}
      </span>
    </li>
  );
});
