import type { Database, RootDatabase } from 'lmdb';
import type { AudienceVoteRecord, AwardCategoryRecord, AwardChange, AwardProgrammeRecord, AwardStore, NominationRecord, WinnersRecord } from './AwardStore.js';
import { prefixRange, writeDurably, type ScopedKey } from './lmdbRecords.js';
import { StoreConflictError } from './Store.js';

/** Sub-databases of this part, opened by {@link LmdbAwards}. */
export const LMDB_AWARD_DATABASES = 6;

type Ms<T, K extends keyof T> = Omit<T, K> & { [P in K]: null extends T[P] ? number | null : number };
type StoredVote = Ms<AudienceVoteRecord, 'startedAt' | 'closedAt'>;
type StoredWinners = Ms<WinnersRecord, 'confirmedAt' | 'revealedAt'>;
type StoredCategory = Omit<AwardCategoryRecord, 'audienceVote' | 'winners'> & { audienceVote: StoredVote | null; winners: StoredWinners | null };
type StoredProgramme = Omit<Ms<AwardProgrammeRecord, 'createdAt' | 'updatedAt'>, 'categories'> & { categories: StoredCategory[] };
type StoredNomination = Ms<NominationRecord, 'createdAt' | 'updatedAt' | 'decidedAt'>;

/** Award programmes and nominations of `LmdbStore`; a change is one write transaction with its index keys. */
export class LmdbAwards implements AwardStore {
  private readonly programmes: Database<StoredProgramme, string>;
  /** [organisationId, programmeId] → true */
  private readonly byOrganisation: Database<true, ScopedKey>;
  /** [sessionId, programmeId] → true, for every live session a category links to */
  private readonly bySession: Database<true, ScopedKey>;
  /** category id → programme id */
  private readonly byCategory: Database<string, string>;
  private readonly nominations: Database<StoredNomination, string>;
  /** [programmeId, nominationId] → true */
  private readonly byProgramme: Database<true, ScopedKey>;

  constructor(private readonly env: RootDatabase) {
    this.programmes = env.openDB({ name: 'awardProgrammes' });
    this.byOrganisation = env.openDB({ name: 'awardProgrammesByOrg' });
    this.bySession = env.openDB({ name: 'awardProgrammesBySession' });
    this.byCategory = env.openDB({ name: 'awardCategories' });
    this.nominations = env.openDB({ name: 'awardNominations' });
    this.byProgramme = env.openDB({ name: 'awardNominationsByProgramme' });
  }

  async createProgramme(programme: AwardProgrammeRecord, max: number): Promise<{ ok: true } | { ok: false; reason: 'full' }> {
    const outcome = await writeDurably(this.env, (): 'ok' | 'full' | 'taken' => {
      if (this.programmes.doesExist(programme.id)) return 'taken';
      if (this.byOrganisation.getKeysCount(prefixRange(programme.organisationId)) >= max) return 'full';
      this.programmes.putSync(programme.id, toStoredProgramme(programme));
      this.byOrganisation.putSync([programme.organisationId, programme.id], true);
      for (const sessionId of sessionsOf(programme)) this.bySession.putSync([sessionId, programme.id], true);
      for (const category of programme.categories) this.byCategory.putSync(category.id, programme.id);
      return 'ok';
    });
    if (outcome === 'taken') throw new StoreConflictError(`award programme id ${programme.id}`);
    return outcome === 'ok' ? { ok: true } : { ok: false, reason: 'full' };
  }

  async getProgramme(id: string): Promise<AwardProgrammeRecord | null> {
    const stored = this.programmes.get(id);
    return stored ? fromStoredProgramme(stored) : null;
  }

  async listProgrammesOfOrganisations(organisationIds: readonly string[]): Promise<AwardProgrammeRecord[]> {
    const result = organisationIds.flatMap((organisationId) => this.scan(this.byOrganisation, organisationId));
    return result.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  }

  async getProgrammeOfCategory(categoryId: string): Promise<AwardProgrammeRecord | null> {
    const programmeId = this.byCategory.get(categoryId);
    return programmeId === undefined ? null : this.getProgramme(programmeId);
  }

  async listProgrammesOfSession(sessionId: string): Promise<AwardProgrammeRecord[]> {
    return this.scan(this.bySession, sessionId);
  }

  async changeProgramme<R extends string>(
    id: string,
    decide: (current: AwardProgrammeRecord) => AwardChange<AwardProgrammeRecord, R>,
  ): Promise<AwardChange<AwardProgrammeRecord, R | 'award_programme_not_found'>> {
    return writeDurably(this.env, (): AwardChange<AwardProgrammeRecord, R | 'award_programme_not_found'> => {
      const stored = this.programmes.get(id);
      if (!stored) return { ok: false, reason: 'award_programme_not_found' };
      const current = fromStoredProgramme(stored);
      const outcome = decide(current);
      if (!outcome.ok) return outcome;
      const next: AwardProgrammeRecord = { ...outcome.record, id, organisationId: current.organisationId, revision: current.revision + 1 };
      const before = sessionsOf(current);
      const after = sessionsOf(next);
      for (const sessionId of before) if (!after.has(sessionId)) this.bySession.removeSync([sessionId, id]);
      for (const sessionId of after) if (!before.has(sessionId)) this.bySession.putSync([sessionId, id], true);
      const kept = new Set(next.categories.map((c) => c.id));
      for (const category of current.categories) if (!kept.has(category.id)) this.byCategory.removeSync(category.id);
      for (const category of next.categories) this.byCategory.putSync(category.id, id);
      this.programmes.putSync(id, toStoredProgramme(next));
      return { ok: true, record: next };
    });
  }

  async createNomination(nomination: NominationRecord, max: number): Promise<{ ok: true } | { ok: false; reason: 'full' }> {
    const outcome = await writeDurably(this.env, (): 'ok' | 'full' | 'taken' => {
      if (this.nominations.doesExist(nomination.id)) return 'taken';
      if (this.byProgramme.getKeysCount(prefixRange(nomination.programmeId)) >= max) return 'full';
      this.nominations.putSync(nomination.id, toStoredNomination(nomination));
      this.byProgramme.putSync([nomination.programmeId, nomination.id], true);
      return 'ok';
    });
    if (outcome === 'taken') throw new StoreConflictError(`nomination id ${nomination.id}`);
    return outcome === 'ok' ? { ok: true } : { ok: false, reason: 'full' };
  }

  async getNomination(id: string): Promise<NominationRecord | null> {
    const stored = this.nominations.get(id);
    return stored ? fromStoredNomination(stored) : null;
  }

  async listNominations(programmeId: string): Promise<NominationRecord[]> {
    const transaction = this.env.useReadTransaction();
    try {
      const result: NominationRecord[] = [];
      for (const key of this.byProgramme.getKeys({ ...prefixRange(programmeId), transaction })) {
        const stored = this.nominations.get(key[1], { transaction });
        if (stored) result.push(fromStoredNomination(stored));
      }
      return result;
    } finally {
      transaction.done();
    }
  }

  async changeNomination<R extends string>(
    id: string,
    decide: (current: NominationRecord) => AwardChange<NominationRecord, R>,
  ): Promise<AwardChange<NominationRecord, R | 'nomination_not_found'>> {
    return writeDurably(this.env, (): AwardChange<NominationRecord, R | 'nomination_not_found'> => {
      const stored = this.nominations.get(id);
      if (!stored) return { ok: false, reason: 'nomination_not_found' };
      const current = fromStoredNomination(stored);
      const outcome = decide(current);
      if (!outcome.ok) return outcome;
      const next: NominationRecord = { ...outcome.record, id, programmeId: current.programmeId, categoryId: current.categoryId, revision: current.revision + 1 };
      this.nominations.putSync(id, toStoredNomination(next));
      return { ok: true, record: next };
    });
  }

  private scan(index: Database<true, ScopedKey>, prefix: string): AwardProgrammeRecord[] {
    const transaction = this.env.useReadTransaction();
    try {
      const result: AwardProgrammeRecord[] = [];
      for (const key of index.getKeys({ ...prefixRange(prefix), transaction })) {
        const stored = this.programmes.get(key[1], { transaction });
        if (stored) result.push(fromStoredProgramme(stored));
      }
      return result;
    } finally {
      transaction.done();
    }
  }
}

/** The live sessions a programme's categories link to. */
function sessionsOf(programme: AwardProgrammeRecord): Set<string> {
  return new Set(programme.categories.flatMap((c) => (c.liveSessionId === null ? [] : [c.liveSessionId])));
}

const ms = (date: Date | null) => (date === null ? null : date.getTime());
const date = (value: number | null) => (value === null ? null : new Date(value));

function toStoredProgramme(programme: AwardProgrammeRecord): StoredProgramme {
  return {
    ...programme,
    createdAt: programme.createdAt.getTime(),
    updatedAt: programme.updatedAt.getTime(),
    categories: programme.categories.map((c) => ({
      ...c,
      criteria: c.criteria.map((k) => ({ ...k })),
      audienceVote: c.audienceVote && { ...c.audienceVote, startedAt: c.audienceVote.startedAt.getTime(), closedAt: ms(c.audienceVote.closedAt) },
      winners: c.winners && { ...c.winners, confirmedAt: c.winners.confirmedAt.getTime(), revealedAt: ms(c.winners.revealedAt) },
    })),
  };
}

function fromStoredProgramme(stored: StoredProgramme): AwardProgrammeRecord {
  return {
    ...stored,
    createdAt: new Date(stored.createdAt),
    updatedAt: new Date(stored.updatedAt),
    categories: stored.categories.map((c) => ({
      ...c,
      audienceVote: c.audienceVote && { ...c.audienceVote, startedAt: new Date(c.audienceVote.startedAt), closedAt: date(c.audienceVote.closedAt) },
      winners: c.winners && { ...c.winners, confirmedAt: new Date(c.winners.confirmedAt), revealedAt: date(c.winners.revealedAt) },
    })),
  };
}

function toStoredNomination(nomination: NominationRecord): StoredNomination {
  return { ...nomination, createdAt: nomination.createdAt.getTime(), updatedAt: nomination.updatedAt.getTime(), decidedAt: ms(nomination.decidedAt) };
}

function fromStoredNomination(stored: StoredNomination): NominationRecord {
  return { ...stored, createdAt: new Date(stored.createdAt), updatedAt: new Date(stored.updatedAt), decidedAt: date(stored.decidedAt) };
}
