import { combineScores, type CategoryRanking } from '@ideasphere/shared';
import { errors } from '../errors.js';
import type { AwardCategoryRecord, AwardProgrammeRecord, NominationRecord, WinnersRecord } from '../store/AwardStore.js';
import type { JuryResults } from './JuryResults.js';

/**
 * Each category's combined result: the jury's normalised scores (from review, through
 * `JuryResults`) and the audience's share of its vote, weighted as the programme sets
 * (`combineScores`), and the owner's confirmation of winners against it.
 */
export class AwardResults {
  constructor(private readonly jury: JuryResults) {}

  /** One ranking per category, of its accepted nominations. `votes`: category id → nomination id → votes. */
  async rankings(programme: AwardProgrammeRecord, nominations: readonly NominationRecord[], votes: ReadonlyMap<string, Record<string, number>>): Promise<CategoryRanking[]> {
    return Promise.all(programme.categories.map((category) => this.ranking(programme, category, nominations, votes.get(category.id) ?? null)));
  }

  async ranking(programme: AwardProgrammeRecord, category: AwardCategoryRecord, nominations: readonly NominationRecord[], votes: Record<string, number> | null): Promise<CategoryRanking> {
    const scores = await this.jury.scoresFor(category.id);
    const accepted = nominations.filter((n) => n.categoryId === category.id && n.status === 'accepted');
    return combineScores(
      category.id,
      accepted.map((n) => ({
        nominationId: n.id,
        nomineeName: n.nomineeName,
        juryScore: clampScore(scores.get(n.id) ?? null),
        audienceVotes: votes === null ? null : (votes[n.id] ?? 0),
      })),
      programme.juryWeight,
      category.winnersCount,
    );
  }

  /**
   * The winners to record: accepted nominations of the category, at most its number of
   * winners (`votes` as the page shows them: live while the vote is open); a choice other than the ranking's proposal needs a written reason, kept with it.
   */
  async checkWinners(
    programme: AwardProgrammeRecord,
    category: AwardCategoryRecord,
    nominations: readonly NominationRecord[],
    votes: Record<string, number> | null,
    input: { nominationIds: string[]; overrideReason?: string | undefined },
    confirmedBy: string,
    at: Date,
  ): Promise<WinnersRecord> {
    const eligible = new Set(nominations.filter((n) => n.categoryId === category.id && n.status === 'accepted').map((n) => n.id));
    if (eligible.size === 0) throw errors.awardNoAcceptedNominations();
    if (input.nominationIds.length > category.winnersCount || input.nominationIds.some((id) => !eligible.has(id))) throw errors.awardWinnerNotEligible();
    const ranking = await this.ranking(programme, category, nominations, votes);
    const proposed = new Set(ranking.rows.filter((r) => r.proposed).map((r) => r.nominationId));
    const same = proposed.size === input.nominationIds.length && input.nominationIds.every((id) => proposed.has(id));
    const reason = input.overrideReason?.trim() ? input.overrideReason : null;
    if (!same && reason === null) throw errors.awardOverrideReasonRequired();
    return { nominationIds: [...input.nominationIds], overrideReason: same ? null : reason, confirmedBy, confirmedAt: at, revealedAt: null };
  }
}

/** A jury score outside 0..1 (a bug upstream) is held to the scale rather than trusted. */
function clampScore(score: number | null): number | null {
  if (score === null || !Number.isFinite(score)) return null;
  return Math.min(1, Math.max(0, score));
}
