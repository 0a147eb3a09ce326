import { useState } from 'react';
import type { PipelineBoard, PipelineDashboard, PipelineStage } from '@ideasphere/shared';
import { formatCount } from '../lib/i18n';
import type { PlatformPageProps } from '../platform/HomePage';
import { Loading } from '../platform/Loading';
import { useFetched } from '../platform/useFetched';
import { DurationChart, FunnelChart, StackedRows, StageLegend } from './charts';
import { stageLabel } from './pipelineText';
import './pipeline.css';

/** The funnel per stage, field and organisation, and days spent per stage, as plain SVG charts; exportable as CSV. */
export function PipelineDashboardPage({ lang, request, navigate }: PlatformPageProps) {
  const { t, language } = lang;
  const [organisation, setOrganisation] = useState('');
  const query = organisation ? `?organisation=${organisation}` : '';
  const dashboard = useFetched<PipelineDashboard>(request, `/api/pipeline/dashboard${query}`);
  const organisations = useFetched<PipelineBoard>(request, '/api/pipeline');
  const data = dashboard.data;
  const label = (stage: PipelineStage) => (data ? stageLabel(data.stageNames, stage, language) : stage);

  return (
    <section className="platform-page pipeline-page" data-testid="pipeline-dashboard">
      <p>
        <a
          className="platform-link"
          href="/platform/pipeline"
          onClick={(e) => {
            e.preventDefault();
            navigate({ page: 'pipeline' });
          }}
        >
          ← {t('pipeline.board')}
        </a>
      </p>
      <header className="platform-page-header pipeline-header">
        <div>
          <h1 className="platform-title">{t('pipeline.dash.title')}</h1>
          <p className="platform-lead">{t('pipeline.dash.lead')}</p>
        </div>
        <div className="platform-actions">
          <label className="pipeline-filter">
            <span>{t('pipeline.filter.organisation')}</span>
            <select className="input" value={organisation} onChange={(e) => setOrganisation(e.target.value)} data-testid="pipeline-dash-organisation">
              <option value="">{t('pipeline.filter.all')}</option>
              {(organisations.data?.organisations ?? []).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <a className="button button-secondary button-small" href={`/api/pipeline/dashboard.csv${query}`} download="pipeline-dashboard.csv" data-testid="pipeline-export">
            {t('pipeline.dash.export')}
          </a>
        </div>
      </header>
      {data === null ? (
        <Loading t={t} error={dashboard.error} />
      ) : data.total === 0 ? (
        <p className="platform-empty card platform-card" data-testid="pipeline-dash-empty">
          {t('pipeline.dash.empty')}
        </p>
      ) : (
        <div className="pipeline-dash-grid">
          <div className="card platform-card">
            <h2 className="platform-subtitle">{t('pipeline.dash.funnel')}</h2>
            <p className="platform-meta">{t('pipeline.dash.total', { count: formatCount(language, data.total) })}</p>
            <FunnelChart counts={data.funnel} label={label} title={t('pipeline.dash.funnel')} />
          </div>
          <div className="card platform-card">
            <h2 className="platform-subtitle">{t('pipeline.dash.time')}</h2>
            <p className="platform-meta">{t('pipeline.dash.timeNote')}</p>
            <DurationChart
              durations={data.durations}
              label={label}
              title={t('pipeline.dash.time')}
              legend={{ median: t('pipeline.dash.median'), mean: t('pipeline.dash.mean'), none: t('pipeline.dash.noStays'), days: (days) => t('pipeline.dash.days', { days }) }}
            />
          </div>
          <div className="card platform-card">
            <h2 className="platform-subtitle">{t('pipeline.dash.byField')}</h2>
            <StageLegend label={label} />
            <StackedRows rows={data.byField} label={label} title={t('pipeline.dash.byField')} />
          </div>
          <div className="card platform-card">
            <h2 className="platform-subtitle">{t('pipeline.dash.byOrganisation')}</h2>
            <StageLegend label={label} />
            <StackedRows rows={data.byOrganisation} label={label} title={t('pipeline.dash.byOrganisation')} />
          </div>
        </div>
      )}
    </section>
  );
}
