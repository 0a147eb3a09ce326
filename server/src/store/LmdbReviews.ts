import type { Database, RootDatabase } from 'lmdb';
import { prefixRange, writeDurably, type ScopedKey, type ScopedPairKey } from './lmdbRecords.js';
import type { DecisionRecord, ReviewRoundRecord, ReviewStore, RoundChange, ScorecardRecord } from './ReviewStore.js';
import { StoreConflictError } from './Store.js';

/** Sub-databases of this part, opened by {@link LmdbReviews}. */
export const LMDB_REVIEW_DATABASES = 6;

type StoredRound = Omit<ReviewRoundRecord, 'dueAt' | 'createdAt' | 'updatedAt' | 'assignments' | 'conflicts'> & {
  dueAt: number | null;
  createdAt: number;
  updatedAt: number;
  assignments: (Omit<ReviewRoundRecord['assignments'][number], 'assignedAt'> & { assignedAt: number })[];
  conflicts: (Omit<ReviewRoundRecord['conflicts'][number], 'declaredAt'> & { declaredAt: number })[];
};
type StoredScorecard = Omit<ScorecardRecord, 'updatedAt' | 'submittedAt'> & { updatedAt: number; submittedAt: number | null };
type StoredDecision = Omit<DecisionRecord, 'decidedAt'> & { decidedAt: number };

/** Review rounds of `LmdbStore`; a change is one write transaction, indexes kept in it. */
export class LmdbReviews implements ReviewStore {
  private readonly rounds: Database<StoredRound, string>;
  /** [`kind:scopeId`, roundId] → true */
  private readonly byScope: Database<true, ScopedKey>;
  /** [accountId, roundId] → true, for every account in the round's pool */
  private readonly byReviewer: Database<true, ScopedKey>;
  /** [roundId, subjectId, reviewerId] → scorecard */
  private readonly scorecards: Database<StoredScorecard, ScopedPairKey>;
  /** [roundId, subjectId] → decision */
  private readonly decisions: Database<StoredDecision, ScopedKey>;
  /** [subjectId, roundId] → true */
  private readonly decisionsBySubject: Database<true, ScopedKey>;

  constructor(private readonly env: RootDatabase) {
    this.rounds = env.openDB({ name: 'reviewRounds' });
    this.byScope = env.openDB({ name: 'reviewRoundsByScope' });
    this.byReviewer = env.openDB({ name: 'reviewRoundsByReviewer' });
    this.scorecards = env.openDB({ name: 'reviewScorecards' });
    this.decisions = env.openDB({ name: 'reviewDecisions' });
    this.decisionsBySubject = env.openDB({ name: 'reviewDecisionsBySubject' });
  }

  async createRound(round: ReviewRoundRecord): Promise<void> {
    const created = await writeDurably(this.env, () => {
      if (this.rounds.doesExist(round.id)) return false;
      this.rounds.putSync(round.id, toStoredRound(round));
      this.byScope.putSync([`${round.scopeKind}:${round.scopeId}`, round.id], true);
      for (const reviewerId of round.reviewerIds) this.byReviewer.putSync([reviewerId, round.id], true);
      return true;
    });
    if (!created) throw new StoreConflictError(`review round id ${round.id}`);
  }

  async getRound(id: string): Promise<ReviewRoundRecord | null> {
    const stored = this.rounds.get(id);
    return stored ? fromStoredRound(stored) : null;
  }

  async listRoundsOfScope(scopeKind: ReviewRoundRecord['scopeKind'], scopeId: string): Promise<ReviewRoundRecord[]> {
    return this.roundsIn(this.byScope, `${scopeKind}:${scopeId}`);
  }

  async listRoundsOfReviewer(accountId: string): Promise<ReviewRoundRecord[]> {
    return this.roundsIn(this.byReviewer, accountId);
  }

  async changeRound<R extends string>(id: string, decide: (current: ReviewRoundRecord) => RoundChange<R>): Promise<RoundChange<R | 'review_round_not_found'>> {
    return writeDurably(this.env, (): RoundChange<R | 'review_round_not_found'> => {
      const stored = this.rounds.get(id);
      if (!stored) return { ok: false, reason: 'review_round_not_found' };
      const current = fromStoredRound(stored);
      const outcome = decide(current);
      if (!outcome.ok) return outcome;
      const next: ReviewRoundRecord = { ...outcome.record, id, scopeKind: current.scopeKind, scopeId: current.scopeId, revision: current.revision + 1 };
      this.rounds.putSync(id, toStoredRound(next));
      for (const gone of current.reviewerIds.filter((r) => !next.reviewerIds.includes(r))) this.byReviewer.removeSync([gone, id]);
      for (const added of next.reviewerIds) this.byReviewer.putSync([added, id], true);
      return { ok: true, record: next };
    });
  }

  async putScorecard(scorecard: ScorecardRecord): Promise<void> {
    await writeDurably(this.env, () => this.scorecards.putSync([scorecard.roundId, scorecard.subjectId, scorecard.reviewerId], toStoredScorecard(scorecard)));
  }

  async getScorecard(roundId: string, subjectId: string, reviewerId: string): Promise<ScorecardRecord | null> {
    const stored = this.scorecards.get([roundId, subjectId, reviewerId]);
    return stored ? fromStoredScorecard(stored) : null;
  }

  async listScorecardsOfRound(roundId: string): Promise<ScorecardRecord[]> {
    return [...this.scorecards.getRange(prefixRange(roundId))].map(({ value }) => fromStoredScorecard(value));
  }

  async deleteScorecard(roundId: string, subjectId: string, reviewerId: string): Promise<void> {
    await writeDurably(this.env, () => this.scorecards.removeSync([roundId, subjectId, reviewerId]));
  }

  async putDecision(decision: DecisionRecord): Promise<void> {
    await writeDurably(this.env, () => {
      this.decisions.putSync([decision.roundId, decision.subjectId], { ...decision, decidedAt: decision.decidedAt.getTime() });
      this.decisionsBySubject.putSync([decision.subjectId, decision.roundId], true);
    });
  }

  async listDecisionsOfRound(roundId: string): Promise<DecisionRecord[]> {
    return [...this.decisions.getRange(prefixRange(roundId))].map(({ value }) => fromStoredDecision(value));
  }

  async listDecisionsOfSubject(subjectId: string): Promise<DecisionRecord[]> {
    const found: DecisionRecord[] = [];
    for (const key of this.decisionsBySubject.getKeys(prefixRange(subjectId))) {
      const stored = this.decisions.get([key[1], subjectId]);
      if (stored) found.push(fromStoredDecision(stored));
    }
    return found.sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime());
  }

  private roundsIn(index: Database<true, ScopedKey>, prefix: string): ReviewRoundRecord[] {
    const transaction = this.env.useReadTransaction();
    try {
      const result: ReviewRoundRecord[] = [];
      for (const key of index.getKeys({ ...prefixRange(prefix), transaction })) {
        const stored = this.rounds.get(key[1], { transaction });
        if (stored) result.push(fromStoredRound(stored));
      }
      return result;
    } finally {
      transaction.done();
    }
  }
}

function toStoredRound(round: ReviewRoundRecord): StoredRound {
  return {
    ...round,
    criterionGuidance: { ...round.criterionGuidance },
    reviewerIds: [...round.reviewerIds],
    shortlist: [...round.shortlist],
    assignments: round.assignments.map((a) => ({ ...a, assignedAt: a.assignedAt.getTime() })),
    conflicts: round.conflicts.map((c) => ({ ...c, declaredAt: c.declaredAt.getTime() })),
    dueAt: round.dueAt?.getTime() ?? null,
    createdAt: round.createdAt.getTime(),
    updatedAt: round.updatedAt.getTime(),
  };
}

function fromStoredRound(stored: StoredRound): ReviewRoundRecord {
  return {
    ...stored,
    assignments: stored.assignments.map((a) => ({ ...a, assignedAt: new Date(a.assignedAt) })),
    conflicts: stored.conflicts.map((c) => ({ ...c, declaredAt: new Date(c.declaredAt) })),
    dueAt: stored.dueAt === null ? null : new Date(stored.dueAt),
    createdAt: new Date(stored.createdAt),
    updatedAt: new Date(stored.updatedAt),
  };
}

function toStoredScorecard(scorecard: ScorecardRecord): StoredScorecard {
  return { ...scorecard, scores: { ...scorecard.scores }, updatedAt: scorecard.updatedAt.getTime(), submittedAt: scorecard.submittedAt?.getTime() ?? null };
}

function fromStoredScorecard(stored: StoredScorecard): ScorecardRecord {
  return { ...stored, updatedAt: new Date(stored.updatedAt), submittedAt: stored.submittedAt === null ? null : new Date(stored.submittedAt) };
}

function fromStoredDecision(stored: StoredDecision): DecisionRecord {
  return { ...stored, decidedAt: new Date(stored.decidedAt) };
}
