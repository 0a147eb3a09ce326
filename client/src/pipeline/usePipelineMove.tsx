import { useState } from 'react';
import type { PipelineItemDetail, PipelineItemPublic, PipelineStage } from '@ideasphere/shared';
import { PIPELINE_MOVE_REASON_MAX_CHARS, isBackwardMove } from '@ideasphere/shared/pipeline/pipelineModel.js';
import { errorText, type LanguageState } from '../lib/i18n';
import type { PlatformRequest } from '../platform/platformApi';
import type { Dialogs } from '../ui/useDialog';

/** What the last move said: done, or refused with the server's reason. */
export type MoveNotice = { tone: 'success' | 'error'; text: string } | null;

/**
 * Moving an item, shared by the board's drag and drop, its "Move to…" menus and the item page:
 * a move back first asks for the reason; the server's answer (a refused gate too) becomes a
 * notice the page shows.
 */
export function usePipelineMove(lang: LanguageState, request: PlatformRequest, dialogs: Dialogs, label: (stage: PipelineStage) => string, onMoved: (detail: PipelineItemDetail) => void) {
  const { t } = lang;
  const [moving, setMoving] = useState<string | null>(null);
  const [notice, setNotice] = useState<MoveNotice>(null);

  const move = async (item: Pick<PipelineItemPublic, 'id' | 'title' | 'stage'>, to: PipelineStage) => {
    if (to === item.stage || moving !== null) return;
    let reason: string | undefined;
    if (isBackwardMove(item.stage, to)) {
      const answer = await dialogs.prompt({
        title: t('pipeline.backTitle', { stage: label(to) }),
        body: t('pipeline.backBody'),
        label: t('pipeline.backReason'),
        confirmLabel: t('pipeline.backConfirm'),
        testId: 'pipeline-back-dialog',
      });
      if (answer === null) return;
      reason = answer.slice(0, PIPELINE_MOVE_REASON_MAX_CHARS * 4);
    }
    setMoving(item.id);
    setNotice(null);
    const result = await request<PipelineItemDetail>('POST', `/api/pipeline/items/${item.id}/move`, reason === undefined ? { to } : { to, reason });
    setMoving(null);
    if (result.ok) {
      setNotice({ tone: 'success', text: t('pipeline.moved', { title: item.title, stage: label(to) }) });
      onMoved(result.data);
    } else {
      setNotice({ tone: 'error', text: t('pipeline.moveRefused', { title: item.title, stage: label(to), reason: errorText(t, result.error) }) });
    }
  };

  return { move, moving, notice, clearNotice: () => setNotice(null) };
}
