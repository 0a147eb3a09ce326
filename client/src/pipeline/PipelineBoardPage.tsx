import { useState, type DragEvent } from 'react';
import type { FieldPublic, PipelineBoard, PipelineItemPublic, PipelineStage } from '@ideasphere/shared';
import { PIPELINE_STAGES } from '@ideasphere/shared/pipeline/pipelineModel.js';
import { fieldName } from '../challenges/fieldName';
import { errorText } from '../lib/i18n';
import type { PlatformPageProps } from '../platform/HomePage';
import { Loading } from '../platform/Loading';
import { useFetched } from '../platform/useFetched';
import { useDialog } from '../ui/useDialog';
import { MoveMenu } from './MoveMenu';
import { stageLabel } from './pipelineText';
import { usePipelineMove } from './usePipelineMove';
import './pipeline.css';

/** The drag's payload type: only our cards drop on our columns. */
const DRAG_TYPE = 'application/x-ideasphere-pipeline-item';

/**
 * The board: one column per stage with its count, a card per item. Cards move by drag and drop
 * or by their "Move to…" menu (the keyboard's way); a move back asks for a reason, and a gate
 * the server refuses is said in words above the board. On a phone the columns scroll sideways.
 */
export function PipelineBoardPage({ lang, request, navigate }: PlatformPageProps) {
  const { t, language } = lang;
  const [organisation, setOrganisation] = useState('');
  const [field, setField] = useState('');
  const query = new URLSearchParams({ ...(organisation ? { organisation } : {}), ...(field ? { field } : {}) }).toString();
  const board = useFetched<PipelineBoard>(request, `/api/pipeline${query ? `?${query}` : ''}`);
  const fields = useFetched<FieldPublic[]>(request, '/api/fields');
  const dialogs = useDialog(t);
  const [dragging, setDragging] = useState<PipelineItemPublic | null>(null);
  const [dropTarget, setDropTarget] = useState<PipelineStage | null>(null);
  const names = board.data?.stageNames;
  const label = (stage: PipelineStage) => (names ? stageLabel(names, stage, language) : stage);
  const mover = usePipelineMove(lang, request, dialogs, label, () => board.reload());
  const fieldNames = new Map((fields.data ?? []).map((f) => [f.id, fieldName(language, f)]));

  const drop = (event: DragEvent, stage: PipelineStage) => {
    event.preventDefault();
    setDropTarget(null);
    const item = dragging;
    setDragging(null);
    if (item && event.dataTransfer.types.includes(DRAG_TYPE)) void mover.move(item, stage);
  };

  return (
    <section className="platform-page pipeline-page" data-testid="pipeline-page">
      <header className="platform-page-header pipeline-header">
        <div>
          <h1 className="platform-title">{t('pipeline.title')}</h1>
          <p className="platform-lead">{t('pipeline.lead')}</p>
        </div>
        <div className="platform-actions">
          <a
            className="button button-secondary button-small"
            href="/platform/pipeline/dashboard"
            onClick={(e) => {
              e.preventDefault();
              navigate({ page: 'pipelineDashboard' });
            }}
            data-testid="pipeline-dashboard-link"
          >
            {t('pipeline.dashboard')}
          </a>
          {organisation && (
            <a
              className="button button-ghost button-small"
              href={`/platform/pipeline/settings/${organisation}`}
              onClick={(e) => {
                e.preventDefault();
                navigate({ page: 'pipelineSettings', orgId: organisation });
              }}
              data-testid="pipeline-settings-link"
            >
              {t('pipeline.settings')}
            </a>
          )}
        </div>
      </header>
      <fieldset className="pipeline-filters">
        <legend className="visually-hidden">{t('pipeline.filters')}</legend>
        <label className="pipeline-filter">
          <span>{t('pipeline.filter.organisation')}</span>
          <select className="input" value={organisation} onChange={(e) => setOrganisation(e.target.value)} data-testid="pipeline-filter-organisation">
            <option value="">{t('pipeline.filter.all')}</option>
            {(board.data?.organisations ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label className="pipeline-filter">
          <span>{t('pipeline.filter.field')}</span>
          <select className="input" value={field} onChange={(e) => setField(e.target.value)} data-testid="pipeline-filter-field">
            <option value="">{t('pipeline.filter.all')}</option>
            {(fields.data ?? [])
              .filter((f) => !f.archived)
              .map((f) => (
                <option key={f.id} value={f.id}>
                  {fieldName(language, f)}
                </option>
              ))}
          </select>
        </label>
      </fieldset>
      <div aria-live="polite" className="pipeline-notice-slot">
        {mover.notice && (
          <p className={`alert ${mover.notice.tone === 'error' ? 'alert-error' : 'alert-success'} pipeline-notice`} role={mover.notice.tone === 'error' ? 'alert' : 'status'} data-testid={mover.notice.tone === 'error' ? 'pipeline-refusal' : 'pipeline-moved'}>
            <span>{mover.notice.text}</span>
            <button type="button" className="button button-ghost button-small" onClick={mover.clearNotice}>
              {t('pipeline.dismiss')}
            </button>
          </p>
        )}
      </div>
      {board.error && board.data !== null && (
        <p className="alert alert-error" role="alert">
          {errorText(t, board.error)}
        </p>
      )}
      {board.data === null ? (
        <Loading t={t} error={board.error} />
      ) : (
        <>
          {board.data.items.length === 0 && (
            <p className="platform-empty card platform-card" data-testid="pipeline-empty">
              {t('pipeline.empty')}
            </p>
          )}
          {board.data.truncated && <p className="alert alert-info">{t('pipeline.truncated', { count: board.data.items.length })}</p>}
          <div className="pipeline-board" data-testid="pipeline-board">
            {PIPELINE_STAGES.map((stage) => {
              const items = board.data?.items.filter((i) => i.stage === stage) ?? [];
              return (
                <section
                  key={stage}
                  className={`pipeline-column${dropTarget === stage ? ' is-drop-target' : ''}`}
                  aria-labelledby={`pipeline-col-${stage}`}
                  data-testid={`pipeline-column-${stage}`}
                  onDragOver={(e) => {
                    if (!dragging || dragging.stage === stage) return;
                    e.preventDefault();
                    setDropTarget(stage);
                  }}
                  onDragLeave={() => setDropTarget((current) => (current === stage ? null : current))}
                  onDrop={(e) => drop(e, stage)}
                >
                  <h2 className="pipeline-column-title" id={`pipeline-col-${stage}`}>
                    <span>{label(stage)}</span>
                    <span className="board-count" aria-label={t('pipeline.count', { count: board.data?.counts[stage] ?? 0 })} data-testid="pipeline-count">
                      {board.data?.counts[stage] ?? 0}
                    </span>
                  </h2>
                  {items.length === 0 ? (
                    <p className="pipeline-column-empty">{t('pipeline.columnEmpty')}</p>
                  ) : (
                    <ul className="pipeline-cards">
                      {items.map((item) => (
                        <li
                          key={item.id}
                          className={`pipeline-card${item.overdueMilestones > 0 ? ' is-overdue' : ''}${mover.moving === item.id ? ' is-moving' : ''}`}
                          draggable={item.canMove && mover.moving === null}
                          onDragStart={(e) => {
                            e.dataTransfer.setData(DRAG_TYPE, item.id);
                            e.dataTransfer.effectAllowed = 'move';
                            setDragging(item);
                          }}
                          onDragEnd={() => {
                            setDragging(null);
                            setDropTarget(null);
                          }}
                          aria-busy={mover.moving === item.id}
                          data-testid="pipeline-card"
                          data-item-id={item.id}
                        >
                          <a
                            className="pipeline-card-title"
                            dir="auto"
                            href={`/platform/pipeline/items/${item.id}`}
                            onClick={(e) => {
                              e.preventDefault();
                              navigate({ page: 'pipelineItem', id: item.id });
                            }}
                          >
                            {item.title}
                          </a>
                          <div className="pipeline-card-tags">
                            <span className={`tag pipeline-kind-${item.ref.kind}`}>{t(`pipeline.kind.${item.ref.kind}`)}</span>
                            {item.fieldIds.map((id) => (
                              <span key={id} className="tag">
                                {fieldNames.get(id) ?? ''}
                              </span>
                            ))}
                            {item.overdueMilestones > 0 && (
                              <span className="tag pipeline-overdue" data-testid="pipeline-card-overdue">
                                {t('pipeline.overdue', { count: item.overdueMilestones })}
                              </span>
                            )}
                          </div>
                          <span className="platform-meta" dir="auto">
                            {item.organisation.name}
                          </span>
                          {item.canMove && <MoveMenu t={t} title={item.title} stage={item.stage} label={label} busy={mover.moving === item.id} onMove={(to) => void mover.move(item, to)} />}
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              );
            })}
          </div>
        </>
      )}
      {dialogs.dialog}
    </section>
  );
}
