/**
 * Award programmes: an organisation's awards (科技之星, 新星, 先进团队…), their categories,
 * nominations, the jury's and the audience's part in the result, and the reveal on the big screen.
 */

export const AWARD_PROGRAMME_NAME_MAX_CHARS = 120;
/** As the board's category names: a category becomes one in its audience vote. */
export const AWARD_CATEGORY_NAME_MAX_CHARS = 30;
export const AWARD_CATEGORY_DESCRIPTION_MAX_CHARS = 1000;
export const AWARD_CITATION_MAX_CHARS = 1000;
export const AWARD_OVERRIDE_REASON_MAX_CHARS = 1000;
export const AWARD_GUIDANCE_MAX_CHARS = 400;
/** Categories one programme may hold. */
export const AWARD_CATEGORIES_MAX = 20;
/** Winners one category may name. */
export const AWARD_WINNERS_MAX = 10;
/** Nominations one programme may hold (each is a few hundred bytes; a ranking reads them all). */
export const AWARD_NOMINATIONS_MAX = 500;
/** Programmes one organisation may keep. */
export const AWARD_PROGRAMMES_PER_ORG_MAX = 100;
export const AWARD_YEAR_MIN = 2000;
export const AWARD_YEAR_MAX = 2100;
/** Jury weight + audience weight. */
export const AWARD_WEIGHT_TOTAL = 100;

export const NOMINEE_KINDS = ['person', 'team', 'proposal'] as const;
export type NomineeKind = (typeof NOMINEE_KINDS)[number];

/** The nominees the picker lists (a person is named by email instead). */
export const PICKED_NOMINEE_KINDS = ['team', 'proposal'] as const;
export type PickedNomineeKind = (typeof PICKED_NOMINEE_KINDS)[number];
/** Candidates one picker page shows at most (the search narrows the rest). */
export const NOMINEE_CANDIDATES_PAGE_MAX = 20;
/** Characters of the picker's search text. */
export const NOMINEE_SEARCH_MAX_CHARS = 80;

export const NOMINATION_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

/** A category's name in both languages. */
export interface BilingualName {
  zh: string;
  en: string;
}

/** One jury criterion of a category (weights of a category sum to 100). */
export interface AwardCriterion {
  id: string;
  name: string;
  weight: number;
  guidance: string;
}

/** The audience vote of a category: held on the board of a live session, as ideas of their own category. */
export interface AudienceVotePublic {
  status: 'open' | 'closed';
  sessionCode: string;
  /** nomination id → votes (frozen when closed). */
  votes: Record<string, number>;
  total: number;
}

/** The owner's confirmation of a category's winners. */
export interface WinnersPublic {
  nominationIds: string[];
  /** Set when the winners differ from the combined ranking's top N. */
  overrideReason: string | null;
  confirmedBy: string;
  confirmedAt: string;
  revealedAt: string | null;
}

export interface AwardCategoryPublic {
  id: string;
  name: BilingualName;
  description: string;
  winnersCount: number;
  criteria: AwardCriterion[];
  /** The live session this category's audience vote and reveal belong to. */
  liveSession: { code: string; title: string } | null;
  audienceVote: AudienceVotePublic | null;
  winners: WinnersPublic | null;
}

export interface AwardProgrammeSummary {
  id: string;
  organisationId: string;
  organisationName: string;
  name: string;
  year: number;
  categories: number;
  nominations: number;
}

export interface AwardProgrammePublic extends Omit<AwardProgrammeSummary, 'categories' | 'nominations'> {
  juryWeight: number;
  audienceWeight: number;
  categories: AwardCategoryPublic[];
  /** Whether the viewer owns the programme (accepts nominations, sets weights, confirms winners). */
  canManage: boolean;
  createdAt: string;
}

export interface NomineePublic {
  kind: NomineeKind;
  /** The account, response or proposal. */
  refId: string;
  name: string;
}

export interface NominationPublic {
  id: string;
  categoryId: string;
  nominee: NomineePublic;
  citation: string;
  status: NominationStatus;
  nominatedBy: { id: string; name: string };
  createdAt: string;
}

/** A team or proposal the asker may nominate in a programme (see docs/awards.md, "Who may be nominated"). */
export interface NomineeCandidate {
  kind: PickedNomineeKind;
  /** The response (team) or proposal id the nomination names. */
  id: string;
  name: string;
  /** Where it comes from: the challenge a team responded to, the live session a proposal was written in. */
  context: string;
}

/** `GET /api/awards/:programmeId/nominee-candidates`: the first matches, and whether more matched. */
export interface NomineeCandidatesPage {
  candidates: NomineeCandidate[];
  truncated: boolean;
}

/** One row of a category's combined ranking. */
export interface RankingRow {
  nominationId: string;
  nomineeName: string;
  /** Normalised jury score 0..1, null when unscored. */
  juryScore: number | null;
  /** Votes / all votes of the category's audience vote, null without one. */
  audienceShare: number | null;
  audienceVotes: number | null;
  /** 0..1. */
  combined: number;
  rank: number;
  /** Among the top N. */
  proposed: boolean;
}

export interface CategoryRanking {
  categoryId: string;
  /** The weights applied (an absent part gives its weight to the other). */
  juryWeight: number;
  audienceWeight: number;
  rows: RankingRow[];
}

/** `GET /api/awards/:id`: the programme page. Rankings only for its owners. */
export interface AwardProgrammeView {
  programme: AwardProgrammePublic;
  nominations: NominationPublic[];
  rankings: CategoryRanking[] | null;
}

/** A winner as the big screen announces them. */
export interface RevealedWinner {
  nominationId: string;
  name: string;
  /** Only when the person gave photo consent in this session (and the face is not hidden). */
  photoUrl: string | null;
  citation: string;
}

export interface RevealedCategory {
  categoryId: string;
  programmeName: string;
  name: BilingualName;
  winners: RevealedWinner[];
  revealedAt: string;
}

/**
 * `award:state` ack and `award:revealed` broadcast: every category revealed in this session so
 * far (the newest last) and how many are still to come.
 */
export interface AwardRevealState {
  revealed: RevealedCategory[];
  remaining: number;
  /** The next category to reveal, for the console's confirm step (null when none is left). */
  next: { categoryId: string; programmeName: string; name: BilingualName } | null;
}
