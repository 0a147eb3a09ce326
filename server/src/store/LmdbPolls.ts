import { answerRefusal } from '@ideasphere/shared';
import type { Database, RootDatabase } from 'lmdb';
import { prefixRange, writeDurably, type ScopedKey, type ScopedPairKey } from './lmdbRecords.js';
import type { AnswerOutcome, PollAnswerRecord, PollPatch, PollRecord, PollStore } from './PollStore.js';
import { StoreConflictError } from './Store.js';

/** Sub-databases of the polls, opened by {@link LmdbPolls}. */
export const LMDB_POLL_DATABASES = 3;

type StoredPoll = Omit<PollRecord, 'createdAt' | 'updatedAt' | 'openedAt' | 'closesAt'> & {
  createdAt: number;
  updatedAt: number;
  openedAt: number | null;
  closesAt: number | null;
};
type StoredAnswer = Omit<PollAnswerRecord, 'answeredAt'> & { answeredAt: number };

/**
 * The polls part of `LmdbStore`. An answer lives at [session, poll, participant] (and its
 * mirror [session, participant, poll]); it is checked against the poll and written in one
 * write transaction, so a late or closed answer is never stored and a participant has one.
 */
export class LmdbPolls implements PollStore {
  private readonly polls: Database<StoredPoll, ScopedKey>;
  private readonly answers: Database<StoredAnswer, ScopedPairKey>;
  /** [session, participant, poll] → true. */
  private readonly answeredBy: Database<true, ScopedPairKey>;

  constructor(private readonly env: RootDatabase) {
    this.polls = env.openDB({ name: 'polls' });
    this.answers = env.openDB({ name: 'pollAnswers' });
    this.answeredBy = env.openDB({ name: 'pollAnsweredBy' });
  }

  async insertPoll(poll: PollRecord): Promise<void> {
    const inserted = await writeDurably(this.env, () => {
      const key: ScopedKey = [poll.sessionId, poll.id];
      if (this.polls.doesExist(key)) return false;
      this.polls.putSync(key, toStoredPoll(poll));
      return true;
    });
    if (!inserted) throw new StoreConflictError(`poll id ${poll.id}`);
  }

  async getPoll(sessionId: string, pollId: string): Promise<PollRecord | null> {
    const stored = this.polls.get([sessionId, pollId]);
    return stored ? fromStoredPoll(stored) : null;
  }

  async listPolls(sessionId: string): Promise<PollRecord[]> {
    const polls = Array.from(this.polls.getRange(prefixRange(sessionId)), ({ value }) => fromStoredPoll(value));
    return polls.sort(byPosition);
  }

  async countPolls(sessionId: string): Promise<number> {
    return this.polls.getKeysCount(prefixRange(sessionId));
  }

  async updatePoll(sessionId: string, pollId: string, patch: PollPatch, expect?: (poll: PollRecord) => boolean): Promise<PollRecord | null> {
    const key: ScopedKey = [sessionId, pollId];
    const updated = await writeDurably(this.env, () => {
      const stored = this.polls.get(key);
      if (!stored || (expect && !expect(fromStoredPoll(stored)))) return null;
      const next = toStoredPoll({ ...fromStoredPoll(stored), ...definedOnly(patch), updatedAt: new Date() });
      this.polls.putSync(key, next);
      return next;
    });
    return updated ? fromStoredPoll(updated) : null;
  }

  async reorderPolls(sessionId: string, pollIds: readonly string[]): Promise<void> {
    await writeDurably(this.env, () => {
      pollIds.forEach((pollId, position) => {
        const stored = this.polls.get([sessionId, pollId]);
        if (stored) this.polls.putSync([sessionId, pollId], { ...stored, position, updatedAt: Date.now() });
      });
    });
  }

  async deletePoll(sessionId: string, pollId: string, expect: (poll: PollRecord) => boolean): Promise<boolean> {
    return writeDurably(this.env, () => {
      const stored = this.polls.get([sessionId, pollId]);
      if (!stored || !expect(fromStoredPoll(stored))) return false;
      for (const { key } of this.answers.getRange(prefixRange(sessionId, pollId))) {
        this.answers.removeSync(key);
        this.answeredBy.removeSync([sessionId, key[2], pollId]);
      }
      this.polls.removeSync([sessionId, pollId]);
      return true;
    });
  }

  async setAnswer(answer: PollAnswerRecord): Promise<AnswerOutcome> {
    const key: ScopedPairKey = [answer.sessionId, answer.pollId, answer.participantId];
    return writeDurably(this.env, (): AnswerOutcome => {
      const poll = this.polls.get([answer.sessionId, answer.pollId]);
      if (!poll) return { ok: false, reason: 'poll_not_found' };
      const refusal = answerRefusal({ status: poll.status, closesAtMs: poll.closesAt }, answer.answeredAt.getTime());
      if (refusal) return { ok: false, reason: refusal };
      const stored = this.answers.get(key);
      if (stored && stored.clientId === answer.clientId) return { ok: true, answer: fromStoredAnswer(stored), changed: false };
      this.answers.putSync(key, { ...answer, answeredAt: answer.answeredAt.getTime() });
      this.answeredBy.putSync([answer.sessionId, answer.participantId, answer.pollId], true);
      return { ok: true, answer: { ...answer }, changed: true };
    });
  }

  async listAnswers(sessionId: string, pollId: string): Promise<PollAnswerRecord[]> {
    return Array.from(this.answers.getRange(prefixRange(sessionId, pollId)), ({ value }) => fromStoredAnswer(value));
  }

  async countAnswers(sessionId: string, pollId: string): Promise<number> {
    return this.answers.getKeysCount(prefixRange(sessionId, pollId));
  }

  async answersOf(sessionId: string, participantId: string): Promise<PollAnswerRecord[]> {
    const found: PollAnswerRecord[] = [];
    for (const key of this.answeredBy.getKeys(prefixRange(sessionId, participantId))) {
      const stored = this.answers.get([sessionId, key[2], participantId]);
      if (stored) found.push(fromStoredAnswer(stored));
    }
    return found;
  }
}

/** The facilitator's order; polls never reordered keep their creation order. */
export function byPosition(a: PollRecord, b: PollRecord): number {
  return a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function toStoredPoll(poll: PollRecord): StoredPoll {
  return {
    ...poll,
    createdAt: poll.createdAt.getTime(),
    updatedAt: poll.updatedAt.getTime(),
    openedAt: poll.openedAt?.getTime() ?? null,
    closesAt: poll.closesAt?.getTime() ?? null,
  };
}

function fromStoredPoll(stored: StoredPoll): PollRecord {
  return {
    ...stored,
    options: stored.options.map((o) => ({ ...o })),
    createdAt: new Date(stored.createdAt),
    updatedAt: new Date(stored.updatedAt),
    openedAt: stored.openedAt === null ? null : new Date(stored.openedAt),
    closesAt: stored.closesAt === null ? null : new Date(stored.closesAt),
  };
}

function fromStoredAnswer(stored: StoredAnswer): PollAnswerRecord {
  return { ...stored, answeredAt: new Date(stored.answeredAt) };
}
