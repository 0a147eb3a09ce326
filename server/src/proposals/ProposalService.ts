import type { z } from 'zod';
import {
  COMMENT_MAX_CHARS,
  INVITE_ROLES,
  PROPOSAL_DOC_MAX_BYTES,
  PROPOSAL_MEMBERS_MAX,
  PROPOSAL_TITLE_MAX_CHARS,
  VERSION_NAME_MAX_CHARS,
  YJS_CLOSE,
  YJS_MESSAGE_MAX_BYTES,
  AWARENESS_UPDATES_PER_SECOND,
  FACILITATOR_MEMBER_NAME,
  createProposalBodySchema,
  defaultProposalTemplate,
  joinProposalBodySchema,
  memberRoleBodySchema,
  type CreatedProposal,
  type InviteLink,
  type InviteRole,
  type JoinedProposal,
  type MemberPublic,
  type ProposalSummary,
  type ProposalView,
  truncateGraphemes,
} from '@ideasphere/shared';
import { errors } from '../errors.js';
import { hashToken, newId, newToken } from '../ids.js';
import type { Links } from '../presenters.js';
import type { Principal } from '../services/SessionService.js';
import type { ProposalMemberRecord, ProposalRecord } from '../store/ProposalStore.js';
import type { SessionRecord, Store } from '../store/Store.js';
import type { DocumentManager } from './DocumentManager.js';
import { ProposalAccess, presentMember, type ProposalPrincipal } from './ProposalAccess.js';
import { presentProposal } from './presentProposal.js';
import { seedDocument, type SeedIdea } from './seedDocument.js';

/** Caret colours handed out in turn, readable on white and distinct from each other. */
const MEMBER_COLORS = ['#d1495b', '#00798c', '#edae49', '#30638e', '#3e8914', '#c75000', '#8e44ad', '#1b998b', '#e84855', '#2d3047'];

/** A proposal just made in a live session, for whoever follows it (the stage pipeline). */
export interface ProposalCreated {
  proposal: ProposalRecord;
  ideas: number;
  createdBy: { kind: 'facilitator' } | { kind: 'participant'; name: string };
}

/** Proposals, their members and invite links. */
export class ProposalService {
  constructor(
    private readonly store: Store,
    private readonly access: ProposalAccess,
    private readonly documents: DocumentManager,
    private readonly links: Links,
    /** Runs once the proposal is stored; a failure is the hook's to log, never the creator's refusal. */
    private readonly onCreated: (created: ProposalCreated) => Promise<void> = async () => undefined,
  ) {}

  /** Promotes ideas to a new proposal, seeds its document, and makes the creator its owner. */
  async create(principal: Principal, input: z.output<typeof createProposalBodySchema>): Promise<CreatedProposal> {
    const { session } = principal;
    if (principal.role === 'screen' || principal.role === 'moderator') throw errors.forbidden('create proposals');
    if (principal.role === 'participant' && !session.settings.participantsMayPropose) throw errors.proposalsClosed();
    const ideas = await this.sourceIdeas(session, input.ideaIds, principal.role === 'facilitator');
    const template = session.settings.proposalTemplate.length > 0 ? session.settings.proposalTemplate : defaultProposalTemplate(session.language);
    const first = ideas[0];
    if (!first) throw errors.noIdeasChosen();
    const title = input.title ?? truncateGraphemes(ideas.length === 1 ? first.title : `${first.title} (+${ideas.length - 1})`, PROPOSAL_TITLE_MAX_CHARS);
    const now = new Date();
    const invites = Object.fromEntries(INVITE_ROLES.map((role) => [role, newToken()])) as Record<InviteRole, string>;
    const record: ProposalRecord = {
      id: newId(now.getTime()),
      sessionId: session.id,
      title,
      template: template.map((s) => ({ ...s })),
      sources: ideas.map(({ ideaId, title: ideaTitle, authorNames }) => ({ ideaId, title: ideaTitle, authorNames })),
      createdByParticipantId: principal.role === 'participant' ? principal.participant.id : null,
      inviteHashes: mapRoles((role) => hashToken(invites[role])),
      createdAt: now,
      updatedAt: now,
    };
    const memberToken = newToken();
    const owner: ProposalMemberRecord = {
      id: newId(now.getTime()),
      proposalId: record.id,
      name: principal.role === 'participant' ? principal.participant.name : FACILITATOR_MEMBER_NAME[session.language],
      role: 'owner',
      color: MEMBER_COLORS[0] ?? '#d1495b',
      tokenHash: hashToken(memberToken),
      joinedAt: now,
      removedAt: null,
    };
    await this.store.proposals.createProposal(record, owner);
    await this.store.proposals.appendUpdate(record.id, 1, seedDocument(title, template.map((s) => s.key), ideas));
    await this.onCreated({
      proposal: record,
      ideas: ideas.length,
      createdBy: principal.role === 'participant' ? { kind: 'participant', name: principal.participant.name } : { kind: 'facilitator' },
    });
    const url = this.url(record.id);
    return {
      proposal: presentProposal(record),
      member: presentMember(owner),
      memberToken,
      url,
      invites: mapRoles((role) => `${url}#invite=${invites[role]}`),
    };
  }

  /** The facilitator sees every proposal of the session; a participant the ones they made. */
  async list(principal: Principal): Promise<ProposalSummary[]> {
    if (principal.role === 'screen' || principal.role === 'moderator') throw errors.forbidden('list proposals');
    const all = await this.store.proposals.listProposals(principal.session.id);
    const visible = principal.role === 'facilitator' ? all : all.filter((p) => p.createdByParticipantId === principal.participant.id);
    return Promise.all(
      visible.map(async (p) => ({
        id: p.id,
        title: p.title,
        sources: p.sources.map((s) => ({ ...s, authorNames: [...s.authorNames] })),
        memberCount: (await this.store.proposals.listMembers(p.id)).length,
        updatedAt: p.updatedAt.toISOString(),
      })),
    );
  }

  /** Joins with an invite link's token; the invite decides the role. */
  async join(proposalId: string, input: z.output<typeof joinProposalBodySchema>): Promise<JoinedProposal> {
    const proposal = await this.access.requireProposal(proposalId);
    const hash = hashToken(input.invite);
    const role = INVITE_ROLES.find((r) => proposal.inviteHashes[r] === hash);
    if (!role) throw errors.inviteInvalid();
    const members = await this.store.proposals.listMembers(proposal.id);
    if (members.length >= PROPOSAL_MEMBERS_MAX) throw errors.proposalMembersFull(PROPOSAL_MEMBERS_MAX);
    const memberToken = newToken();
    const member: ProposalMemberRecord = {
      id: newId(),
      proposalId: proposal.id,
      name: input.name,
      role,
      color: MEMBER_COLORS[members.length % MEMBER_COLORS.length] ?? '#30638e',
      tokenHash: hashToken(memberToken),
      joinedAt: new Date(),
      removedAt: null,
    };
    await this.store.proposals.addMember(member);
    this.documents.notify(proposal.id, { kind: 'members' });
    return { member: presentMember(member), memberToken };
  }

  async view(principal: ProposalPrincipal): Promise<ProposalView> {
    const members = await this.store.proposals.listMembers(principal.proposal.id);
    return {
      proposal: presentProposal(principal.proposal),
      me: principal.member,
      members: members.map(presentMember),
      limits: {
        messageMaxBytes: YJS_MESSAGE_MAX_BYTES,
        docMaxBytes: PROPOSAL_DOC_MAX_BYTES,
        awarenessPerSecond: AWARENESS_UPDATES_PER_SECOND,
        commentMaxChars: COMMENT_MAX_CHARS,
        versionNameMaxChars: VERSION_NAME_MAX_CHARS,
      },
    };
  }

  /** Owner: changes a member's role; their open connections reconnect with it. */
  async setRole(principal: ProposalPrincipal, memberId: string, input: z.output<typeof memberRoleBodySchema>): Promise<MemberPublic> {
    ProposalAccess.require(principal, ['owner'], 'change roles');
    if (memberId === principal.member.id) throw errors.notOnYourself('change the role of');
    const member = await this.liveMember(principal, memberId);
    const updated = await this.store.proposals.updateMember(member.proposalId, member.id, { role: input.role });
    if (!updated) throw errors.memberNotFound();
    this.documents.closeMember(member.proposalId, member.id, YJS_CLOSE.roleChanged);
    this.documents.notify(member.proposalId, { kind: 'members' });
    return presentMember(updated);
  }

  /** Owner: removes a member; their token stops working and their connections close (4401). */
  async remove(principal: ProposalPrincipal, memberId: string): Promise<void> {
    ProposalAccess.require(principal, ['owner'], 'remove members');
    if (memberId === principal.member.id) throw errors.notOnYourself('remove');
    const member = await this.liveMember(principal, memberId);
    await this.store.proposals.updateMember(member.proposalId, member.id, { removedAt: new Date() });
    this.documents.closeMember(member.proposalId, member.id, YJS_CLOSE.unauthorized);
    this.documents.notify(member.proposalId, { kind: 'members' });
  }

  /** Owner: replaces the invite link of one role (the old link stops working). */
  async rotateInvite(principal: ProposalPrincipal, role: InviteRole): Promise<InviteLink> {
    ProposalAccess.require(principal, ['owner'], 'replace invite links');
    const token = newToken();
    // Only this role's hash: a rotation of another role running meanwhile is kept.
    const updated = await this.store.proposals.setInviteHash(principal.proposal.id, role, hashToken(token));
    if (!updated) throw errors.proposalNotFound();
    return { role, url: `${this.url(updated.id)}#invite=${token}` };
  }

  url(proposalId: string): string {
    return `${this.links.publicUrl()}/p/${proposalId}`;
  }

  private async liveMember(principal: ProposalPrincipal, memberId: string): Promise<ProposalMemberRecord> {
    const member = await this.store.proposals.getMember(principal.proposal.id, memberId);
    if (!member || member.removedAt !== null) throw errors.memberNotFound();
    return member;
  }

  /**
   * The ideas to promote with their authors' names (none when the session is anonymous). A
   * participant may promote only ideas others can see; the facilitator any live idea.
   */
  private async sourceIdeas(session: SessionRecord, ideaIds: readonly string[], staff: boolean): Promise<SeedIdea[]> {
    const ideas = await Promise.all(ideaIds.map((id) => this.store.board.getIdea(session.id, id)));
    const live = ideas.filter((idea) => idea && idea.deletedAt === null && idea.mergedInto === null && (staff || idea.status === 'visible'));
    if (live.length !== ideaIds.length) throw errors.ideaNotFound();
    const authorIds = session.settings.anonymous ? [] : [...new Set(live.flatMap((idea) => idea?.authorIds ?? []))];
    const people = await this.store.getParticipantsByIds(session.id, authorIds);
    const names = new Map(people.map((p) => [p.id, p.name]));
    return live.flatMap((idea) =>
      idea
        ? [{
            ideaId: idea.id,
            title: idea.title,
            detail: idea.detail,
            authorNames: session.settings.anonymous ? [] : idea.authorIds.flatMap((id) => names.get(id) ?? []),
          }]
        : [],
    );
  }
}

function mapRoles<T>(value: (role: InviteRole) => T): Record<InviteRole, T> {
  return { editor: value('editor'), commenter: value('commenter'), viewer: value('viewer') };
}
