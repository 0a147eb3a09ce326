import { sortQuestions } from '@ideasphere/shared/qa/qaModel.js';
import type { SessionState } from '@ideasphere/shared/sync/sessionState.js';
import type { Translator } from '../../lib/i18n';
import { trackForVenue, type QaClient } from '../../lib/useQa';
import type { ConnectionState } from '../../lib/useSessionSocket';
import { trackName } from '../../join/qa/PhoneQa';
import { ConnectionIndicator } from '../../ui/ConnectionIndicator';
import { UpvoteIcon } from '../../ui/icons';
import { JoinPanel } from '../JoinPanel';
import './qaScreen.css';

/** Questions listed under the highlighted one (or alone when none is highlighted). */
const TOP_WITH_HIGHLIGHT = 4;
const TOP_ALONE = 7;

interface QaScreenProps {
  code: string;
  qrUrl: string;
  state: SessionState;
  qa: QaClient;
  /** From the screen link's `?track=`; else the venue's track, else the main one. */
  trackParam: string | null;
  connection: ConnectionState;
  t: Translator;
}

/** The Q&A on a big screen: one track's question being answered, big, and its top questions. */
export function QaScreen({ code, qrUrl, state, qa, trackParam, connection, t }: QaScreenProps) {
  const { session, participantCount, stage } = state;
  const qaState = qa.state;
  const trackId = trackParam !== null && qaState.tracks.some((tr) => tr.id === trackParam) ? trackParam : trackForVenue(qaState, stage.myVenueId);
  const track = qaState.tracks.find((tr) => tr.id === trackId);
  const highlighted = track?.highlightedId ? qaState.questions.get(track.highlightedId) : undefined;
  const highlightedId = highlighted?.id ?? null;
  // Recomputed per render: a few hundred questions at most, and the React compiler memoizes it.
  const top = sortQuestions(
    [...qaState.questions.values()].filter((q) => q.trackId === trackId && q.status === 'visible' && !q.answered && q.id !== highlightedId),
    'popular',
  ).slice(0, highlightedId !== null ? TOP_WITH_HIGHLIGHT : TOP_ALONE);

  return (
    <div className="screen qa-screen" data-testid="qa-screen" data-track={trackId}>
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
              {t('app.name')} · {t('qa.screen.heading')}
            </div>
            <h1 className="screen-title" dir="auto">
              {track ? trackName(track, t) : '\u00a0'}
            </h1>
          </div>
        </header>
        <div className="qa-screen-body">
          {highlighted && highlighted.status === 'visible' && (
            <section className="qa-screen-now" data-testid="qa-screen-now" aria-label={t('qa.nowAnswering')}>
              <p className="qa-screen-now-label">{t('qa.nowAnswering')}</p>
              <p className="qa-screen-now-text user-text" dir="auto">
                {highlighted.text}
              </p>
              <p className="qa-screen-now-meta">
                <span className="user-text" dir="auto">
                  {highlighted.author?.name ?? t('qa.anonymousAuthor')}
                </span>
                <span className="qa-screen-votes">
                  <UpvoteIcon size={28} /> {highlighted.upvotes}
                </span>
              </p>
            </section>
          )}
          <section className="qa-screen-top" aria-label={t('qa.screen.top')} data-testid="qa-screen-top">
            {!highlighted && <h2 className="qa-screen-top-heading">{t('qa.screen.top')}</h2>}
            {top.length === 0 && !highlighted ? (
              <p className="qa-screen-empty">{t('qa.screen.none')}</p>
            ) : (
              <ol className="qa-screen-list">
                {top.map((q) => (
                  <li key={q.id} className="qa-screen-question" data-testid="qa-screen-question">
                    <span className="qa-screen-votes">
                      <UpvoteIcon size={22} /> {q.upvotes}
                    </span>
                    <span className="qa-screen-question-text user-text" dir="auto">
                      {q.text}
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      </main>
      <ConnectionIndicator connection={connection} t={t} className="screen-badge" hideWhenConnected />
    </div>
  );
}
