import { PIPELINE_STAGES, type PipelineDashboard, type PipelineFunnelRow, type PipelineStage, type StageDuration } from '@ideasphere/shared';
import type { PipelineItemRecord } from '../store/PipelineStore.js';

const DAY_MS = 24 * 60 * 60 * 1000;

function zeroCounts(): Record<PipelineStage, number> {
  return { idea: 0, concept: 0, proposal: 0, review: 0, agreement: 0, incubation: 0, completed: 0 };
}

/** The median of numbers (the mean of the middle two for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? null) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Days each item spent in each stage it left: a stay runs from the move that entered a stage to
 * the next move. The stay in an item's current stage is still running and is left out, so a
 * stage nobody has left yet shows no figure rather than a guess.
 */
export function stageStays(items: readonly PipelineItemRecord[]): Record<PipelineStage, number[]> {
  const stays = Object.fromEntries(PIPELINE_STAGES.map((s) => [s, [] as number[]])) as Record<PipelineStage, number[]>;
  for (const item of items) {
    for (let i = 0; i + 1 < item.history.length; i++) {
      const entered = item.history[i];
      const left = item.history[i + 1];
      if (!entered || !left) continue;
      stays[entered.to].push((left.at.getTime() - entered.at.getTime()) / DAY_MS);
    }
  }
  return stays;
}

const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/**
 * The dashboard's figures over the items given (already only what the asker may see, filtered):
 * items per stage (the funnel: where they are now), the same per field (an item with several
 * fields counts in each) and per organisation, and days spent per stage.
 */
export function computeDashboard(
  items: readonly PipelineItemRecord[],
  labels: { field(id: string): string; organisation(id: string): string },
): Omit<PipelineDashboard, 'stageNames'> {
  const funnel = zeroCounts();
  const byField = new Map<string, PipelineFunnelRow>();
  const byOrganisation = new Map<string, PipelineFunnelRow>();
  const row = (rows: Map<string, PipelineFunnelRow>, key: string, label: string) => {
    let found = rows.get(key);
    if (!found) rows.set(key, (found = { key, label, counts: zeroCounts() }));
    return found;
  };
  for (const item of items) {
    funnel[item.stage]++;
    for (const fieldId of new Set(item.fieldIds)) row(byField, fieldId, labels.field(fieldId)).counts[item.stage]++;
    row(byOrganisation, item.organisationId, labels.organisation(item.organisationId)).counts[item.stage]++;
  }
  const stays = stageStays(items);
  const durations: StageDuration[] = PIPELINE_STAGES.map((stage) => {
    const days = stays[stage];
    return { stage, stays: days.length, medianDays: round(median(days)), meanDays: round(days.length === 0 ? null : days.reduce((a, b) => a + b, 0) / days.length) };
  });
  const byLabel = (a: PipelineFunnelRow, b: PipelineFunnelRow) => a.label.localeCompare(b.label);
  return { total: items.length, funnel, byField: [...byField.values()].sort(byLabel), byOrganisation: [...byOrganisation.values()].sort(byLabel), durations };
}

/** One CSV cell: quoted, and a leading `= + - @` defused as the session exports do. */
function cell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The dashboard as CSV (UTF-8 with BOM): the funnel, per field, per organisation, then days per stage, one table after another. */
export function dashboardCsv(dashboard: PipelineDashboard, stageLabel: (stage: PipelineStage) => string): string {
  const lines: string[] = [];
  const line = (...cells: (string | number | null)[]) => lines.push(cells.map(cell).join(','));
  const stages = PIPELINE_STAGES.map(stageLabel);
  line('table', 'stage', 'stage_name', 'items');
  for (const stage of PIPELINE_STAGES) line('funnel', stage, stageLabel(stage), dashboard.funnel[stage]);
  lines.push('');
  line('table', 'key', 'name', ...stages);
  for (const r of dashboard.byField) line('field', r.key, r.label, ...PIPELINE_STAGES.map((s) => r.counts[s]));
  for (const r of dashboard.byOrganisation) line('organisation', r.key, r.label, ...PIPELINE_STAGES.map((s) => r.counts[s]));
  lines.push('');
  line('table', 'stage', 'stage_name', 'stays', 'median_days', 'mean_days');
  for (const d of dashboard.durations) line('time_in_stage', d.stage, stageLabel(d.stage), d.stays, d.medianDays, d.meanDays);
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
