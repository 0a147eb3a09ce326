import type { MilestoneStatus, PipelineGate, PipelineItemRef, PipelineStage, StageName } from '@ideasphere/shared';

/** One recorded move. `by` null: the system moved it (a review decision); `from` null: the item entered. */
export interface PipelineMoveRecord {
  from: PipelineStage | null;
  to: PipelineStage;
  at: Date;
  by: string | null;
  reason: string;
}

export interface MilestoneUpdateRecord {
  at: Date;
  by: string;
  status: MilestoneStatus;
  note: string;
}

export interface MilestoneRecord {
  id: string;
  title: string;
  ownerAccountId: string;
  /** `YYYY-MM-DD`. */
  due: string;
  status: MilestoneStatus;
  /** Oldest first, at most MILESTONE_UPDATES_MAX. */
  updates: MilestoneUpdateRecord[];
  createdAt: Date;
}

/**
 * An item of the stage pipeline as stored: what it stands for (`ref`, unique over the
 * platform), its organisation, the stage it sits in, and its whole record of moves and
 * milestones (bounded, so one record stays small).
 */
export interface PipelineItemRecord {
  id: string;
  ref: PipelineItemRef;
  organisationId: string;
  /** The live session an idea or proposal came from; null for a response. */
  sessionId: string | null;
  title: string;
  fieldIds: string[];
  stage: PipelineStage;
  /** When it entered its current stage. */
  enteredAt: Date;
  createdAt: Date;
  /** Oldest first; the first entry is the item entering. */
  history: PipelineMoveRecord[];
  milestones: MilestoneRecord[];
  /** Bumped by every change: MongoDB's compare-and-swap key. */
  revision: number;
}

/** An organisation's renamed stages and its gates (none stored: the defaults). */
export interface PipelineSettingsRecord {
  organisationId: string;
  stageNames: Record<PipelineStage, StageName>;
  gates: Record<PipelineStage, PipelineGate[]>;
  updatedAt: Date;
  updatedBy: string;
}

export type PipelineChange<R extends string> = { ok: true; record: PipelineItemRecord } | { ok: false; reason: R };

/**
 * The stage pipeline: `store.pipeline`, in `LmdbPipeline` and `MongoPipeline`;
 * `pipeline.contract.ts` tests both alike.
 */
export interface PipelineStore {
  /**
   * Inserts an item unless one with the same `ref` exists, which is returned instead with
   * `created: false` (so adding the same thing twice is idempotent, also when racing).
   */
  addItem(item: PipelineItemRecord): Promise<{ item: PipelineItemRecord; created: boolean }>;
  getItem(id: string): Promise<PipelineItemRecord | null>;
  getItemByRef(ref: PipelineItemRef): Promise<PipelineItemRecord | null>;
  /** Items of these organisations (`'all'`: every one), oldest first, at most `limit`. */
  listItems(organisationIds: readonly string[] | 'all', limit: number): Promise<PipelineItemRecord[]>;
  /**
   * Changes an item atomically: `decide` (pure, never throws) gets the current record and
   * returns the next one or a refusal; nobody else's change lands in between. The store bumps
   * `revision` and keeps `id`, `ref`, `organisationId` and `createdAt`.
   */
  changeItem<R extends string>(id: string, decide: (current: PipelineItemRecord) => PipelineChange<R>): Promise<PipelineChange<R | 'pipeline_item_not_found'>>;

  getSettings(organisationId: string): Promise<PipelineSettingsRecord | null>;
  /** Replaces an organisation's settings. */
  putSettings(settings: PipelineSettingsRecord): Promise<void>;
}
