import { PROFILE_PAGE_SIZE, type ProfileKind, type ProfilePublic, type TeamProfileFacts, type profilePutBodySchema } from '@ideasphere/shared';
import type { z } from 'zod';
import { canSee as canSeeChallenge } from '../challenges/challengePolicy.js';
import { errors } from '../errors.js';
import type { ProfileRecord } from '../store/ProfileStore.js';
import type { Store } from '../store/Store.js';
import { authorize, judge, type Actor } from './accountPolicy.js';
import { isListed, profileEditAction, ProfileSubjects, type ProfileSubject } from './profileSubjects.js';

/** Which taxonomy field ids do not exist (or are archived): a profile may name only live ones. */
export type UnknownFields = (ids: readonly string[]) => Promise<string[]>;

/** A profile page of the directory. */
export interface ProfilePage {
  profiles: ProfilePublic[];
  /** `kind:id` of the last one, for `after`; null on the last page. */
  next: string | null;
}

type TeamSubject = Extract<ProfileSubject, { kind: 'team' }>;

/**
 * Profiles of people, organisations and teams: anyone sees public ones, signed-in accounts also
 * those for platform members; a person edits their own, an org admin their organisation's, a
 * team's members their team's. An account or organisation without a profile yet has an empty
 * one, seen only by signed-in accounts; a team's is seen only by its members until they save it
 * (a response's existence is the team's to announce), and again only by them while withdrawn.
 */
export class ProfileService {
  private readonly subjects: ProfileSubjects;

  constructor(
    private readonly store: Pick<Store, 'profiles' | 'accounts' | 'responses' | 'challenges'>,
    private readonly unknownFields: UnknownFields,
    private readonly now: () => number,
    /** Told of every stored change, with what the profile is about (the search index follows it). */
    private readonly onChanged: (profile: ProfileRecord, subject: ProfileSubject) => Promise<void> = async () => undefined,
  ) {
    this.subjects = new ProfileSubjects(store.accounts, store.responses);
  }

  async view(viewer: Actor | null, kind: ProfileKind, id: string): Promise<ProfilePublic> {
    const subject = await this.subjects.subjectOf(kind, id);
    const stored = await this.store.profiles.getProfile(kind, id);
    const editable = subject !== null && viewer !== null && judge(viewer, profileEditAction(subject)) === null;
    // Not visible is not found: whether the person or team exists is not the visitor's to learn.
    if (subject === null || (!editable && !visibleTo(viewer, subject, stored))) throw errors.profileNotFound();
    const profile = stored ?? emptyProfile(kind, id);
    return present(profile, subject.name, editable, subject.kind === 'team' ? await this.teamFacts(viewer, subject) : null);
  }

  async put(actor: Actor, kind: ProfileKind, id: string, input: z.output<typeof profilePutBodySchema>): Promise<ProfilePublic> {
    // People and organisations: the policy first (an unknown id is forbidden, not probed). A team's
    // members are read from its response; a team the actor may not see is not found.
    if (kind !== 'team') authorize(actor, { kind: 'profile:edit', profileKind: kind, id });
    const subject = await this.subjects.subjectOf(kind, id);
    if (subject === null) throw errors.profileNotFound();
    if (subject.kind === 'team') await this.authorizeTeam(actor, subject);
    const unknown = await this.unknownFields(input.fields);
    if (unknown.length > 0) throw errors.unknownField();
    const record: ProfileRecord = { kind, id, ...input, updatedAt: new Date(this.now()) };
    await this.store.profiles.putProfile(record);
    await this.onChanged(record, subject);
    return present(record, subject.name, true, subject.kind === 'team' ? await this.teamFacts(actor, subject) : null);
  }

  /** Throws unless the actor may change the profile (its matches are for the same people). */
  async authorizeEdit(actor: Actor, kind: ProfileKind, id: string): Promise<void> {
    if (kind !== 'team') return authorize(actor, { kind: 'profile:edit', profileKind: kind, id });
    const subject = await this.subjects.subjectOf(kind, id);
    if (subject?.kind !== 'team') throw errors.profileNotFound();
    await this.authorizeTeam(actor, subject);
  }

  /** A team's members pass; anyone else is refused (`not_on_team`) if they may see the profile, else not told it exists. */
  private async authorizeTeam(actor: Actor, team: TeamSubject): Promise<void> {
    if (judge(actor, profileEditAction(team)) === null) return;
    if (!visibleTo(actor, team, await this.store.profiles.getProfile('team', team.id))) throw errors.profileNotFound();
    authorize(actor, profileEditAction(team));
  }

  /** The directory: public profiles for anyone, also platform-only ones for signed-in accounts. */
  async list(viewer: Actor | null, after: { kind: ProfileKind; id: string } | undefined): Promise<ProfilePage> {
    const page = await this.store.profiles.listProfiles({ publicOnly: viewer === null, limit: PROFILE_PAGE_SIZE + 1, ...(after ? { after } : {}) });
    const shown = page.slice(0, PROFILE_PAGE_SIZE);
    const subjects = await this.subjects.subjectsOf(shown);
    const presented = await Promise.all(
      shown.map(async (profile) => {
        const subject = subjects.get(`${profile.kind}:${profile.id}`);
        if (subject === undefined || !isListed(subject)) return null;
        const editable = viewer !== null && judge(viewer, profileEditAction(subject)) === null;
        return present(profile, subject.name, editable, subject.kind === 'team' ? await this.teamFacts(viewer, subject) : null);
      }),
    );
    const profiles = presented.filter((profile): profile is ProfilePublic => profile !== null);
    const last = shown[shown.length - 1];
    return { profiles, next: page.length > PROFILE_PAGE_SIZE && last ? `${last.kind}:${last.id}` : null };
  }

  /**
   * A team's members and challenge as far as the viewer may see them: a member by name only when
   * the viewer may open their person profile (any active account's for the signed-in, public
   * ones for visitors), the challenge only when the viewer may see it.
   */
  private async teamFacts(viewer: Actor | null, team: TeamSubject): Promise<TeamProfileFacts> {
    const accounts = await this.store.accounts.getAccountsByIds([...team.memberAccountIds]);
    const active = new Map(accounts.filter((a) => a.status === 'active').map((a) => [a.id, a.name]));
    // Visitors see only members whose person profile is public; a signed-in account any active member's.
    const shown = await Promise.all(
      team.memberAccountIds.map(async (accountId) => {
        const name = active.get(accountId);
        if (name === undefined) return null;
        if (viewer === null && (await this.store.profiles.getProfile('person', accountId))?.visibility !== 'public') return null;
        return { id: accountId, name };
      }),
    );
    const members = shown.filter((member): member is TeamProfileFacts['members'][number] => member !== null);
    const challenge = await this.store.challenges.getChallenge(team.challengeId);
    return {
      members,
      otherMembers: team.memberAccountIds.length - members.length,
      challenge: challenge && canSeeChallenge(viewer, challenge) ? { id: challenge.id, title: challenge.title } : null,
      withdrawn: !team.listed,
    };
  }
}

/**
 * Whether someone who may not edit a profile may see it. A team's is seen only once saved and
 * while listed; then, as every profile, public ones by anyone, the others by signed-in accounts.
 */
function visibleTo(viewer: Actor | null, subject: ProfileSubject, stored: ProfileRecord | null): boolean {
  if (subject.kind === 'team' && (stored === null || !subject.listed)) return false;
  return viewer !== null || stored?.visibility === 'public';
}

function emptyProfile(kind: ProfileKind, id: string): ProfileRecord {
  return { kind, id, headline: '', bio: '', fields: [], skills: [], keywords: [], visibility: 'platform', updatedAt: new Date(0) };
}

function present(profile: ProfileRecord, name: string, editable: boolean, team: TeamProfileFacts | null): ProfilePublic {
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
    team,
  };
}
