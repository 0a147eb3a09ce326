import { useId } from 'react';
import type { PipelineStage } from '@ideasphere/shared';
import { PIPELINE_STAGES } from '@ideasphere/shared/pipeline/pipelineModel.js';
import type { Translator } from '../lib/i18n';

interface MoveMenuProps {
  t: Translator;
  title: string;
  stage: PipelineStage;
  label: (stage: PipelineStage) => string;
  busy: boolean;
  onMove: (to: PipelineStage) => void;
}

/** The keyboard's way to move a card: a native select of the other stages (drag and drop does the same with a mouse or finger). */
export function MoveMenu({ t, title, stage, label, busy, onMove }: MoveMenuProps) {
  const id = useId();
  return (
    <>
      <label className="visually-hidden" htmlFor={id}>
        {t('pipeline.moveLabel', { title })}
      </label>
      <select
        id={id}
        className="input pipeline-move"
        value=""
        disabled={busy}
        onChange={(event) => {
          const to = PIPELINE_STAGES.find((s) => s === event.target.value);
          if (to) onMove(to);
        }}
        data-testid="pipeline-move"
      >
        <option value="">{busy ? t('pipeline.moving') : t('pipeline.moveTo')}</option>
        {PIPELINE_STAGES.filter((s) => s !== stage).map((s) => (
          <option key={s} value={s}>
            {label(s)}
          </option>
        ))}
      </select>
    </>
  );
}
