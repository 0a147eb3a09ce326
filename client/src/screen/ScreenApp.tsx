import { useEffect, useState } from 'react';
import { normalizeJoinCode } from '@ideasphere/shared/joinCode.js';
import { browserLanguage, errorText, useLanguage } from '../lib/i18n';
import { sessionPaths } from '../lib/paths';
import { findVenue, screenView } from '@ideasphere/shared/sync/stageState.js';
import { useBoard } from '../lib/useBoard';
import { useSessionSocket } from '../lib/useSessionSocket';
import { StatusScreen } from '../ui/StatusScreen';
import { BigScreen } from './BigScreen';
import { QaScreen } from './qa/QaScreen';
import { useQa } from '../lib/useQa';
import { useAwardReveal } from '../lib/useAwardReveal';
import { AwardReveal } from './AwardReveal';
import { usePolls } from '../lib/usePolls';
import { resultsVisibleToAudience } from '@ideasphere/shared/polls/pollRules.js';
import { currentPoll } from '@ideasphere/shared/sync/pollState.js';
import { PollScreen } from './polls/PollScreen';
import { CeremonyView } from './ceremony/CeremonyView';
import { screenKey } from './screenKey';
import { useWakeLock } from './useWakeLock';
import { AlertIcon, FlagIcon, KeyIcon } from '../ui/icons';

function codeFromPath(pathname: string): string | null {
  const match = /^\/s\/([^/]+)\/?$/.exec(pathname);
  return match?.[1] ? normalizeJoinCode(decodeURIComponent(match[1])) : null;
}

/** `/s/<code>#key=<screenToken>`: the projected big screen. Read-only. */
export function ScreenApp() {
  const [code] = useState(() => codeFromPath(window.location.pathname));
  const [key] = useState(() => (code ? screenKey(code) : null));
  const live = useSessionSocket({ code: code ?? '', role: 'screen', token: code ? key : null, loadAllPages: true });
  const board = useBoard(live);
  const qa = useQa(live);
  const awards = useAwardReveal(live);
  const polls = usePolls(live);
  // A live poll takes every screen, whatever it showed (the ceremony, the board, the Q&A), and
  // a closed one keeps it while its results are shown: hiding them gives the screen back.
  const latest = currentPoll(polls.state);
  const poll = latest && (latest.status === 'open' || resultsVisibleToAudience(latest)) ? latest : null;
  const { session, stage } = live.state;
  // A screen link with `?track=` shows that Q&A track, always; otherwise a venue screen follows
  // its venue's view, a session-wide screen the session's.
  const [trackParam] = useState(() => new URLSearchParams(window.location.search).get('track'));
  const stageView = trackParam !== null ? 'qa' : screenView(stage);
  const view = poll !== null ? 'poll' : stageView;
  // The hall reads the session's language; the big screen has no switch of its own.
  const { t, language } = useLanguage(session?.language ?? browserLanguage(), { remember: false });
  useWakeLock();

  useEffect(() => {
    document.title = session ? `${session.title} · ${t('app.name')}` : `${t('screen.pageTitle')} · ${t('app.name')}`;
  }, [session, t]);

  let content;
  if (code === null || key === null || live.failure?.code === 'unauthorized' || live.failure?.code === 'forbidden') {
    content = (
      <StatusScreen icon={<KeyIcon size={40} />} tone="error" title={t('screen.noKey')} body={t('screen.noKeyBody')} testId="screen-no-access" />
    );
  } else if (live.kicked === 'session_closed' || live.failure?.code === 'not_found') {
    content = <StatusScreen icon={<FlagIcon size={40} />} title={t('screen.ended')} body={t('screen.endedBody')} testId="screen-ended" />;
  } else if (live.failure !== null || live.kicked !== null) {
    content = (
      <StatusScreen
        icon={<AlertIcon size={40} />}
        tone="error"
        title={t('common.somethingWrong')}
        body={live.failure ? errorText(t, live.failure) : t('screen.noKeyBody')}
      >
        <button type="button" className="button button-primary button-large" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </button>
      </StatusScreen>
    );
  } else {
    const qrUrl = findVenue(stage, stage.myVenueId)?.qrSvgUrl ?? sessionPaths.qrSvg(code);
    content =
      view === 'ceremony' ? (
        <CeremonyView code={code} state={live.state} connection={live.connection} t={t} />
      ) : view === 'poll' && poll !== null ? (
        <PollScreen code={code} qrUrl={qrUrl} state={live.state} poll={poll} polls={polls} connection={live.connection} t={t} />
      ) : view === 'qa' ? (
        <QaScreen code={code} qrUrl={qrUrl} state={live.state} qa={qa} trackParam={trackParam} connection={live.connection} t={t} />
      ) : (
        <BigScreen code={code} qrUrl={qrUrl} state={live.state} board={board} connection={live.connection} t={t} />
      );
  }
  return (
    <div className="screen-root" data-view={view}>
      {content}
      {live.failure === null && code !== null && <AwardReveal code={code} reveal={awards.reveal} ceremony={stage.ceremony} language={language} t={t} />}
    </div>
  );
}
