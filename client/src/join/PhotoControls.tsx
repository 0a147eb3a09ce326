import { useId, useState, type ChangeEvent } from 'react';
import type { MessageKey, ParticipantPublic } from '@ideasphere/shared';
import type { RequestError } from '../lib/api';
import { errorText, type Translator } from '../lib/i18n';
import { PhotoError, preparePhoto } from '../lib/photo';
import { CameraIcon, TrashIcon } from '../ui/icons';
import { deletePhoto, uploadPhoto } from './joinApi';
import { PhotoConsent } from './PhotoConsent';
import { photoErrorKey } from './usePhotoChoice';

interface PhotoControlsProps {
  code: string;
  token: string;
  me: ParticipantPublic;
  /** The join worked but its photo upload failed: say so until the guest retries. */
  initialError: RequestError | null;
  t: Translator;
  onParticipant: (participant: ParticipantPublic) => void;
}

type Busy = 'processing' | 'uploading' | 'removing' | null;
/** Kept as keys, not text, so switching language re-translates it. */
type Feedback = { tone: 'success' | 'error'; message: MessageKey; error?: RequestError } | null;

/** Change or remove the photo after joining: each change shows at once on the big screen. */
export function PhotoControls({ code, token, me, initialError, t, onParticipant }: PhotoControlsProps) {
  const id = useId();
  const [busy, setBusy] = useState<Busy>(null);
  const [feedback, setFeedback] = useState<Feedback>(() =>
    initialError ? { tone: 'error', message: 'photo.uploadFailed', error: initialError } : null,
  );
  const hasPhoto = me.photoVersion !== null;
  // A photo on the screen was consented to when it was uploaded; a new one needs the tick.
  const [agreed, setAgreed] = useState(false);
  const consent = hasPhoto || agreed;

  const onChange = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file || busy || !consent) return;
    setFeedback(null);
    setBusy('processing');
    let photo: Blob;
    try {
      photo = await preparePhoto(file);
    } catch (error) {
      setBusy(null);
      const reason = error instanceof PhotoError ? error.reason : 'decode';
      setFeedback({ tone: 'error', message: photoErrorKey(reason) });
      return;
    }
    setBusy('uploading');
    const result = await uploadPhoto(code, token, photo);
    setBusy(null);
    if (result.ok) {
      onParticipant(result.data);
      setFeedback({ tone: 'success', message: 'photo.updated' });
    } else {
      setFeedback({ tone: 'error', message: 'photo.uploadFailed', error: result.error });
    }
  };

  const onRemove = async () => {
    if (busy) return;
    setFeedback(null);
    setBusy('removing');
    const result = await deletePhoto(code, token);
    setBusy(null);
    if (result.ok) {
      onParticipant(result.data && typeof result.data === 'object' ? result.data : { ...me, photoVersion: null });
      setAgreed(false);
      setFeedback({ tone: 'success', message: 'photo.removed' });
    } else {
      setFeedback({ tone: 'error', message: 'photo.removeFailed', error: result.error });
    }
  };

  const busyText =
    busy === 'processing' ? t('photo.processing') : busy === 'uploading' ? t('join.uploading') : busy === 'removing' ? t('photo.removing') : null;

  return (
    <div className="photo-controls" aria-busy={busy !== null}>
      {!hasPhoto && <PhotoConsent id={`${id}-agree`} checked={agreed} onChange={setAgreed} disabled={busy !== null} t={t} />}
      <div className="photo-actions">
        <input
          id={id}
          className="visually-hidden photo-input"
          type="file"
          accept="image/*"
          capture="user"
          data-testid="joined-photo-input"
          disabled={busy !== null || !consent}
          onChange={(e) => void onChange(e)}
        />
        <label htmlFor={id} className="button button-secondary photo-button" aria-disabled={busy !== null || !consent}>
          <CameraIcon size={18} />
          {hasPhoto ? t('photo.change') : t('photo.add')}
        </label>
        {hasPhoto && (
          <button
            type="button"
            className="button button-danger-ghost"
            data-testid="photo-remove"
            disabled={busy !== null}
            onClick={() => void onRemove()}
          >
            <TrashIcon size={18} />
            {t('photo.remove')}
          </button>
        )}
      </div>
      <p className="photo-consent">{consent ? t('photo.consent') : t('photo.consentFirst')}</p>
      <div role="status" aria-live="polite" className="photo-feedback">
        {busyText ? (
          <p className="field-hint">
            <span className="spinner" aria-hidden="true" /> {busyText}
          </p>
        ) : feedback ? (
          <p className={`alert alert-${feedback.tone}`} data-testid="photo-feedback">
            {t(feedback.message)}
            {feedback.error && ` ${errorText(t, feedback.error)}`}
          </p>
        ) : null}
      </div>
    </div>
  );
}
