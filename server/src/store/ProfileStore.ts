import type { ProfileKind, ProfileVisibility } from '@ideasphere/shared';

/** A person's or organisation's profile; its name is the account's or organisation's. */
export interface ProfileRecord {
  kind: ProfileKind;
  /** The account id (person) or organisation id. */
  id: string;
  headline: string;
  bio: string;
  fields: string[];
  skills: string[];
  keywords: string[];
  visibility: ProfileVisibility;
  updatedAt: Date;
}

/** Profiles, one per account or organisation. */
export interface ProfileStore {
  /** Creates or replaces the profile. */
  putProfile(profile: ProfileRecord): Promise<void>;
  getProfile(kind: ProfileKind, id: string): Promise<ProfileRecord | null>;
  /**
   * Profiles in (kind, id) order strictly after `after`, at most `limit`; with `publicOnly`
   * only public ones (what an anonymous visitor, search and matching for them may see).
   */
  listProfiles(options: { publicOnly: boolean; after?: { kind: ProfileKind; id: string }; limit: number }): Promise<ProfileRecord[]>;
}
