import { useState, type FormEvent } from 'react';
import type { PipelineGate, PipelineSettingsPublic, PipelineStage, StageName } from '@ideasphere/shared';
import { PIPELINE_GATES, PIPELINE_STAGES } from '@ideasphere/shared/pipeline/pipelineModel.js';
import type { RequestError } from '../lib/api';
import { errorText } from '../lib/i18n';
import type { PlatformPageProps } from '../platform/HomePage';
import { Loading } from '../platform/Loading';
import { useFetched } from '../platform/useFetched';
import './pipeline.css';

/** An organisation's stage names (zh + en) and gates; its admins edit them, its members read them. */
export function PipelineSettingsPage({ lang, request, navigate, organisationId }: PlatformPageProps & { organisationId: string }) {
  const fetched = useFetched<PipelineSettingsPublic>(request, `/api/pipeline/settings/${organisationId}`);
  if (fetched.data === null) return <Loading t={lang.t} error={fetched.error} />;
  return <SettingsForm lang={lang} request={request} navigate={navigate} settings={fetched.data} />;
}

function SettingsForm({ lang, request, navigate, settings }: Omit<PlatformPageProps, 'me'> & { settings: PipelineSettingsPublic }) {
  const { t, language } = lang;
  const organisationId = settings.organisationId;
  const [names, setNames] = useState<Record<PipelineStage, StageName>>(settings.stageNames);
  const [gates, setGates] = useState<Record<PipelineStage, PipelineGate[]>>(settings.gates);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<RequestError | null>(null);
  const canEdit = settings.canEdit;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setSaved(false);
    setError(null);
    const result = await request<PipelineSettingsPublic>('PUT', `/api/pipeline/settings/${organisationId}`, { stageNames: names, gates });
    setSaving(false);
    if (!result.ok) return setError(result.error);
    setSaved(true);
  };
  const toggle = (stage: PipelineStage, gate: PipelineGate) =>
    setGates({ ...gates, [stage]: gates[stage].includes(gate) ? gates[stage].filter((g) => g !== gate) : [...gates[stage], gate] });

  return (
    <section className="platform-page" data-testid="pipeline-settings">
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
      <header className="platform-page-header">
        <h1 className="platform-title">{t('pipeline.set.title')}</h1>
        <p className="platform-lead">{canEdit ? t('pipeline.set.lead') : t('pipeline.set.readOnly')}</p>
      </header>
      <form className="card platform-card platform-form" onSubmit={(e) => void save(e)} aria-busy={saving}>
        <div className="pipeline-settings-grid">
          {PIPELINE_STAGES.map((stage) => (
            <fieldset key={stage} className="pipeline-settings-stage" disabled={!canEdit}>
              <legend>{names[stage][language]}</legend>
              <label className="pipeline-filter">
                <span>{t('pipeline.set.nameZh')}</span>
                <input className="input" lang="zh-CN" value={names[stage].zh} onChange={(e) => setNames({ ...names, [stage]: { ...names[stage], zh: e.target.value } })} data-testid={`pipeline-name-zh-${stage}`} />
              </label>
              <label className="pipeline-filter">
                <span>{t('pipeline.set.nameEn')}</span>
                <input className="input" lang="en" value={names[stage].en} onChange={(e) => setNames({ ...names, [stage]: { ...names[stage], en: e.target.value } })} data-testid={`pipeline-name-en-${stage}`} />
              </label>
              <div className="pipeline-gates">
                <span className="field-label">{t('pipeline.set.gates')}</span>
                {PIPELINE_GATES.map((gate) => (
                  <label key={gate} className="choice">
                    <input type="checkbox" checked={gates[stage].includes(gate)} onChange={() => toggle(stage, gate)} data-testid={`pipeline-gate-${stage}-${gate}`} />
                    <span>{t(`pipeline.set.gate.${gate}`)}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
        </div>
        {error && (
          <p className="alert alert-error" role="alert">
            {errorText(t, error)}
          </p>
        )}
        {saved && (
          <p className="alert alert-success" role="status">
            {t('pipeline.set.saved')}
          </p>
        )}
        {canEdit && (
          <button type="submit" className="button button-primary" disabled={saving} data-testid="pipeline-settings-save">
            {saving ? t('pipeline.set.saving') : t('pipeline.set.save')}
          </button>
        )}
      </form>
    </section>
  );
}
