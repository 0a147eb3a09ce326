import type { ProfileKind } from '@ideasphere/shared';
import type { AccountStore } from '../store/AccountStore.js';
import type { ProfileRecord } from '../store/ProfileStore.js';
import type { ResponseRecord, ResponseStore } from '../store/ResponseStore.js';
import type { PlatformAction } from './accountPolicy.js';

/**
 * What a profile is about, read from its owning domain: an active account, an organisation, or
 * a challenge response's team. A profile whose subject is gone (deactivated account, unknown
 * id) is not found by anyone.
 */
export type ProfileSubject =
  | { kind: 'person' | 'organisation'; id: string; name: string }
  | {
      kind: 'team';
      id: string;
      name: string;
      /** Owner included: who may edit the profile. */
      memberAccountIds: readonly string[];
      challengeId: string;
      /**
       * Listed in the directory, search and matching. A withdrawn response's team is not: it
       * stepped back from its challenge, so only its members see the profile until it submits again.
       */
      listed: boolean;
    };

/** A team as its profile sees it, from the response (the team's id is the response's). */
export function teamSubject(response: ResponseRecord): Extract<ProfileSubject, { kind: 'team' }> {
  return {
    kind: 'team',
    id: response.id,
    name: response.teamName,
    memberAccountIds: response.memberAccountIds,
    challengeId: response.challengeId,
    listed: response.status !== 'withdrawn',
  };
}

/** Whether a profile's subject appears in the directory, search and matching (besides its visibility). */
export function isListed(subject: ProfileSubject): boolean {
  return subject.kind !== 'team' || subject.listed;
}

/** The policy's action for changing a subject's profile. */
export function profileEditAction(subject: ProfileSubject): PlatformAction {
  return subject.kind === 'team' ? { kind: 'teamProfile:edit', memberAccountIds: subject.memberAccountIds } : { kind: 'profile:edit', profileKind: subject.kind, id: subject.id };
}

/** The one reader of profile subjects: the profile pages, the directory and the search index use it alike. */
export class ProfileSubjects {
  constructor(
    private readonly accounts: AccountStore,
    private readonly responses: ResponseStore,
  ) {}

  async subjectOf(kind: ProfileKind, id: string): Promise<ProfileSubject | null> {
    switch (kind) {
      case 'person': {
        const account = await this.accounts.getAccount(id);
        return account?.status === 'active' ? { kind, id, name: account.name } : null;
      }
      case 'organisation': {
        const organisation = await this.accounts.getOrganisation(id);
        return organisation ? { kind, id, name: organisation.name } : null;
      }
      case 'team': {
        const response = await this.responses.getResponse(id);
        return response ? teamSubject(response) : null;
      }
    }
  }

  /** The subjects of a page of profiles, keyed `kind:id`; those that are gone are missing. */
  async subjectsOf(profiles: readonly Pick<ProfileRecord, 'kind' | 'id'>[]): Promise<Map<string, ProfileSubject>> {
    const ids = (kind: ProfileKind) => profiles.filter((p) => p.kind === kind).map((p) => p.id);
    const people = await this.accounts.getAccountsByIds(ids('person'));
    const orgs = await this.accounts.getOrganisationsByIds(ids('organisation'));
    const teams = await Promise.all(ids('team').map((id) => this.responses.getResponse(id)));
    const subjects: ProfileSubject[] = [
      ...people.filter((a) => a.status === 'active').map((a): ProfileSubject => ({ kind: 'person', id: a.id, name: a.name })),
      ...orgs.map((o): ProfileSubject => ({ kind: 'organisation', id: o.id, name: o.name })),
      ...teams.flatMap((response) => (response ? [teamSubject(response)] : [])),
    ];
    return new Map(subjects.map((subject) => [`${subject.kind}:${subject.id}`, subject]));
  }
}
