import type { PollPublic } from '@ideasphere/shared';
import { resultsVisibleToAudience } from '@ideasphere/shared/polls/pollRules.js';
import type { SessionState } from '@ideasphere/shared/sync/sessionState.js';
import type { Translator } from '../../lib/i18n';
import type { PollClient } from '../../lib/usePolls';
import type { ConnectionState } from '../../lib/useSessionSocket';
import { ConnectionIndicator } from '../../ui/ConnectionIndicator';
import { Countdown } from '../../ui/Countdown';
import { PollResultView } from '../../ui/polls/PollResultView';
import { SendIcon } from '../../ui/icons';
import { JoinPanel } from '../JoinPanel';
import './pollScreen.css';

interface PollScreenProps {
  code: string;
  qrUrl: string;
  state: SessionState;
  poll: PollPublic;
  polls: PollClient;
  connection: ConnectionState;
  t: Translator;
}

/**
 * A poll on the big screen: the question, big; while results are kept back a call to answer
 * (and a quiz's countdown), else the live result: bars, a ranking, a word cloud, a leaderboard.
 */
export function PollScreen({ code, qrUrl, state, poll, polls, connection, t }: PollScreenProps) {
  const { session, participantCount } = state;
  const shown = resultsVisibleToAudience(poll);
  const language = session?.language ?? 'en';
  return (
    <div className="screen poll-screen" data-testid="poll-screen" data-poll={poll.id} data-status={poll.status} data-results={shown}>
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
              {t('app.name')} · {t(`poll.kind.${poll.kind}`)}
            </div>
            <h1 className="screen-title poll-screen-question user-text" dir="auto" data-testid="poll-screen-question">
              {poll.question}
            </h1>
          </div>
          {poll.status === 'open' && poll.closesAt && (
            <div className="screen-status">
              <Countdown endsAt={poll.closesAt} t={t} className="screen-timer" testId="poll-screen-timer" />
            </div>
          )}
        </header>
        <div className="poll-screen-body">
          {shown ? (
            <PollResultView poll={poll} results={polls.state.results.get(poll.id)} language={language} t={t} size="screen" />
          ) : (
            <div className="poll-screen-call" data-testid="poll-screen-call">
              <SendIcon size={64} />
              <p>{poll.status === 'open' ? t('poll.screen.answerOn') : t('poll.closed')}</p>
              {poll.status === 'open' && poll.kind !== 'rating' && poll.kind !== 'words' && (
                <ol className="poll-screen-options">
                  {poll.options.map((o, i) => (
                    <li key={o.id}>
                      <span className="poll-screen-letter">{String.fromCharCode(65 + i)}</span>
                      <span className="user-text" dir="auto">
                        {o.text}
                      </span>
                    </li>
                  ))}
                </ol>
              )}
            </div>
          )}
        </div>
      </main>
      <ConnectionIndicator connection={connection} t={t} className="screen-badge" hideWhenConnected />
    </div>
  );
}
