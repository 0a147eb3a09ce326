import { DEFAULT_STAGE_NAMES, PIPELINE_STAGES, type PipelineGate, type PipelineStage } from '@ideasphere/shared';
import { describe, expect, it } from 'vitest';
import { newId } from '../ids.js';
import type { PipelineItemRecord, PipelineSettingsRecord, PipelineStore } from './PipelineStore.js';
import type { Store } from './Store.js';

const NOW = new Date(Date.UTC(2025, 6, 1, 8, 0, 0, 123));

export function makePipelineItem(overrides: Partial<PipelineItemRecord> = {}): PipelineItemRecord {
  return {
    id: newId(),
    ref: { kind: 'response', id: newId() },
    organisationId: newId(),
    sessionId: null,
    title: 'Green steel 绿色钢铁',
    fieldIds: [newId()],
    stage: 'proposal',
    enteredAt: NOW,
    createdAt: NOW,
    history: [{ from: null, to: 'proposal', at: NOW, by: newId(), reason: 'submitted' }],
    milestones: [],
    revision: 0,
    ...overrides,
  };
}

/** The pipeline part of the store contract. */
export function describePipelineContract(getStore: () => Store): void {
  const pipeline = (): PipelineStore => getStore().pipeline;

  describe('pipeline', () => {
    it('stores an item with its history and milestones, Dates and nulls as written', async () => {
      const at = new Date(NOW.getTime() + 1000);
      const item = makePipelineItem({
        sessionId: newId(),
        ref: { kind: 'idea', id: newId() },
        history: [
          { from: null, to: 'idea', at: NOW, by: newId(), reason: '' },
          { from: 'idea', to: 'concept', at, by: null, reason: 'decision: advance' },
        ],
        milestones: [{ id: newId(), title: 'Pilot line', ownerAccountId: newId(), due: '2025-08-01', status: 'blocked', createdAt: at, updates: [{ at, by: newId(), status: 'blocked', note: '等待设备' }] }],
      });
      const added = await pipeline().addItem(item);
      expect(added).toEqual({ item, created: true });
      const got = await pipeline().getItem(item.id);
      expect(got).toEqual(item);
      expect(got?.history[1]?.at).toBeInstanceOf(Date);
      expect(got?.milestones[0]?.updates[0]?.at).toBeInstanceOf(Date);
      expect(await pipeline().getItemByRef(item.ref)).toEqual(item);
      expect(await pipeline().getItem(newId())).toBeNull();
      expect(await pipeline().getItemByRef({ kind: 'proposal', id: item.ref.id })).toBeNull();
    });

    it('adds the same thing once: a second add, also a racing one, returns the first item', async () => {
      const ref = { kind: 'proposal' as const, id: newId() };
      const first = makePipelineItem({ ref });
      await pipeline().addItem(first);
      const again = await pipeline().addItem(makePipelineItem({ ref, title: 'other' }));
      expect(again).toEqual({ item: first, created: false });
      const racingRef = { kind: 'idea' as const, id: newId() };
      const racing = await Promise.all(Array.from({ length: 4 }, () => pipeline().addItem(makePipelineItem({ ref: racingRef }))));
      expect(racing.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(racing.map((r) => r.item.id)).size).toBe(1);
    });

    it("lists an organisation's items oldest first, several organisations, or all", async () => {
      const orgA = newId();
      const orgB = newId();
      const a1 = makePipelineItem({ id: newId(NOW.getTime()), organisationId: orgA });
      const b1 = makePipelineItem({ id: newId(NOW.getTime() + 1), organisationId: orgB });
      const a2 = makePipelineItem({ id: newId(NOW.getTime() + 2), organisationId: orgA });
      for (const item of [a2, b1, a1]) await pipeline().addItem(item);
      expect((await pipeline().listItems([orgA], 100)).map((i) => i.id)).toEqual([a1.id, a2.id]);
      expect((await pipeline().listItems([orgB, orgA], 100)).map((i) => i.id)).toEqual([a1.id, b1.id, a2.id]);
      expect(await pipeline().listItems([orgA], 1)).toHaveLength(1);
      expect(await pipeline().listItems([newId()], 100)).toEqual([]);
      const all = (await pipeline().listItems('all', 10_000)).map((i) => i.id);
      expect(all).toEqual(expect.arrayContaining([a1.id, b1.id, a2.id]));
    });

    it('changes atomically: revision bumped, identity kept; a refusal changes nothing', async () => {
      const item = makePipelineItem();
      await pipeline().addItem(item);
      const at = new Date(NOW.getTime() + 60_000);
      const changed = await pipeline().changeItem(item.id, (current) => ({
        ok: true,
        record: { ...current, id: 'ignored', organisationId: 'ignored', ref: { kind: 'idea', id: 'x' }, stage: 'review', enteredAt: at, history: [...current.history, { from: 'proposal', to: 'review', at, by: null, reason: '' }] },
      }));
      expect(changed.ok).toBe(true);
      const stored = await pipeline().getItem(item.id);
      expect(stored).toEqual({ ...item, stage: 'review', enteredAt: at, history: [...item.history, { from: 'proposal', to: 'review', at, by: null, reason: '' }], revision: 1 });
      expect(await pipeline().changeItem(item.id, () => ({ ok: false, reason: 'nope' }))).toEqual({ ok: false, reason: 'nope' });
      expect((await pipeline().getItem(item.id))?.revision).toBe(1);
      expect(await pipeline().changeItem(newId(), (current) => ({ ok: true, record: current }))).toEqual({ ok: false, reason: 'pipeline_item_not_found' });
    });

    it('concurrent changes are all kept (none overwrites another)', async () => {
      const item = makePipelineItem();
      await pipeline().addItem(item);
      const reasons = Array.from({ length: 5 }, (_, i) => `move ${i}`);
      await Promise.all(
        reasons.map((reason) =>
          pipeline().changeItem(item.id, (current) => ({ ok: true, record: { ...current, history: [...current.history, { from: current.stage, to: 'review', at: NOW, by: null, reason }] } })),
        ),
      );
      const stored = await pipeline().getItem(item.id);
      expect(stored?.history.map((h) => h.reason).slice(1).sort()).toEqual(reasons);
      expect(stored?.revision).toBe(5);
    });

    it("keeps each organisation's settings apart and replaces them whole", async () => {
      const organisationId = newId();
      expect(await pipeline().getSettings(organisationId)).toBeNull();
      const gates = Object.fromEntries(PIPELINE_STAGES.map((s) => [s, [] as PipelineGate[]])) as Record<PipelineStage, PipelineGate[]>;
      const settings: PipelineSettingsRecord = {
        organisationId,
        stageNames: { ...DEFAULT_STAGE_NAMES, concept: { zh: '构思', en: 'Sketch' } },
        gates: { ...gates, review: ['decision_advance', 'agreement_completed'] },
        updatedAt: NOW,
        updatedBy: newId(),
      };
      await pipeline().putSettings(settings);
      expect(await pipeline().getSettings(organisationId)).toEqual(settings);
      const replaced = { ...settings, gates, updatedAt: new Date(NOW.getTime() + 1) };
      await pipeline().putSettings(replaced);
      expect(await pipeline().getSettings(organisationId)).toEqual(replaced);
      expect(await pipeline().getSettings(newId())).toBeNull();
    });
  });
}
