import type { ReviewScopeHome } from '@ideasphere/shared';
import type { Actor } from '../accounts/accountPolicy.js';
import { canSee, judgeChallenge } from '../challenges/challengePolicy.js';
import type { ProposalRecord } from '../store/ProposalStore.js';
import type { Store } from '../store/Store.js';
import type { ReviewSubject, SubjectCriterion, SubjectSource } from './reviewSubjects.js';

/** The id of a challenge's criterion: its place in the challenge's list (criteria are fixed once it is open). */
export const criterionIdOf = (index: number) => `c${index}`;

/**
 * Review of a challenge: its submitted responses are the subjects, each read as the Markdown of
 * its latest frozen version; the team's accounts are the authors and the organisations they
 * belong to are the subject's organisations; the challenge's weighted criteria are the
 * scorecard. Whoever may manage the challenge (challengePolicy) manages its review.
 */
export class ChallengeSubjectSource implements SubjectSource {
  readonly kind = 'challenge' as const;

  constructor(
    private readonly store: Store,
    /** The Markdown export of a stored version (ResponseService.versionMarkdown). */
    private readonly versionMarkdown: (proposal: ProposalRecord, versionId: string) => Promise<string>,
  ) {}

  async titleOf(scopeId: string, actor: Actor): Promise<string | null> {
    const challenge = await this.store.challenges.getChallenge(scopeId);
    return challenge && canSee(actor, challenge) ? challenge.title : null;
  }

  async homeOf(scopeId: string): Promise<ReviewScopeHome | null> {
    return { kind: 'challenge', id: scopeId };
  }

  async canManage(scopeId: string, actor: Actor): Promise<boolean> {
    const challenge = await this.store.challenges.getChallenge(scopeId);
    return challenge !== null && judgeChallenge(actor, { kind: 'challenge:manage', challenge }) === null;
  }

  async organisationOf(scopeId: string): Promise<string | null> {
    return (await this.store.challenges.getChallenge(scopeId))?.organisationId ?? null;
  }

  async criteria(scopeId: string): Promise<SubjectCriterion[]> {
    const challenge = await this.store.challenges.getChallenge(scopeId);
    return (challenge?.criteria ?? []).map((c, index) => ({ id: criterionIdOf(index), name: c.name, weight: c.weight, guidance: '' }));
  }

  async listSubjects(scopeId: string): Promise<ReviewSubject[]> {
    const responses = (await this.store.responses.listResponsesOfChallenge(scopeId)).filter((r) => r.status === 'submitted' && r.submissions.length > 0);
    const accountIds = [...new Set(responses.flatMap((r) => r.memberAccountIds))];
    const accounts = new Map((await this.store.accounts.getAccountsByIds(accountIds)).map((a) => [a.id, a]));
    const organisationsOf = new Map(await Promise.all(accountIds.map(async (id) => [id, (await this.store.accounts.listMembershipsOf(id)).map((m) => m.organisationId)] as const)));
    const subjects: ReviewSubject[] = [];
    for (const response of responses) {
      const latest = response.submissions[response.submissions.length - 1];
      const proposal = await this.store.proposals.getProposal(response.proposalId);
      if (!latest || !proposal) continue;
      subjects.push({
        id: response.id,
        title: response.teamName,
        authors: response.memberAccountIds.map((id) => ({ accountId: id, name: accounts.get(id)?.name ?? '' })),
        organisationIds: [...new Set(response.memberAccountIds.flatMap((id) => organisationsOf.get(id) ?? []))],
        markdown: await this.versionMarkdown(proposal, latest.versionId),
      });
    }
    return subjects;
  }
}
