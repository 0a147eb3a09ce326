import { useId, type ChangeEvent } from 'react';
import type { Translator } from '../lib/i18n';
import { CameraIcon, TrashIcon } from '../ui/icons';
import { PhotoConsent } from './PhotoConsent';
import { photoErrorKey, type PhotoChoice } from './usePhotoChoice';

interface PhotoPickerProps {
  choice: PhotoChoice;
  onPick: (file: File) => void;
  onRemove: () => void;
  /** The guest ticked "show my photo on the big screen"; picking a photo needs it. */
  consent: boolean;
  onConsent: (consent: boolean) => void;
  t: Translator;
  disabled?: boolean;
}

/**
 * Optional selfie for the join form: the camera on phones (`capture="user"`), a file picker
 * elsewhere. The consent line is always visible, because the photo goes on the big screen.
 */
export function PhotoPicker({ choice, onPick, onRemove, consent, onConsent, t, disabled = false }: PhotoPickerProps) {
  const id = useId();
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Reset so choosing the same file again still fires a change.
    event.target.value = '';
    if (file) onPick(file);
  };
  const hasPhoto = choice.kind === 'ready';
  const canPick = consent && !disabled;

  return (
    <div className="photo-picker" aria-busy={choice.kind === 'processing'}>
      <div className="photo-preview" data-state={choice.kind}>
        {choice.kind === 'ready' ? (
          <img src={choice.previewUrl} alt={t('photo.previewAlt')} data-testid="join-photo-preview" />
        ) : choice.kind === 'processing' ? (
          <span className="spinner" aria-hidden="true" />
        ) : (
          <CameraIcon size={30} />
        )}
      </div>
      <div className="photo-body">
        <p className="field-label">
          <span>
            {t('photo.label')} <span className="field-hint">{t('common.optional')}</span>
          </span>
        </p>
        <PhotoConsent id={`${id}-agree`} checked={consent} onChange={onConsent} disabled={disabled} t={t} />
        <div className="photo-actions">
          <input
            id={id}
            className="visually-hidden photo-input"
            type="file"
            accept="image/*"
            capture="user"
            data-testid="join-photo-input"
            disabled={!canPick}
            onChange={onChange}
            aria-describedby={`${id}-consent`}
          />
          <label htmlFor={id} className="button button-secondary photo-button" aria-disabled={!canPick}>
            <CameraIcon size={18} />
            {hasPhoto ? t('photo.retake') : t('photo.take')}
          </label>
          {hasPhoto && (
            <button
              type="button"
              className="button button-danger-ghost"
              onClick={onRemove}
              disabled={disabled}
              data-testid="join-photo-remove"
            >
              <TrashIcon size={18} />
              {t('photo.remove')}
            </button>
          )}
        </div>
        {choice.kind === 'processing' && (
          <p className="field-hint" role="status">
            {t('photo.processing')}
          </p>
        )}
        {choice.kind === 'error' && (
          <p className="field-error" role="alert">
            {t(photoErrorKey(choice.reason))}
          </p>
        )}
        <p id={`${id}-consent`} className="photo-consent">
          {consent ? t('photo.consent') : t('photo.consentFirst')}
        </p>
      </div>
    </div>
  );
}
