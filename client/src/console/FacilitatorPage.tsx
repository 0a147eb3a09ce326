import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FacilitatorLink, Phase, ScreenLink } from '@ideasphere/shared';
import type { LanguageState } from '../lib/i18n';
import { errorText } from '../lib/i18n';
import { readScreenUrl, readStored, removeStored, storageKeys, takeFragmentParam, writeStored } from '../lib/storage';
import { isAwaitingReview } from '@ideasphere/shared/sync/boardState.js';
import { useBoard } from '../lib/useBoard';
import { useSessionSocket } from '../lib/useSessionSocket';
import { ConnectionIndicator } from '../ui/ConnectionIndicator';
import { StatusScreen } from '../ui/StatusScreen';
import { ConsoleHeader } from './ConsoleHeader';
import { InvitePanel } from './InvitePanel';
import { JoiningSwitch } from './JoiningSwitch';
import { LinksCard } from './settings/LinksCard';
import { BoardTab } from './board/BoardTab';
import { CeremonyTab } from './ceremony/CeremonyTab';
import { ConsoleTabs, sectionId } from './ConsoleTabs';
import { ParticipantsPanel } from './ParticipantsPanel';
import { PhaseControl } from './PhaseControl';
import { PromoteBar } from './proposals/PromoteBar';
import { ProposalsPanel } from './proposals/ProposalsPanel';
import { ProposalSelectionProvider } from './proposals/selection';
import { ResultsTab } from './results/ResultsTab';
import { QaTab } from './qa/QaTab';
import { useQa } from '../lib/useQa';
import { useAwardReveal } from '../lib/useAwardReveal';
import { usePolls } from '../lib/usePolls';
import { PollsTab } from './polls/PollsTab';
import { SettingsTab } from './settings/SettingsTab';
import { jumpToSection, sectionInView, useActiveSection } from './useActiveSection';
import { AlertIcon, FlagIcon, KeyIcon } from '../ui/icons';

interface FacilitatorPageProps {
  code: string;
  lang: LanguageState;
  navigate: (url: string) => void;
}

/** Takes the facilitator token from `#token=` (then hides it) or from this browser's storage. */
function facilitatorToken(code: string): string | null {
  const fromUrl = takeFragmentParam('token');
  if (fromUrl !== null) {
    writeStored(storageKeys.facilitatorToken(code), fromUrl);
    return fromUrl;
  }
  return readStored(storageKeys.facilitatorToken(code));
}

/** `/f/<code>`: the live console of one session. */
export function FacilitatorPage({ code, lang, navigate }: FacilitatorPageProps) {
  const { t } = lang;
  const [token, setToken] = useState(() => facilitatorToken(code));
  const [screenUrl, setScreenUrl] = useState(() => readScreenUrl(code));
  // A replaced console link: this browser keeps working with the new one (the socket reconnects).
  const onConsoleLink = useCallback(
    (link: FacilitatorLink) => {
      writeStored(storageKeys.facilitatorToken(code), link.facilitatorToken);
      setToken(link.facilitatorToken);
    },
    [code],
  );
  const onScreenLink = useCallback(
    (link: ScreenLink) => {
      writeStored(storageKeys.screen(code), link.screenUrl);
      setScreenUrl(link.screenUrl);
    },
    [code],
  );
  const live = useSessionSocket({ code, role: 'facilitator', token, loadAllPages: true });
  const board = useBoard(live);
  const qa = useQa(live);
  const awards = useAwardReveal(live);
  const polls = usePolls(live);
  const qaQueueCount = useMemo(() => [...qa.state.questions.values()].filter((q) => q.status === 'pending' || q.status === 'held').length, [qa.state.questions]);
  const active = useActiveSection();
  const { session } = live.state;
  // Pressing a phase shows what that phase is about, at once (not after the round trip).
  const onPhaseChosen = useCallback((phase: Phase) => {
    if (phase === 'results') jumpToSection('results', 'instant');
    else if (!sectionInView('board')) jumpToSection('board', 'instant');
  }, []);
  const queueCount = useMemo(() => {
    let count = 0;
    for (const idea of board.state.ideas.values()) if (isAwaitingReview(idea)) count++;
    return count;
  }, [board.state.ideas]);
  // Refused, or this link was replaced from another console: either way it no longer opens the session.
  const refused = live.failure?.code === 'unauthorized' || live.failure?.code === 'forbidden' || live.kicked === 'token_revoked';

  useEffect(() => {
    const page = `${t('console.pageTitle')} · ${t('app.name')}`;
    document.title = session ? `${session.title} · ${page}` : page;
  }, [session, t]);

  useEffect(() => {
    // The server no longer knows this token: forget it so the next visit asks for a fresh link.
    if (refused) removeStored(storageKeys.facilitatorToken(code));
  }, [refused, code]);

  const newSession = (
    <a
      className="button button-primary"
      href="/"
      onClick={(e) => {
        e.preventDefault();
        navigate('/');
      }}
    >
      {t('console.newSession')}
    </a>
  );

  if (token === null || refused) {
    return (
      <div className="console-page">
        <ConsoleHeader lang={lang} />
        <StatusScreen icon={<KeyIcon size={32} />} tone="error" title={t('console.noAccess')} body={t('console.noAccessBody', { code })} testId="console-no-access">
          {newSession}
          <a className="button button-ghost" href="/platform/live" data-testid="console-from-platform">
            {t('console.fromPlatform')}
          </a>
        </StatusScreen>
      </div>
    );
  }

  if (live.failure !== null || live.kicked !== null) {
    const ended = live.kicked === 'session_closed' || live.failure?.code === 'not_found';
    return (
      <div className="console-page">
        <ConsoleHeader lang={lang} />
        <StatusScreen
          icon={ended ? <FlagIcon size={32} /> : <AlertIcon size={32} />}
          tone={ended ? 'neutral' : 'error'}
          title={ended ? t('console.sessionGone') : t('common.somethingWrong')}
          body={live.failure && !ended ? errorText(t, live.failure) : t('console.sessionGoneBody', { code })}
        >
          {live.failure?.code === 'protocol_mismatch' ? (
            <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
              {t('common.reload')}
            </button>
          ) : (
            newSession
          )}
        </StatusScreen>
      </div>
    );
  }

  return (
    <div className="console-page">
      <ConsoleHeader lang={lang}>
        <ConnectionIndicator connection={live.connection} t={t} />
      </ConsoleHeader>
      <main className="facilitate-main" aria-busy={session === null}>
        <div className="facilitate-title">
          <p className="eyebrow">{t('console.liveSession')}</p>
          <h1 data-testid="session-title" className="user-text" dir="auto">
            {session?.title ?? <span className="skeleton skeleton-title" />}
          </h1>
          {session?.description && (
            <p className="facilitate-description" dir="auto">
              {session.description}
            </p>
          )}
        </div>
        <div className="console-toolbar">
          <ConsoleTabs
            active={active}
            onJump={jumpToSection}
            queueCount={queueCount}
            qaQueueCount={qaQueueCount}
            participantCount={live.state.participantCount}
            t={t}
          />
          {board.failure === null && <PhaseControl board={board} t={t} onPhaseChosen={onPhaseChosen} />}
        </div>
        <section id={sectionId('participants')} className="console-section facilitate-layout" aria-label={t('console.tab.participants')}>
          <InvitePanel
            code={code}
            joinUrl={session?.joinUrl ?? null}
            screenUrl={screenUrl}
            doors={board.failure === null ? <JoiningSwitch board={board} t={t} /> : null}
            t={t}
          />
          <ParticipantsPanel code={code} state={live.state} loaded={session !== null} lang={lang} send={board.send} apply={live.applyAction} />
        </section>
        <section id={sectionId('ceremony')} className="console-section" aria-label={t('console.tab.ceremony')}>
          <CeremonyTab code={code} state={live.state} apply={live.applyAction} send={board.send} ready={live.connection === 'connected' && session !== null} lang={lang} awards={awards} />
        </section>
        {board.failure === null && (
          <ProposalSelectionProvider>
            <section id={sectionId('board')} className="console-section" aria-label={t('console.tab.board')}>
              <BoardTab board={board} t={t} />
            </section>
            <section id={sectionId('qa')} className="console-section" aria-label={t('qa.tab.qa')}>
              <QaTab qa={qa} venues={live.state.stage.venues} screenUrl={screenUrl} canInvite t={t} />
            </section>
            <section id={sectionId('polls')} className="console-section" aria-label={t('poll.tab')}>
              <PollsTab polls={polls} language={lang.language} t={t} />
            </section>
            <section id={sectionId('results')} className="console-section" aria-label={t('console.tab.results')}>
              <ResultsTab
                code={code}
                token={token}
                sessionTitle={session?.title ?? null}
                board={board}
                participantCount={live.state.participantCount}
                qa={qa.state}
                polls={polls.state}
                t={t}
                language={lang.language}
              />
              <ProposalsPanel code={code} token={token} language={lang.language} t={t} />
            </section>
            <PromoteBar code={code} token={token} t={t} />
            <section id={sectionId('settings')} className="console-section" aria-label={t('console.tab.settings')}>
              <SettingsTab key={board.state.loaded ? 'loaded' : 'loading'} board={board} t={t} />
              <LinksCard send={board.send} t={t} onConsoleLink={onConsoleLink} onScreenLink={onScreenLink} />
            </section>
          </ProposalSelectionProvider>
        )}
      </main>
    </div>
  );
}
