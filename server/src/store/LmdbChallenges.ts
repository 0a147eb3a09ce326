import type { Database, RootDatabase } from 'lmdb';
import type {
  ChallengeChange,
  ChallengeQuery,
  ChallengeQueryResult,
  ChallengeRecord,
  ChallengeStore,
  FieldPatch,
  FieldRecord,
} from './ChallengeStore.js';
import { audienceKeys, compareChallenges, matchesChallengeQuery } from './challengeRules.js';
import { prefixRange, writeDurably, type ScopedKey } from './lmdbRecords.js';
import { LMDB_QUESTION_DATABASES, LmdbQuestions } from './LmdbQuestions.js';
import type { AddQuestionOutcome, AnswerRecord, QuestionCaps, QuestionRecord } from './QuestionStore.js';
import { StoreConflictError } from './Store.js';

/** Sub-databases of the challenges part, opened by {@link LmdbChallenges}. */
export const LMDB_CHALLENGE_DATABASES = 6 + LMDB_QUESTION_DATABASES;

type StoredField = Omit<FieldRecord, 'createdAt' | 'updatedAt'> & { createdAt: number; updatedAt: number };
type StoredChallenge = Omit<ChallengeRecord, 'deadline' | 'createdAt' | 'updatedAt' | 'publishedAt'> & {
  deadline: { at: number; timeZone: string };
  createdAt: number;
  updatedAt: number;
  publishedAt: number | null;
};

/** The key in `meta` that says the taxonomy was seeded once. */
const FIELDS_SEEDED = 'fieldsSeeded';

/**
 * The challenges half of `LmdbStore`. Check-then-write changes run in one write transaction,
 * which LMDB serialises across threads and processes.
 */
export class LmdbChallenges implements ChallengeStore {
  /** field id (= creation order) → field */
  private readonly fields: Database<StoredField, string>;
  /** flags of this part (the taxonomy was seeded) */
  private readonly meta: Database<true, string>;
  private readonly challenges: Database<StoredChallenge, string>;
  /** [audience key, challengeId] → true (see `audienceKeys`), kept in the same writes as the challenge. */
  private readonly byAudience: Database<true, ScopedKey>;
  /** [organisationId, challengeId] → true: an organisation's own challenges, drafts too. */
  private readonly byOrganisation: Database<true, ScopedKey>;
  /** [fieldId, challengeId] → true */
  private readonly byField: Database<true, ScopedKey>;
  /** Questions on challenges and their answers. */
  private readonly questions: LmdbQuestions;

  constructor(private readonly env: RootDatabase) {
    this.fields = env.openDB({ name: 'challengeFields' });
    this.meta = env.openDB({ name: 'challengeMeta' });
    this.challenges = env.openDB({ name: 'challenges' });
    this.byAudience = env.openDB({ name: 'challengesByAudience' });
    this.byOrganisation = env.openDB({ name: 'challengesByOrganisation' });
    this.byField = env.openDB({ name: 'challengesByField' });
    this.questions = new LmdbQuestions(env);
  }

  async seedFields(fields: readonly FieldRecord[]): Promise<number> {
    return writeDurably(this.env, () => {
      if (this.meta.get(FIELDS_SEEDED) || this.fields.getKeysCount() > 0) return 0;
      for (const field of fields) this.fields.putSync(field.id, toStoredField(field));
      this.meta.putSync(FIELDS_SEEDED, true);
      return fields.length;
    });
  }

  async createField(field: FieldRecord, max: number): Promise<boolean> {
    return writeDurably(this.env, () => {
      if (this.fields.getKeysCount() >= max) return false;
      this.fields.putSync(field.id, toStoredField(field));
      // A platform whose admins made fields by hand is never seeded over.
      this.meta.putSync(FIELDS_SEEDED, true);
      return true;
    });
  }

  async getField(id: string): Promise<FieldRecord | null> {
    const stored = this.fields.get(id);
    return stored ? fromStoredField(stored) : null;
  }

  async listFields(): Promise<FieldRecord[]> {
    return [...this.fields.getRange()].map(({ value }) => fromStoredField(value));
  }

  async updateField(id: string, patch: FieldPatch, now: Date): Promise<FieldRecord | null> {
    return writeDurably(this.env, () => {
      const stored = this.fields.get(id);
      if (!stored) return null;
      const next: StoredField = { ...stored, ...definedFieldPatch(patch), updatedAt: now.getTime() };
      this.fields.putSync(id, next);
      return fromStoredField(next);
    });
  }

  async createChallenge(challenge: ChallengeRecord): Promise<void> {
    const created = await writeDurably(this.env, () => {
      if (this.challenges.doesExist(challenge.id)) return false;
      this.putChallengeSync(challenge, null);
      return true;
    });
    if (!created) throw new StoreConflictError(`challenge id ${challenge.id}`);
  }

  async getChallenge(id: string): Promise<ChallengeRecord | null> {
    const stored = this.challenges.get(id);
    return stored ? fromStoredChallenge(stored) : null;
  }

  async changeChallenge<R extends string>(
    id: string,
    decide: (current: ChallengeRecord) => ChallengeChange<R>,
  ): Promise<ChallengeChange<R | 'challenge_not_found'>> {
    return writeDurably(this.env, (): ChallengeChange<R | 'challenge_not_found'> => {
      const stored = this.challenges.get(id);
      if (!stored) return { ok: false, reason: 'challenge_not_found' };
      const current = fromStoredChallenge(stored);
      const outcome = decide(current);
      if (!outcome.ok) return outcome;
      const next = { ...outcome.record, id, revision: current.revision + 1 };
      this.putChallengeSync(next, current);
      return { ok: true, record: next };
    });
  }

  async queryChallenges(query: ChallengeQuery): Promise<ChallengeQueryResult> {
    const transaction = this.env.useReadTransaction();
    try {
      const ids = new Set<string>();
      const collect = (index: Database<true, ScopedKey>, prefix: string) => {
        for (const key of index.getKeys({ ...prefixRange(prefix), transaction })) ids.add(key[1]);
      };
      // The narrowest index the query allows: one field's challenges, else the viewer's audiences.
      if (query.fieldId !== undefined) collect(this.byField, query.fieldId);
      else if (query.audiences === 'all') for (const id of this.challenges.getKeys({ transaction })) ids.add(id);
      else {
        for (const key of query.audiences) collect(this.byAudience, key);
        for (const organisationId of query.ownOrganisationIds) collect(this.byOrganisation, organisationId);
      }
      const matching: ChallengeRecord[] = [];
      for (const id of ids) {
        const stored = this.challenges.get(id, { transaction });
        if (!stored) continue;
        const record = fromStoredChallenge(stored);
        if (matchesChallengeQuery(record, query)) matching.push(record);
      }
      matching.sort(compareChallenges(query.sort));
      return { records: matching.slice(query.offset, query.offset + query.limit), total: matching.length };
    } finally {
      transaction.done();
    }
  }

  addQuestion(question: QuestionRecord, caps: QuestionCaps): Promise<AddQuestionOutcome> {
    return this.questions.addQuestion(question, caps);
  }

  getQuestion(challengeId: string, questionId: string): Promise<QuestionRecord | null> {
    return this.questions.getQuestion(challengeId, questionId);
  }

  listQuestions(challengeId: string): Promise<QuestionRecord[]> {
    return this.questions.listQuestions(challengeId);
  }

  setAnswer(challengeId: string, questionId: string, answer: AnswerRecord): Promise<QuestionRecord | null> {
    return this.questions.setAnswer(challengeId, questionId, answer);
  }

  /** Writes the challenge and moves its index keys from `previous`'s (inside a write transaction). */
  private putChallengeSync(next: ChallengeRecord, previous: ChallengeRecord | null): void {
    if (previous) {
      for (const key of audienceKeys(previous)) this.byAudience.removeSync([key, previous.id]);
      for (const fieldId of previous.fieldIds) this.byField.removeSync([fieldId, previous.id]);
      this.byOrganisation.removeSync([previous.organisationId, previous.id]);
    }
    this.challenges.putSync(next.id, toStoredChallenge(next));
    for (const key of audienceKeys(next)) this.byAudience.putSync([key, next.id], true);
    for (const fieldId of next.fieldIds) this.byField.putSync([fieldId, next.id], true);
    this.byOrganisation.putSync([next.organisationId, next.id], true);
  }
}

function toStoredChallenge(challenge: ChallengeRecord): StoredChallenge {
  return {
    ...challenge,
    fieldIds: [...challenge.fieldIds],
    invitedOrganisationIds: [...challenge.invitedOrganisationIds],
    criteria: challenge.criteria.map((c) => ({ name: c.name, weight: c.weight })),
    deadline: { at: challenge.deadline.at.getTime(), timeZone: challenge.deadline.timeZone },
    createdAt: challenge.createdAt.getTime(),
    updatedAt: challenge.updatedAt.getTime(),
    publishedAt: challenge.publishedAt === null ? null : challenge.publishedAt.getTime(),
  };
}

function fromStoredChallenge(stored: StoredChallenge): ChallengeRecord {
  return {
    ...stored,
    deadline: { at: new Date(stored.deadline.at), timeZone: stored.deadline.timeZone },
    createdAt: new Date(stored.createdAt),
    updatedAt: new Date(stored.updatedAt),
    publishedAt: stored.publishedAt === null ? null : new Date(stored.publishedAt),
  };
}

export function definedFieldPatch(patch: FieldPatch): FieldPatch {
  const defined: FieldPatch = {};
  if (patch.nameZh !== undefined) defined.nameZh = patch.nameZh;
  if (patch.nameEn !== undefined) defined.nameEn = patch.nameEn;
  if (patch.archived !== undefined) defined.archived = patch.archived;
  return defined;
}

function toStoredField(field: FieldRecord): StoredField {
  return { ...field, createdAt: field.createdAt.getTime(), updatedAt: field.updatedAt.getTime() };
}

function fromStoredField(stored: StoredField): FieldRecord {
  return { ...stored, createdAt: new Date(stored.createdAt), updatedAt: new Date(stored.updatedAt) };
}
