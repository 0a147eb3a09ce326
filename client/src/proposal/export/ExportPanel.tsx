import { useState } from 'react';
import { errorText, type Translator } from '../../lib/i18n';
import type { RequestError } from '../../lib/api';
import { saveBlob } from '../../lib/download';
import { fetchMarkdown } from '../proposalApi';

interface ExportPanelProps {
  proposalId: string;
  token: string;
  /** Print with the comments listed at the end. */
  printComments: boolean;
  onPrintComments: (value: boolean) => void;
  t: Translator;
}

/** Download the proposal as Markdown, or print it (PDF through the browser's print dialog). */
export function ExportPanel({ proposalId, token, printComments, onPrintComments, t }: ExportPanelProps) {
  const [withComments, setWithComments] = useState(false);
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'done' } | { kind: 'failed'; error: RequestError }>({ kind: 'idle' });

  const download = async () => {
    setState({ kind: 'busy' });
    const result = await fetchMarkdown(proposalId, token, withComments);
    if (!result.ok) return setState({ kind: 'failed', error: result.error });
    saveBlob(new Blob([result.text], { type: 'text/markdown;charset=utf-8' }), result.fileName);
    setState({ kind: 'done' });
  };

  return (
    <div className="export-panel" data-testid="export-panel">
      <section className="export-block">
        <h3 className="panel-subheading">{t('proposal.export.markdown')}</h3>
        <p className="field-hint">{t('proposal.export.markdownHint')}</p>
        <label className="check-row">
          <input type="checkbox" checked={withComments} onChange={(e) => setWithComments(e.target.checked)} data-testid="export-with-comments" />
          {t('proposal.export.includeComments')}
        </label>
        <button type="button" className="button button-secondary" disabled={state.kind === 'busy'} aria-busy={state.kind === 'busy'} onClick={() => void download()} data-testid="export-markdown">
          {state.kind === 'busy' ? t('proposal.export.preparing') : t('proposal.export.download')}
        </button>
        <p className="field-hint" role="status">
          {state.kind === 'failed' ? errorText(t, state.error) : state.kind === 'done' ? t('proposal.export.downloaded') : ''}
        </p>
      </section>
      <section className="export-block">
        <h3 className="panel-subheading">{t('proposal.export.print')}</h3>
        <p className="field-hint">{t('proposal.export.printHint')}</p>
        <label className="check-row">
          <input type="checkbox" checked={printComments} onChange={(e) => onPrintComments(e.target.checked)} data-testid="print-with-comments" />
          {t('proposal.export.includeComments')}
        </label>
        <button type="button" className="button button-secondary" onClick={() => window.print()} data-testid="export-print">
          {t('proposal.export.printButton')}
        </button>
      </section>
    </div>
  );
}
