import type { Database, RootDatabase } from 'lmdb';
import { prefixRange, writeDurably, type ScopedKey } from './lmdbRecords.js';
import type { ResponseChange, ResponseRecord, ResponseStore, SubmissionRecord } from './ResponseStore.js';
import { StoreConflictError } from './Store.js';

/** Sub-databases of this part, opened by {@link LmdbResponses}. */
export const LMDB_RESPONSE_DATABASES = 2;

type StoredSubmission = Omit<SubmissionRecord, 'submittedAt'> & { submittedAt: number };
type StoredResponse = Omit<ResponseRecord, 'createdAt' | 'updatedAt' | 'submissions'> & {
  createdAt: number;
  updatedAt: number;
  submissions: StoredSubmission[];
};

/** Responses of `LmdbStore`; a change is one write transaction. */
export class LmdbResponses implements ResponseStore {
  private readonly responses: Database<StoredResponse, string>;
  /** [challengeId, responseId] → true */
  private readonly byChallenge: Database<true, ScopedKey>;

  constructor(private readonly env: RootDatabase) {
    this.responses = env.openDB({ name: 'responses' });
    this.byChallenge = env.openDB({ name: 'responsesByChallenge' });
  }

  async createResponse(response: ResponseRecord): Promise<void> {
    const created = await writeDurably(this.env, () => {
      if (this.responses.doesExist(response.id)) return false;
      this.responses.putSync(response.id, toStored(response));
      this.byChallenge.putSync([response.challengeId, response.id], true);
      return true;
    });
    if (!created) throw new StoreConflictError(`response id ${response.id}`);
  }

  async getResponse(id: string): Promise<ResponseRecord | null> {
    const stored = this.responses.get(id);
    return stored ? fromStored(stored) : null;
  }

  async listResponsesOfChallenge(challengeId: string): Promise<ResponseRecord[]> {
    const transaction = this.env.useReadTransaction();
    try {
      const result: ResponseRecord[] = [];
      for (const key of this.byChallenge.getKeys({ ...prefixRange(challengeId), transaction })) {
        const stored = this.responses.get(key[1], { transaction });
        if (stored) result.push(fromStored(stored));
      }
      return result;
    } finally {
      transaction.done();
    }
  }

  async changeResponse<R extends string>(
    id: string,
    decide: (current: ResponseRecord) => ResponseChange<R>,
  ): Promise<ResponseChange<R | 'response_not_found'>> {
    return writeDurably(this.env, (): ResponseChange<R | 'response_not_found'> => {
      const stored = this.responses.get(id);
      if (!stored) return { ok: false, reason: 'response_not_found' };
      const current = fromStored(stored);
      const outcome = decide(current);
      if (!outcome.ok) return outcome;
      const next: ResponseRecord = { ...outcome.record, id, challengeId: current.challengeId, proposalId: current.proposalId, revision: current.revision + 1 };
      this.responses.putSync(id, toStored(next));
      return { ok: true, record: next };
    });
  }
}

function toStored(response: ResponseRecord): StoredResponse {
  return {
    ...response,
    memberAccountIds: [...response.memberAccountIds],
    editors: response.editors.map((e) => ({ ...e })),
    submissions: response.submissions.map((s) => ({ ...s, submittedAt: s.submittedAt.getTime() })),
    createdAt: response.createdAt.getTime(),
    updatedAt: response.updatedAt.getTime(),
  };
}

function fromStored(stored: StoredResponse): ResponseRecord {
  return {
    ...stored,
    submissions: stored.submissions.map((s) => ({ ...s, submittedAt: new Date(s.submittedAt) })),
    createdAt: new Date(stored.createdAt),
    updatedAt: new Date(stored.updatedAt),
  };
}
