import { useEffect, useState } from 'react';
import type { ApiError, Language, ParticipantPublic, SessionInfo } from '@ideasphere/shared';
import type { RequestError } from '../lib/api';
import { errorText, type Translator } from '../lib/i18n';
import { forgetKept } from '../lib/keptState';
import { forgetMe, readMe, rememberMe } from '../lib/meCache';
import { writeOutbox } from '../lib/outbox';
import { removeStored, storageKeys } from '../lib/storage';
import { useBoard } from '../lib/useBoard';
import { useSessionSocket } from '../lib/useSessionSocket';
import { useQa } from '../lib/useQa';
import { useAwardReveal } from '../lib/useAwardReveal';
import { PhoneWinners } from './PhoneWinners';
import { usePolls } from '../lib/usePolls';
import { PhonePoll } from './polls/PhonePoll';
import { PhoneQa } from './qa/PhoneQa';
import { Avatar } from '../ui/Avatar';
import { ConnectionIndicator } from '../ui/ConnectionIndicator';
import { AlertIcon, CheckIcon, EyeIcon, FlagIcon, ScreenIcon } from '../ui/icons';
import { StatusScreen } from '../ui/StatusScreen';
import { PhoneBoard } from './board/PhoneBoard';
import { FaceStatus, FinaleCallout } from './FaceStatus';
import { findVenue } from '@ideasphere/shared/sync/stageState.js';
import { PhotoControls } from './PhotoControls';
import type { PhoneJoined } from './joinApi';
import { RemovedScreen } from './RemovedScreen';

interface JoinedViewProps {
  code: string;
  info: SessionInfo;
  token: string;
  /**
   * The join this page just made (its socket, carried on with; the name typed, shown until the
   * snapshot tells who this is; the participant when the photo upload told); null when the
   * phone comes back with a remembered token.
   */
  joined: PhoneJoined | null;
  initialPhotoError: RequestError | null;
  t: Translator;
  language: Language;
  /** Drops the remembered token and shows the join form again. */
  onForget: (reason: ApiError['code'] | 'removed') => void;
}

/** "You're in" on top, the live idea board below. */
export function JoinedView({ code, info, token, joined, initialPhotoError, t, language, onForget }: JoinedViewProps) {
  const live = useSessionSocket({ code, role: 'participant', token, opened: joined?.socket ?? null });
  const board = useBoard(live);
  const qa = useQa(live);
  const awards = useAwardReveal(live);
  const polls = usePolls(live);
  // Ideas, questions or polls: a link may open the Q&A (`#qa`), the guest switches with one tap.
  const [section, setSection] = useState<'ideas' | 'qa' | 'poll'>(() => (window.location.hash === '#qa' ? 'qa' : 'ideas'));
  const livePollId = [...polls.state.polls.values()].find((p) => p.status === 'open')?.id ?? null;
  // A poll the host launches comes to the front: that is what the hall is asked to do now.
  const [seenPollId, setSeenPollId] = useState<string | null>(null);
  if (livePollId !== seenPollId) {
    setSeenPollId(livePollId);
    if (livePollId !== null) setSection('poll');
  }
  const [local, setLocal] = useState<ParticipantPublic | null>(() => joined?.participant ?? readMe(code));
  const me = live.state.me ?? local;
  const session = live.state.session ?? info;
  const { failure, kicked } = live;
  const removed = kicked === 'removed' || kicked === 'token_revoked' || failure?.reason === 'removed_from_session';
  const { stage } = live.state;
  const venue = stage.venues.length > 1 ? findVenue(stage, stage.myVenueId ?? me?.venueId) : undefined;
  const finale = stage.ceremony?.stage === 'finale' ? stage.ceremony : null;

  useEffect(() => {
    // The server no longer knows this token (revoked, or its store was reset): join afresh.
    if (failure?.code === 'unauthorized') onForget('unauthorized');
  }, [failure, onForget]);

  useEffect(() => {
    if (live.state.me) rememberMe(code, live.state.me);
  }, [code, live.state.me]);

  useEffect(() => {
    // Removed by the facilitator: the token is dead, and so is anything still queued with it.
    // The removal holds (the server keeps this browser out), so the phone says so from now on.
    if (!removed) return;
    removeStored(storageKeys.participantToken(code));
    forgetMe(code);
    forgetKept('participant', code);
    writeOutbox(code, []);
    onForget('removed');
  }, [removed, code, onForget]);

  if (removed) return <RemovedScreen t={t} />;
  if (kicked === 'too_many_connections') {
    return (
      <StatusScreen icon={<ScreenIcon size={32} />} title={t('join.elsewhereTitle')} body={t('join.elsewhereBody')} testId="join-elsewhere">
        <button type="button" className="button button-primary button-large" onClick={() => window.location.reload()}>
          {t('join.useHere')}
        </button>
      </StatusScreen>
    );
  }
  if (kicked === 'session_closed' || failure?.code === 'not_found') {
    return <StatusScreen icon={<FlagIcon size={32} />} title={t('join.endedTitle')} body={t('join.endedBody')} testId="join-kicked" />;
  }
  if (failure !== null && failure.code !== 'unauthorized') {
    return (
      <StatusScreen icon={<AlertIcon size={32} />} tone="error" title={t('common.somethingWrong')} body={errorText(t, failure)}>
        <button type="button" className="button button-primary button-large" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </button>
      </StatusScreen>
    );
  }

  const onParticipant = (participant: ParticipantPublic) => {
    setLocal(participant);
    rememberMe(code, participant);
    live.applyParticipant(participant);
  };

  return (
    <div className="joined-page">
      {finale && <FinaleCallout message={finale.message} t={t} />}
      <PhoneWinners code={code} reveal={awards.reveal} language={language} t={t} />
      <section className="join-card joined" data-testid="joined-view" aria-labelledby="joined-name">
        <div className="joined-avatar">
          {me ? <Avatar code={code} participant={me} size="3.5rem" /> : <span className="joined-avatar-placeholder" aria-hidden="true" />}
          <span className="joined-check" aria-hidden="true">
            <CheckIcon size={12} />
          </span>
        </div>
        <div className="joined-who">
          <p className="joined-greeting">{t('join.youreIn')}</p>
          <h1 id="joined-name" className="joined-name user-text" data-testid="joined-name" dir="auto">
            {me?.name ?? joined?.name ?? t('common.loading')}
          </h1>
          <p className="joined-session">
            {/* The venue first: it is short and tells this guest apart; the title may be cut. */}
            {venue && (
              <span className="joined-venue" data-testid="joined-venue">
                <bdi>{venue.name}</bdi>
                {' · '}
              </span>
            )}
            <bdi>{session.title}</bdi>
          </p>
        </div>
        <ConnectionIndicator connection={live.connection} t={t} className="joined-connection" />
        {me && (
          <details className="joined-profile" open={initialPhotoError !== null}>
            <summary>{t('join.yourPhoto')}</summary>
            <PhotoControls code={code} token={token} me={me} initialError={initialPhotoError} t={t} onParticipant={onParticipant} />
          </details>
        )}
        {me && <FaceStatus me={me} t={t} />}
      </section>
      <div className="join-tabs">
        <div className="segmented" role="group" aria-label={t('qa.sections')}>
          {(['ideas', 'qa', 'poll'] as const).map((s) => (
            <button key={s} type="button" aria-pressed={section === s} onClick={() => setSection(s)} data-testid={`join-tab-${s}`}>
              {t(s === 'ideas' ? 'qa.tab.ideas' : s === 'qa' ? 'qa.tab.qa' : 'poll.tab')}
              {s === 'poll' && livePollId !== null && <span className="tab-live-dot" aria-hidden="true" />}
            </button>
          ))}
        </div>
      </div>
      {section === 'poll' ? (
        <PhonePoll polls={polls} online={live.connection === 'connected'} language={language} t={t} />
      ) : section === 'qa' ? (
        <PhoneQa qa={qa} venueId={stage.myVenueId ?? me?.venueId ?? null} online={live.connection === 'connected'} t={t} />
      ) : board.failure === null ? (
        <PhoneBoard code={code} board={board} myId={me?.id ?? null} connection={live.connection} t={t} language={language} />
      ) : (
        <p className="joined-callout">
          <EyeIcon size={28} />
          {t('join.lookAtScreen')}
        </p>
      )}
      <p className="joined-keep">
        <a href="/platform/kept" data-testid="joined-keep">
          {t('join.keepIdeas')}
        </a>
      </p>
    </div>
  );
}
