import { useState } from 'react';
import type { ApiError, JoinedSession, SessionInfo } from '@ideasphere/shared';
import type { RequestError } from '../lib/api';
import type { LanguageState } from '../lib/i18n';
import { readStored, removeStored, storageKeys } from '../lib/storage';
import { forgetMe, rememberMe } from '../lib/meCache';
import { JoinedView } from './JoinedView';
import { JoinForm } from './JoinForm';

interface ParticipationProps {
  code: string;
  info: SessionInfo;
  /** The venue of the QR code scanned, when the session has it. */
  venueId: string | null;
  lang: LanguageState;
}

type Stage =
  | { kind: 'form'; notice: 'expired' | null }
  | { kind: 'joined'; token: string; joined: JoinedSession | null; photoError: RequestError | null };

/**
 * Whether this phone is already in the session: a remembered token skips the form (a reload
 * keeps the same participant); a token the server refuses sends the guest back to the form.
 */
export function Participation({ code, info, venueId, lang }: ParticipationProps) {
  const [stage, setStage] = useState<Stage>(() => {
    const token = readStored(storageKeys.participantToken(code));
    return token ? { kind: 'joined', token, joined: null, photoError: null } : { kind: 'form', notice: null };
  });

  const forget = (reason: ApiError['code'] | 'removed') => {
    removeStored(storageKeys.participantToken(code));
    forgetMe(code);
    setStage({ kind: 'form', notice: reason === 'unauthorized' ? 'expired' : null });
  };

  if (stage.kind === 'form') {
    return (
      <JoinForm
        code={code}
        info={info}
        venueId={venueId}
        t={lang.t}
        notice={stage.notice}
        onJoined={(joined, photoError) => {
          rememberMe(code, joined.participant);
          setStage({ kind: 'joined', token: joined.participantToken, joined, photoError });
        }}
      />
    );
  }
  return (
    <JoinedView
      key={stage.token}
      code={code}
      info={info}
      token={stage.token}
      joined={stage.joined?.participant ?? null}
      initialPhotoError={stage.photoError}
      t={lang.t}
      language={lang.language}
      onForget={forget}
    />
  );
}
