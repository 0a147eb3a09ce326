import {
  CHALLENGE_STATUSES,
  LIVE_SESSIONS_PER_ACCOUNT_MAX,
  NOMINEE_CANDIDATES_PAGE_MAX,
  type NomineeCandidate,
  type NomineeCandidatesPage,
  type PickedNomineeKind,
} from '@ideasphere/shared';
import type { Actor } from '../accounts/accountPolicy.js';
import { errors } from '../errors.js';
import { canSeeResponse } from '../responses/responsePolicy.js';
import type { AwardProgrammeRecord } from '../store/AwardStore.js';
import type { ChallengeRecord } from '../store/ChallengeStore.js';
import type { Store } from '../store/Store.js';

/** Challenges of the programme's organisation whose teams the picker reads at most (the newest). */
export const CANDIDATE_CHALLENGES_READ_MAX = 200;

/**
 * Which teams and proposals a member may nominate in a programme, one rule for the picker's
 * list and for the nomination itself:
 * - a team: a submitted response to a challenge of the programme's organisation (what its
 *   members see of responses, `canSeeResponse`);
 * - a proposal: one written in a live session the asker created from the platform, unless that
 *   session runs for another organisation's challenge.
 * Something the asker may not see is `nominee_unknown`; something they see that the rule leaves
 * out is `nominee_not_eligible`.
 */
export class NomineeCandidates {
  constructor(private readonly store: Store) {}

  /** The first candidates whose name or context contains `q` (case-insensitive), and whether more matched. */
  async list(actor: Actor, programme: AwardProgrammeRecord, kind: PickedNomineeKind, q: string): Promise<NomineeCandidatesPage> {
    const needle = q.toLocaleLowerCase();
    const all = kind === 'team' ? await this.teams(actor, programme) : await this.proposals(actor, programme);
    const matches = all.filter((c) => needle === '' || c.name.toLocaleLowerCase().includes(needle) || c.context.toLocaleLowerCase().includes(needle));
    return { candidates: matches.slice(0, NOMINEE_CANDIDATES_PAGE_MAX), truncated: matches.length > NOMINEE_CANDIDATES_PAGE_MAX };
  }

  /** The team a nomination names, when the rule allows it: its id and name. */
  async team(actor: Actor, programme: AwardProgrammeRecord, responseId: string): Promise<{ refId: string; name: string }> {
    const response = await this.store.responses.getResponse(responseId);
    const challenge = response ? await this.store.challenges.getChallenge(response.challengeId) : null;
    if (!response || !challenge || !canSeeResponse(actor, response, challenge)) throw errors.nomineeUnknown();
    if (challenge.organisationId !== programme.organisationId) throw errors.nomineeNotEligible("the team answered another organisation's challenge");
    if (response.status !== 'submitted') throw errors.nomineeNotEligible('the team has not submitted its response');
    return { refId: response.id, name: response.teamName };
  }

  /** The proposal a nomination names, when the rule allows it: its id and title. */
  async proposal(actor: Actor, programme: AwardProgrammeRecord, proposalId: string): Promise<{ refId: string; name: string }> {
    const proposal = await this.store.proposals.getProposal(proposalId);
    const link = proposal?.sessionId ? await this.store.liveLinks.getLiveSessionLink(actor.account.id, proposal.sessionId) : null;
    if (!proposal || !link) throw errors.nomineeUnknown();
    if (!(await this.sessionServes(link.challengeId, programme))) throw errors.nomineeNotEligible("the live session ran for another organisation's challenge");
    return { refId: proposal.id, name: proposal.title };
  }

  private async teams(actor: Actor, programme: AwardProgrammeRecord): Promise<NomineeCandidate[]> {
    const { records } = await this.store.challenges.queryChallenges({
      audiences: [],
      ownOrganisationIds: [programme.organisationId],
      statuses: CHALLENGE_STATUSES.filter((s) => s !== 'draft'),
      sort: 'newest',
      offset: 0,
      limit: CANDIDATE_CHALLENGES_READ_MAX,
    });
    const perChallenge = await Promise.all(records.map((challenge) => this.teamsOf(actor, challenge)));
    return perChallenge.flat();
  }

  private async teamsOf(actor: Actor, challenge: ChallengeRecord): Promise<NomineeCandidate[]> {
    const responses = await this.store.responses.listResponsesOfChallenge(challenge.id);
    return responses
      .filter((r) => r.status === 'submitted' && canSeeResponse(actor, r, challenge))
      .map((r) => ({ kind: 'team' as const, id: r.id, name: r.teamName, context: challenge.title }));
  }

  private async proposals(actor: Actor, programme: AwardProgrammeRecord): Promise<NomineeCandidate[]> {
    const links = await this.store.liveLinks.listLiveSessionLinks(actor.account.id, LIVE_SESSIONS_PER_ACCOUNT_MAX);
    const perSession = await Promise.all(
      links.map(async (link): Promise<NomineeCandidate[]> => {
        if (!(await this.sessionServes(link.challengeId, programme))) return [];
        const session = await this.store.getSession(link.sessionId);
        if (!session) return [];
        const proposals = await this.store.proposals.listProposals(session.id);
        return proposals.map((p) => ({ kind: 'proposal' as const, id: p.id, name: p.title, context: session.title }));
      }),
    );
    return perSession.flat();
  }

  /** A session run for no challenge serves any programme; one run for a challenge, only its organisation's. */
  private async sessionServes(challengeId: string | null, programme: AwardProgrammeRecord): Promise<boolean> {
    if (challengeId === null) return true;
    const challenge = await this.store.challenges.getChallenge(challengeId);
    return challenge !== null && challenge.organisationId === programme.organisationId;
  }
}
