import { useState } from 'react';
import type { PipelineItemDetail, PipelineSourcePublic, PipelineSources } from '@ideasphere/shared';
import type { RequestError } from '../lib/api';
import { errorText, type LanguageState } from '../lib/i18n';
import type { PlatformRequest } from '../platform/platformApi';
import { useFetched } from '../platform/useFetched';
import { Loading } from '../platform/Loading';
import './pipeline.css';

/**
 * "Add to pipeline" for one live session on the organiser's page: its ideas and proposals, each
 * with a button (or a mark when already in), for one of the organiser's organisations.
 */
export function AddToPipeline({ lang, request, code }: { lang: LanguageState; request: PlatformRequest; code: string }) {
  const { t } = lang;
  const sources = useFetched<PipelineSources>(request, `/api/pipeline/sources/${code}`);
  const [organisation, setOrganisation] = useState<string | null>(null);
  const [adding, setAdding] = useState<string | null>(null);
  const [error, setError] = useState<RequestError | null>(null);

  if (sources.data === null) return <Loading t={t} error={sources.error} />;
  const chosen = organisation ?? sources.data.organisations[0]?.id ?? null;

  const add = async (source: PipelineSourcePublic) => {
    if (chosen === null || adding !== null) return;
    setAdding(source.ref.id);
    setError(null);
    const result = await request<PipelineItemDetail>('POST', '/api/pipeline/items', { organisationId: chosen, sessionCode: code, kind: source.ref.kind, id: source.ref.id });
    setAdding(null);
    if (!result.ok) return setError(result.error);
    sources.reload();
  };

  const list = (items: PipelineSourcePublic[], heading: string) => (
    <div className="pipeline-sources">
      <h3 className="platform-subtitle">{heading}</h3>
      {items.length === 0 ? (
        <p className="platform-empty">{t('pipeline.add.none')}</p>
      ) : (
        <ul className="platform-list">
          {items.map((source) => (
            <li key={source.ref.id} className="platform-list-item" data-testid="pipeline-source">
              <span dir="auto">{source.title}</span>
              {source.itemId ? (
                <a className="tag tag-mine" href={`/platform/pipeline/items/${source.itemId}`} data-testid="pipeline-source-added">
                  {t('pipeline.add.added')}
                </a>
              ) : (
                <button type="button" className="button button-secondary button-small" disabled={chosen === null || adding !== null} onClick={() => void add(source)} data-testid="pipeline-source-add">
                  {adding === source.ref.id ? t('pipeline.add.adding') : t('pipeline.add.button')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );

  return (
    <div className="pipeline-add" data-testid="pipeline-add">
      {sources.data.organisations.length === 0 ? (
        <p className="alert alert-info">{t('pipeline.add.noOrganisation')}</p>
      ) : (
        sources.data.organisations.length > 1 && (
          <label className="pipeline-filter">
            <span>{t('pipeline.add.for')}</span>
            <select className="input" value={chosen ?? ''} onChange={(e) => setOrganisation(e.target.value)}>
              {sources.data.organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
        )
      )}
      {error && (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {list(sources.data.ideas, t('pipeline.add.ideas'))}
      {list(sources.data.proposals, t('pipeline.add.proposals'))}
    </div>
  );
}
