/**
 * Proposal co-authoring: the model both sides share (types and a few constants, no zod, so the
 * proposal page imports it without pulling in the schemas). The contract is
 * /work/specs/proposals.md and docs/protocol.md ("Proposals").
 */
import type { Language } from './languages.js';

/** Roles on one proposal, most powerful first. The server enforces each. */
export const PROPOSAL_ROLES = ['owner', 'editor', 'commenter', 'viewer'] as const;
export type ProposalRole = (typeof PROPOSAL_ROLES)[number];

/** Roles an invite link can grant (owners are made, not invited). */
export const INVITE_ROLES = ['editor', 'commenter', 'viewer'] as const;
export type InviteRole = (typeof INVITE_ROLES)[number];

/** Roles that may change the document's text. */
export function mayEditDocument(role: ProposalRole): boolean {
  return role === 'owner' || role === 'editor';
}

/** Roles that may write comments and replies. */
export function mayComment(role: ProposalRole): boolean {
  return role !== 'viewer';
}

/** Section keys: `doc.getXmlFragment('section:<key>')`. */
export const SECTION_KEY_PATTERN = /^[a-z0-9-]{1,32}$/;

/** One section of a proposal's template. */
export interface SectionSpec {
  key: string;
  heading: string;
}

/** An idea a proposal was promoted from. `authorNames` is empty when the session is anonymous. */
export interface SourceIdea {
  ideaId: string;
  title: string;
  authorNames: string[];
}

export interface Proposal {
  id: string;
  /** The live session it was promoted in; null for a challenge response's document. */
  sessionId: string | null;
  /** The title when the proposal was made or last renamed; the live title is `doc.getText('title')`. */
  title: string;
  template: SectionSpec[];
  sources: SourceIdea[];
  createdAt: string;
  updatedAt: string;
}

/** A member as others on the proposal see them. */
export interface MemberPublic {
  id: string;
  proposalId: string;
  name: string;
  role: ProposalRole;
  /** CSS colour of their caret and avatar. */
  color: string;
  joinedAt: string;
}

/** Absolute invite URLs, one per role (`/p/<id>#invite=<token>`). */
export type InviteUrls = Record<InviteRole, string>;

/** `POST /api/sessions/:code/proposals` response: the only time the secrets are shown. */
export interface CreatedProposal {
  proposal: Proposal;
  member: MemberPublic;
  memberToken: string;
  /** Absolute URL of the proposal page. */
  url: string;
  invites: InviteUrls;
}

/** `GET /api/sessions/:code/proposals` item. */
export interface ProposalSummary {
  id: string;
  title: string;
  sources: SourceIdea[];
  memberCount: number;
  updatedAt: string;
}

/** `POST /api/proposals/:id/members` response. */
export interface JoinedProposal {
  member: MemberPublic;
  memberToken: string;
}

/** The limits a proposal page needs to guide its user before the server refuses. */
export interface ProposalLimits {
  messageMaxBytes: number;
  docMaxBytes: number;
  awarenessPerSecond: number;
  commentMaxChars: number;
  versionNameMaxChars: number;
}

/** `GET /api/proposals/:id` response. */
export interface ProposalView {
  proposal: Proposal;
  me: MemberPublic;
  members: MemberPublic[];
  limits: ProposalLimits;
}

/** `POST /api/proposals/:id/invites/:role` response (the invite is rotated). */
export interface InviteLink {
  role: InviteRole;
  url: string;
}

/**
 * Where a comment is anchored. `start`/`end` are base64 of `Y.encodeRelativePosition` on the
 * section's XmlFragment, so they stay attached while the text around them changes.
 */
export interface CommentAnchor {
  section: string;
  start: string;
  end: string;
  /** The passage as it read when the comment was made. */
  quote: string;
}

export interface CommentReply {
  id: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: string;
}

/** A comment (the contract's `Comment`; named so it does not shadow the DOM's `Comment`). */
export interface ProposalComment {
  id: string;
  proposalId: string;
  authorId: string;
  authorName: string;
  anchor: CommentAnchor;
  body: string;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  replies: CommentReply[];
}

export const VERSION_KINDS = ['manual', 'auto', 'restore'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

export interface VersionSummary {
  id: string;
  proposalId: string;
  name: string;
  kind: VersionKind;
  createdAt: string;
  /** Member id, or null for automatic versions. */
  createdBy: string | null;
  /** Bytes of the stored state. */
  size: number;
}

/** `GET /api/proposals/:id/versions/:vid` response. */
export interface VersionDetail {
  version: VersionSummary;
  /** base64 of `Y.encodeStateAsUpdate` of the version's document. */
  update: string;
}

/** `POST /api/proposals/:id/versions/:vid/restore` response. */
export interface RestoreResult {
  restored: VersionSummary;
  backup: VersionSummary;
}

// ── y-websocket protocol additions ───────────────────────────────────────────────────────────

/** Custom y-websocket message (server → client): varUint 100, then a varString of JSON. */
export const MESSAGE_PROPOSAL_EVENT = 100;

export const PROPOSAL_EVENT_KINDS = ['comments', 'versions', 'members', 'restored'] as const;
export type ProposalEventKind = (typeof PROPOSAL_EVENT_KINDS)[number];
/** Tells clients to refetch that list (or, for `restored`, that a version was restored). */
export interface ProposalEvent {
  kind: ProposalEventKind;
}

/** Close codes of a /yjs socket, with the reason string sent alongside. */
export const YJS_CLOSE = {
  /** Message bigger than YJS_MESSAGE_MAX_BYTES. */
  messageTooBig: { code: 1009, reason: 'message_too_big' },
  /** Server shutting down; the provider reconnects. */
  goingAway: { code: 1001, reason: 'going_away' },
  /** Token revoked or member removed. */
  unauthorized: { code: 4401, reason: 'unauthorized' },
  /** Commenter/viewer sent a document update. */
  readOnly: { code: 4403, reason: 'read_only' },
  /**
   * The member's role changed: reconnect with the new one. In 4500–4599 on purpose: y-websocket's
   * provider treats 4400–4499 as final and stops reconnecting, and 4500–4599 as "try again".
   */
  roleChanged: { code: 4509, reason: 'role_changed' },
  /** Not a y-websocket message we understand. */
  malformed: { code: 4400, reason: 'malformed' },
  /**
   * The update writes what no editor writes: a root the template does not use, or content
   * other than XmlElements and XmlTexts in a section, plain values as attributes and text with
   * marks in an XmlText, plain text in the title.
   */
  unsupportedContent: { code: 4422, reason: 'unsupported_content' },
  /** XML deeper than PROPOSAL_NESTING_MAX, or a value deeper than PROPOSAL_VALUE_DEPTH_MAX. */
  nestingTooDeep: { code: 4422, reason: 'nesting_too_deep' },
  /** The update would push the document over PROPOSAL_DOC_MAX_BYTES. */
  documentTooLarge: { code: 4413, reason: 'document_too_large' },
  /** Awareness or sync-request flood. */
  rateLimited: { code: 4429, reason: 'rate_limited' },
  /** The client does not read: over YJS_SEND_BUFFER_MAX_BYTES queued for it. It may reconnect. */
  tooSlow: { code: 1013, reason: 'too_slow' },
  /** More than PROPOSAL_CONNECTIONS_MAX connections to one document. */
  full: { code: 4503, reason: 'document_full' },
  /**
   * More than YJS_LOAD_QUEUE_MAX_MESSAGES messages (or YJS_LOAD_QUEUE_MAX_BYTES) while the
   * document loads. In 4500–4599: the provider reconnects and resyncs.
   */
  loadQueueFull: { code: 4529, reason: 'load_queue_full' },
  /** The stored document could not be read (the store failed); the provider reconnects. */
  loadFailed: { code: 1011, reason: 'load_failed' },
} as const;

/** The Y.Doc names of a proposal. */
export const TITLE_TEXT = 'title';
export function sectionFragmentName(key: string): string {
  return `section:${key}`;
}

/** The default template, headings in the session's language. */
export function defaultProposalTemplate(language: Language): SectionSpec[] {
  const headings: Record<Language, [string, string][]> = {
    en: [
      ['problem', 'Problem'],
      ['solution', 'Proposed solution'],
      ['benefits', 'Expected benefits'],
      ['resources', 'Resources needed'],
      ['team', 'Team'],
      ['ip', 'Intellectual property notes'],
    ],
    zh: [
      ['problem', '问题'],
      ['solution', '解决方案'],
      ['benefits', '预期效益'],
      ['resources', '所需资源'],
      ['team', '团队'],
      ['ip', '知识产权说明'],
    ],
  };
  return headings[language].map(([key, heading]) => ({ key, heading }));
}

/** The name a session's facilitator has on every proposal of the session. */
export const FACILITATOR_MEMBER_NAME: Record<Language, string> = { en: 'Facilitator', zh: '主持人' };
/** The member id the facilitator's token maps to. */
export const FACILITATOR_MEMBER_ID = 'facilitator';
