import { useId, useState, type FormEvent } from 'react';
import type { MilestonePublic, MilestoneStatus, PipelineItemDetail } from '@ideasphere/shared';
import { MILESTONE_NOTE_MAX_CHARS, MILESTONE_STATUSES, MILESTONE_TITLE_MAX_CHARS } from '@ideasphere/shared/pipeline/pipelineModel.js';
import type { RequestError } from '../lib/api';
import { errorText, type LanguageState } from '../lib/i18n';
import { useTextField } from '../lib/textField';
import { formatDateTime } from '../platform/format';
import type { PlatformRequest } from '../platform/platformApi';
import { CharCounter, TextFieldNote } from '../ui/TextLimit';

interface MilestonesProps {
  lang: LanguageState;
  request: PlatformRequest;
  detail: PipelineItemDetail;
  onChanged: (detail: PipelineItemDetail) => void;
}

/** Incubation's milestones: owner, due date, status and a log of short updates; overdue ones stand out. */
export function Milestones({ lang, request, detail, onChanged }: MilestonesProps) {
  const { t } = lang;
  const incubating = detail.item.stage === 'incubation';
  return (
    <div className="card platform-card" data-testid="pipeline-milestones">
      <h2 className="platform-subtitle">{t('pipeline.milestones')}</h2>
      {detail.milestones.length === 0 ? (
        <p className="platform-empty">{incubating ? t('pipeline.milestones.empty') : t('pipeline.milestones.onlyIncubation')}</p>
      ) : (
        <ul className="pipeline-milestones">
          {detail.milestones.map((m) => (
            <MilestoneRow key={m.id} lang={lang} request={request} itemId={detail.item.id} milestone={m} canEdit={detail.canEdit} onChanged={onChanged} />
          ))}
        </ul>
      )}
      {incubating && detail.canEdit && <AddMilestone lang={lang} request={request} detail={detail} onChanged={onChanged} />}
    </div>
  );
}

function MilestoneRow({ lang, request, itemId, milestone, canEdit, onChanged }: { lang: LanguageState; request: PlatformRequest; itemId: string; milestone: MilestonePublic; canEdit: boolean; onChanged: (d: PipelineItemDetail) => void }) {
  const { t, language } = lang;
  const ids = useId();
  const [status, setStatus] = useState<MilestoneStatus>(milestone.status);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | null>(null);

  const post = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await request<PipelineItemDetail>('POST', `/api/pipeline/items/${itemId}/milestones/${milestone.id}/updates`, { status, note: note.slice(0, MILESTONE_NOTE_MAX_CHARS * 4) });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setNote('');
    onChanged(result.data);
  };

  return (
    <li className={`pipeline-milestone${milestone.overdue ? ' is-overdue' : ''}`} data-testid="pipeline-milestone">
      <div className="pipeline-milestone-head">
        <strong dir="auto">{milestone.title}</strong>
        <span className={`tag pipeline-status-${milestone.status}`}>{t(`pipeline.status.${milestone.status}`)}</span>
        {milestone.overdue && (
          <span className="tag pipeline-overdue" data-testid="pipeline-milestone-overdue">
            {t('pipeline.milestones.overdue')}
          </span>
        )}
      </div>
      <span className="platform-meta" dir="auto">
        {milestone.owner.name} · {t('pipeline.milestones.dueOn', { date: milestone.due })}
      </span>
      {milestone.updates.length > 0 && (
        <ol className="pipeline-updates">
          {milestone.updates.map((u, i) => (
            <li key={`${u.at}-${i}`}>
              <span className="platform-meta">
                {formatDateTime(language, u.at)} · {u.by.name} · {t(`pipeline.status.${u.status}`)}
              </span>
              {u.note && <span dir="auto"> — {u.note}</span>}
            </li>
          ))}
        </ol>
      )}
      {canEdit && (
        <form className="pipeline-update-form" onSubmit={(e) => void post(e)} aria-busy={busy}>
          <label className="pipeline-filter">
            <span>{t('pipeline.status.label')}</span>
            <select className="input" value={status} onChange={(e) => setStatus(MILESTONE_STATUSES.find((s) => s === e.target.value) ?? status)} data-testid="pipeline-update-status">
              {MILESTONE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`pipeline.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="pipeline-filter pipeline-grow" htmlFor={`${ids}-note`}>
            <span>{t('pipeline.milestones.note')}</span>
            <input id={`${ids}-note`} className="input" dir="auto" value={note} onChange={(e) => setNote(e.target.value)} data-testid="pipeline-update-note" />
          </label>
          <button type="submit" className="button button-secondary button-small" disabled={busy} data-testid="pipeline-update-submit">
            {busy ? t('pipeline.milestones.posting') : t('pipeline.milestones.update')}
          </button>
          {error && (
            <p className="alert alert-error" role="alert">
              {errorText(t, error)}
            </p>
          )}
        </form>
      )}
    </li>
  );
}

function AddMilestone({ lang, request, detail, onChanged }: Omit<MilestonesProps, 'detail'> & { detail: PipelineItemDetail }) {
  const { t } = lang;
  const ids = useId();
  const [title, setTitle] = useState('');
  const titleField = useTextField(title, MILESTONE_TITLE_MAX_CHARS);
  const [owner, setOwner] = useState(detail.members[0]?.id ?? '');
  const [due, setDue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!titleField.ready()) {
      document.getElementById(`${ids}-title`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const result = await request<PipelineItemDetail>('POST', `/api/pipeline/items/${detail.item.id}/milestones`, { title: titleField.check.text, ownerAccountId: owner, due });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setTitle('');
    setDue('');
    onChanged(result.data);
  };

  return (
    <form className="platform-form pipeline-add-milestone" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy} data-testid="pipeline-add-milestone">
      <h3 className="platform-subtitle">{t('pipeline.milestones.add')}</h3>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-title`}>
          <span>{t('pipeline.milestones.title')}</span>
          <CharCounter field={titleField} />
        </label>
        <input id={`${ids}-title`} className="input" dir="auto" value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={titleField.shown !== null} data-testid="pipeline-milestone-title" />
        <TextFieldNote field={titleField} id={`${ids}-title-error`} t={t} requiredKey="pipeline.milestones.titleMissing" />
      </div>
      <div className="pipeline-form-row">
        <label className="pipeline-filter">
          <span>{t('pipeline.milestones.owner')}</span>
          <select className="input" value={owner} onChange={(e) => setOwner(e.target.value)} data-testid="pipeline-milestone-owner">
            {detail.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label className="pipeline-filter">
          <span>{t('pipeline.milestones.due')}</span>
          <input type="date" className="input" value={due} required onChange={(e) => setDue(e.target.value)} data-testid="pipeline-milestone-due" />
        </label>
      </div>
      {error && (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={busy} data-testid="pipeline-milestone-submit">
        {busy ? t('pipeline.milestones.adding') : t('pipeline.milestones.add')}
      </button>
    </form>
  );
}
