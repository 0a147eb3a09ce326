import { useMemo } from 'react';
import type { Editor } from '@tiptap/react';
import type { Language, MemberPublic, ProposalComment, ProposalView, SectionSpec } from '@ideasphere/shared';
import { TITLE_TEXT } from '@ideasphere/shared/proposalModel.js';
import type { Translator } from '../lib/i18n';
import { caretColour } from './collab/presence';
import { TitleField } from './collab/TitleField';
import type { Collab } from './collab/useCollab';
import type { HighlightAnchor } from './editor/commentHighlights';
import { SectionEditor, type CaretUser } from './editor/SectionEditor';
import { PrintComments } from './export/PrintComments';
import { NameList } from '../ui/NameList';

interface ProposalDocumentProps {
  collab: Collab | null;
  proposal: ProposalView['proposal'];
  me: MemberPublic;
  editable: boolean;
  /** Hidden, not unmounted, while a past version is shown: the editors keep their state. */
  hidden: boolean;
  anchors: ReadonlyMap<string, readonly HighlightAnchor[]>;
  activeComment: string | null;
  onActivateComment: (commentId: string) => void;
  onFocusEditor: (editor: Editor) => void;
  onReady: (key: string, editor: Editor | null) => void;
  /** Enter in the title: go on to the first section's text. */
  onTitleEnter: () => void;
  /** Print the comments after the text (the export panel's choice). */
  printComments: boolean;
  comments: readonly ProposalComment[];
  sectionHeading: (key: string) => string;
  language: Language;
  t: Translator;
}

const NO_ANCHORS: readonly HighlightAnchor[] = [];

/** The live proposal: title, the ideas it came from, one editor per template section. */
export function ProposalDocument(props: ProposalDocumentProps) {
  const { collab, proposal, me, editable, t } = props;
  const user = useMemo<CaretUser>(() => ({ name: me.name, color: caretColour(me), memberId: me.id, role: me.role }), [me]);
  return (
    <article className="proposal-document" hidden={props.hidden} data-synced={collab?.everSynced ?? false}>
      <p className="eyebrow">{t('proposal.eyebrow')}</p>
      {collab ? (
        <TitleField
          text={collab.doc.getText(TITLE_TEXT)}
          editable={editable}
          label={t('proposal.titleLabel')}
          placeholder={t('proposal.titlePlaceholder')}
          onEnter={props.onTitleEnter}
          t={t}
        />
      ) : (
        <h1 className="proposal-title-input user-text" dir="auto">
          {proposal.title}
        </h1>
      )}
      {proposal.sources.length > 0 && (
        <p className="proposal-sources" data-testid="proposal-sources">
          {t('proposal.sources')}{' '}
          {proposal.sources.map((source, i) => (
            <span key={source.ideaId} className="source-idea">
              {i > 0 && ' · '}“<bdi>{source.title}</bdi>”
              {source.authorNames.length > 0 && (
                <span className="source-authors">
                  {' — '}
                  <NameList names={source.authorNames} />
                </span>
              )}
            </span>
          ))}
        </p>
      )}
      {collab &&
        proposal.template.map((section: SectionSpec) => (
          <SectionEditor
            key={section.key}
            section={section}
            doc={collab.doc}
            provider={collab.provider}
            user={user}
            editable={editable}
            placeholder={editable ? t('proposal.sectionPlaceholder') : t('proposal.sectionEmpty')}
            anchors={props.anchors.get(section.key) ?? NO_ANCHORS}
            activeComment={props.activeComment}
            onActivateComment={props.onActivateComment}
            onFocusEditor={props.onFocusEditor}
            onReady={props.onReady}
          />
        ))}
      {props.printComments && <PrintComments comments={props.comments} sectionHeading={props.sectionHeading} language={props.language} t={t} />}
    </article>
  );
}
