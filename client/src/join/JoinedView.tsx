import { useEffect, useState } from 'react';
import type { ApiError, ParticipantPublic, SessionInfo } from '@ideasphere/shared';
import type { RequestError } from '../lib/api';
import { errorText, type Translator } from '../lib/i18n';
import { useSessionSocket } from '../lib/useSessionSocket';
import { Avatar } from '../ui/Avatar';
import { ConnectionIndicator } from '../ui/ConnectionIndicator';
import { AlertIcon, CheckIcon, DoorIcon, EyeIcon, FlagIcon } from '../ui/icons';
import { StatusScreen } from '../ui/StatusScreen';
import { PhotoControls } from './PhotoControls';

interface JoinedViewProps {
  code: string;
  info: SessionInfo;
  token: string;
  /** The participant from the join response; null when rejoining with a remembered token. */
  joined: ParticipantPublic | null;
  initialPhotoError: RequestError | null;
  t: Translator;
  /** Drops the remembered token and shows the join form again. */
  onForget: (reason: ApiError['code'] | 'removed') => void;
}

/** "You're in": the guest's avatar, the live connection state and photo controls. */
export function JoinedView({ code, info, token, joined, initialPhotoError, t, onForget }: JoinedViewProps) {
  const live = useSessionSocket({ code, role: 'participant', token });
  const [local, setLocal] = useState<ParticipantPublic | null>(joined);
  const me = live.state.me ?? local;
  const session = live.state.session ?? info;
  const { failure, kicked } = live;

  useEffect(() => {
    // The server no longer knows this token (revoked, or its store was reset): join afresh.
    if (failure?.code === 'unauthorized') onForget('unauthorized');
  }, [failure, onForget]);

  if (kicked === 'removed' || kicked === 'token_revoked') {
    return (
      <StatusScreen icon={<DoorIcon size={32} />} title={t('join.removedTitle')} body={t('join.removedBody')} testId="join-kicked">
        <button type="button" className="button button-primary button-large" onClick={() => onForget('removed')}>
          {t('join.joinAgain')}
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
    live.applyParticipant(participant);
  };

  return (
    <section className="join-card joined" data-testid="joined-view" aria-labelledby="joined-name">
      <ConnectionIndicator connection={live.connection} t={t} className="joined-connection" />
      <div className="joined-avatar">
        {me ? (
          <Avatar code={code} participant={me} size="7.5rem" />
        ) : (
          <span className="joined-avatar-placeholder" aria-hidden="true" />
        )}
        <span className="joined-check" aria-hidden="true">
          <CheckIcon size={20} />
        </span>
      </div>
      <p className="joined-greeting">{t('join.youreIn')}</p>
      <h1 id="joined-name" className="joined-name" data-testid="joined-name">
        {me?.name ?? t('common.loading')}
      </h1>
      <p className="joined-session">{session.title}</p>
      <p className="joined-callout">
        <EyeIcon size={28} />
        {t('join.lookAtScreen')}
      </p>
      {me && (
        <PhotoControls
          code={code}
          token={token}
          me={me}
          initialError={initialPhotoError}
          t={t}
          onParticipant={onParticipant}
        />
      )}
    </section>
  );
}
