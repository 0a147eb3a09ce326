import { Schema, type Connection } from 'mongoose';
import { mapConflicts, type AsDoc } from './mongoModels.js';
import type { DecisionRecord, ReviewRoundRecord, ReviewStore, RoundChange, ScorecardRecord } from './ReviewStore.js';

type RoundDoc = AsDoc<ReviewRoundRecord>;
type ScorecardDoc = ScorecardRecord & { _id: string };
type DecisionDoc = DecisionRecord & { _id: string };

const roundSchema = new Schema<RoundDoc>(
  {
    _id: { type: String, required: true },
    scopeKind: { type: String, required: true },
    scopeId: { type: String, required: true },
    name: { type: String, required: true },
    scaleMin: { type: Number, required: true },
    scaleMax: { type: Number, required: true },
    blind: { type: Boolean, required: true },
    reviewersPerSubmission: { type: Number, required: true },
    dueAt: { type: Date, default: null },
    guidance: { type: String, default: '' },
    criterionGuidance: { type: Schema.Types.Mixed, default: {} },
    status: { type: String, required: true },
    reviewerIds: { type: [String], default: [] },
    assignments: { type: [{ _id: false, subjectId: String, reviewerId: String, assignedAt: Date, by: String }], default: [] },
    conflicts: { type: [{ _id: false, subjectId: String, reviewerId: String, declaredAt: Date }], default: [] },
    shortlist: { type: [String], default: [] },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    revision: { type: Number, required: true },
  },
  { collection: 'reviewRounds', versionKey: false, minimize: false },
);
// A scope's rounds oldest first (ids sort by creation time); a reviewer's rounds.
roundSchema.index({ scopeKind: 1, scopeId: 1, _id: 1 });
roundSchema.index({ reviewerIds: 1, _id: 1 });

const scorecardSchema = new Schema<ScorecardDoc>(
  {
    _id: { type: String, required: true },
    roundId: { type: String, required: true },
    subjectId: { type: String, required: true },
    reviewerId: { type: String, required: true },
    scores: { type: Schema.Types.Mixed, default: {} },
    comment: { type: String, default: '' },
    note: { type: String, default: '' },
    status: { type: String, required: true },
    updatedAt: { type: Date, required: true },
    submittedAt: { type: Date, default: null },
  },
  { collection: 'reviewScorecards', versionKey: false, minimize: false },
);
scorecardSchema.index({ roundId: 1 });

const decisionSchema = new Schema<DecisionDoc>(
  {
    _id: { type: String, required: true },
    roundId: { type: String, required: true },
    scopeKind: { type: String, required: true },
    scopeId: { type: String, required: true },
    subjectId: { type: String, required: true },
    decision: { type: String, required: true },
    feedback: { type: String, default: '' },
    decidedBy: { type: String, required: true },
    decidedAt: { type: Date, required: true },
  },
  { collection: 'reviewDecisions', versionKey: false },
);
decisionSchema.index({ roundId: 1 });
decisionSchema.index({ subjectId: 1, decidedAt: 1 });

/** Compare-and-swap rounds of `changeRound` before giving up (an owner and a few reviewers race here). */
const CHANGE_ATTEMPTS = 20;

/** Review rounds of `MongoStore`; a round change is a compare-and-swap on `revision`. */
export class MongoReviews implements ReviewStore {
  private readonly rounds;
  private readonly scorecards;
  private readonly decisions;

  constructor(connection: Connection) {
    this.rounds = connection.model('ReviewRound', roundSchema);
    this.scorecards = connection.model('ReviewScorecard', scorecardSchema);
    this.decisions = connection.model('ReviewDecision', decisionSchema);
  }

  async buildIndexes(): Promise<void> {
    for (const model of [this.rounds, this.scorecards, this.decisions] as const) {
      await model.createCollection();
      await model.syncIndexes();
    }
  }

  async createRound(round: ReviewRoundRecord): Promise<void> {
    await mapConflicts(() => this.rounds.create(toRoundDoc(round)));
  }

  async getRound(id: string): Promise<ReviewRoundRecord | null> {
    const doc = await this.rounds.findById(id).lean<RoundDoc>().exec();
    return doc ? fromRoundDoc(doc) : null;
  }

  async listRoundsOfScope(scopeKind: ReviewRoundRecord['scopeKind'], scopeId: string): Promise<ReviewRoundRecord[]> {
    const docs = await this.rounds.find({ scopeKind, scopeId }).sort({ _id: 1 }).lean<RoundDoc[]>().exec();
    return docs.map(fromRoundDoc);
  }

  async listRoundsOfReviewer(accountId: string): Promise<ReviewRoundRecord[]> {
    const docs = await this.rounds.find({ reviewerIds: accountId }).sort({ _id: 1 }).lean<RoundDoc[]>().exec();
    return docs.map(fromRoundDoc);
  }

  async changeRound<R extends string>(id: string, decide: (current: ReviewRoundRecord) => RoundChange<R>): Promise<RoundChange<R | 'review_round_not_found'>> {
    for (let attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
      const doc = await this.rounds.findById(id).lean<RoundDoc>().exec();
      if (!doc) return { ok: false, reason: 'review_round_not_found' };
      const current = fromRoundDoc(doc);
      const outcome = decide(current);
      if (!outcome.ok) return outcome;
      const next: ReviewRoundRecord = { ...outcome.record, id, scopeKind: current.scopeKind, scopeId: current.scopeId, revision: current.revision + 1 };
      const result = await this.rounds.replaceOne({ _id: id, revision: current.revision }, toRoundDoc(next)).exec();
      if (result.modifiedCount === 1) return { ok: true, record: next };
    }
    throw new Error(`changeRound: round ${id} kept changing under ${CHANGE_ATTEMPTS} attempts`);
  }

  async putScorecard(scorecard: ScorecardRecord): Promise<void> {
    const _id = scorecardKey(scorecard.roundId, scorecard.subjectId, scorecard.reviewerId);
    await this.scorecards.replaceOne({ _id }, { ...scorecard, scores: { ...scorecard.scores }, _id }, { upsert: true }).exec();
  }

  async getScorecard(roundId: string, subjectId: string, reviewerId: string): Promise<ScorecardRecord | null> {
    const doc = await this.scorecards.findById(scorecardKey(roundId, subjectId, reviewerId)).lean<ScorecardDoc>().exec();
    return doc ? fromScorecardDoc(doc) : null;
  }

  async listScorecardsOfRound(roundId: string): Promise<ScorecardRecord[]> {
    const docs = await this.scorecards.find({ roundId }).lean<ScorecardDoc[]>().exec();
    return docs.map(fromScorecardDoc);
  }

  async deleteScorecard(roundId: string, subjectId: string, reviewerId: string): Promise<void> {
    await this.scorecards.deleteOne({ _id: scorecardKey(roundId, subjectId, reviewerId) }).exec();
  }

  async putDecision(decision: DecisionRecord): Promise<void> {
    const _id = `${decision.roundId}:${decision.subjectId}`;
    await this.decisions.replaceOne({ _id }, { ...decision, _id }, { upsert: true }).exec();
  }

  async listDecisionsOfRound(roundId: string): Promise<DecisionRecord[]> {
    const docs = await this.decisions.find({ roundId }).lean<DecisionDoc[]>().exec();
    return docs.map(fromDecisionDoc);
  }

  async listDecisionsOfSubject(subjectId: string): Promise<DecisionRecord[]> {
    const docs = await this.decisions.find({ subjectId }).sort({ decidedAt: 1 }).lean<DecisionDoc[]>().exec();
    return docs.map(fromDecisionDoc);
  }
}

const scorecardKey = (roundId: string, subjectId: string, reviewerId: string) => `${roundId}:${subjectId}:${reviewerId}`;

function toRoundDoc(round: ReviewRoundRecord): RoundDoc {
  const { id, ...rest } = round;
  return { ...rest, criterionGuidance: { ...round.criterionGuidance }, _id: id };
}

function fromRoundDoc(doc: RoundDoc): ReviewRoundRecord {
  return {
    id: doc._id,
    scopeKind: doc.scopeKind,
    scopeId: doc.scopeId,
    name: doc.name,
    scaleMin: doc.scaleMin,
    scaleMax: doc.scaleMax,
    blind: doc.blind,
    reviewersPerSubmission: doc.reviewersPerSubmission,
    dueAt: doc.dueAt ? new Date(doc.dueAt) : null,
    guidance: doc.guidance,
    criterionGuidance: { ...doc.criterionGuidance },
    status: doc.status,
    reviewerIds: [...doc.reviewerIds],
    assignments: doc.assignments.map((a) => ({ subjectId: a.subjectId, reviewerId: a.reviewerId, assignedAt: new Date(a.assignedAt), by: a.by })),
    conflicts: doc.conflicts.map((c) => ({ subjectId: c.subjectId, reviewerId: c.reviewerId, declaredAt: new Date(c.declaredAt) })),
    shortlist: [...doc.shortlist],
    createdBy: doc.createdBy,
    createdAt: new Date(doc.createdAt),
    updatedAt: new Date(doc.updatedAt),
    revision: doc.revision,
  };
}

function fromScorecardDoc(doc: ScorecardDoc): ScorecardRecord {
  return {
    roundId: doc.roundId,
    subjectId: doc.subjectId,
    reviewerId: doc.reviewerId,
    scores: { ...doc.scores },
    comment: doc.comment,
    note: doc.note,
    status: doc.status,
    updatedAt: new Date(doc.updatedAt),
    submittedAt: doc.submittedAt ? new Date(doc.submittedAt) : null,
  };
}

function fromDecisionDoc(doc: DecisionDoc): DecisionRecord {
  return {
    roundId: doc.roundId,
    scopeKind: doc.scopeKind,
    scopeId: doc.scopeId,
    subjectId: doc.subjectId,
    decision: doc.decision,
    feedback: doc.feedback,
    decidedBy: doc.decidedBy,
    decidedAt: new Date(doc.decidedAt),
  };
}
