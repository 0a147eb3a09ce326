import { useMemo } from 'react';
import type { Translator } from '../../lib/i18n';
import { sessionPaths } from '../../lib/paths';
import type { SessionState } from '@ideasphere/shared/sync/sessionState.js';
import { findVenue, venueCount } from '@ideasphere/shared/sync/stageState.js';
import type { ConnectionState } from '../../lib/useSessionSocket';
import { ConnectionIndicator } from '../../ui/ConnectionIndicator';
import { JoinPanel } from '../JoinPanel';
import { ParticipantWall } from '../ParticipantWall';
import { CeremonySphere } from './CeremonySphere';
import { hiddenFaceIds, sceneFaces } from './sceneFaces';
import './ceremony.css';

interface CeremonyViewProps {
  code: string;
  state: SessionState;
  connection: ConnectionState;
  t: Translator;
}

/**
 * How tightly the join column is set: `roomy` without a venue list, `compact` for a list of up
 * to four venues under the QR code, `dense` for five to twelve in two columns of a wider
 * column. The e2e test `bigScreenStage` checks that twelve venues of the longest names fit.
 */
export function panelDensity(venues: number): 'roomy' | 'compact' | 'dense' {
  if (venues <= 1) return 'roomy';
  return venues <= 4 ? 'compact' : 'dense';
}

/**
 * The join ceremony on the big screen: how to join on the left, the ball of faces beside it,
 * the finale's message over the ball. Every screen shows the whole session, with a count per
 * venue.
 */
export function CeremonyView({ code, state, connection, t }: CeremonyViewProps) {
  const { session, participants, participantCount, stage } = state;
  const faces = useMemo(() => sceneFaces(code, participants), [code, participants]);
  const hiddenIds = useMemo(() => hiddenFaceIds(participants), [participants]);
  const ceremonyStage = stage.ceremony?.stage ?? 'gathering';
  const finale = ceremonyStage === 'finale';
  const myVenue = findVenue(stage, stage.myVenueId);
  const finaleText = stage.ceremony?.message ?? session?.title ?? '';

  return (
    <div className="screen ceremony" data-stage={ceremonyStage} data-density={panelDensity(stage.venues.length)}>
      <JoinPanel
        code={code}
        joinUrl={session?.joinUrl}
        qrUrl={myVenue?.qrSvgUrl ?? sessionPaths.qrSvg(code)}
        count={participantCount}
        t={t}
        testIds={{ qr: 'ceremony-qr', code: 'ceremony-join-code', count: 'ceremony-count' }}
      >
        {stage.venues.length > 1 && (
          <ul className="ceremony-venues" aria-label={t('screen.ceremony.venues')}>
            {stage.venues.map((venue) => (
              <li
                key={venue.id}
                className="ceremony-venue"
                data-testid="ceremony-venue-count"
                data-venue-id={venue.id}
                data-count={venueCount(stage, venue.id)}
                aria-current={venue.id === myVenue?.id ? 'location' : undefined}
              >
                <span className="ceremony-venue-label">
                  {venue.id === myVenue?.id && <span className="ceremony-venue-here">{t('screen.ceremony.thisVenue')}</span>}
                  <span className="ceremony-venue-name" dir="auto">
                    {venue.name}
                  </span>
                </span>
                <span className="ceremony-venue-count">{venueCount(stage, venue.id)}</span>
              </li>
            ))}
          </ul>
        )}
      </JoinPanel>

      <main className="ceremony-main">
        <header className="ceremony-header">
          <div className="screen-brand">
            <span className="brand-mark" aria-hidden="true" />
            {t('app.name')}
          </div>
          <h1 className="screen-title" dir="auto">
            {session?.title ?? '\u00a0'}
          </h1>
        </header>
        <CeremonySphere
          faces={faces}
          hiddenIds={hiddenIds}
          stage={ceremonyStage}
          complete={session !== null && state.nextCursor === null}
          label={t('screen.ceremony.sceneLabel')}
          fallback={
            <div className="ceremony-fallback">
              <p>{t('screen.ceremony.fallback')}</p>
              <ParticipantWall code={code} state={state} t={t} loaded={session !== null} />
            </div>
          }
        />
        {faces.length === 0 && !finale && session !== null && (
          <div className="ceremony-empty">
            <p className="ceremony-empty-title">{t('screen.ceremony.emptyTitle')}</p>
            <p className="ceremony-empty-body">{t('screen.ceremony.emptyBody')}</p>
          </div>
        )}
        {finale && (
          <p key={finaleText} className="ceremony-finale-text user-text" data-testid="ceremony-finale-text" aria-live="polite" dir="auto">
            {finaleText}
          </p>
        )}
      </main>

      <ConnectionIndicator connection={connection} t={t} className="screen-badge" hideWhenConnected />
    </div>
  );
}
