import { AGREEMENT_FROM_RESPONSE_STATUSES } from '@ideasphere/shared';
import type { Actor } from '../accounts/accountPolicy.js';
import type { AgreementResponses, ResponseFacts } from '../agreements/AgreementService.js';
import { errors } from '../errors.js';
import type { Store } from '../store/Store.js';
import { authorizeResponse } from './responsePolicy.js';
import type { ResponseService } from './ResponseService.js';

/**
 * What the agreements domain may learn of a response: only a member of the challenge's
 * organisation, only for a response it may see (a submitted one), and only once the challenge
 * is in review or decided. The annex is the latest submission's frozen Markdown.
 */
export class ResponseAgreements implements AgreementResponses {
  constructor(
    private readonly store: Store,
    private readonly responses: ResponseService,
  ) {}

  async factsFor(actor: Actor, responseId: string): Promise<ResponseFacts> {
    const response = await this.store.responses.getResponse(responseId);
    const challenge = response ? await this.store.challenges.getChallenge(response.challengeId) : null;
    if (!response || !challenge) throw errors.responseNotFound();
    authorizeResponse(actor, { kind: 'response:view', response, challenge });
    if (!actor.memberships.has(challenge.organisationId)) throw errors.forbidden("make an agreement about another organisation's challenge");
    if (!(AGREEMENT_FROM_RESPONSE_STATUSES as readonly string[]).includes(challenge.status) || response.status !== 'submitted') throw errors.responseNotDecided();
    const [organisation, accounts, proposal] = await Promise.all([
      this.store.accounts.getOrganisation(challenge.organisationId),
      this.store.accounts.getAccountsByIds(response.memberAccountIds),
      this.store.proposals.getProposal(response.proposalId),
    ]);
    const byId = new Map(accounts.map((a) => [a.id, a]));
    const latest = response.submissions[response.submissions.length - 1];
    return {
      organisationId: challenge.organisationId,
      organisationName: organisation?.name ?? '',
      challengeTitle: challenge.title,
      reward: challenge.reward,
      teamName: response.teamName,
      proposalTitle: proposal?.title ?? response.teamName,
      team: response.memberAccountIds.flatMap((id) => {
        const account = byId.get(id);
        return account ? [{ name: account.name, email: account.email }] : [];
      }),
      latest: latest ? { versionId: latest.versionId, sha256: latest.sha256 } : null,
    };
  }

  async versionMarkdownOf(responseId: string, versionId: string): Promise<string> {
    const response = await this.store.responses.getResponse(responseId);
    const proposal = response ? await this.store.proposals.getProposal(response.proposalId) : null;
    if (!proposal) throw errors.responseNotFound();
    return this.responses.versionMarkdown(proposal, versionId);
  }
}
