import { useCallback, useState } from 'react';
import type { ProposalView, VersionSummary } from '@ideasphere/shared';
import { mayComment, mayEditDocument } from '@ideasphere/shared/proposalModel.js';
import type { LanguageState } from '../lib/i18n';
import { StatusScreen } from '../ui/StatusScreen';
import { Toast } from '../ui/Toast';
import { DoorIcon } from '../ui/icons';
import { useLiveProposal } from './collab/useLiveProposal';
import { FloatCommentButton } from './comments/FloatCommentButton';
import { useCommentFlow } from './comments/useCommentFlow';
import { useDetachedComments, useOpenAnchors } from './comments/useCommentMarks';
import { EditorToolbar } from './editor/EditorToolbar';
import { useSectionEditors } from './editor/useSectionEditors';
import { VersionView } from './history/VersionView';
import { ProposalDocument } from './ProposalDocument';
import { ProposalHeader } from './ProposalHeader';
import { SidePanel, useSidePanel } from './SidePanel';
import { useProposalData } from './useProposalData';

interface ProposalPageProps {
  proposalId: string;
  token: string;
  initialView: ProposalView;
  lang: LanguageState;
}

/** The co-authoring page of one proposal: title, sections, toolbar, presence and the side panel. */
export function ProposalPage({ proposalId, token, initialView, lang }: ProposalPageProps) {
  const { t, language } = lang;
  const data = useProposalData(proposalId, token, initialView);
  const { api, view, comments, versions } = data;
  const { me, proposal, members } = data.current;
  const template = proposal.template;
  const editable = mayEditDocument(me.role);
  const canComment = mayComment(me.role);

  const [viewing, setViewing] = useState<VersionSummary | null>(null);
  /** "Version restored" is shown (a restore is the one change this page announces). */
  const [restoredNotice, setRestoredNotice] = useState(false);
  const [printComments, setPrintComments] = useState(false);
  const announceRestore = useCallback(() => setRestoredNotice(true), []);

  const collab = useLiveProposal(proposalId, token, me, data, announceRestore);
  const removed = collab?.ended === 'removed' || view.error?.code === 'unauthorized';

  const sidePanel = useSidePanel();
  const editors = useSectionEditors();
  const commentFlow = useCommentFlow({
    editors: editors.all,
    collab,
    enabled: canComment && viewing === null,
    openPanel: sidePanel.openPanel,
    closeSheet: sidePanel.closeSheet,
  });
  const { selection, floating, draft, activeComment } = commentFlow;
  const anchorsBySection = useOpenAnchors(comments.data);
  const detached = useDetachedComments(collab, comments.data);
  const sectionHeading = useCallback((key: string) => template.find((s) => s.key === key)?.heading ?? key, [template]);
  const allEditors = editors.all;
  const focusFirstSection = useCallback(() => {
    const first = template[0];
    if (first) allEditors().get(first.key)?.commands.focus('start');
  }, [template, allEditors]);

  if (removed) {
    return (
      <div className="proposal-shell">
        <StatusScreen icon={<DoorIcon size={32} />} tone="neutral" title={t('proposal.removed')} body={t('proposal.removedBody')} testId="proposal-removed" />
      </div>
    );
  }

  return (
    <div className="proposal-page" data-role={me.role} data-print-comments={printComments}>
      <ProposalHeader collab={collab} me={me} lang={lang} />

      {!editable && (
        <p className="readonly-banner" data-testid="readonly-banner" role="note">
          {canComment ? t('proposal.readonly.commenter') : t('proposal.readonly.viewer')}
        </p>
      )}

      <div className="proposal-layout">
        <main className="proposal-main" id="proposal-document" aria-busy={!collab?.everSynced}>
          {(editable || canComment) && viewing === null && (
            <div className="toolbar-wrap" data-float-edge="top">
              <EditorToolbar editor={editors.focused} editable={editable} canComment={canComment} hasSelection={selection !== null} onComment={commentFlow.startComment} t={t} />
            </div>
          )}
          {viewing && collab ? (
            <VersionView
              key={viewing.id}
              version={viewing}
              api={api}
              liveDoc={collab.doc}
              template={template}
              role={me.role}
              language={language}
              t={t}
              onClose={() => setViewing(null)}
              onRestored={() => {
                setViewing(null);
                versions.refetch();
                setRestoredNotice(true);
              }}
            />
          ) : null}
          <ProposalDocument
            collab={collab}
            proposal={proposal}
            me={me}
            editable={editable}
            hidden={viewing !== null}
            anchors={anchorsBySection}
            activeComment={activeComment}
            onActivateComment={commentFlow.onActivateComment}
            onFocusEditor={editors.onFocusEditor}
            onReady={editors.onReady}
            onTitleEnter={focusFirstSection}
            printComments={printComments}
            comments={comments.data ?? []}
            sectionHeading={sectionHeading}
            language={language}
            t={t}
          />
        </main>

        <SidePanel
          panel={sidePanel.panel}
          onPanel={sidePanel.setPanel}
          sheetOpen={sidePanel.sheetOpen}
          onSheet={sidePanel.setSheetOpen}
          commentCount={(comments.data ?? []).filter((c) => c.resolvedAt === null).length}
          proposalId={proposalId}
          token={token}
          api={api}
          view={view}
          comments={comments}
          versions={versions}
          me={me}
          members={members}
          draft={draft}
          onDraftDone={commentFlow.finishDraft}
          activeComment={activeComment}
          onShowComment={commentFlow.showComment}
          detached={detached}
          sectionHeading={sectionHeading}
          viewing={viewing?.id ?? null}
          onViewVersion={(version) => {
            setViewing(version);
            sidePanel.setSheetOpen(false);
            window.scrollTo({ top: 0 });
          }}
          printComments={printComments}
          onPrintComments={setPrintComments}
          online={collab?.provider ?? null}
          language={language}
          t={t}
        />
      </div>

      {floating && canComment && <FloatCommentButton selection={floating} onComment={commentFlow.startComment} t={t} />}

      {restoredNotice && (
        <Toast durationMs={5_000} onClose={() => setRestoredNotice(false)} testId="proposal-toast">
          {t('proposal.history.restoredNotice')}
        </Toast>
      )}
    </div>
  );
}
