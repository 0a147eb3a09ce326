import { votesHiddenFromAudience } from '@ideasphere/shared/boardModel.js';
import { formatCount, type Translator } from '../lib/i18n';
import type { SessionState } from '@ideasphere/shared/sync/sessionState.js';
import type { BoardClient } from '../lib/useBoard';
import { useResults } from '../lib/useResults';
import type { ConnectionState } from '../lib/useSessionSocket';
import { ConnectionIndicator } from '../ui/ConnectionIndicator';
import { EyeOffIcon } from '../ui/icons';
import { Countdown } from '../ui/Countdown';
import { CollectBoard } from './CollectBoard';
import { JoinPanel } from './JoinPanel';
import { ParticipantWall } from './ParticipantWall';
import { ScreenResults } from './ScreenResults';
import { VoteBoard } from './VoteBoard';
import './screen-board.css';

interface BigScreenProps {
  code: string;
  /** The join QR code: the venue's on a venue screen. */
  qrUrl: string;
  state: SessionState;
  board: BoardClient;
  connection: ConnectionState;
  t: Translator;
}

/** The projected page: how to join in a side column, the live board (or the crowd) beside it. */
export function BigScreen({ code, qrUrl, state, board, connection, t }: BigScreenProps) {
  const { session, participantCount } = state;
  const { phase: phaseState, ideas, settings, loaded, nextCursor } = board.state;
  const { phase } = phaseState;
  const results = useResults(board.send, { enabled: phase === 'results' && board.synced, trigger: board.state });
  const countsHidden = votesHiddenFromAudience(settings, phase);
  // Before the first idea (or on a server without the board) the crowd is the show.
  const showWall = board.failure !== null || !loaded || (phase !== 'results' && ideas.size === 0);
  const showAuthors = !settings.anonymous;

  return (
    <div className="screen" data-phase={phase}>
      <JoinPanel
        code={code}
        joinUrl={session?.joinUrl}
        qrUrl={qrUrl}
        count={participantCount}
        t={t}
        testIds={{ qr: 'screen-qr', code: 'screen-join-code', count: 'screen-participant-count' }}
      />

      <main className="screen-main">
        <header className="screen-header">
          <div className="screen-heading">
            <div className="screen-brand">
              <span className="brand-mark" aria-hidden="true" />
              {t('app.name')}
            </div>
            <h1 className="screen-title" dir="auto">
              {session?.title ?? '\u00a0'}
            </h1>
          </div>
          {board.failure === null && (
            <div className="screen-status">
              <p className="screen-phase" data-testid="screen-phase" data-phase={phase}>
                <span className="screen-phase-name">{t(`phase.${phase}`)}</span>
                <span className="screen-phase-call">{t(`screen.call.${phase}`)}</span>
              </p>
              <Countdown endsAt={phaseState.endsAt} t={t} className="screen-timer" testId="screen-timer" />
            </div>
          )}
        </header>
        <div className="screen-board" data-testid="screen-board" data-phase={phase} data-ideas={ideas.size}>
          {showWall ? (
            <ParticipantWall code={code} state={state} t={t} loaded={session !== null} />
          ) : phase === 'collect' ? (
            <CollectBoard ideas={ideas} loading={nextCursor !== null} showAuthors={showAuthors} t={t} />
          ) : phase === 'vote' ? (
            <VoteBoard ideas={ideas} showAuthors={showAuthors} countsHidden={countsHidden} t={t} />
          ) : (
            <ScreenResults results={results.results} showAuthors={showAuthors} t={t} />
          )}
        </div>
        {!showWall && phase !== 'results' && (
          <div className="screen-foot">
            {phase === 'vote' && countsHidden && (
              <p className="screen-counts-hidden" data-testid="screen-counts-hidden">
                <EyeOffIcon size={30} />
                {t('screen.countsHidden')}
              </p>
            )}
            <p className="screen-total" data-testid="screen-idea-count">
              {t('screen.ideaCount', { count: formatCount(session?.language ?? 'en', ideas.size) })}
            </p>
          </div>
        )}
      </main>

      <ConnectionIndicator connection={connection} t={t} className="screen-badge" hideWhenConnected />
    </div>
  );
}
