import type { ProfileKind } from '@ideasphere/shared';
import { Schema, type Connection } from 'mongoose';
import type { ProfileRecord, ProfileStore } from './ProfileStore.js';

const profileSchema = new Schema<ProfileRecord>(
  {
    kind: { type: String, required: true },
    id: { type: String, required: true },
    headline: { type: String, default: '' },
    bio: { type: String, default: '' },
    fields: { type: [String], default: [] },
    skills: { type: [String], default: [] },
    keywords: { type: [String], default: [] },
    visibility: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'profiles', versionKey: false },
);
// One per (kind, id), listed in that order; the public directory by visibility then key.
profileSchema.index({ kind: 1, id: 1 }, { unique: true });
profileSchema.index({ visibility: 1, kind: 1, id: 1 });

const FIELDS = { _id: 0 } as const;

/** Profiles of `MongoStore`. */
export class MongoProfiles implements ProfileStore {
  private readonly profiles;

  constructor(connection: Connection) {
    this.profiles = connection.model('Profile', profileSchema);
  }

  async buildIndexes(): Promise<void> {
    await this.profiles.createCollection();
    await this.profiles.syncIndexes();
  }

  async putProfile(profile: ProfileRecord): Promise<void> {
    await this.profiles.updateOne({ kind: profile.kind, id: profile.id }, { $set: profile }, { upsert: true }).exec();
  }

  async getProfile(kind: ProfileKind, id: string): Promise<ProfileRecord | null> {
    return this.profiles.findOne({ kind, id }, FIELDS).lean<ProfileRecord>().exec();
  }

  async listProfiles(options: { publicOnly: boolean; after?: { kind: ProfileKind; id: string }; limit: number }): Promise<ProfileRecord[]> {
    if (options.limit <= 0) return [];
    const after = options.after ? { $or: [{ kind: { $gt: options.after.kind } }, { kind: options.after.kind, id: { $gt: options.after.id } }] } : {};
    return this.profiles
      .find({ ...(options.publicOnly ? { visibility: 'public' } : {}), ...after }, FIELDS)
      .sort({ kind: 1, id: 1 })
      .limit(options.limit)
      .lean<ProfileRecord[]>()
      .exec();
  }
}
