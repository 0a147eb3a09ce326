import type { SessionPublic } from '@ideasphere/shared';
import type { Translator } from '../lib/i18n';
import { MapPinIcon } from '../ui/icons';

interface SessionHeadingProps {
  info: SessionPublic;
  /** The venue of the QR code scanned; its name is shown. */
  venueId?: string | null;
  t: Translator;
}

/** The session a guest is joining: title, description, code and venue. */
export function SessionHeading({ info, venueId = null, t }: SessionHeadingProps) {
  const venue = venueId === null ? undefined : info.venues?.find((v) => v.id === venueId);
  return (
    <div className="session-heading">
      <p className="session-chips">
        <span className="pill session-code-chip">{t('join.codeChip', { code: info.code })}</span>
        {venue && (
          <span className="pill session-venue-chip" data-testid="join-venue-name" title={t('join.venue')}>
            <MapPinIcon size={14} />
            <span className="visually-hidden">{t('join.venue')}: </span>
            <bdi>{venue.name}</bdi>
          </span>
        )}
      </p>
      <h1 className="join-title user-text" data-testid="join-session-title" dir="auto">
        {info.title}
      </h1>
      {info.description && <p className="join-lead session-description" dir="auto">{info.description}</p>}
    </div>
  );
}
