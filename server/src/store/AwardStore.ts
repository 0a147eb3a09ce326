import type { AwardCriterion, NominationStatus, NomineeKind } from '@ideasphere/shared';

/** A category's audience vote as stored: the board ideas standing for its nominations. */
export interface AudienceVoteRecord {
  sessionId: string;
  status: 'open' | 'closed';
  /** nomination id → the idea on the session's board that stands for it. */
  ideaIds: Record<string, string>;
  /** nomination id → votes, frozen when the vote closes (empty while open). */
  finalVotes: Record<string, number>;
  startedAt: Date;
  closedAt: Date | null;
}

/** The owner's confirmation of a category's winners, with the reason when it overrides the ranking. */
export interface WinnersRecord {
  nominationIds: string[];
  overrideReason: string | null;
  confirmedBy: string;
  confirmedAt: Date;
  /** Set once the big screen announced them: they no longer change. */
  revealedAt: Date | null;
}

export interface AwardCategoryRecord {
  id: string;
  nameZh: string;
  nameEn: string;
  description: string;
  winnersCount: number;
  criteria: AwardCriterion[];
  /** The live session of this category's audience vote and reveal. */
  liveSessionId: string | null;
  audienceVote: AudienceVoteRecord | null;
  winners: WinnersRecord | null;
}

/** An award programme as stored; its categories live inside it, so one atomic change covers them. */
export interface AwardProgrammeRecord {
  id: string;
  organisationId: string;
  name: string;
  year: number;
  /** Percent; the audience gets 100 − this. */
  juryWeight: number;
  categories: AwardCategoryRecord[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** Bumped by every change: MongoDB's compare-and-swap key. */
  revision: number;
}

export interface NominationRecord {
  id: string;
  programmeId: string;
  categoryId: string;
  nomineeKind: NomineeKind;
  /** The account, response or proposal. */
  nomineeRefId: string;
  /** The name when nominated (a team's, a proposal's title, an account's display name). */
  nomineeName: string;
  citation: string;
  status: NominationStatus;
  nominatedBy: string;
  decidedBy: string | null;
  decidedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  revision: number;
}

/** What a change decided: the record to store, or why nothing changes. */
export type AwardChange<T, R extends string> = { ok: true; record: T } | { ok: false; reason: R };

/**
 * Award programmes and nominations: `store.awards`, in `LmdbAwards` and `MongoAwards`;
 * `awards.contract.ts` tests both alike.
 */
export interface AwardStore {
  /** Refused (`full`) when the organisation has `max` programmes already; StoreConflictError if the id is taken. */
  createProgramme(programme: AwardProgrammeRecord, max: number): Promise<{ ok: true } | { ok: false; reason: 'full' }>;
  getProgramme(id: string): Promise<AwardProgrammeRecord | null>;
  /** The programmes of these organisations, newest first. */
  listProgrammesOfOrganisations(organisationIds: readonly string[]): Promise<AwardProgrammeRecord[]>;
  /** The programme holding this category (categories are found by id alone from review rounds). */
  getProgrammeOfCategory(categoryId: string): Promise<AwardProgrammeRecord | null>;
  /** Programmes with a category linked to this live session, oldest first. */
  listProgrammesOfSession(sessionId: string): Promise<AwardProgrammeRecord[]>;
  /**
   * Changes a programme atomically: `decide` (pure) gets the current record and returns the
   * next one or a refusal. The store bumps `revision` and keeps `id` and `organisationId`.
   */
  changeProgramme<R extends string>(
    id: string,
    decide: (current: AwardProgrammeRecord) => AwardChange<AwardProgrammeRecord, R>,
  ): Promise<AwardChange<AwardProgrammeRecord, R | 'award_programme_not_found'>>;

  /** Refused (`full`) when the programme holds `max` nominations already; StoreConflictError if the id is taken. */
  createNomination(nomination: NominationRecord, max: number): Promise<{ ok: true } | { ok: false; reason: 'full' }>;
  getNomination(id: string): Promise<NominationRecord | null>;
  /** A programme's nominations, oldest first. */
  listNominations(programmeId: string): Promise<NominationRecord[]>;
  /** As `changeProgramme`; keeps `id`, `programmeId` and `categoryId`. */
  changeNomination<R extends string>(
    id: string,
    decide: (current: NominationRecord) => AwardChange<NominationRecord, R>,
  ): Promise<AwardChange<NominationRecord, R | 'nomination_not_found'>>;
}
