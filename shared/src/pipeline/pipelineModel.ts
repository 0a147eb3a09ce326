import type { AccountRef } from '../responses/responseModel.js';

/**
 * The stage pipeline: every idea, live-session proposal and challenge response an organisation
 * follows sits in one stage, moves through gates, and keeps the record of every move.
 * docs/pipeline.md explains the model; the server's rules are `server/src/pipeline/pipelineRules.ts`.
 */

/** The stages in order. Each organisation may rename them (zh + en); the order is fixed. */
export const PIPELINE_STAGES = ['idea', 'concept', 'proposal', 'review', 'agreement', 'incubation', 'completed'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

/** What a gate asks of an item before it may enter a stage. */
export const PIPELINE_GATES = ['decision_advance', 'agreement_completed'] as const;
export type PipelineGate = (typeof PIPELINE_GATES)[number];
export type PipelineGates = Partial<Record<PipelineStage, readonly PipelineGate[]>>;

/** The gates an organisation starts with: a decision to advance before the agreement, a signed agreement before incubation. */
export const DEFAULT_PIPELINE_GATES: Readonly<PipelineGates> = {
  agreement: ['decision_advance'],
  incubation: ['agreement_completed'],
};

/** What an item stands for: a live-session idea, a live-session proposal, or a challenge response. */
export const PIPELINE_ITEM_KINDS = ['idea', 'proposal', 'response'] as const;
export type PipelineItemKind = (typeof PIPELINE_ITEM_KINDS)[number];
export interface PipelineItemRef {
  kind: PipelineItemKind;
  id: string;
}

export const MILESTONE_STATUSES = ['planned', 'in_progress', 'done', 'blocked'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** Characters of a renamed stage (each language). */
export const PIPELINE_STAGE_NAME_MAX_CHARS = 40;
/** Characters of the reason given for a move. */
export const PIPELINE_MOVE_REASON_MAX_CHARS = 500;
/** Moves one item's history keeps (the oldest go first). */
export const PIPELINE_HISTORY_MAX = 200;
/** Items one board or dashboard reads at most. */
export const PIPELINE_ITEMS_READ_MAX = 5000;
/** Milestones on one item. */
export const MILESTONES_PER_ITEM_MAX = 50;
/** Characters of a milestone's title. */
export const MILESTONE_TITLE_MAX_CHARS = 120;
/** Characters of a status update's note. */
export const MILESTONE_NOTE_MAX_CHARS = 500;
/** Status updates one milestone keeps (the oldest go first). */
export const MILESTONE_UPDATES_MAX = 100;

/** A stage's name in both languages. */
export interface StageName {
  zh: string;
  en: string;
}

/** The default stage names (an organisation that renamed none shows these). */
export const DEFAULT_STAGE_NAMES: Readonly<Record<PipelineStage, StageName>> = {
  idea: { zh: '创意', en: 'Idea' },
  concept: { zh: '概念', en: 'Concept' },
  proposal: { zh: '方案', en: 'Proposal' },
  review: { zh: '评审', en: 'Review' },
  agreement: { zh: '协议', en: 'Agreement' },
  incubation: { zh: '孵化', en: 'Incubation' },
  completed: { zh: '完成', en: 'Completed' },
};

/** Whether moving from `from` to `to` goes back (a reason is then required). */
export function isBackwardMove(from: PipelineStage, to: PipelineStage): boolean {
  return PIPELINE_STAGES.indexOf(to) < PIPELINE_STAGES.indexOf(from);
}

/** Whether a milestone is overdue on `today` (`YYYY-MM-DD`, UTC): due before today and not done. */
export function isMilestoneOverdue(milestone: { due: string; status: MilestoneStatus }, today: string): boolean {
  return milestone.status !== 'done' && milestone.due < today;
}

/** One organisation's pipeline settings. */
export interface PipelineSettingsPublic {
  organisationId: string;
  stageNames: Record<PipelineStage, StageName>;
  gates: Record<PipelineStage, PipelineGate[]>;
  /** Whether the asker may change them (the organisation's admins, platform admins). */
  canEdit: boolean;
}

/** One card of the board. */
export interface PipelineItemPublic {
  id: string;
  ref: PipelineItemRef;
  organisation: { id: string; name: string };
  title: string;
  fieldIds: string[];
  stage: PipelineStage;
  enteredAt: string;
  createdAt: string;
  /** Milestones past their due date and not done. */
  overdueMilestones: number;
  /** Where the thing itself is read (a response's page, a proposal's), or null. */
  link: string | null;
  /** Whether the asker may move it. */
  canMove: boolean;
}

/** One recorded move; `by` null when the system moved it (a review decision). */
export interface PipelineMovePublic {
  from: PipelineStage | null;
  to: PipelineStage;
  at: string;
  by: AccountRef | null;
  reason: string;
}

export interface MilestoneUpdatePublic {
  at: string;
  by: AccountRef;
  status: MilestoneStatus;
  note: string;
}

export interface MilestonePublic {
  id: string;
  title: string;
  owner: AccountRef;
  /** `YYYY-MM-DD`. */
  due: string;
  status: MilestoneStatus;
  overdue: boolean;
  /** Oldest first. */
  updates: MilestoneUpdatePublic[];
  createdAt: string;
}

/** An item's page: the card, its history (oldest first), milestones, and its organisation's stage names and gates. */
export interface PipelineItemDetail {
  item: PipelineItemPublic;
  history: PipelineMovePublic[];
  milestones: MilestonePublic[];
  settings: PipelineSettingsPublic;
  /** Whether the asker may add milestones and post updates. */
  canEdit: boolean;
  /** The organisation's members, to pick a milestone's owner (only when `canEdit`). */
  members: AccountRef[];
}

/** `GET /api/pipeline`: the board the asker may see. */
export interface PipelineBoard {
  /** Item counts per stage, in order. */
  counts: Record<PipelineStage, number>;
  items: PipelineItemPublic[];
  /** Organisations the asker may filter by (theirs; every one for platform admins). */
  organisations: { id: string; name: string }[];
  /** The stage names of the chosen organisation, or the defaults without one. */
  stageNames: Record<PipelineStage, StageName>;
  /** More items matched than one board shows (`PIPELINE_ITEMS_READ_MAX`). */
  truncated: boolean;
}

/** A row of the funnel by field or by organisation. */
export interface PipelineFunnelRow {
  key: string;
  label: string;
  counts: Record<PipelineStage, number>;
}

/** Days spent in one stage over every finished stay (entered, then moved on). */
export interface StageDuration {
  stage: PipelineStage;
  stays: number;
  medianDays: number | null;
  meanDays: number | null;
}

/** `GET /api/pipeline/dashboard`. */
export interface PipelineDashboard {
  total: number;
  funnel: Record<PipelineStage, number>;
  byField: PipelineFunnelRow[];
  byOrganisation: PipelineFunnelRow[];
  durations: StageDuration[];
  stageNames: Record<PipelineStage, StageName>;
}

/** One idea or proposal of a live session, as offered to "Add to pipeline". */
export interface PipelineSourcePublic {
  ref: PipelineItemRef;
  title: string;
  /** The pipeline item already made of it, if any. */
  itemId: string | null;
}

/** `GET /api/pipeline/sources/:code`. */
export interface PipelineSources {
  ideas: PipelineSourcePublic[];
  proposals: PipelineSourcePublic[];
  /** The organisations the asker may add them for (a session run for a challenge: only its organisation). */
  organisations: { id: string; name: string }[];
}
