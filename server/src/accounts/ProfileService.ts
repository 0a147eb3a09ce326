import { PROFILE_PAGE_SIZE, type ProfileKind, type ProfilePublic, type profilePutBodySchema } from '@ideasphere/shared';
import type { z } from 'zod';
import { errors } from '../errors.js';
import type { AccountStore } from '../store/AccountStore.js';
import type { ProfileRecord, ProfileStore } from '../store/ProfileStore.js';
import { authorize, judge, type Actor } from './accountPolicy.js';

/** Which taxonomy field ids do not exist (or are archived): a profile may name only live ones. */
export type UnknownFields = (ids: readonly string[]) => Promise<string[]>;

/** A profile page of the directory. */
export interface ProfilePage {
  profiles: ProfilePublic[];
  /** `kind:id` of the last one, for `after`; null on the last page. */
  next: string | null;
}

/**
 * Profiles of people and organisations: anyone sees public ones, signed-in accounts also those
 * for platform members; a person edits their own, an org admin their organisation's. An account
 * or organisation without a profile yet has an empty one, seen only by signed-in accounts.
 */
export class ProfileService {
  constructor(
    private readonly profiles: ProfileStore,
    private readonly accounts: AccountStore,
    private readonly unknownFields: UnknownFields,
    private readonly now: () => number,
    /** Told of every stored change, with the profile's name (the search index follows it). */
    private readonly onChanged: (profile: ProfileRecord, name: string) => Promise<void> = async () => undefined,
  ) {}

  async view(viewer: Actor | null, kind: ProfileKind, id: string): Promise<ProfilePublic> {
    const name = await this.nameOf(kind, id);
    const profile = (await this.profiles.getProfile(kind, id)) ?? emptyProfile(kind, id);
    // Not visible is not found: whether the person exists is not the visitor's to learn.
    if (name === null || (profile.visibility !== 'public' && viewer === null)) throw errors.profileNotFound();
    return present(profile, name, viewer !== null && judge(viewer, { kind: 'profile:edit', profileKind: kind, id }) === null);
  }

  async put(actor: Actor, kind: ProfileKind, id: string, input: z.output<typeof profilePutBodySchema>): Promise<ProfilePublic> {
    authorize(actor, { kind: 'profile:edit', profileKind: kind, id });
    const name = await this.nameOf(kind, id);
    if (name === null) throw errors.profileNotFound();
    const unknown = await this.unknownFields(input.fields);
    if (unknown.length > 0) throw errors.unknownField();
    const record: ProfileRecord = { kind, id, ...input, updatedAt: new Date(this.now()) };
    await this.profiles.putProfile(record);
    await this.onChanged(record, name);
    return present(record, name, true);
  }

  /** The directory: public profiles for anyone, also platform-only ones for signed-in accounts. */
  async list(viewer: Actor | null, after: { kind: ProfileKind; id: string } | undefined): Promise<ProfilePage> {
    const page = await this.profiles.listProfiles({ publicOnly: viewer === null, limit: PROFILE_PAGE_SIZE + 1, ...(after ? { after } : {}) });
    const shown = page.slice(0, PROFILE_PAGE_SIZE);
    const people = await this.accounts.getAccountsByIds(shown.filter((p) => p.kind === 'person').map((p) => p.id));
    const orgs = await this.accounts.getOrganisationsByIds(shown.filter((p) => p.kind === 'organisation').map((p) => p.id));
    const names = new Map<string, string>([
      ...people.filter((a) => a.status === 'active').map((a): [string, string] => [`person:${a.id}`, a.name]),
      ...orgs.map((o): [string, string] => [`organisation:${o.id}`, o.name]),
    ]);
    const profiles = shown.flatMap((profile) => {
      const name = names.get(`${profile.kind}:${profile.id}`);
      return name === undefined ? [] : [present(profile, name, viewer !== null && judge(viewer, { kind: 'profile:edit', profileKind: profile.kind, id: profile.id }) === null)];
    });
    const last = shown[shown.length - 1];
    return { profiles, next: page.length > PROFILE_PAGE_SIZE && last ? `${last.kind}:${last.id}` : null };
  }

  /** The account's (active) or organisation's name; null when there is none. */
  private async nameOf(kind: ProfileKind, id: string): Promise<string | null> {
    if (kind === 'person') {
      const account = await this.accounts.getAccount(id);
      return account?.status === 'active' ? account.name : null;
    }
    return (await this.accounts.getOrganisation(id))?.name ?? null;
  }
}

function emptyProfile(kind: ProfileKind, id: string): ProfileRecord {
  return { kind, id, headline: '', bio: '', fields: [], skills: [], keywords: [], visibility: 'platform', updatedAt: new Date(0) };
}

function present(profile: ProfileRecord, name: string, editable: boolean): ProfilePublic {
  return {
    kind: profile.kind,
    id: profile.id,
    name,
    headline: profile.headline,
    bio: profile.bio,
    fields: profile.fields,
    skills: profile.skills,
    keywords: profile.keywords,
    visibility: profile.visibility,
    updatedAt: profile.updatedAt.toISOString(),
    editable,
  };
}
