import type { ResponseStatus } from '@ideasphere/shared';

/** One submission as stored: the frozen proposal version and the SHA-256 of its Markdown export. */
export interface SubmissionRecord {
  versionId: string;
  sha256: string;
  submittedAt: Date;
  submittedBy: string;
}

/**
 * A response to a challenge as stored: a team (accounts) and a proposal document (the
 * proposal domain's record, `sessionId` null). `editors` maps each team account that asked for
 * an editor link to its proposal member, whose token is rotated on every later ask.
 */
export interface ResponseRecord {
  id: string;
  challengeId: string;
  proposalId: string;
  teamName: string;
  ownerAccountId: string;
  /** The owner included, in the order they joined. */
  memberAccountIds: string[];
  editors: { accountId: string; memberId: string }[];
  status: ResponseStatus;
  /** Oldest first. */
  submissions: SubmissionRecord[];
  createdAt: Date;
  updatedAt: Date;
  /** Bumped by every change: MongoDB's compare-and-swap key. */
  revision: number;
}

/** What a change of a response decided: the record to store, or why nothing changes. */
export type ResponseChange<R extends string> = { ok: true; record: ResponseRecord } | { ok: false; reason: R };

/**
 * Responses to challenges: `store.responses`, in `LmdbResponses` and `MongoResponses`;
 * `responses.contract.ts` tests both alike.
 */
export interface ResponseStore {
  /** StoreConflictError if the id is taken. */
  createResponse(response: ResponseRecord): Promise<void>;
  getResponse(id: string): Promise<ResponseRecord | null>;
  /** A challenge's responses, oldest first. */
  listResponsesOfChallenge(challengeId: string): Promise<ResponseRecord[]>;
  /** The responses whose team the account is on (owner or member) now, newest first, at most `limit`. */
  listResponsesOfAccount(accountId: string, limit: number): Promise<ResponseRecord[]>;
  /**
   * Changes a response atomically: `decide` (pure, never throws) gets the current record and
   * returns the next one or a refusal; nobody else's change lands in between. The store bumps
   * `revision` and keeps `id`, `challengeId` and `proposalId`.
   */
  changeResponse<R extends string>(id: string, decide: (current: ResponseRecord) => ResponseChange<R>): Promise<ResponseChange<R | 'response_not_found'>>;
}
