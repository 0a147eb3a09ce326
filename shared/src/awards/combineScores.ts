import { AWARD_WEIGHT_TOTAL, type CategoryRanking, type RankingRow } from './awardModel.js';

/** One accepted nomination with its two parts, as the combination takes them. */
export interface CombineInput {
  nominationId: string;
  nomineeName: string;
  /** Normalised jury score 0..1; null when no reviewer scored it. */
  juryScore: number | null;
  /** Votes in the category's audience vote; null without an audience vote. */
  audienceVotes: number | null;
}

/**
 * A category's combined ranking. `combined = jury% × jury score + audience% × audience share`,
 * where the audience share is the nomination's votes over all votes of that vote. A part the
 * category does not have gives its weight to the other: without an audience vote the jury
 * counts 100 %, and with no jury score at all the audience does. An unscored nomination
 * counts 0 for the jury. Ties go to more audience votes, then to the older nomination (input
 * order). The top `winnersCount` rows are `proposed`.
 */
export function combineScores(categoryId: string, inputs: readonly CombineInput[], juryWeight: number, winnersCount: number): CategoryRanking {
  const hasAudience = inputs.some((i) => i.audienceVotes !== null);
  const hasJury = inputs.some((i) => i.juryScore !== null);
  let jury = juryWeight;
  if (!hasAudience) jury = AWARD_WEIGHT_TOTAL;
  else if (!hasJury) jury = 0;
  const audience = AWARD_WEIGHT_TOTAL - jury;
  const totalVotes = inputs.reduce((sum, i) => sum + (i.audienceVotes ?? 0), 0);
  const scored = inputs.map((input, order) => {
    const audienceShare = input.audienceVotes === null ? null : totalVotes === 0 ? 0 : input.audienceVotes / totalVotes;
    const combined = (jury * (input.juryScore ?? 0) + audience * (audienceShare ?? 0)) / AWARD_WEIGHT_TOTAL;
    return { input, order, audienceShare, combined };
  });
  scored.sort((a, b) => b.combined - a.combined || (b.input.audienceVotes ?? 0) - (a.input.audienceVotes ?? 0) || a.order - b.order);
  const rows: RankingRow[] = scored.map((s, index) => ({
    nominationId: s.input.nominationId,
    nomineeName: s.input.nomineeName,
    juryScore: s.input.juryScore,
    audienceShare: s.audienceShare,
    audienceVotes: s.input.audienceVotes,
    combined: s.combined,
    rank: index + 1,
    proposed: index < winnersCount,
  }));
  return { categoryId, juryWeight: jury, audienceWeight: audience, rows };
}
