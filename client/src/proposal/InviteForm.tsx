import { useId, useState, type FormEvent } from 'react';
import { DISPLAY_NAME_MAX_CHARS } from '@ideasphere/shared/limits.js';
import { errorText, type Translator } from '../lib/i18n';
import type { RequestError } from '../lib/api';
import { readStored, writeStored } from '../lib/storage';
import { useTextField } from '../lib/textField';
import { CharCounter, TextFieldNote } from '../ui/TextLimit';
import { joinProposal } from './proposalApi';

const NAME_KEY = 'ideasphere:proposal-name';

interface InviteFormProps {
  proposalId: string;
  invite: string;
  t: Translator;
  onJoined: (memberToken: string) => void;
}

/** Opening an invite link: type a name, become a co-author (or commenter, or viewer). */
export function InviteForm({ proposalId, invite, t, onJoined }: InviteFormProps) {
  const id = useId();
  const [name, setName] = useState(() => readStored(NAME_KEY) ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | null>(null);
  const trimmed = name.trim();
  const nameField = useTextField(name, DISPLAY_NAME_MAX_CHARS);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !nameField.ready()) return;
    setBusy(true);
    setError(null);
    const result = await joinProposal(proposalId, invite, nameField.check.text);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    // Only a convenience: the next invite link already knows the name.
    writeStored(NAME_KEY, nameField.check.text);
    onJoined(result.data.memberToken);
  };

  const refused = error?.code === 'unauthorized' || error?.code === 'not_found' || error?.code === 'forbidden';
  return (
    <form className="card invite-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`} data-testid="proposal-invite-form">
      <p className="eyebrow">{t('proposal.invite.eyebrow')}</p>
      <h1 id={`${id}-title`} className="invite-title">
        {t('proposal.invite.title')}
      </h1>
      <p className="invite-lead">{t('proposal.invite.lead')}</p>
      <label className="field" htmlFor={`${id}-name`}>
        <span className="field-label">
          <span>{t('proposal.invite.name')}</span>
          <CharCounter field={nameField} />
        </span>
        <input
          id={`${id}-name`}
          className="input"
          data-testid="proposal-join-name"
          value={name}
          dir="auto"
          autoComplete="name"
          autoFocus
          onChange={(e) => setName(e.target.value)}
          aria-invalid={(error !== null && !refused) || nameField.shown !== null}
          aria-describedby={nameField.shown !== null ? `${id}-name-error` : undefined}
        />
      </label>
      <TextFieldNote field={nameField} id={`${id}-name-error`} t={t} />
      {error && (
        <p className="alert alert-error" role="alert" data-testid="proposal-join-error">
          {refused ? t('proposal.invite.invalid') : errorText(t, error)}
        </p>
      )}
      <button type="submit" className="button button-primary button-block" data-testid="proposal-join-submit" disabled={trimmed === '' || busy} aria-busy={busy}>
        {busy ? t('proposal.invite.joining') : t('proposal.invite.join')}
      </button>
    </form>
  );
}
