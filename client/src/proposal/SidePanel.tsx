import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type { CommentAnchor, Language, MemberPublic, ProposalComment, VersionSummary } from '@ideasphere/shared';
import type { Translator } from '../lib/i18n';
import { usePresence } from './collab/usePresence';
import { CommentsPanel } from './comments/CommentsPanel';
import { ExportPanel } from './export/ExportPanel';
import { HistoryPanel } from './history/HistoryPanel';
import { CloseIcon, CommentIcon, ExportIcon, HistoryIcon, TeamIcon } from './icons';
import type { ProposalApi } from './proposalApi';
import { TeamPanel } from './team/TeamPanel';
import type { CommentsData, VersionsData, ViewData } from './useProposalData';

export const PANELS = ['comments', 'history', 'team', 'export'] as const;
export type PanelKind = (typeof PANELS)[number];

const ICONS: Record<PanelKind, ReactNode> = {
  comments: <CommentIcon />,
  history: <HistoryIcon />,
  team: <TeamIcon />,
  export: <ExportIcon />,
};

/** Which panel is shown, and whether the phone's bottom sheet is open. */
export interface SidePanelState {
  panel: PanelKind;
  setPanel: (panel: PanelKind) => void;
  sheetOpen: boolean;
  setSheetOpen: (open: boolean) => void;
  /** Shows `kind`, opening the sheet on a phone. */
  openPanel: (kind: PanelKind) => void;
  closeSheet: () => void;
}

export function useSidePanel(): SidePanelState {
  const [panel, setPanel] = useState<PanelKind>('comments');
  const [sheetOpen, setSheetOpen] = useState(false);
  const openPanel = useCallback((kind: PanelKind) => {
    setPanel(kind);
    setSheetOpen(true);
  }, []);
  const closeSheet = useCallback(() => setSheetOpen(false), []);
  return { panel, setPanel, sheetOpen, setSheetOpen, openPanel, closeSheet };
}

interface SidePanelProps {
  panel: PanelKind;
  onPanel: (panel: PanelKind) => void;
  /** Phones: the panel is a bottom sheet, open or closed. Wide screens always show it. */
  sheetOpen: boolean;
  onSheet: (open: boolean) => void;
  commentCount: number;
  proposalId: string;
  token: string;
  api: ProposalApi;
  view: ViewData;
  comments: CommentsData;
  versions: VersionsData;
  me: MemberPublic;
  members: readonly MemberPublic[];
  draft: CommentAnchor | null;
  /** The draft was posted (true) or cancelled. */
  onDraftDone: (posted: boolean) => void;
  activeComment: string | null;
  onShowComment: (comment: ProposalComment) => void;
  detached: ReadonlySet<string>;
  sectionHeading: (key: string) => string;
  viewing: string | null;
  onViewVersion: (version: VersionSummary) => void;
  printComments: boolean;
  onPrintComments: (value: boolean) => void;
  online: WebsocketProvider | null;
  language: Language;
  t: Translator;
}

/**
 * Comments, history, team and export: a side column on wide screens, a bottom sheet opened from
 * a bar of four buttons on phones. Tabs follow the WAI-ARIA pattern (arrow keys switch).
 */
export function SidePanel(props: SidePanelProps) {
  const { panel, onPanel, sheetOpen, onSheet, commentCount, t } = props;
  const body = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!sheetOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onSheet(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sheetOpen, onSheet]);

  const tabs = (
    <div className="panel-tabs" role="tablist" aria-label={t('proposal.panel.label')}>
      {PANELS.map((kind) => (
        <button
          key={kind}
          type="button"
          role="tab"
          id={`panel-tab-${kind}`}
          aria-selected={panel === kind}
          aria-controls="proposal-panel-body"
          tabIndex={panel === kind ? 0 : -1}
          className="panel-tab"
          data-testid={`panel-tab-${kind}`}
          onClick={() => {
            onPanel(kind);
            onSheet(true);
          }}
          onKeyDown={(e) => {
            if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
            const next = PANELS[(PANELS.indexOf(kind) + (e.key === 'ArrowRight' ? 1 : PANELS.length - 1)) % PANELS.length] ?? 'comments';
            onPanel(next);
            document.getElementById(`panel-tab-${next}`)?.focus();
          }}
        >
          {ICONS[kind]}
          <span>{t(`proposal.panel.${kind}`)}</span>
          {kind === 'comments' && commentCount > 0 && <span className="tab-count">{commentCount}</span>}
        </button>
      ))}
    </div>
  );

  return (
    <>
      {sheetOpen && <div className="sheet-backdrop" onClick={() => onSheet(false)} aria-hidden="true" />}
      <aside className="proposal-panel" data-sheet-open={sheetOpen} aria-label={t('proposal.panel.label')} data-testid="proposal-panel">
        <div className="sheet-handle">
          <span className="sheet-grip" aria-hidden="true" />
          <button type="button" className="icon-button icon-only sheet-close" onClick={() => onSheet(false)} aria-label={t('proposal.close')} data-testid="sheet-close">
            <CloseIcon />
          </button>
        </div>
        {tabs}
        <div ref={body} className="panel-body" id="proposal-panel-body" role="tabpanel" aria-labelledby={`panel-tab-${panel}`}>
          <PanelContent {...props} />
        </div>
      </aside>
      <nav className="phone-panel-bar" data-float-edge="bottom" aria-label={t('proposal.panel.label')}>
        {PANELS.map((kind) => (
          <button
            key={kind}
            type="button"
            className="phone-panel-button"
            data-testid={`phone-panel-${kind}`}
            aria-pressed={sheetOpen && panel === kind}
            onClick={() => {
              onPanel(kind);
              onSheet(true);
            }}
          >
            {ICONS[kind]}
            <span>{t(`proposal.panel.${kind}`)}</span>
            {kind === 'comments' && commentCount > 0 && <span className="tab-count">{commentCount}</span>}
          </button>
        ))}
      </nav>
    </>
  );
}

function PanelContent(props: SidePanelProps) {
  const { panel, api, me, t, language } = props;
  switch (panel) {
    case 'comments':
      return (
        <CommentsPanel
          comments={props.comments}
          api={api}
          myId={me.id}
          role={me.role}
          draft={props.draft}
          onDraftDone={props.onDraftDone}
          active={props.activeComment}
          onActivate={props.onShowComment}
          detached={props.detached}
          sectionHeading={props.sectionHeading}
          language={language}
          t={t}
        />
      );
    case 'history':
      return <HistoryPanel versions={props.versions} api={api} role={me.role} viewing={props.viewing} onView={props.onViewVersion} language={language} t={t} />;
    case 'team':
      return props.online ? <Team {...props} provider={props.online} /> : null;
    case 'export':
      return <ExportPanel proposalId={props.proposalId} token={props.token} printComments={props.printComments} onPrintComments={props.onPrintComments} t={t} />;
  }
}

function Team(props: SidePanelProps & { provider: WebsocketProvider }) {
  const users = usePresence(props.provider, props.me.id);
  const online = useMemo(() => new Set(users.map((u) => u.memberId)), [users]);
  return <TeamPanel proposalId={props.proposalId} members={props.members} me={props.me} online={online} api={props.api} view={props.view} t={props.t} />;
}
