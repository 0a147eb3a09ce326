import type { ChallengeSort, ChallengeStatus, ChallengeVisibility } from '@ideasphere/shared';
import type { QuestionStore } from './QuestionStore.js';

/** A field of the taxonomy as stored. */
export interface FieldRecord {
  id: string;
  nameZh: string;
  nameEn: string;
  archived: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type FieldPatch = Partial<Pick<FieldRecord, 'nameZh' | 'nameEn' | 'archived'>>;

/** A challenge as stored; its long texts are the poster's Markdown. */
export interface ChallengeRecord {
  id: string;
  organisationId: string;
  createdBy: string;
  title: string;
  problem: string;
  background: string;
  desiredOutcomes: string;
  constraints: string;
  reward: string;
  ipTerms: string;
  fieldIds: string[];
  deadline: { at: Date; timeZone: string };
  visibility: ChallengeVisibility;
  invitedOrganisationIds: string[];
  criteria: { name: string; weight: number }[];
  status: ChallengeStatus;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  /** Bumped by every change: MongoDB's compare-and-swap key. */
  revision: number;
}

/**
 * Which challenges a catalogue read may return (see `matchesChallengeQuery`, the rule both
 * stores follow): those of the viewer's own organisations (drafts too), and the non-drafts
 * whose audience the viewer holds — narrowed by status, field, deadline and text.
 */
export interface ChallengeQuery {
  /** Audience keys the viewer holds (`audienceKeys`), or 'all' (platform admins: every non-draft). */
  audiences: readonly string[] | 'all';
  /** Organisations the viewer belongs to. */
  ownOrganisationIds: readonly string[];
  statuses: readonly ChallengeStatus[];
  fieldId?: string;
  /** Deadline strictly after this instant. */
  deadlineAfter?: Date;
  /** Deadline at or before this instant. */
  deadlineAtOrBefore?: Date;
  /** Lower-case text the title or problem statement contains. */
  text?: string;
  sort: ChallengeSort;
  offset: number;
  limit: number;
}

export interface ChallengeQueryResult {
  records: ChallengeRecord[];
  /** How many match in all (every page). */
  total: number;
}

/** What a change of a challenge decided: the record to store, or why nothing changes. */
export type ChallengeChange<R extends string> = { ok: true; record: ChallengeRecord } | { ok: false; reason: R };

/**
 * Challenges and what hangs off them (the taxonomy, questions): `store.challenges`, in
 * `LmdbChallenges` and `MongoChallenges`; `challenges.contract.ts` and `questions.contract.ts`
 * test both alike.
 */
export interface ChallengeStore extends QuestionStore {
  /**
   * Stores `fields` only while the taxonomy has never had a field, in one atomic write: a
   * second start, or a platform whose admins archived every field, is left as it is. Returns
   * how many were stored.
   */
  seedFields(fields: readonly FieldRecord[]): Promise<number>;
  /** Refused (false) when the taxonomy already has `max` fields (archived ones count). */
  createField(field: FieldRecord, max: number): Promise<boolean>;
  getField(id: string): Promise<FieldRecord | null>;
  /** Every field, archived ones too, oldest first. */
  listFields(): Promise<FieldRecord[]>;
  /** Null when there is no such field. */
  updateField(id: string, patch: FieldPatch, now: Date): Promise<FieldRecord | null>;

  /** Stores a new challenge; throws StoreConflictError if its id is taken. */
  createChallenge(challenge: ChallengeRecord): Promise<void>;
  getChallenge(id: string): Promise<ChallengeRecord | null>;
  /**
   * Changes a challenge atomically: `decide` (pure, never throws) gets the current record and
   * returns the next one or a refusal; nobody else's change can land in between. The store
   * bumps `revision`.
   */
  changeChallenge<R extends string>(id: string, decide: (current: ChallengeRecord) => ChallengeChange<R>): Promise<ChallengeChange<R | 'challenge_not_found'>>;
  /** One page of the challenges a query matches, in its order, and how many match in all. */
  queryChallenges(query: ChallengeQuery): Promise<ChallengeQueryResult>;
}
