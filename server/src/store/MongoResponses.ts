import { Schema, type Connection } from 'mongoose';
import { mapConflicts, type AsDoc } from './mongoModels.js';
import type { ResponseChange, ResponseRecord, ResponseStore } from './ResponseStore.js';

type ResponseDoc = AsDoc<ResponseRecord>;

const responseSchema = new Schema<ResponseDoc>(
  {
    _id: { type: String, required: true },
    challengeId: { type: String, required: true },
    proposalId: { type: String, required: true },
    teamName: { type: String, required: true },
    ownerAccountId: { type: String, required: true },
    memberAccountIds: { type: [String], default: [] },
    editors: { type: [{ _id: false, accountId: String, memberId: String }], default: [] },
    status: { type: String, required: true },
    submissions: {
      type: [{ _id: false, versionId: String, sha256: String, submittedAt: Date, submittedBy: String }],
      default: [],
    },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    revision: { type: Number, required: true },
  },
  { collection: 'responses', versionKey: false },
);
// A challenge's responses, oldest first (ids sort by creation time).
responseSchema.index({ challengeId: 1, _id: 1 });
// An account's teams, newest first (multikey over the members).
responseSchema.index({ memberAccountIds: 1, _id: -1 });

/** Compare-and-swap rounds of `changeResponse` before giving up (only one team and one organisation race here). */
const CHANGE_ATTEMPTS = 20;

/** Responses of `MongoStore`; a change is a compare-and-swap on `revision`. */
export class MongoResponses implements ResponseStore {
  private readonly model;

  constructor(connection: Connection) {
    this.model = connection.model('Response', responseSchema);
  }

  async buildIndexes(): Promise<void> {
    await this.model.createCollection();
    await this.model.syncIndexes();
  }

  async createResponse(response: ResponseRecord): Promise<void> {
    await mapConflicts(() => this.model.create(toDoc(response)));
  }

  async getResponse(id: string): Promise<ResponseRecord | null> {
    const doc = await this.model.findById(id).lean<ResponseDoc>().exec();
    return doc ? fromDoc(doc) : null;
  }

  async listResponsesOfChallenge(challengeId: string): Promise<ResponseRecord[]> {
    const docs = await this.model.find({ challengeId }).sort({ _id: 1 }).lean<ResponseDoc[]>().exec();
    return docs.map(fromDoc);
  }

  async listResponsesOfAccount(accountId: string, limit: number): Promise<ResponseRecord[]> {
    if (limit <= 0) return [];
    const docs = await this.model.find({ memberAccountIds: accountId }).sort({ _id: -1 }).limit(limit).lean<ResponseDoc[]>().exec();
    return docs.map(fromDoc);
  }

  async changeResponse<R extends string>(
    id: string,
    decide: (current: ResponseRecord) => ResponseChange<R>,
  ): Promise<ResponseChange<R | 'response_not_found'>> {
    for (let attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
      const doc = await this.model.findById(id).lean<ResponseDoc>().exec();
      if (!doc) return { ok: false, reason: 'response_not_found' };
      const current = fromDoc(doc);
      const outcome = decide(current);
      if (!outcome.ok) return outcome;
      const next: ResponseRecord = { ...outcome.record, id, challengeId: current.challengeId, proposalId: current.proposalId, revision: current.revision + 1 };
      const result = await this.model.replaceOne({ _id: id, revision: current.revision }, toDoc(next)).exec();
      if (result.modifiedCount === 1) return { ok: true, record: next };
    }
    throw new Error(`changeResponse: response ${id} kept changing under ${CHANGE_ATTEMPTS} attempts`);
  }
}

function toDoc(response: ResponseRecord): ResponseDoc {
  const { id, ...rest } = response;
  return { ...rest, _id: id };
}

function fromDoc(doc: ResponseDoc): ResponseRecord {
  return {
    id: doc._id,
    challengeId: doc.challengeId,
    proposalId: doc.proposalId,
    teamName: doc.teamName,
    ownerAccountId: doc.ownerAccountId,
    memberAccountIds: [...doc.memberAccountIds],
    editors: doc.editors.map((e) => ({ accountId: e.accountId, memberId: e.memberId })),
    status: doc.status,
    submissions: doc.submissions.map((s) => ({ versionId: s.versionId, sha256: s.sha256, submittedAt: new Date(s.submittedAt), submittedBy: s.submittedBy })),
    createdAt: new Date(doc.createdAt),
    updatedAt: new Date(doc.updatedAt),
    revision: doc.revision,
  };
}
