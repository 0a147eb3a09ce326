import type { ParticipantPublic } from '@ideasphere/shared';
import type { Translator } from '../lib/i18n';
import { EyeIcon, EyeOffIcon } from '../ui/icons';

type FaceState = 'photo' | 'avatar' | 'hidden';

/** What the big screen shows of this guest. */
export function faceState(me: ParticipantPublic): FaceState {
  if (me.faceHidden) return 'hidden';
  return me.photoVersion !== null ? 'photo' : 'avatar';
}

const TEXT = {
  photo: 'join.face.photo',
  avatar: 'join.face.avatar',
  hidden: 'join.face.hidden',
} as const;

/** One line in the joined card: your face is on the big screen (or why it is not). */
export function FaceStatus({ me, t }: { me: ParticipantPublic; t: Translator }) {
  const state = faceState(me);
  return (
    <p className="joined-face" data-testid="face-status" data-state={state} role="status">
      {state === 'hidden' ? <EyeOffIcon size={16} /> : <EyeIcon size={16} />}
      <span>{t(TEXT[state])}</span>
    </p>
  );
}

/** During the finale: a call to look up, above everything else on the phone. */
export function FinaleCallout({ message, t }: { message: string | null; t: Translator }) {
  return (
    <p className="joined-callout joined-finale" data-testid="phone-finale" role="status">
      <EyeIcon size={28} />
      <span>
        <strong>{t('join.finale')}</strong>
        {message && (
          <span className="joined-finale-message user-text" dir="auto">
            {message}
          </span>
        )}
      </span>
    </p>
  );
}
