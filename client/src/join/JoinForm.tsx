import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { MessageKey, SessionInfo } from '@ideasphere/shared';
import { DISPLAY_NAME_MAX_CHARS } from '@ideasphere/shared/limits.js';
import type { RequestError } from '../lib/api';
import { errorText, type Translator } from '../lib/i18n';
import { useTextField } from '../lib/textField';
import { CharCounter, TextFieldNote } from '../ui/TextLimit';
import { storageKeys, writeStored } from '../lib/storage';
import { joinPhone, newJoinToken, type PhoneJoined, uploadPhoto } from './joinApi';
import { PhotoPicker } from './PhotoPicker';
import { SessionHeading } from './SessionHeading';
import { usePhotoChoice } from './usePhotoChoice';

interface JoinFormProps {
  code: string;
  info: SessionInfo;
  t: Translator;
  /** The venue of the QR code scanned (`?v=`), when the session knows it. */
  venueId: string | null;
  /** Why the guest is seeing the form again, if they were in before. */
  notice: 'expired' | null;
  /** The server refused the join because the facilitator removed this browser before. */
  onRemoved: () => void;
  /** Joined; `photoError` is set when the join worked but the photo upload did not. */
  onJoined: (joined: PhoneJoined, photoError: RequestError | null) => void;
}

type Phase = 'editing' | 'joining' | 'uploading';


/** Name and optional selfie: all a guest needs to join. */
export function JoinForm({ code, info, venueId, t, notice, onRemoved, onJoined }: JoinFormProps) {
  const id = useId();
  const nameInput = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [phase, setPhase] = useState<Phase>('editing');
  const nameField = useTextField(name, DISPLAY_NAME_MAX_CHARS);
  /** The server refused the name (the field's own checks passed). */
  const [nameError, setNameError] = useState<MessageKey | null>(null);
  const [error, setError] = useState<RequestError | null>(null);
  const { choice, pick, clear } = usePhotoChoice();
  const [consent, setConsent] = useState(false);
  const busy = phase !== 'editing';
  // One token for every try of this join: a try whose answer was lost already made the
  // participant, and trying again with it is that participant, not a second one.
  const [token, setToken] = useState(newJoinToken);
  // A join that ends after the form has gone (the guest left the page) leaves no socket behind.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || choice.kind === 'processing') return;
    if (!nameField.ready()) {
      nameInput.current?.focus();
      return;
    }
    setError(null);
    setNameError(null);
    setPhase('joining');
    const attempt = await joinPhone(code, token, venueId === null ? { name } : { name, venueId });
    if (!mounted.current) {
      if (attempt.ok) attempt.joined.socket?.disconnect();
      return;
    }
    if (!attempt.ok) {
      const { error: refusal } = attempt;
      if (refusal.reason === 'removed_from_session') return onRemoved();
      // This token's participant was removed while the join was on its way: the next try is a new one.
      if (refusal.code === 'unauthorized') setToken(newJoinToken());
      setPhase('editing');
      if (refusal.fields?.name) {
        setNameError(refusal.reason === 'text_blank' || refusal.reason === 'text_too_long' ? `reason.${refusal.reason}` : 'join.nameInvalid');
        nameInput.current?.focus();
      } else setError(refusal);
      return;
    }
    const { joined } = attempt;
    writeStored(storageKeys.participantToken(code), joined.token);

    let photoError: RequestError | null = null;
    if (choice.kind === 'ready' && consent) {
      setPhase('uploading');
      const uploaded = await uploadPhoto(code, joined.token, choice.photo);
      if (uploaded.ok) joined.participant = uploaded.data;
      else photoError = uploaded.error;
    }
    onJoined(joined, photoError);
  };

  const nameProblem = nameField.shown !== null || nameError !== null;
  return (
    <form className="join-card join-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
      <SessionHeading info={info} venueId={venueId} t={t} />

      {notice === 'expired' && (
        <p className="alert alert-warning" role="status" data-testid="join-expired">
          {t('join.expired')}
        </p>
      )}

      <div className="field">
        <label className="field-label" htmlFor={`${id}-name`}>
          <span>{t('join.nameLabel')}</span>
          <CharCounter field={nameField} always />
        </label>
        <input
          ref={nameInput}
          id={`${id}-name`}
          className="input input-name"
          data-testid="join-name"
          value={name}
          dir="auto"
          autoComplete="nickname"
          enterKeyHint="go"
          placeholder={t('join.namePlaceholder')}
          disabled={busy}
          required
          aria-invalid={nameProblem}
          aria-describedby={`${id}-name-hint${nameProblem ? ` ${id}-name-error` : ''}`}
          onChange={(e) => {
            setName(e.target.value);
            setNameError(null);
          }}
        />
        <p id={`${id}-name-hint`} className="field-hint">
          {t('join.nameHint', { max: DISPLAY_NAME_MAX_CHARS })}
        </p>
        {nameField.shown !== null ? (
          <TextFieldNote field={nameField} id={`${id}-name-error`} t={t} requiredKey="join.nameRequired" />
        ) : (
          nameError && (
            <p id={`${id}-name-error`} className="field-error" role="alert" data-testid="join-name-error">
              {t(nameError)}
            </p>
          )
        )}
      </div>

      <PhotoPicker
        choice={choice}
        onPick={(file) => void pick(file)}
        onRemove={clear}
        consent={consent}
        onConsent={(agreed) => {
          setConsent(agreed);
          // Taking the yes back also takes back the photo picked under it.
          if (!agreed) clear();
        }}
        t={t}
        disabled={busy}
      />

      {error && (
        <p className="alert alert-error" role="alert" data-testid="join-error">
          {errorText(t, error)}
        </p>
      )}

      <button
        type="submit"
        className="button button-primary button-large button-block"
        data-testid="join-submit"
        disabled={busy || choice.kind === 'processing'}
      >
        {busy && <span className="spinner" aria-hidden="true" />}
        {phase === 'joining' ? t('join.joining') : phase === 'uploading' ? t('join.uploading') : t('join.submit')}
      </button>
    </form>
  );
}
