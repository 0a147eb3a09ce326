import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import type { Language, ProposalRole, SectionSpec, VersionSummary } from '@ideasphere/shared';
import { mayEditDocument, sectionFragmentName } from '@ideasphere/shared/proposalModel.js';
import { errorText, type Translator } from '../../lib/i18n';
import type { RequestError } from '../../lib/api';
import { useDialog } from '../../ui/useDialog';
import type { ProposalApi } from '../proposalApi';
import { formatWhen } from '../format';
import { CloseIcon } from '../icons';
import { docFromBase64Update, docText } from './docText';
import { FragmentView } from './renderFragment';
import { diffStats, wordDiff, type DiffSegment } from './wordDiff';

interface VersionViewProps {
  version: VersionSummary;
  api: ProposalApi;
  /** The live document, to compare with. */
  liveDoc: Y.Doc;
  template: readonly SectionSpec[];
  role: ProposalRole;
  language: Language;
  t: Translator;
  onClose: () => void;
  onRestored: () => void;
}

type Load = { kind: 'loading' } | { kind: 'ready'; doc: Y.Doc } | { kind: 'failed'; error: RequestError };

/** One stored version, read-only; or its differences from the current text; restore it. */
export function VersionView({ version, api, liveDoc, template, role, language, t, onClose, onRestored }: VersionViewProps) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [mode, setMode] = useState<'version' | 'compare'>('version');
  const [restoring, setRestoring] = useState(false);
  const [restoreError, setRestoreError] = useState<RequestError | null>(null);
  const [liveTick, setLiveTick] = useState(0);
  const { confirm, dialog } = useDialog(t);

  useEffect(() => {
    let cancelled = false;
    void api.version(version.id).then((result) => {
      if (cancelled) return;
      if (!result.ok) return setLoad({ kind: 'failed', error: result.error });
      try {
        setLoad({ kind: 'ready', doc: docFromBase64Update(result.data.update) });
      } catch {
        setLoad({ kind: 'failed', error: { code: 'bad_request', message: 'bad update', status: 200 } });
      }
    });
    return () => {
      cancelled = true;
    };
  }, [api, version.id]);

  useEffect(() => () => {
    if (load.kind === 'ready') load.doc.destroy();
  }, [load]);

  // The comparison follows the live text while it is open.
  useEffect(() => {
    if (mode !== 'compare') return;
    const bump = () => setLiveTick((n) => n + 1);
    liveDoc.on('update', bump);
    return () => liveDoc.off('update', bump);
  }, [liveDoc, mode]);

  const comparison = useMemo(() => {
    if (load.kind !== 'ready' || mode !== 'compare') return null;
    void liveTick;
    const before = docText(load.doc, template);
    const after = docText(liveDoc, template);
    return {
      title: wordDiff(before.title, after.title, language),
      sections: template.map((section, i) => ({ section, segments: wordDiff(before.sections[i]?.text ?? '', after.sections[i]?.text ?? '', language) })),
    };
  }, [load, mode, liveDoc, template, language, liveTick]);

  const stats = useMemo(() => {
    if (!comparison) return null;
    const all = [comparison.title, ...comparison.sections.map((s) => s.segments)].flat();
    return diffStats(all);
  }, [comparison]);

  const restore = async () => {
    const confirmed = await confirm({
      title: t('proposal.history.restoreTitle', { name: version.name }),
      body: t('proposal.history.restoreConfirm'),
      confirmLabel: t('proposal.history.restore'),
      testId: 'version-restore-dialog',
    });
    if (!confirmed) return;
    setRestoring(true);
    setRestoreError(null);
    const result = await api.restore(version.id);
    setRestoring(false);
    if (!result.ok) return setRestoreError(result.error);
    onRestored();
  };

  return (
    <section className="version-view" data-testid="version-view" aria-labelledby="version-view-title">
      <header className="version-view-bar">
        <div className="version-view-heading">
          <p className="eyebrow">{t('proposal.history.viewing')}</p>
          <h2 id="version-view-title" dir="auto">
            {version.name}
          </h2>
          <p className="version-view-meta">{formatWhen(language, version.createdAt)}</p>
        </div>
        <div className="segmented" role="group" aria-label={t('proposal.history.mode')}>
          <button type="button" aria-pressed={mode === 'version'} onClick={() => setMode('version')} data-testid="version-mode-version">
            {t('proposal.history.modeVersion')}
          </button>
          <button type="button" aria-pressed={mode === 'compare'} onClick={() => setMode('compare')} data-testid="version-mode-compare">
            {t('proposal.history.modeCompare')}
          </button>
        </div>
        <div className="version-view-actions">
          {mayEditDocument(role) && (
            <button type="button" className="button button-primary button-small" disabled={restoring || load.kind !== 'ready'} aria-busy={restoring} onClick={() => void restore()} data-testid="version-restore">
              {restoring ? t('proposal.history.restoring') : t('proposal.history.restore')}
            </button>
          )}
          <button type="button" className="icon-button icon-only" onClick={onClose} aria-label={t('proposal.close')} title={t('proposal.close')} data-testid="version-close">
            <CloseIcon />
          </button>
        </div>
      </header>
      {restoreError && (
        <p className="alert alert-error" role="alert">
          {errorText(t, restoreError)}
        </p>
      )}
      {load.kind === 'loading' && (
        <p className="panel-empty" role="status">
          {t('common.loading')}
        </p>
      )}
      {load.kind === 'failed' && (
        <p className="alert alert-error" role="alert">
          {errorText(t, load.error)}
        </p>
      )}
      {load.kind === 'ready' && mode === 'version' && (
        <div className="version-document" data-testid="version-document">
          <h1 className="version-title user-text" dir="auto">
            {load.doc.getText('title').toString() || t('proposal.untitled')}
          </h1>
          {template.map((section) => (
            <section key={section.key} className="proposal-section">
              <h2 className="proposal-section-heading" dir="auto">
                {section.heading}
              </h2>
              <FragmentView fragment={load.doc.getXmlFragment(sectionFragmentName(section.key))} emptyText={t('proposal.history.emptySection')} />
            </section>
          ))}
        </div>
      )}
      {comparison && stats && (
        <div className="version-document version-compare" data-testid="version-compare">
          <p className="compare-legend">
            <ins>{t('proposal.history.added', { count: stats.added })}</ins> <del>{t('proposal.history.removed', { count: stats.removed })}</del>
            <span className="field-hint">{t('proposal.history.compareHint')}</span>
          </p>
          <h1 className="version-title user-text" dir="auto">
            <Segments segments={comparison.title} />
          </h1>
          {comparison.sections.map(({ section, segments }) => (
            <section key={section.key} className="proposal-section">
              <h2 className="proposal-section-heading" dir="auto">
                {section.heading}
              </h2>
              <p className="diff-text" dir="auto">
                {segments.length === 0 ? <span className="prose-empty">{t('proposal.history.emptySection')}</span> : <Segments segments={segments} />}
              </p>
            </section>
          ))}
        </div>
      )}
      {dialog}
    </section>
  );
}

function Segments({ segments }: { segments: readonly DiffSegment[] }) {
  return (
    <>
      {segments.map((segment, i) =>
        segment.kind === 'added' ? (
          <ins key={i} data-testid="diff-added">
            {segment.text}
          </ins>
        ) : segment.kind === 'removed' ? (
          <del key={i} data-testid="diff-removed">
            {segment.text}
          </del>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </>
  );
}
