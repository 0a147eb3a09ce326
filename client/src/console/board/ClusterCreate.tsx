import { useId, useState, type FormEvent } from 'react';
import { CLUSTERS_MAX, CLUSTER_NAME_MAX_CHARS } from '@ideasphere/shared/limits.js';
import type { Translator } from '../../lib/i18n';

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

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '' || busy || full) return;
    setBusy(true);
    const created = await onCreate(name.trim());
    setBusy(false);
    if (created) setName('');
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
        maxLength={CLUSTER_NAME_MAX_CHARS}
        placeholder={full ? t('board.clustersFull', { max: CLUSTERS_MAX }) : t('board.clusterPlaceholder')}
        disabled={full}
        onChange={(e) => setName(e.target.value)}
      />
      <button type="submit" className="button button-secondary button-small" data-testid="cluster-create-submit" disabled={busy || full || name.trim() === ''}>
        {t('board.createCluster')}
      </button>
    </form>
  );
}
