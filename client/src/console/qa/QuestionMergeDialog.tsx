import { useId, useState } from 'react';
import type { QuestionPublic } from '@ideasphere/shared';
import type { Translator } from '../../lib/i18n';
import { Dialog } from '../../ui/Dialog';

interface QuestionMergeDialogProps {
  source: QuestionPublic | null;
  /** Questions it may go into: shown to everyone, in the same track. */
  targets: readonly QuestionPublic[];
  onMerge: (source: QuestionPublic, target: QuestionPublic) => void;
  onClose: () => void;
  t: Translator;
}

/** Picks the question a duplicate goes into, and says that upvotes combine before it happens. */
export function QuestionMergeDialog({ source, targets, onMerge, onClose, t }: QuestionMergeDialogProps) {
  const id = useId();
  const [chosen, setChosen] = useState<string>('');
  const target = targets.find((q) => q.id === chosen) ?? targets[0] ?? null;
  return (
    <Dialog
      open={source !== null}
      title={t('qa.console.mergeTitle')}
      body={source && target ? t('qa.console.mergeBody', { source: source.text, target: target.text }) : undefined}
      confirmLabel={t('qa.console.mergeConfirm')}
      cancelLabel={t('common.cancel')}
      confirmDisabled={target === null}
      onConfirm={() => {
        if (source && target) onMerge(source, target);
      }}
      onCancel={onClose}
      testId="question-merge-dialog"
    >
      <div className="field">
        <label className="field-label" htmlFor={`${id}-target`}>
          {t('qa.console.mergeTarget')}
        </label>
        <select id={`${id}-target`} className="input" value={target?.id ?? ''} onChange={(e) => setChosen(e.target.value)} data-autofocus data-testid="question-merge-target">
          {targets.map((q) => (
            <option key={q.id} value={q.id}>
              {q.text.length > 80 ? `${q.text.slice(0, 80)}…` : q.text} ({q.upvotes})
            </option>
          ))}
        </select>
      </div>
    </Dialog>
  );
}
