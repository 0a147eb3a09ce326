import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Editor } from '@tiptap/react';
import type { CommentAnchor, ProposalComment, ProposalEventKind, ProposalView, SectionSpec, VersionSummary } from '@ideasphere/shared';
import { mayComment, mayEditDocument, sectionFragmentName, TITLE_TEXT } from '@ideasphere/shared/proposalModel.js';
import type { LanguageState } from '../lib/i18n';
import { LanguageSwitcher } from '../ui/LanguageSwitcher';
import { StatusScreen } from '../ui/StatusScreen';
import { Toast } from '../ui/Toast';
import { DoorIcon } from '../ui/icons';
import { caretColour } from './collab/presence';
import { PresenceAvatars, SyncPill } from './collab/StatusBar';
import { TitleField } from './collab/TitleField';
import { useCollab } from './collab/useCollab';
import { usePresence } from './collab/usePresence';
import { resolveAnchor } from './comments/anchors';
import { anchorForSelection } from './comments/selectionAnchor';
import { useSelectionWatch } from './comments/useSelectionWatch';
import { EditorToolbar } from './editor/EditorToolbar';
import type { HighlightAnchor } from './editor/commentHighlights';
import { SectionEditor, type CaretUser } from './editor/SectionEditor';
import { PrintComments } from './export/PrintComments';
import { VersionView } from './history/VersionView';
import { CommentIcon } from './icons';
import { proposalApi } from './proposalApi';
import { SidePanel, type PanelKind } from './SidePanel';
import { ROLE_LABEL } from './team/TeamPanel';
import { useRefetched } from './useProposalData';

interface ProposalPageProps {
  proposalId: string;
  token: string;
  initialView: ProposalView;
  lang: LanguageState;
}

type Notice = { kind: 'restored' } | { kind: 'commented' };

const NO_ANCHORS: readonly HighlightAnchor[] = [];

/** The co-authoring page of one proposal: title, sections, toolbar, presence and the side panel. */
export function ProposalPage({ proposalId, token, initialView, lang }: ProposalPageProps) {
  const { t, language } = lang;
  const api = useMemo(() => proposalApi(proposalId, token), [proposalId, token]);
  const view = useRefetched(useCallback(() => api.view(), [api]), initialView);
  const comments = useRefetched(api.comments);
  const versions = useRefetched(api.versions);
  const current = view.data ?? initialView;
  const { me, proposal, members } = current;
  const template = proposal.template;
  const editable = mayEditDocument(me.role);
  const canComment = mayComment(me.role);

  const [panel, setPanel] = useState<PanelKind>('comments');
  const [sheetOpen, setSheetOpen] = useState(false);
  const [activeComment, setActiveComment] = useState<string | null>(null);
  const [draft, setDraft] = useState<CommentAnchor | null>(null);
  const [viewing, setViewing] = useState<VersionSummary | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [printComments, setPrintComments] = useState(false);
  const [focused, setFocused] = useState<Editor | null>(null);
  const editors = useRef(new Map<string, Editor>());

  const onEvent = useCallback(
    (kind: ProposalEventKind) => {
      switch (kind) {
        case 'comments':
          return comments.refetch();
        case 'versions':
          return versions.refetch();
        case 'members':
          return view.refetch();
        case 'restored':
          versions.refetch();
          return setNotice({ kind: 'restored' });
      }
    },
    [comments, versions, view],
  );
  const collab = useCollab(proposalId, token, me, onEvent);
  const removed = collab?.ended === 'removed' || view.error?.code === 'unauthorized';

  const user = useMemo<CaretUser>(() => ({ name: me.name, color: caretColour(me), memberId: me.id, role: me.role }), [me]);
  const getEditors = useCallback(() => editors.current, []);
  const selection = useSelectionWatch(getEditors, canComment && viewing === null);
  const onReady = useCallback((key: string, editor: Editor | null) => {
    if (editor) editors.current.set(key, editor);
    else editors.current.delete(key);
  }, []);
  const onFocusEditor = useCallback((editor: Editor) => setFocused(editor), []);
  const openPanel = useCallback((kind: PanelKind) => {
    setPanel(kind);
    setSheetOpen(true);
  }, []);
  const onActivateComment = useCallback(
    (commentId: string) => {
      setActiveComment(commentId);
      openPanel('comments');
    },
    [openPanel],
  );

  const anchorsBySection = useMemo(() => {
    const map = new Map<string, HighlightAnchor[]>();
    for (const comment of comments.data ?? []) {
      if (comment.resolvedAt !== null) continue;
      const list = map.get(comment.anchor.section) ?? [];
      list.push({ id: comment.id, start: comment.anchor.start, end: comment.anchor.end });
      map.set(comment.anchor.section, list);
    }
    return map;
  }, [comments.data]);

  const [docTick, setDocTick] = useState(0);
  useEffect(() => {
    if (!collab) return;
    const bump = () => setDocTick((n) => n + 1);
    collab.doc.on('update', bump);
    return () => collab.doc.off('update', bump);
  }, [collab]);
  const detached = useMemo(() => {
    void docTick;
    const set = new Set<string>();
    if (!collab?.everSynced) return set;
    for (const comment of comments.data ?? []) {
      const fragment = collab.doc.getXmlFragment(sectionFragmentName(comment.anchor.section));
      if (!resolveAnchor(collab.doc, fragment, comment.anchor)) set.add(comment.id);
    }
    return set;
  }, [collab, comments.data, docTick]);

  const sectionHeading = useCallback((key: string) => template.find((s) => s.key === key)?.heading ?? key, [template]);

  const startComment = useCallback(() => {
    if (!collab || !selection) return;
    const editor = editors.current.get(selection.key);
    const anchor = editor ? anchorForSelection(editor, collab.doc, selection.key) : null;
    if (!anchor) return;
    setDraft(anchor);
    openPanel('comments');
  }, [collab, selection, openPanel]);

  const showComment = useCallback((comment: ProposalComment) => {
    setActiveComment(comment.id);
    const editor = editors.current.get(comment.anchor.section);
    const mark = editor?.view.dom.querySelector(`[data-comment-id="${CSS.escape(comment.id)}"]`);
    mark?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    setSheetOpen(false);
  }, []);

  if (removed) {
    return (
      <div className="proposal-shell">
        <StatusScreen icon={<DoorIcon size={32} />} tone="neutral" title={t('proposal.removed')} body={t('proposal.removedBody')} testId="proposal-removed" />
      </div>
    );
  }

  const status = collab?.status ?? 'connecting';
  return (
    <div className="proposal-page" data-role={me.role} data-print-comments={printComments}>
      <header className="proposal-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('app.name')}</span>
        </span>
        <SyncPill status={status} t={t} />
        {collab && <PresenceBlock collab={collab} myId={me.id} t={t} />}
        <span className="role-badge" data-role={me.role} data-testid="my-role" title={t(`proposal.roleHint.${me.role}`)}>
          {t(ROLE_LABEL[me.role])}
        </span>
        <LanguageSwitcher lang={lang} className="proposal-lang" />
      </header>

      {!editable && (
        <p className="readonly-banner" data-testid="readonly-banner" role="note">
          {canComment ? t('proposal.readonly.commenter') : t('proposal.readonly.viewer')}
        </p>
      )}

      <div className="proposal-layout">
        <main className="proposal-main" id="proposal-document" aria-busy={!collab?.everSynced}>
          {(editable || canComment) && viewing === null && (
            <div className="toolbar-wrap">
              <EditorToolbar editor={focused} editable={editable} canComment={canComment} hasSelection={selection !== null} onComment={startComment} t={t} />
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
                setNotice({ kind: 'restored' });
              }}
            />
          ) : null}
          <article className="proposal-document" hidden={viewing !== null} data-synced={collab?.everSynced ?? false}>
            <p className="eyebrow">{t('proposal.eyebrow')}</p>
            {collab ? (
              <TitleField text={collab.doc.getText(TITLE_TEXT)} editable={editable} label={t('proposal.titleLabel')} placeholder={t('proposal.titlePlaceholder')} />
            ) : (
              <h1 className="proposal-title-input">{proposal.title}</h1>
            )}
            {proposal.sources.length > 0 && (
              <p className="proposal-sources" data-testid="proposal-sources">
                {t('proposal.sources')}{' '}
                {proposal.sources.map((source, i) => (
                  <span key={source.ideaId} className="source-idea">
                    {i > 0 && ' · '}“{source.title}”{source.authorNames.length > 0 && <span className="source-authors"> — {source.authorNames.join(', ')}</span>}
                  </span>
                ))}
              </p>
            )}
            {collab &&
              template.map((section: SectionSpec) => (
                <SectionEditor
                  key={section.key}
                  section={section}
                  doc={collab.doc}
                  provider={collab.provider}
                  user={user}
                  editable={editable}
                  placeholder={editable ? t('proposal.sectionPlaceholder') : t('proposal.sectionEmpty')}
                  anchors={anchorsBySection.get(section.key) ?? NO_ANCHORS}
                  activeComment={activeComment}
                  onActivateComment={onActivateComment}
                  onFocusEditor={onFocusEditor}
                  onReady={onReady}
                />
              ))}
            {printComments && <PrintComments comments={comments.data ?? []} sectionHeading={sectionHeading} language={language} t={t} />}
          </article>
        </main>

        <SidePanel
          panel={panel}
          onPanel={setPanel}
          sheetOpen={sheetOpen}
          onSheet={setSheetOpen}
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
          onDraftDone={() => setDraft(null)}
          activeComment={activeComment}
          onShowComment={showComment}
          detached={detached}
          sectionHeading={sectionHeading}
          viewing={viewing?.id ?? null}
          onViewVersion={(version) => {
            setViewing(version);
            setSheetOpen(false);
            window.scrollTo({ top: 0 });
          }}
          printComments={printComments}
          onPrintComments={setPrintComments}
          online={collab?.provider ?? null}
          language={language}
          t={t}
        />
      </div>

      {selection && canComment && !draft && (
        <button
          type="button"
          className="float-comment"
          data-testid="float-comment"
          style={{ top: Math.max(8, selection.rect.top - 48), left: Math.min(window.innerWidth - 140, Math.max(8, selection.rect.left + selection.rect.width / 2 - 60)) }}
          onMouseDown={(e) => e.preventDefault()}
          onClick={startComment}
        >
          <CommentIcon />
          {t('proposal.comment.add')}
        </button>
      )}

      {notice && (
        <Toast durationMs={5_000} onClose={() => setNotice(null)} testId="proposal-toast">
          {notice.kind === 'restored' ? t('proposal.history.restoredNotice') : t('proposal.comment.posted')}
        </Toast>
      )}
    </div>
  );
}

function PresenceBlock({ collab, myId, t }: { collab: NonNullable<ReturnType<typeof useCollab>>; myId: string; t: LanguageState['t'] }) {
  const users = usePresence(collab.provider, myId);
  return <PresenceAvatars users={users} t={t} />;
}
