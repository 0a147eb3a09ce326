import { describe, expect, it } from 'vitest';
import { newId } from '../ids.js';
import type { ProfileRecord, ProfileStore } from './ProfileStore.js';
import type { Store } from './Store.js';

const NOW = new Date(Date.UTC(2025, 5, 4, 10, 0, 0, 789));

function profile(overrides: Partial<ProfileRecord> = {}): ProfileRecord {
  return {
    kind: 'person',
    id: newId(),
    headline: '材料工程师 Materials engineer',
    bio: 'Ten years of coatings for marine steel.',
    fields: [newId()],
    skills: ['Corrosion testing', '表面处理'],
    keywords: ['coating'],
    visibility: 'public',
    updatedAt: NOW,
    ...overrides,
  };
}

/** Profiles (people, organisations, teams): one per (kind, id), replaced whole; the public directory lists only public ones. */
export function describeProfileContract(getStore: () => Store): void {
  const profiles = (): ProfileStore => getStore().profiles;

  describe('profiles', () => {
    it('stores a profile and replaces it whole; a person and an organisation with one id are two profiles', async () => {
      const mine = profile();
      await profiles().putProfile(mine);
      expect(await profiles().getProfile('person', mine.id)).toEqual(mine);
      expect(await profiles().getProfile('organisation', mine.id)).toBeNull();
      const changed = { ...mine, skills: [], bio: '', visibility: 'platform' as const, updatedAt: new Date(NOW.getTime() + 1000) };
      await profiles().putProfile(changed);
      expect(await profiles().getProfile('person', mine.id)).toEqual(changed);
      await profiles().putProfile({ ...mine, kind: 'organisation' });
      expect((await profiles().getProfile('organisation', mine.id))?.kind).toBe('organisation');
      // A team's profile is keyed by its response's id, beside the others.
      await profiles().putProfile({ ...mine, kind: 'team', headline: 'Team' });
      expect(await profiles().getProfile('team', mine.id)).toEqual({ ...mine, kind: 'team', headline: 'Team' });
      expect((await profiles().getProfile('person', mine.id))?.headline).toBe(changed.headline);
    });

    it('lists profiles in (kind, id) order with a cursor; public only leaves the others out, also after a change', async () => {
      const made = [profile(), profile({ visibility: 'platform' }), profile({ kind: 'organisation' }), profile(), profile({ kind: 'team' }), profile({ kind: 'team', visibility: 'platform' })];
      for (const p of made) await profiles().putProfile(p);
      const all = await profiles().listProfiles({ publicOnly: false, limit: 1000 });
      const ids = all.map((p) => `${p.kind}:${p.id}`);
      expect(ids).toEqual([...ids].sort());
      for (const p of made) expect(ids).toContain(`${p.kind}:${p.id}`);

      const publicIds = (await profiles().listProfiles({ publicOnly: true, limit: 1000 })).map((p) => p.id);
      expect(publicIds).not.toContain(made[1]?.id);
      expect(publicIds).toContain(made[0]?.id);
      expect(publicIds).toContain(made[4]?.id);
      expect(publicIds).not.toContain(made[5]?.id);
      await profiles().putProfile({ ...(made[0] as ProfileRecord), visibility: 'platform' });
      expect((await profiles().listProfiles({ publicOnly: true, limit: 1000 })).map((p) => p.id)).not.toContain(made[0]?.id);

      const first = all[0] as ProfileRecord;
      const after = await profiles().listProfiles({ publicOnly: false, after: { kind: first.kind, id: first.id }, limit: 2 });
      expect(after).toEqual(all.slice(1, 3));
    });
  });
}
