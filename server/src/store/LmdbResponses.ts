import type { Database, RootDatabase } from 'lmdb';
import { prefixRange, writeDurably, type ScopedKey } from './lmdbRecords.js';
import type { ResponseChange, ResponseRecord, ResponseStore, SubmissionRecord } from './ResponseStore.js';
import { StoreConflictError } from './Store.js';

/** Sub-databases of this part, opened by {@link LmdbResponses}. */
export const LMDB_RESPONSE_DATABASES = 3;

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
  /** [accountId, responseId] → true, for every account on the team now */
  private readonly byAccount: Database<true, ScopedKey>;

  constructor(private readonly env: RootDatabase) {
    this.responses = env.openDB({ name: 'responses' });
    this.byChallenge = env.openDB({ name: 'responsesByChallenge' });
    this.byAccount = env.openDB({ name: 'responsesByAccount' });
    this.indexOlderResponses();
  }

  /** Responses stored before the account index existed get their keys once (the index is empty then). */
  private indexOlderResponses(): void {
    if (this.byAccount.getKeysCount({ limit: 1 }) > 0) return;
    this.env.transactionSync(() => {
      for (const { value } of this.responses.getRange()) {
        for (const accountId of value.memberAccountIds) this.byAccount.putSync([accountId, value.id], true);
      }
    });
  }

  async createResponse(response: ResponseRecord): Promise<void> {
    const created = await writeDurably(this.env, () => {
      if (this.responses.doesExist(response.id)) return false;
      this.responses.putSync(response.id, toStored(response));
      this.byChallenge.putSync([response.challengeId, response.id], true);
      for (const accountId of response.memberAccountIds) this.byAccount.putSync([accountId, response.id], true);
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

  async listResponsesOfAccount(accountId: string, limit: number): Promise<ResponseRecord[]> {
    const { start, end } = prefixRange(accountId);
    const result: ResponseRecord[] = [];
    for (const key of this.byAccount.getKeys({ start: end, end: start, reverse: true, limit })) {
      const stored = this.responses.get(key[1]);
      if (stored) result.push(fromStored(stored));
    }
    return result;
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
      for (const accountId of current.memberAccountIds) if (!next.memberAccountIds.includes(accountId)) this.byAccount.removeSync([accountId, id]);
      for (const accountId of next.memberAccountIds) this.byAccount.putSync([accountId, id], true);
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
