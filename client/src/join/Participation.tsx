import { useCallback, useState } from 'react';
import type { ApiError, SessionInfo } from '@ideasphere/shared';
import type { RequestError } from '../lib/api';
import type { LanguageState } from '../lib/i18n';
import { readStored, removeStored, storageKeys, writeStored } from '../lib/storage';
import { DoorIcon } from '../ui/icons';
import { StatusScreen } from '../ui/StatusScreen';
import { forgetMe, rememberMe } from '../lib/meCache';
import { JoinForm } from './JoinForm';
import type { PhoneJoined } from './joinApi';
import { JoinLoading, OfflineScreen } from './JoinStatus';
import { RemovedScreen } from './RemovedScreen';
import { useJoinedView } from './useJoinedView';

interface ParticipationProps {
  code: string;
  info: SessionInfo;
  /** The venue of the QR code scanned, when the session has it. */
  venueId: string | null;
  lang: LanguageState;
}

type Stage =
  | { kind: 'form'; notice: 'expired' | null }
  | { kind: 'removed' }
  | { kind: 'joined'; token: string; joined: PhoneJoined | null; photoError: RequestError | null };

/**
 * Whether this phone is already in the session: a remembered token skips the form (a reload
 * keeps the same participant); a token the server refuses sends the guest back to the form.
 */
export function Participation({ code, info, venueId, lang }: ParticipationProps) {
  const { t } = lang;
  const [stage, setStage] = useState<Stage>(() => {
    if (readStored(storageKeys.removed(code)) !== null) return { kind: 'removed' };
    const token = readStored(storageKeys.participantToken(code));
    return token ? { kind: 'joined', token, joined: null, photoError: null } : { kind: 'form', notice: null };
  });
  const joinedView = useJoinedView(stage.kind === 'joined');

  const forget = useCallback(
    (reason: ApiError['code'] | 'removed') => {
      removeStored(storageKeys.participantToken(code));
      forgetMe(code);
      if (reason === 'removed') {
        writeStored(storageKeys.removed(code), new Date().toISOString());
        setStage({ kind: 'removed' });
        return;
      }
      setStage({ kind: 'form', notice: reason === 'unauthorized' ? 'expired' : null });
    },
    [code],
  );

  if (stage.kind === 'removed') return <RemovedScreen t={lang.t} />;
  if (stage.kind === 'form' && !info.joiningOpen) {
    return <StatusScreen icon={<DoorIcon size={32} />} title={t('join.closedTitle')} body={t('join.closedBody')} testId="join-closed" />;
  }

  if (stage.kind === 'form') {
    return (
      <JoinForm
        code={code}
        info={info}
        venueId={venueId}
        t={lang.t}
        notice={stage.notice}
        onRemoved={() => forget('removed')}
        onJoined={(joined, photoError) => {
          if (joined.participant) rememberMe(code, joined.participant);
          setStage({ kind: 'joined', token: joined.token, joined, photoError });
        }}
      />
    );
  }
  if (joinedView.kind === 'loading') return <JoinLoading t={t} />;
  if (joinedView.kind === 'offline') return <OfflineScreen t={t} onRetry={() => window.location.reload()} />;
  const { JoinedView } = joinedView;
  return (
    <JoinedView
      key={stage.token}
      code={code}
      info={info}
      token={stage.token}
      joined={stage.joined}
      initialPhotoError={stage.photoError}
      t={lang.t}
      language={lang.language}
      onForget={forget}
    />
  );
}
