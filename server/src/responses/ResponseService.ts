import { createHash } from 'node:crypto';
import {
  INVITE_ROLES,
  PROPOSAL_MEMBERS_MAX,
  PROPOSAL_TITLE_MAX_CHARS,
  RESPONSE_SUBMISSIONS_MAX,
  RESPONSE_TEAM_MAX,
  YJS_CLOSE,
  defaultProposalTemplate,
  truncateGraphemes,
  type AccountRef,
  type ChallengeResponses,
  type createResponseBodySchema,
  type EditorLink,
  type FrozenSubmission,
  type InviteRole,
  MY_RESPONSES_MAX,
  type MyResponse,
  type ResponsePublic,
  type ResponseSummary,
  type SubmissionPublic,
} from '@ideasphere/shared';
import type { z } from 'zod';
import type { NotificationService } from '../accounts/NotificationService.js';
import type { ChallengeService } from '../challenges/ChallengeService.js';
import { canSee, type Viewer } from '../challenges/challengePolicy.js';
import { errors } from '../errors.js';
import { hashToken, newId, newToken } from '../ids.js';
import type { DocumentManager } from '../proposals/DocumentManager.js';
import { proposalRoots } from '../proposals/documentShape.js';
import { proposalToMarkdown } from '../proposals/exportMarkdown.js';
import { seedDocument, type SeedIdea } from '../proposals/seedDocument.js';
import { readVersion } from '../proposals/storedDocument.js';
import type { ChallengeRecord } from '../store/ChallengeStore.js';
import type { ProposalMemberRecord, ProposalRecord } from '../store/ProposalStore.js';
import type { ResponseChange, ResponseRecord, SubmissionRecord } from '../store/ResponseStore.js';
import type { Store } from '../store/Store.js';
import { authorizeResponse, canSeeResponse, onTeam, type ResponseAction } from './responsePolicy.js';
import { acceptsResponses, decideAddMember, decideEditor, decideRemoveMember, decideRename, decideSubmit, decideWithdraw } from './responseRules.js';

/** Caret colours of team members, in turn (as the proposal page's). */
const TEAM_COLORS = ['#00798c', '#d1495b', '#edae49', '#30638e', '#3e8914', '#c75000', '#8e44ad', '#1b998b', '#e84855', '#2d3047'];

/** The proposal side a response needs: its documents and the editor page's address. */
export interface ResponseDocuments {
  documents: DocumentManager;
  url(proposalId: string): string;
}

/**
 * Responses to challenges. A response is a team of accounts and a proposal document (a
 * proposal record without a live session): every team account edits it as an `editor` member
 * of its own, reached by an editor link the account asks for (each ask replaces the previous
 * token). Nobody holds the proposal's `owner` role, so its invite links stay unusable and the
 * team is exactly the accounts the response lists. Submitting saves a named version and records
 * the SHA-256 of that version's Markdown export; the challenge's organisation reads only those.
 */
export class ResponseService {
  constructor(
    private readonly store: Store,
    private readonly challenges: ChallengeService,
    private readonly proposals: ResponseDocuments,
    private readonly notifications: NotificationService,
    private readonly now: () => number,
    /** Told of every submission after it is stored (the pipeline takes a response in at its first). */
    private readonly onSubmitted: (response: ResponseRecord, challenge: ChallengeRecord, submittedBy: string) => Promise<void> = async () => undefined,
    /** Told when the team's name or standing changed (renamed, submitted, withdrawn): its profile in search follows. */
    private readonly onTeamChanged: (response: ResponseRecord) => Promise<void> = async () => undefined,
  ) {}

  /**
   * Starts a response: the caller owns the team; the document is seeded with the default
   * sections, the solution section listing `seed` (ideas promoted from a live session).
   */
  async create(viewer: Viewer, challengeId: string, input: z.output<typeof createResponseBodySchema>, seed: readonly SeedIdea[] = []): Promise<ResponsePublic> {
    if (viewer === null) throw errors.signInRequired();
    const challenge = await this.challenges.visible(viewer, challengeId);
    authorizeResponse(viewer, { kind: 'response:create', challenge });
    const now = new Date(this.now());
    if (!acceptsResponses(challenge, now)) throw errors.challengeDeadlinePassed();
    const template = defaultProposalTemplate(input.language);
    const title = truncateGraphemes(`${input.teamName} · ${challenge.title}`, PROPOSAL_TITLE_MAX_CHARS);
    // Invite links nobody holds (the tokens are never kept): the team is the accounts below.
    const inviteHashes = Object.fromEntries(INVITE_ROLES.map((role) => [role, hashToken(newToken())])) as Record<InviteRole, string>;
    const proposal: ProposalRecord = {
      id: newId(now.getTime()),
      sessionId: null,
      title,
      template,
      sources: seed.map(({ ideaId, title: ideaTitle, authorNames }) => ({ ideaId, title: ideaTitle, authorNames: [...authorNames] })),
      createdByParticipantId: null,
      inviteHashes,
      createdAt: now,
      updatedAt: now,
    };
    const first = this.memberFor(proposal.id, viewer.account.name, 0, now);
    await this.store.proposals.createProposal(proposal, first);
    await this.store.proposals.appendUpdate(proposal.id, 1, seedDocument(title, template.map((s) => s.key), seed));
    const response: ResponseRecord = {
      id: newId(now.getTime()),
      challengeId: challenge.id,
      proposalId: proposal.id,
      teamName: input.teamName,
      ownerAccountId: viewer.account.id,
      memberAccountIds: [viewer.account.id],
      editors: [{ accountId: viewer.account.id, memberId: first.id }],
      status: 'draft',
      submissions: [],
      createdAt: now,
      updatedAt: now,
      revision: 0,
    };
    await this.store.responses.createResponse(response);
    return this.present(response, challenge, viewer);
  }

  async view(viewer: Viewer, responseId: string): Promise<ResponsePublic> {
    const { response, challenge } = await this.authorized(viewer, responseId, 'response:view');
    return this.present(response, challenge, viewer);
  }

  /** The viewer's own teams on a challenge and, for the challenge's organisation, what is submitted. */
  async listForChallenge(viewer: Viewer, challengeId: string): Promise<ChallengeResponses> {
    if (viewer === null) throw errors.signInRequired();
    const challenge = await this.challenges.visible(viewer, challengeId);
    const all = await this.store.responses.listResponsesOfChallenge(challenge.id);
    const names = await this.names(all.flatMap((r) => r.submissions.map((s) => s.submittedBy)));
    const owners = viewer.memberships.has(challenge.organisationId);
    return {
      mine: all.filter((r) => onTeam(viewer, r)).map((r) => summary(r, names)),
      submissions: owners ? all.filter((r) => r.status === 'submitted' && canSeeResponse(viewer, r, challenge)).map((r) => summary(r, names)) : null,
    };
  }

  /** The viewer's teams, newest first, on challenges it may (still) see. */
  async listMine(viewer: Viewer): Promise<MyResponse[]> {
    if (viewer === null) throw errors.signInRequired();
    const records = await this.store.responses.listResponsesOfAccount(viewer.account.id, MY_RESPONSES_MAX);
    const names = await this.names(records.flatMap((r) => r.submissions.map((s) => s.submittedBy)));
    const mine = await Promise.all(
      records.map(async (response): Promise<MyResponse | null> => {
        const challenge = await this.store.challenges.getChallenge(response.challengeId);
        if (!challenge || !canSee(viewer, challenge)) return null;
        return {
          ...summary(response, names),
          challenge: { id: challenge.id, title: challenge.title, deadline: challenge.deadline.at.toISOString(), status: challenge.status },
          isOwner: response.ownerAccountId === viewer.account.id,
        };
      }),
    );
    return mine.filter((m): m is MyResponse => m !== null);
  }

  /** The team's owner adds an existing, active account by email; it is told so. */
  async addMember(viewer: Viewer, responseId: string, email: string): Promise<ResponsePublic> {
    const { response, challenge } = await this.authorized(viewer, responseId, 'response:invite');
    const account = await this.store.accounts.getAccountByEmail(email);
    if (!account || account.status !== 'active') throw errors.accountNotFound();
    const outcome = await this.store.responses.changeResponse(response.id, (current) => decideAddMember(current, account.id, RESPONSE_TEAM_MAX, new Date(this.now())));
    const changed = this.changed(outcome, (reason) =>
      reason === 'response_already_on_team' ? errors.responseAlreadyOnTeam() : reason === 'response_team_full' ? errors.responseTeamFull(RESPONSE_TEAM_MAX) : undefined,
    );
    await this.notifications.notify([account.id], {
      kind: 'team_invite',
      params: { team: changed.teamName, challenge: challenge.title },
      link: `/platform/responses/${changed.id}`,
    });
    return this.present(changed, challenge, viewer);
  }

  /**
   * The owner takes an account off the team, or a member leaves it. Its editor member is
   * retired in the same step: its token stops working and its open editors are closed (4401).
   * The one who did not act is told (the removed member, or the owner when someone leaves).
   */
  async removeMember(viewer: Viewer, responseId: string, accountId: string): Promise<void> {
    if (viewer === null) throw errors.signInRequired();
    const response = await this.store.responses.getResponse(responseId);
    const challenge = response ? await this.store.challenges.getChallenge(response.challengeId) : null;
    if (!response || !challenge) throw errors.responseNotFound();
    authorizeResponse(viewer, { kind: 'response:removeMember', response, challenge, accountId });
    const now = new Date(this.now());
    let editor: string | null = null;
    const outcome = await this.store.responses.changeResponse(response.id, (current) => {
      editor = current.editors.find((e) => e.accountId === accountId)?.memberId ?? null;
      return decideRemoveMember(current, accountId, now);
    });
    const changed = this.changed(outcome, (reason) =>
      reason === 'team_owner_cannot_leave' ? errors.teamOwnerCannotLeave() : reason === 'team_member_not_found' ? errors.teamMemberNotFound() : undefined,
    );
    if (editor !== null) {
      await this.store.proposals.updateMember(response.proposalId, editor, { removedAt: now });
      this.proposals.documents.closeMember(response.proposalId, editor, YJS_CLOSE.unauthorized);
      this.proposals.documents.notify(response.proposalId, { kind: 'members' });
    }
    const leaving = accountId === viewer.account.id;
    await this.notifications.notify(leaving ? [changed.ownerAccountId] : [accountId], {
      kind: leaving ? 'team_member_left' : 'team_removed',
      params: leaving ? { team: changed.teamName, challenge: challenge.title, name: viewer.account.name } : { team: changed.teamName, challenge: challenge.title },
      link: leaving ? `/platform/responses/${changed.id}` : `/platform/challenges/${challenge.id}`,
    });
  }

  /**
   * A member token for the editor: the account's proposal member is made on its first ask; a
   * later ask replaces its token and closes connections on the old one, so only the newest
   * link works.
   */
  async editorLink(viewer: Viewer, responseId: string): Promise<EditorLink> {
    const { response } = await this.authorized(viewer, responseId, 'response:work');
    if (viewer === null) throw errors.signInRequired();
    const token = newToken();
    const known = response.editors.find((e) => e.accountId === viewer.account.id);
    if (known) {
      await this.rotate(response.proposalId, known.memberId, token);
    } else {
      const members = await this.store.proposals.listMembers(response.proposalId);
      if (members.length >= PROPOSAL_MEMBERS_MAX) throw errors.proposalMembersFull(PROPOSAL_MEMBERS_MAX);
      const member = { ...this.memberFor(response.proposalId, viewer.account.name, response.editors.length, new Date(this.now())), tokenHash: hashToken(token) };
      await this.store.proposals.addMember(member);
      const outcome = await this.store.responses.changeResponse(response.id, (current) => decideEditor(current, viewer.account.id, member.id));
      if (!outcome.ok) {
        // Another ask of the same account won the race: keep its member, retire this one.
        await this.store.proposals.updateMember(response.proposalId, member.id, { removedAt: new Date(this.now()) });
        const winner = (await this.store.responses.getResponse(response.id))?.editors.find((e) => e.accountId === viewer.account.id);
        if (!winner) throw errors.responseNotFound();
        await this.rotate(response.proposalId, winner.memberId, token);
      }
      this.proposals.documents.notify(response.proposalId, { kind: 'members' });
    }
    return { proposalId: response.proposalId, url: `${this.proposals.url(response.proposalId)}#token=${token}`, memberToken: token };
  }

  /**
   * Freezes the current text as a named version and records the SHA-256 of its Markdown
   * export; refused after the deadline or once the challenge is no longer open. The
   * challenge's organisation is told.
   */
  async submit(viewer: Viewer, responseId: string): Promise<ResponsePublic> {
    const { response, challenge } = await this.authorized(viewer, responseId, 'response:work');
    if (viewer === null) throw errors.signInRequired();
    if (!acceptsResponses(challenge, new Date(this.now()))) throw errors.challengeDeadlinePassed();
    if (response.submissions.length >= RESPONSE_SUBMISSIONS_MAX) throw errors.responseSubmissionsFull(RESPONSE_SUBMISSIONS_MAX);
    const memberId = response.editors.find((e) => e.accountId === viewer.account.id)?.memberId ?? null;
    const name = `Submission ${response.submissions.length + 1}`;
    const version = await this.proposals.documents.with(response.proposalId, async (document) => {
      await document.flush();
      return document.saveVersion('manual', name, memberId);
    });
    const proposal = await this.store.proposals.getProposal(response.proposalId);
    if (!proposal) throw errors.responseNotFound();
    const markdown = await this.versionMarkdown(proposal, version.id);
    // The deadline again, now that the version is saved: a submission never lands after it.
    const current = await this.store.challenges.getChallenge(challenge.id);
    const submittedAt = new Date(this.now());
    if (!current || !acceptsResponses(current, submittedAt)) throw errors.challengeDeadlinePassed();
    const submission: SubmissionRecord = { versionId: version.id, sha256: sha256Hex(markdown), submittedAt, submittedBy: viewer.account.id };
    const outcome = await this.store.responses.changeResponse(response.id, (stored) => decideSubmit(stored, submission, RESPONSE_SUBMISSIONS_MAX));
    const changed = this.changed(outcome, (reason) => (reason === 'response_submissions_full' ? errors.responseSubmissionsFull(RESPONSE_SUBMISSIONS_MAX) : undefined));
    await this.onSubmitted(changed, challenge, viewer.account.id);
    await this.onTeamChanged(changed);
    const organisers = (await this.store.accounts.listMembers(challenge.organisationId)).map((m) => m.accountId);
    await this.notifications.notify(organisers, {
      kind: 'submission_received',
      params: { team: changed.teamName, challenge: challenge.title },
      link: `/platform/responses/${changed.id}`,
    });
    return this.present(changed, challenge, viewer);
  }

  /**
   * Appends ideas promoted from a live session to the team's document, as one change every
   * open editor receives; refused once the challenge takes no more responses.
   */
  async appendIdeas(viewer: Viewer, challengeId: string, responseId: string, ideas: readonly SeedIdea[]): Promise<ResponsePublic> {
    const { response, challenge } = await this.authorized(viewer, responseId, 'response:work');
    if (challenge.id !== challengeId) throw errors.responseNotFound();
    if (!acceptsResponses(challenge, new Date(this.now()))) throw errors.challengeDeadlinePassed();
    const proposal = await this.store.proposals.getProposal(response.proposalId);
    if (!proposal) throw errors.responseNotFound();
    await this.proposals.documents.with(proposal.id, async (document) => {
      document.appendIdeas(ideas, proposal.template.map((s) => s.key));
      await document.flush();
    });
    return this.present(response, challenge, viewer);
  }

  /** Takes a submission back before the deadline: the organisation no longer sees the response. */
  async withdraw(viewer: Viewer, responseId: string): Promise<ResponsePublic> {
    const { response, challenge } = await this.authorized(viewer, responseId, 'response:work');
    if (!acceptsResponses(challenge, new Date(this.now()))) throw errors.challengeDeadlinePassed();
    const outcome = await this.store.responses.changeResponse(response.id, (current) => decideWithdraw(current, new Date(this.now())));
    const changed = this.changed(outcome, (reason) => (reason === 'response_not_submitted' ? errors.responseNotSubmitted() : undefined));
    await this.onTeamChanged(changed);
    return this.present(changed, challenge, viewer);
  }

  /** A team member renames the team; its profile (and its place in search) takes the new name. */
  async rename(viewer: Viewer, responseId: string, teamName: string): Promise<ResponsePublic> {
    const { response, challenge } = await this.authorized(viewer, responseId, 'response:work');
    const outcome = await this.store.responses.changeResponse(response.id, (current) => decideRename(current, teamName, new Date(this.now())));
    const changed = this.changed(outcome, () => undefined);
    await this.onTeamChanged(changed);
    return this.present(changed, challenge, viewer);
  }

  /** A frozen submission: the version's Markdown export and the hash recorded when it was submitted. */
  async frozen(viewer: Viewer, responseId: string, versionId: string): Promise<FrozenSubmission> {
    const { response } = await this.authorized(viewer, responseId, 'response:view');
    const submission = response.submissions.find((s) => s.versionId === versionId);
    if (!submission) throw errors.versionNotFound();
    const proposal = await this.store.proposals.getProposal(response.proposalId);
    if (!proposal) throw errors.responseNotFound();
    const names = await this.names([submission.submittedBy]);
    return { responseId: response.id, teamName: response.teamName, submission: presentSubmission(submission, names), markdown: await this.versionMarkdown(proposal, versionId) };
  }

  /** The Markdown export of a stored version: the canonical text a submission's hash covers. */
  async versionMarkdown(proposal: ProposalRecord, versionId: string): Promise<string> {
    const found = await this.store.proposals.getVersion(proposal.id, versionId);
    if (!found) throw errors.versionNotFound();
    const read = readVersion(found.state, proposalRoots(proposal.template.map((s) => s.key)));
    if (!read) throw errors.versionDamaged();
    try {
      return proposalToMarkdown(read.doc, proposal.template, null);
    } finally {
      read.doc.destroy();
    }
  }

  private async rotate(proposalId: string, memberId: string, token: string): Promise<void> {
    const updated = await this.store.proposals.setMemberTokenHash(proposalId, memberId, hashToken(token));
    if (!updated) throw errors.memberNotFound();
    this.proposals.documents.closeMember(proposalId, memberId, YJS_CLOSE.unauthorized);
  }

  private memberFor(proposalId: string, name: string, index: number, now: Date): ProposalMemberRecord {
    return {
      id: newId(now.getTime()),
      proposalId,
      name,
      role: 'editor',
      color: TEAM_COLORS[index % TEAM_COLORS.length] ?? '#00798c',
      tokenHash: hashToken(newToken()),
      joinedAt: now,
      removedAt: null,
    };
  }

  /** The response and its challenge, when the policy allows the action; a refusal reads nothing else. */
  private async authorized(viewer: Viewer, responseId: string, kind: Exclude<ResponseAction['kind'], 'response:create' | 'response:removeMember'>): Promise<{ response: ResponseRecord; challenge: ChallengeRecord }> {
    if (viewer === null) throw errors.signInRequired();
    const response = await this.store.responses.getResponse(responseId);
    const challenge = response ? await this.store.challenges.getChallenge(response.challengeId) : null;
    if (!response || !challenge) throw errors.responseNotFound();
    authorizeResponse(viewer, { kind, response, challenge });
    return { response, challenge };
  }

  private changed<R extends string>(outcome: ResponseChange<R | 'response_not_found'>, refusal: (reason: R | 'response_not_found') => Error | undefined): ResponseRecord {
    if (outcome.ok) return outcome.record;
    throw refusal(outcome.reason) ?? errors.responseNotFound();
  }

  private async names(accountIds: readonly string[]): Promise<Map<string, string>> {
    const accounts = await this.store.accounts.getAccountsByIds([...new Set(accountIds)]);
    return new Map(accounts.map((a) => [a.id, a.name]));
  }

  private async present(response: ResponseRecord, challenge: ChallengeRecord, viewer: Viewer): Promise<ResponsePublic> {
    const names = await this.names([...response.memberAccountIds, ...response.submissions.map((s) => s.submittedBy)]);
    const ref = (id: string): AccountRef => ({ id, name: names.get(id) ?? '' });
    return {
      id: response.id,
      challenge: { id: challenge.id, title: challenge.title, deadline: challenge.deadline.at.toISOString(), status: challenge.status },
      teamName: response.teamName,
      owner: ref(response.ownerAccountId),
      members: response.memberAccountIds.map(ref),
      status: response.status,
      submissions: response.submissions.map((s) => presentSubmission(s, names)),
      createdAt: response.createdAt.toISOString(),
      updatedAt: response.updatedAt.toISOString(),
      onTeam: onTeam(viewer, response),
      isOwner: viewer?.account.id === response.ownerAccountId,
    };
  }
}

/** Lower-case hex SHA-256 of a text's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function presentSubmission(submission: SubmissionRecord, names: ReadonlyMap<string, string>): SubmissionPublic {
  return {
    versionId: submission.versionId,
    sha256: submission.sha256,
    submittedAt: submission.submittedAt.toISOString(),
    submittedBy: { id: submission.submittedBy, name: names.get(submission.submittedBy) ?? '' },
  };
}

function summary(response: ResponseRecord, names: ReadonlyMap<string, string>): ResponseSummary {
  const latest = response.submissions[response.submissions.length - 1];
  return {
    id: response.id,
    teamName: response.teamName,
    status: response.status,
    latest: latest ? presentSubmission(latest, names) : null,
    updatedAt: response.updatedAt.toISOString(),
  };
}
