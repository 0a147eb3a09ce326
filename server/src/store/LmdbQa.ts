import type { QaSettings } from '@ideasphere/shared';
import type { Database, RootDatabase } from 'lmdb';
import type { LmdbChangeLog } from './LmdbChangeLog.js';
import { prefixRange, writeDurably, type ScopedKey, type ScopedPairKey } from './lmdbRecords.js';
import { isMergeableQuestion, isUpvotable } from './qaRules.js';
import type { QaStore, QuestionPatch, QuestionRecord, TrackPatch, TrackRecord, UpvoteOutcome } from './QaStore.js';
import { StoreConflictError } from './Store.js';

/** Sub-databases of the Q&A, opened by {@link LmdbQa}. */
export const LMDB_QA_DATABASES = 8;

type StoredQuestion = Omit<QuestionRecord, 'createdAt' | 'updatedAt'> & { createdAt: number; updatedAt: number };
type StoredTrack = Omit<TrackRecord, 'createdAt'> & { createdAt: number };

/**
 * The Q&A part of `LmdbStore`. An upvote is a key in a set ([session, question, participant]),
 * written with its mirror ([session, participant, question]) and the question's count in one
 * write transaction: the count is always the size of the set, so a resent upvote counts once.
 */
export class LmdbQa implements QaStore {
  private readonly questions: Database<StoredQuestion, ScopedKey>;
  /** [sessionId, authorId, clientId] → question id: finds the question a resend made. */
  private readonly clientIds: Database<string, ScopedPairKey>;
  /** [sessionId, questionId, participantId] → true: a question's upvoters. */
  private readonly upvoters: Database<true, ScopedPairKey>;
  /** [sessionId, participantId, questionId] → true: what one participant upvoted. */
  private readonly votedBy: Database<true, ScopedPairKey>;
  /** [sessionId, questionId] → upvoters (> 0), changed in the same transaction as the sets. */
  private readonly counts: Database<number, ScopedKey>;
  private readonly tracks: Database<StoredTrack, ScopedKey>;
  private readonly settings: Database<QaSettings, string>;
  /** session id → SHA-256 of its moderator link. */
  private readonly moderators: Database<string, string>;

  constructor(
    private readonly env: RootDatabase,
    private readonly log: LmdbChangeLog,
  ) {
    this.questions = env.openDB({ name: 'qaQuestions' });
    this.clientIds = env.openDB({ name: 'qaClientIds' });
    this.upvoters = env.openDB({ name: 'qaUpvoters' });
    this.votedBy = env.openDB({ name: 'qaUpvotedBy' });
    this.counts = env.openDB({ name: 'qaUpvoteCounts' });
    this.tracks = env.openDB({ name: 'qaTracks' });
    this.settings = env.openDB({ name: 'qaSettings' });
    this.moderators = env.openDB({ name: 'qaModerators' });
  }

  async addQuestion(question: QuestionRecord): Promise<{ question: QuestionRecord; created: boolean }> {
    const key: ScopedKey = [question.sessionId, question.id];
    const clientKey: ScopedPairKey = [question.sessionId, question.authorId, question.clientId];
    const outcome = await writeDurably(this.env, () => {
      const existingId = this.clientIds.get(clientKey);
      const existing = existingId === undefined ? undefined : this.questions.get([question.sessionId, existingId]);
      if (existing) return { stored: existing, created: false };
      if (this.questions.doesExist(key)) return null;
      const stored = toStored(question);
      this.questions.putSync(key, stored);
      this.clientIds.putSync(clientKey, question.id);
      this.log.appendSync(question.sessionId, [{ kind: 'question', id: question.id }]);
      return { stored, created: true };
    });
    if (!outcome) throw new StoreConflictError(`question id ${question.id}`);
    return { question: fromStored(outcome.stored), created: outcome.created };
  }

  async getQuestion(sessionId: string, questionId: string): Promise<QuestionRecord | null> {
    const stored = this.questions.get([sessionId, questionId]);
    return stored ? fromStored(stored) : null;
  }

  async getQuestions(sessionId: string, questionIds: readonly string[]): Promise<QuestionRecord[]> {
    const transaction = this.env.useReadTransaction();
    try {
      const found: QuestionRecord[] = [];
      for (const id of new Set(questionIds)) {
        const stored = this.questions.get([sessionId, id], { transaction });
        if (stored) found.push(fromStored(stored));
      }
      return found;
    } finally {
      transaction.done();
    }
  }

  async listQuestions(sessionId: string): Promise<QuestionRecord[]> {
    return Array.from(this.questions.getRange(prefixRange(sessionId)), ({ value }) => fromStored(value));
  }

  async countQuestions(sessionId: string): Promise<number> {
    return this.questions.getKeysCount(prefixRange(sessionId));
  }

  async questionIdsByAuthor(sessionId: string, authorId: string): Promise<string[]> {
    return Array.from(this.clientIds.getRange(prefixRange(sessionId, authorId)), ({ value }) => value).sort();
  }

  async updateQuestion(sessionId: string, questionId: string, patch: QuestionPatch): Promise<QuestionRecord | null> {
    const key: ScopedKey = [sessionId, questionId];
    const updated = await writeDurably(this.env, () => {
      const stored = this.questions.get(key);
      if (!stored) return null;
      const next: StoredQuestion = { ...stored, ...definedOnly(patch), updatedAt: Date.now() };
      this.questions.putSync(key, next);
      this.log.appendSync(sessionId, [{ kind: 'question', id: questionId }]);
      return next;
    });
    return updated ? fromStored(updated) : null;
  }

  async setUpvote(sessionId: string, questionId: string, participantId: string, up: boolean): Promise<UpvoteOutcome> {
    return writeDurably(this.env, (): UpvoteOutcome => {
      if (!isUpvotable(this.questions.get([sessionId, questionId]))) return { ok: false, reason: 'question_unavailable' };
      const voterKey: ScopedPairKey = [sessionId, questionId, participantId];
      const countKey: ScopedKey = [sessionId, questionId];
      const count = this.counts.get(countKey) ?? 0;
      if (this.upvoters.doesExist(voterKey) === up) return { ok: true, upvoted: up, upvotes: count };
      const next = count + (up ? 1 : -1);
      if (up) {
        this.upvoters.putSync(voterKey, true);
        this.votedBy.putSync([sessionId, participantId, questionId], true);
      } else {
        this.upvoters.removeSync(voterKey);
        this.votedBy.removeSync([sessionId, participantId, questionId]);
      }
      this.putCount(countKey, next);
      this.log.appendSync(sessionId, [{ kind: 'upvote', id: questionId }]);
      return { ok: true, upvoted: up, upvotes: next };
    });
  }

  async upvotesOf(sessionId: string, questionIds: readonly string[]): Promise<Record<string, number>> {
    const transaction = this.env.useReadTransaction();
    try {
      const counts: Record<string, number> = {};
      for (const id of questionIds) counts[id] = this.counts.get([sessionId, id], { transaction }) ?? 0;
      return counts;
    } finally {
      transaction.done();
    }
  }

  async upvotedBy(sessionId: string, participantId: string): Promise<string[]> {
    return Array.from(this.votedBy.getKeys(prefixRange(sessionId, participantId)), (key) => key[2]);
  }

  async mergeQuestions(sessionId: string, sourceId: string, targetId: string): Promise<QuestionRecord | null> {
    if (sourceId === targetId) return null;
    const merged = await writeDurably(this.env, () => {
      const source = this.questions.get([sessionId, sourceId]);
      const target = this.questions.get([sessionId, targetId]);
      if (!isMergeableQuestion(source) || !isUpvotable(target) || !target) return null;
      const now = Date.now();
      this.questions.putSync([sessionId, sourceId], { ...source, mergedInto: targetId, updatedAt: now });
      const nextTarget: StoredQuestion = { ...target, updatedAt: now };
      this.questions.putSync([sessionId, targetId], nextTarget);
      // The source's set moves into the target's; someone in both stays one key there.
      const movers = Array.from(this.upvoters.getKeys(prefixRange(sessionId, sourceId)), (key) => key[2]);
      let count = this.counts.get([sessionId, targetId]) ?? 0;
      for (const participantId of movers) {
        this.upvoters.removeSync([sessionId, sourceId, participantId]);
        this.votedBy.removeSync([sessionId, participantId, sourceId]);
        if (this.upvoters.doesExist([sessionId, targetId, participantId])) continue;
        this.upvoters.putSync([sessionId, targetId, participantId], true);
        this.votedBy.putSync([sessionId, participantId, targetId], true);
        count++;
      }
      this.putCount([sessionId, sourceId], 0);
      this.putCount([sessionId, targetId], count);
      this.log.appendSync(sessionId, [
        { kind: 'question', id: sourceId },
        { kind: 'question', id: targetId },
        { kind: 'upvote', id: targetId },
      ]);
      return nextTarget;
    });
    return merged ? fromStored(merged) : null;
  }

  async putTrack(sessionId: string, trackId: string, patch: TrackPatch, defaults: Omit<TrackRecord, 'sessionId' | 'id'>): Promise<TrackRecord> {
    const key: ScopedKey = [sessionId, trackId];
    const stored = await writeDurably(this.env, () => {
      const before = this.tracks.get(key) ?? { ...defaults, id: trackId, sessionId, createdAt: defaults.createdAt.getTime() };
      const next: StoredTrack = { ...before, ...definedOnly(patch) };
      this.tracks.putSync(key, next);
      this.log.appendSync(sessionId, [{ kind: 'track', id: trackId }]);
      return next;
    });
    return { ...stored, createdAt: new Date(stored.createdAt) };
  }

  async listTracks(sessionId: string): Promise<TrackRecord[]> {
    const tracks = Array.from(this.tracks.getRange(prefixRange(sessionId)), ({ value }) => value);
    tracks.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return tracks.map((track) => ({ ...track, createdAt: new Date(track.createdAt) }));
  }

  async getModeratorTokenHash(sessionId: string): Promise<string | null> {
    return this.moderators.get(sessionId) ?? null;
  }

  async putModeratorTokenHash(sessionId: string, tokenHash: string): Promise<void> {
    await writeDurably(this.env, () => this.moderators.putSync(sessionId, tokenHash));
  }

  async getSettings(sessionId: string): Promise<QaSettings | null> {
    const stored = this.settings.get(sessionId);
    return stored ? { ...stored } : null;
  }

  async putSettings(sessionId: string, settings: QaSettings): Promise<void> {
    await writeDurably(this.env, () => {
      this.settings.putSync(sessionId, { ...settings });
      this.log.appendSync(sessionId, [{ kind: 'qaSettings' }]);
    });
  }

  /** Stores a positive count, or removes the entry: zeros are never stored. */
  private putCount(key: ScopedKey, count: number): void {
    if (count > 0) this.counts.putSync(key, count);
    else this.counts.removeSync(key);
  }
}

/** The patch's fields that are set (an explicit `undefined` must not erase a stored field). */
function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function toStored(question: QuestionRecord): StoredQuestion {
  return { ...question, createdAt: question.createdAt.getTime(), updatedAt: question.updatedAt.getTime() };
}

function fromStored(stored: StoredQuestion): QuestionRecord {
  return { ...stored, createdAt: new Date(stored.createdAt), updatedAt: new Date(stored.updatedAt) };
}
