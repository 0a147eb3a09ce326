import { useState } from 'react';
import type { PipelineItemDetail, PipelineStage } from '@ideasphere/shared';
import { formatDateTime } from '../platform/format';
import type { PlatformPageProps } from '../platform/HomePage';
import { Loading } from '../platform/Loading';
import { useFetched } from '../platform/useFetched';
import { useDialog } from '../ui/useDialog';
import { Milestones } from './Milestones';
import { MoveMenu } from './MoveMenu';
import { stageLabel } from './pipelineText';
import { usePipelineMove } from './usePipelineMove';
import './pipeline.css';

/** One item: where it stands, every move it made (who, when, from, to, why) and, in incubation, its milestones. */
export function PipelineItemPage({ lang, request, navigate, id }: PlatformPageProps & { id: string }) {
  const { t, language } = lang;
  const fetched = useFetched<PipelineItemDetail>(request, `/api/pipeline/items/${id}`);
  // What a move or a milestone change answered replaces what was fetched.
  const [changed, setDetail] = useState<PipelineItemDetail | null>(null);
  const detail = changed ?? fetched.data;
  const dialogs = useDialog(t);
  const names = detail?.settings.stageNames;
  const label = (stage: PipelineStage) => (names ? stageLabel(names, stage, language) : stage);
  const mover = usePipelineMove(lang, request, dialogs, label, setDetail);

  if (detail === null) return <Loading t={t} error={fetched.error} />;
  const { item, history } = detail;
  return (
    <section className="platform-page pipeline-item-page" data-testid="pipeline-item">
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
        <h1 className="platform-title" dir="auto">
          {item.title}
        </h1>
        <p className="platform-meta">
          <span className={`tag pipeline-kind-${item.ref.kind}`}>{t(`pipeline.kind.${item.ref.kind}`)}</span> <span dir="auto">{item.organisation.name}</span>
        </p>
      </header>
      <div className="card platform-card pipeline-item-stage">
        <p>
          <strong data-testid="pipeline-item-stage">{t('pipeline.item.stage', { stage: label(item.stage) })}</strong>{' '}
          <span className="platform-meta">{t('pipeline.item.since', { time: formatDateTime(language, item.enteredAt) })}</span>
        </p>
        <div className="platform-actions">
          {item.canMove && <MoveMenu t={t} title={item.title} stage={item.stage} label={label} busy={mover.moving !== null} onMove={(to) => void mover.move(item, to)} />}
          {item.link && (
            <a className="button button-ghost button-small" href={item.link}>
              {t('pipeline.item.source')}
            </a>
          )}
        </div>
        <div aria-live="polite">
          {mover.notice && (
            <p className={`alert ${mover.notice.tone === 'error' ? 'alert-error' : 'alert-success'}`} role={mover.notice.tone === 'error' ? 'alert' : 'status'} data-testid={mover.notice.tone === 'error' ? 'pipeline-refusal' : 'pipeline-moved'}>
              {mover.notice.text}
            </p>
          )}
        </div>
      </div>
      <div className="card platform-card">
        <h2 className="platform-subtitle">{t('pipeline.item.history')}</h2>
        <ol className="pipeline-history" data-testid="pipeline-history">
          {[...history].reverse().map((move, index) => (
            <li key={`${move.at}-${index}`} className="pipeline-history-entry" data-testid="pipeline-history-entry">
              <strong>{move.from === null ? t('pipeline.item.entered', { stage: label(move.to) }) : t('pipeline.item.moveLine', { from: label(move.from), to: label(move.to) })}</strong>
              <span className="platform-meta">
                {formatDateTime(language, move.at)} · {move.by ? t('pipeline.item.by', { name: move.by.name }) : t('pipeline.item.by', { name: t('pipeline.item.system') })}
              </span>
              {move.reason && (
                <span className="pipeline-history-reason" dir="auto">
                  {t('pipeline.item.why', { reason: move.reason })}
                </span>
              )}
            </li>
          ))}
        </ol>
      </div>
      <Milestones lang={lang} request={request} detail={detail} onChanged={setDetail} />
      {dialogs.dialog}
    </section>
  );
}
