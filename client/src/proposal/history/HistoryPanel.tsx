import { useId, useState, type FormEvent } from 'react';
import type { Language, ProposalRole, VersionKind, VersionSummary } from '@ideasphere/shared';
import { VERSION_NAME_MAX_CHARS } from '@ideasphere/shared/limits.js';
import { mayEditDocument } from '@ideasphere/shared/proposalModel.js';
import { errorText, type Translator } from '../../lib/i18n';
import type { RequestError } from '../../lib/api';
import { useTextField } from '../../lib/textField';
import { CharCounter, TextFieldNote, textFieldAria } from '../../ui/TextLimit';
import type { ProposalApi } from '../proposalApi';
import { formatWhen } from '../format';
import type { VersionsData } from '../useProposalData';

interface HistoryPanelProps {
  versions: VersionsData;
  api: ProposalApi;
  role: ProposalRole;
  viewing: string | null;
  onView: (version: VersionSummary) => void;
  language: Language;
  t: Translator;
}

const KIND_LABEL: Record<VersionKind, 'proposal.history.kind.manual' | 'proposal.history.kind.auto' | 'proposal.history.kind.restore'> = {
  manual: 'proposal.history.kind.manual',
  auto: 'proposal.history.kind.auto',
  restore: 'proposal.history.kind.restore',
};

/** Named versions: save one now, see the automatic ones, open any of them. */
export function HistoryPanel({ versions, api, role, viewing, onView, language, t }: HistoryPanelProps) {
  const id = useId();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const canSave = mayEditDocument(role);
  const trimmed = name.trim();
  const nameField = useTextField(name, VERSION_NAME_MAX_CHARS);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !nameField.ready()) return;
    setBusy(true);
    setError(null);
    const result = await api.saveVersion(nameField.check.text);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setName('');
    nameField.reset();
    setSaved(result.data.name);
    versions.refetch();
  };

  return (
    <div className="history-panel" data-testid="history-panel">
      {canSave && (
        <form className="version-form" onSubmit={(e) => void save(e)} noValidate>
          <label className="field-label" htmlFor={`${id}-name`}>
            <span>{t('proposal.history.saveLabel')}</span>
            <CharCounter field={nameField} />
          </label>
          <div className="version-form-row">
            <input
              id={`${id}-name`}
              className="input input-small"
              value={name}
              dir="auto"
              placeholder={t('proposal.history.namePlaceholder')}
              {...textFieldAria(nameField, `${id}-name-error`)}
              data-testid="version-name"
              onChange={(e) => {
                setName(e.target.value);
                setSaved(null);
              }}
            />
            <button type="submit" className="button button-primary button-small" disabled={trimmed === '' || busy} aria-busy={busy} data-testid="version-save">
              {busy ? t('proposal.sending') : t('proposal.history.save')}
            </button>
          </div>
          <TextFieldNote field={nameField} id={`${id}-name-error`} t={t} />
          <p className="field-hint" role="status">
            {error ? errorText(t, error) : saved !== null ? t('proposal.history.saved', { name: saved }) : t('proposal.history.saveHint')}
          </p>
        </form>
      )}
      {versions.data === null && versions.loading && <p className="panel-empty">{t('common.loading')}</p>}
      {versions.data !== null && versions.data.length === 0 && (
        <p className="panel-empty" data-testid="versions-empty">
          {t('proposal.history.empty')}
        </p>
      )}
      <ol className="version-list" aria-label={t('proposal.history.title')}>
        {(versions.data ?? []).map((version) => (
          <li key={version.id} className="version-item" data-testid="version-item" data-kind={version.kind} data-current={viewing === version.id}>
            <button type="button" className="version-open" onClick={() => onView(version)} aria-current={viewing === version.id ? 'true' : undefined}>
              <span className="version-name" dir="auto">
                {version.name}
              </span>
              <span className="version-meta">
                <span className="version-kind" data-kind={version.kind}>
                  {t(KIND_LABEL[version.kind])}
                </span>
                <time>{formatWhen(language, version.createdAt)}</time>
              </span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
