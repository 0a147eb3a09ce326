import {
  DEFAULT_PIPELINE_GATES,
  DEFAULT_STAGE_NAMES,
  PIPELINE_STAGES,
  isMilestoneOverdue,
  type AccountRef,
  type MilestonePublic,
  type PipelineGate,
  type PipelineItemPublic,
  type PipelineMovePublic,
  type PipelineSettingsPublic,
  type PipelineStage,
  type StageName,
} from '@ideasphere/shared';
import type { MilestoneRecord, PipelineItemRecord, PipelineMoveRecord, PipelineSettingsRecord } from '../store/PipelineStore.js';

/** Today's date in UTC, `YYYY-MM-DD`: what milestones' due dates are compared with. */
export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** An organisation's settings, the defaults where it stored none. */
export function effectiveSettings(stored: PipelineSettingsRecord | null): { stageNames: Record<PipelineStage, StageName>; gates: Record<PipelineStage, PipelineGate[]> } {
  if (stored) return { stageNames: stored.stageNames, gates: stored.gates };
  return {
    stageNames: { ...DEFAULT_STAGE_NAMES },
    gates: Object.fromEntries(PIPELINE_STAGES.map((s) => [s, [...(DEFAULT_PIPELINE_GATES[s] ?? [])]])) as Record<PipelineStage, PipelineGate[]>,
  };
}

export function presentSettings(organisationId: string, stored: PipelineSettingsRecord | null, canEdit: boolean): PipelineSettingsPublic {
  return { organisationId, ...effectiveSettings(stored), canEdit };
}

/** Where the thing an item stands for is read on the platform, if anywhere. */
function linkOf(item: PipelineItemRecord): string | null {
  return item.ref.kind === 'response' ? `/platform/responses/${item.ref.id}` : null;
}

export function presentItem(item: PipelineItemRecord, organisationName: string, today: string, canMove: boolean): PipelineItemPublic {
  return {
    id: item.id,
    ref: { ...item.ref },
    organisation: { id: item.organisationId, name: organisationName },
    title: item.title,
    fieldIds: [...item.fieldIds],
    stage: item.stage,
    enteredAt: item.enteredAt.toISOString(),
    createdAt: item.createdAt.toISOString(),
    overdueMilestones: item.milestones.filter((m) => isMilestoneOverdue(m, today)).length,
    link: linkOf(item),
    canMove,
  };
}

export function presentMove(move: PipelineMoveRecord, names: ReadonlyMap<string, string>): PipelineMovePublic {
  return { from: move.from, to: move.to, at: move.at.toISOString(), by: move.by === null ? null : { id: move.by, name: names.get(move.by) ?? '' }, reason: move.reason };
}

export function presentMilestone(milestone: MilestoneRecord, names: ReadonlyMap<string, string>, today: string): MilestonePublic {
  const ref = (id: string): AccountRef => ({ id, name: names.get(id) ?? '' });
  return {
    id: milestone.id,
    title: milestone.title,
    owner: ref(milestone.ownerAccountId),
    due: milestone.due,
    status: milestone.status,
    overdue: isMilestoneOverdue(milestone, today),
    updates: milestone.updates.map((u) => ({ at: u.at.toISOString(), by: ref(u.by), status: u.status, note: u.note })),
    createdAt: milestone.createdAt.toISOString(),
  };
}

/** Every account an item's page names (movers, owners, authors of updates). */
export function accountsNamedBy(item: PipelineItemRecord): string[] {
  const ids = new Set<string>();
  for (const move of item.history) if (move.by !== null) ids.add(move.by);
  for (const m of item.milestones) {
    ids.add(m.ownerAccountId);
    for (const u of m.updates) ids.add(u.by);
  }
  return [...ids];
}
