import { useId, useState, type FormEvent } from 'react';
import { CLUSTERS_MAX, CLUSTER_NAME_MAX_CHARS } from '@ideasphere/shared/limits.js';
import type { Translator } from '../../lib/i18n';
import { useTextField } from '../../lib/textField';
import { CharCounter, TextFieldNote, textFieldAria } from '../../ui/TextLimit';

interface ClusterCreateProps {
  count: number;
  onCreate: (name: string) => Promise<boolean>;
  t: Translator;
}

/** A name and a button: a new, empty cluster column. */
export function ClusterCreate({ count, onCreate, t }: ClusterCreateProps) {
  const id = useId();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const full = count >= CLUSTERS_MAX;
  const field = useTextField(name, CLUSTER_NAME_MAX_CHARS);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || full || !field.ready()) return;
    setBusy(true);
    const created = await onCreate(field.check.text);
    setBusy(false);
    if (created) {
      setName('');
      field.reset();
    }
  };

  return (
    <form className="cluster-create" onSubmit={(e) => void submit(e)}>
      <label className="visually-hidden" htmlFor={id}>
        {t('board.clusterName')}
      </label>
      <input
        id={id}
        className="input input-small"
        data-testid="cluster-create-input"
        value={name}
        dir="auto"
        {...textFieldAria(field, `${id}-error`)}
        placeholder={full ? t('board.clustersFull', { max: CLUSTERS_MAX }) : t('board.clusterPlaceholder')}
        disabled={full}
        onChange={(e) => setName(e.target.value)}
      />
      <CharCounter field={field} />
      <button type="submit" className="button button-secondary button-small" data-testid="cluster-create-submit" disabled={busy || full || name.trim() === ''}>
        {t('board.createCluster')}
      </button>
      <TextFieldNote field={field} id={`${id}-error`} t={t} />
    </form>
  );
}
