import { Schema, type Connection } from 'mongoose';
import type { AwardCategoryRecord, AwardChange, AwardProgrammeRecord, AwardStore, NominationRecord } from './AwardStore.js';
import { mapConflicts, type AsDoc } from './mongoModels.js';

type ProgrammeDoc = AsDoc<AwardProgrammeRecord>;
type NominationDoc = AsDoc<NominationRecord>;

const programmeSchema = new Schema<ProgrammeDoc>(
  {
    _id: { type: String, required: true },
    organisationId: { type: String, required: true },
    name: { type: String, required: true },
    year: { type: Number, required: true },
    juryWeight: { type: Number, required: true },
    // Categories are replaced whole by every change (compare-and-swap on `revision`); their
    // nested dates are stored as BSON dates by the driver.
    categories: { type: Schema.Types.Mixed, default: [] },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    revision: { type: Number, required: true },
  },
  { collection: 'awardProgrammes', versionKey: false, minimize: false },
);
programmeSchema.index({ organisationId: 1, _id: -1 });
programmeSchema.index({ 'categories.liveSessionId': 1, _id: 1 });
programmeSchema.index({ 'categories.id': 1 });

const nominationSchema = new Schema<NominationDoc>(
  {
    _id: { type: String, required: true },
    programmeId: { type: String, required: true },
    categoryId: { type: String, required: true },
    nomineeKind: { type: String, required: true },
    nomineeRefId: { type: String, required: true },
    nomineeName: { type: String, required: true },
    citation: { type: String, default: '' },
    status: { type: String, required: true },
    nominatedBy: { type: String, required: true },
    decidedBy: { type: String, default: null },
    decidedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    revision: { type: Number, required: true },
  },
  { collection: 'awardNominations', versionKey: false },
);
nominationSchema.index({ programmeId: 1, _id: 1 });

/** Compare-and-swap rounds of a change before giving up (one programme's owners race here, rarely). */
const CHANGE_ATTEMPTS = 20;

/**
 * Award programmes and nominations of `MongoStore`; a change is a compare-and-swap on
 * `revision`. The caps are counted before the insert, so two racing inserts may pass one over
 * the cap (the caps bound storage, not a rule anyone relies on).
 */
export class MongoAwards implements AwardStore {
  private readonly programmes;
  private readonly nominations;

  constructor(connection: Connection) {
    this.programmes = connection.model('AwardProgramme', programmeSchema);
    this.nominations = connection.model('AwardNomination', nominationSchema);
  }

  async buildIndexes(): Promise<void> {
    for (const model of [this.programmes, this.nominations] as const) {
      await model.createCollection();
      await model.syncIndexes();
    }
  }

  async createProgramme(programme: AwardProgrammeRecord, max: number): Promise<{ ok: true } | { ok: false; reason: 'full' }> {
    if ((await this.programmes.countDocuments({ organisationId: programme.organisationId }).exec()) >= max) return { ok: false, reason: 'full' };
    const { id, ...rest } = programme;
    await mapConflicts(() => this.programmes.create({ ...rest, _id: id }));
    return { ok: true };
  }

  async getProgramme(id: string): Promise<AwardProgrammeRecord | null> {
    const doc = await this.programmes.findById(id).lean<ProgrammeDoc>().exec();
    return doc ? programmeOf(doc) : null;
  }

  async listProgrammesOfOrganisations(organisationIds: readonly string[]): Promise<AwardProgrammeRecord[]> {
    const docs = await this.programmes.find({ organisationId: { $in: [...organisationIds] } }).sort({ _id: -1 }).lean<ProgrammeDoc[]>().exec();
    return docs.map(programmeOf);
  }

  async getProgrammeOfCategory(categoryId: string): Promise<AwardProgrammeRecord | null> {
    const doc = await this.programmes.findOne({ 'categories.id': categoryId }).lean<ProgrammeDoc>().exec();
    return doc ? programmeOf(doc) : null;
  }

  async listProgrammesOfSession(sessionId: string): Promise<AwardProgrammeRecord[]> {
    const docs = await this.programmes.find({ 'categories.liveSessionId': sessionId }).sort({ _id: 1 }).lean<ProgrammeDoc[]>().exec();
    return docs.map(programmeOf);
  }

  async changeProgramme<R extends string>(
    id: string,
    decide: (current: AwardProgrammeRecord) => AwardChange<AwardProgrammeRecord, R>,
  ): Promise<AwardChange<AwardProgrammeRecord, R | 'award_programme_not_found'>> {
    for (let attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
      const doc = await this.programmes.findById(id).lean<ProgrammeDoc>().exec();
      if (!doc) return { ok: false, reason: 'award_programme_not_found' };
      const current = programmeOf(doc);
      const outcome = decide(current);
      if (!outcome.ok) return outcome;
      const next: AwardProgrammeRecord = { ...outcome.record, id, organisationId: current.organisationId, revision: current.revision + 1 };
      const { id: _id, ...rest } = next;
      const result = await this.programmes.replaceOne({ _id: id, revision: current.revision }, { ...rest, _id }).exec();
      if (result.modifiedCount === 1) return { ok: true, record: next };
    }
    throw new Error(`changeProgramme: programme ${id} kept changing under ${CHANGE_ATTEMPTS} attempts`);
  }

  async createNomination(nomination: NominationRecord, max: number): Promise<{ ok: true } | { ok: false; reason: 'full' }> {
    if ((await this.nominations.countDocuments({ programmeId: nomination.programmeId }).exec()) >= max) return { ok: false, reason: 'full' };
    const { id, ...rest } = nomination;
    await mapConflicts(() => this.nominations.create({ ...rest, _id: id }));
    return { ok: true };
  }

  async getNomination(id: string): Promise<NominationRecord | null> {
    const doc = await this.nominations.findById(id).lean<NominationDoc>().exec();
    return doc ? nominationOf(doc) : null;
  }

  async listNominations(programmeId: string): Promise<NominationRecord[]> {
    const docs = await this.nominations.find({ programmeId }).sort({ _id: 1 }).lean<NominationDoc[]>().exec();
    return docs.map(nominationOf);
  }

  async changeNomination<R extends string>(
    id: string,
    decide: (current: NominationRecord) => AwardChange<NominationRecord, R>,
  ): Promise<AwardChange<NominationRecord, R | 'nomination_not_found'>> {
    for (let attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
      const doc = await this.nominations.findById(id).lean<NominationDoc>().exec();
      if (!doc) return { ok: false, reason: 'nomination_not_found' };
      const current = nominationOf(doc);
      const outcome = decide(current);
      if (!outcome.ok) return outcome;
      const next: NominationRecord = { ...outcome.record, id, programmeId: current.programmeId, categoryId: current.categoryId, revision: current.revision + 1 };
      const { id: _id, ...rest } = next;
      const result = await this.nominations.replaceOne({ _id: id, revision: current.revision }, { ...rest, _id }).exec();
      if (result.modifiedCount === 1) return { ok: true, record: next };
    }
    throw new Error(`changeNomination: nomination ${id} kept changing under ${CHANGE_ATTEMPTS} attempts`);
  }
}

const dateOrNull = (value: Date | null | undefined) => (value === null || value === undefined ? null : new Date(value));

function categoryOf(c: AwardCategoryRecord): AwardCategoryRecord {
  return {
    id: c.id,
    nameZh: c.nameZh,
    nameEn: c.nameEn,
    description: c.description,
    winnersCount: c.winnersCount,
    criteria: c.criteria.map((k) => ({ id: k.id, name: k.name, weight: k.weight, guidance: k.guidance })),
    liveSessionId: c.liveSessionId ?? null,
    audienceVote: c.audienceVote
      ? { ...c.audienceVote, ideaIds: { ...c.audienceVote.ideaIds }, finalVotes: { ...c.audienceVote.finalVotes }, startedAt: new Date(c.audienceVote.startedAt), closedAt: dateOrNull(c.audienceVote.closedAt) }
      : null,
    winners: c.winners
      ? { ...c.winners, nominationIds: [...c.winners.nominationIds], confirmedAt: new Date(c.winners.confirmedAt), revealedAt: dateOrNull(c.winners.revealedAt) }
      : null,
  };
}

function programmeOf(doc: ProgrammeDoc): AwardProgrammeRecord {
  return {
    id: doc._id,
    organisationId: doc.organisationId,
    name: doc.name,
    year: doc.year,
    juryWeight: doc.juryWeight,
    categories: doc.categories.map(categoryOf),
    createdBy: doc.createdBy,
    createdAt: new Date(doc.createdAt),
    updatedAt: new Date(doc.updatedAt),
    revision: doc.revision,
  };
}

function nominationOf(doc: NominationDoc): NominationRecord {
  return {
    id: doc._id,
    programmeId: doc.programmeId,
    categoryId: doc.categoryId,
    nomineeKind: doc.nomineeKind,
    nomineeRefId: doc.nomineeRefId,
    nomineeName: doc.nomineeName,
    citation: doc.citation,
    status: doc.status,
    nominatedBy: doc.nominatedBy,
    decidedBy: doc.decidedBy ?? null,
    decidedAt: dateOrNull(doc.decidedAt),
    createdAt: new Date(doc.createdAt),
    updatedAt: new Date(doc.updatedAt),
    revision: doc.revision,
  };
}
