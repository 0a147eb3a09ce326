import { describe, expect, it } from 'vitest';
import { computeDashboard, dashboardCsv, median, stageStays } from './pipelineDashboard.js';
import type { PipelineItemRecord, PipelineMoveRecord } from '../store/PipelineStore.js';
import type { PipelineStage } from '@ideasphere/shared';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2025, 0, 1);

function item(id: string, organisationId: string, fieldIds: string[], moves: [PipelineStage, number][]): PipelineItemRecord {
  const history: PipelineMoveRecord[] = moves.map(([to, day], i) => ({ from: i === 0 ? null : (moves[i - 1]?.[0] ?? null), to, at: new Date(T0 + day * DAY), by: null, reason: '' }));
  const last = history[history.length - 1];
  if (!last) throw new Error('no moves');
  return { id, ref: { kind: 'response', id }, organisationId, sessionId: null, title: id, fieldIds, stage: last.to, enteredAt: last.at, createdAt: new Date(T0), history, milestones: [], revision: 0 };
}

// Worked by hand: three items, days in 'proposal' are 2, 4 and 9 (median 4, mean 5); 'review' was left once, after 3 days.
const ITEMS = [
  item('a', 'org1', ['f1'], [['proposal', 0], ['review', 2], ['agreement', 5]]),
  item('b', 'org1', ['f1', 'f2'], [['proposal', 0], ['review', 4]]),
  item('c', 'org2', ['f2'], [['proposal', 1], ['concept', 10]]),
];

describe('pipeline dashboard', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([])).toBeNull();
    expect(median([9, 2, 4])).toBe(4);
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });

  it('counts finished stays only, per stage', () => {
    const stays = stageStays(ITEMS);
    expect(stays.proposal.sort((x, y) => x - y)).toEqual([2, 4, 9]);
    expect(stays.review).toEqual([3]);
    expect(stays.agreement).toEqual([]);
  });

  it('counts the funnel per stage, per field (each of an item’s fields) and per organisation, with days per stage', () => {
    const d = computeDashboard(ITEMS, { field: (id) => `Field ${id}`, organisation: (id) => `Org ${id}` });
    expect(d.total).toBe(3);
    expect(d.funnel).toMatchObject({ proposal: 0, review: 1, agreement: 1, concept: 1 });
    expect(d.byField.map((r) => [r.key, r.counts.review, r.counts.agreement, r.counts.concept])).toEqual([
      ['f1', 1, 1, 0],
      ['f2', 1, 0, 1],
    ]);
    expect(d.byOrganisation.map((r) => [r.label, r.counts.review + r.counts.agreement + r.counts.concept])).toEqual([
      ['Org org1', 2],
      ['Org org2', 1],
    ]);
    expect(d.durations.find((x) => x.stage === 'proposal')).toEqual({ stage: 'proposal', stays: 3, medianDays: 4, meanDays: 5 });
    expect(d.durations.find((x) => x.stage === 'incubation')).toEqual({ stage: 'incubation', stays: 0, medianDays: null, meanDays: null });
  });

  it('exports CSV with a BOM, every table, and defused formulas', () => {
    const d = computeDashboard([item('x', 'org', ['f'], [['idea', 0]])], { field: () => '=cmd()', organisation: () => 'Org "A"' });
    const csv = dashboardCsv({ ...d, stageNames: {} as never }, (s) => s.toUpperCase());
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('"funnel","idea","IDEA","1"');
    expect(csv).toContain(`"field","f","'=cmd()"`);
    expect(csv).toContain('"organisation","org","Org ""A"""');
    expect(csv).toContain('"time_in_stage","idea","IDEA","0","",""');
  });
});
