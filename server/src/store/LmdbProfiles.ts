import type { ProfileKind } from '@ideasphere/shared';
import type { Database, RootDatabase } from 'lmdb';
import type { ProfileRecord, ProfileStore } from './ProfileStore.js';
import { writeDurably, type ScopedKey } from './lmdbRecords.js';

/** Sub-databases of this part, opened by {@link LmdbProfiles}. */
export const LMDB_PROFILE_DATABASES = 2;

type StoredProfile = Omit<ProfileRecord, 'updatedAt'> & { updatedAt: number };

/** Profiles of `LmdbStore`, keyed [kind, id]; public ones also in an index of their own. */
export class LmdbProfiles implements ProfileStore {
  private readonly profiles: Database<StoredProfile, ScopedKey>;
  /** [kind, id] → true for public profiles, kept in the same write as the profile. */
  private readonly publicProfiles: Database<true, ScopedKey>;

  constructor(private readonly env: RootDatabase) {
    this.profiles = env.openDB({ name: 'profiles' });
    this.publicProfiles = env.openDB({ name: 'profilesPublic' });
  }

  async putProfile(profile: ProfileRecord): Promise<void> {
    const key: ScopedKey = [profile.kind, profile.id];
    await writeDurably(this.env, () => {
      this.profiles.putSync(key, { ...profile, updatedAt: profile.updatedAt.getTime() });
      if (profile.visibility === 'public') this.publicProfiles.putSync(key, true);
      else this.publicProfiles.removeSync(key);
    });
  }

  async getProfile(kind: ProfileKind, id: string): Promise<ProfileRecord | null> {
    const stored = this.profiles.get([kind, id]);
    return stored ? fromStored(stored) : null;
  }

  async listProfiles(options: { publicOnly: boolean; after?: { kind: ProfileKind; id: string }; limit: number }): Promise<ProfileRecord[]> {
    if (options.limit <= 0) return [];
    const range = {
      ...(options.after ? { start: [options.after.kind, options.after.id] as ScopedKey, exclusiveStart: true } : {}),
      limit: options.limit,
    };
    if (!options.publicOnly) return [...this.profiles.getRange(range)].map(({ value }) => fromStored(value));
    const profiles: ProfileRecord[] = [];
    for (const key of this.publicProfiles.getKeys(range)) {
      const stored = this.profiles.get(key);
      if (stored) profiles.push(fromStored(stored));
    }
    return profiles;
  }
}

function fromStored(stored: StoredProfile): ProfileRecord {
  return { ...stored, updatedAt: new Date(stored.updatedAt) };
}
