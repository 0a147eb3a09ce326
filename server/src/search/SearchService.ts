import { PUBLICATIONS_PER_ACCOUNT_MAX, type MatchHit, type ParsedSearchRequest, type ProfileKind, type PublicationKind, type SearchResponse } from '@ideasphere/shared';
import { resolvePublication, type ResolvedPublication } from '../accounts/publicationRules.js';
import type { Actor } from '../accounts/accountPolicy.js';
import { isListed, ProfileSubjects, teamSubject, type ProfileSubject } from '../accounts/profileSubjects.js';
import { errors } from '../errors.js';
import type { Log } from '../logger.js';
import type { ChallengeRecord } from '../store/ChallengeStore.js';
import type { ProfileRecord } from '../store/ProfileStore.js';
import type { ResponseRecord } from '../store/ResponseStore.js';
import type { Store } from '../store/Store.js';
import { judgeChallenge } from '../challenges/challengePolicy.js';
import { SearchIndex } from './SearchIndex.js';
import { ANONYMOUS_VIEWER, type ChallengeDocument, type ProfileDocument, type PublicationDocument, type SearchAccess, type SearchDocument, type SearchViewer } from './searchDocument.js';

/** Records read per page while the index is built at start. */
const REBUILD_PAGE = 200;
/** Matches listed for a challenge or a profile. */
export const MATCHES_SHOWN = 10;

/** A profile's id in the index: its kind and its account's, organisation's or team's (response's) id. */
export function profileSearchId(kind: ProfileKind, id: string): string {
  return `${kind}:${id}`;
}

/** What changed, enough for another process to read it again (see `SearchService.refresh`). */
export type SearchChange =
  | { kind: 'challenge'; id: string }
  | { kind: 'profile'; profileKind: ProfileKind; id: string }
  | { kind: 'account'; id: string }
  | { kind: 'publication'; publicationKind: PublicationKind; id: string };

/**
 * The platform's search: one in-memory index (SearchIndex) over published challenges and
 * profiles, built from the store at start and kept in step by the services that change them.
 * Who may see what is the domains' own rule, put in the index's terms: a challenge for invited
 * organisations is theirs and its owner's, a platform one every signed-in account's; drafts are
 * not indexed. Platform admins see every published challenge, as the catalogue shows them.
 */
export class SearchService {
  private readonly index: SearchIndex;
  private readonly subjects: ProfileSubjects;
  private labels = new Map<string, readonly string[]>();
  private readonly changeListeners: ((change: SearchChange) => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly log: Log,
  ) {
    this.index = new SearchIndex({ fieldLabels: (fieldId) => this.labels.get(fieldId) ?? [] });
    this.subjects = new ProfileSubjects(store.accounts, store.responses);
  }

  /** Reads the taxonomy's names and every published challenge and profile into the index. */
  async rebuild(): Promise<number> {
    this.labels = new Map((await this.store.challenges.listFields()).map((field) => [field.id, [field.nameZh, field.nameEn]]));
    const count = await this.index.rebuild(this.documents());
    this.log.info({ component: 'search', documents: count }, 'search index built');
    return count;
  }

  /** Told of every change made through this process (other processes read that item again: `refresh`). */
  onChange(listener: (change: SearchChange) => void): void {
    this.changeListeners.push(listener);
  }

  /** A change another process announced: the item is read again from the store, as that process indexed it. */
  async refresh(change: SearchChange): Promise<void> {
    switch (change.kind) {
      case 'challenge': {
        const challenge = await this.store.challenges.getChallenge(change.id);
        if (challenge) this.indexChallenge(challenge);
        else this.index.remove('challenge', change.id);
        return;
      }
      case 'profile': {
        const [profile, subject] = await Promise.all([this.store.profiles.getProfile(change.profileKind, change.id), this.subjects.subjectOf(change.profileKind, change.id)]);
        if (profile && subject) await this.indexProfile(profile, subject);
        else this.index.remove('profile', profileSearchId(change.profileKind, change.id));
        return;
      }
      case 'account':
        return this.indexAccount(change.id);
      case 'publication':
        return this.indexPublication(change.publicationKind, change.id);
    }
  }

  /** After a challenge changed: index it, or drop it while it is a draft. */
  challengeChanged(challenge: ChallengeRecord): void {
    this.indexChallenge(challenge);
    this.changed({ kind: 'challenge', id: challenge.id });
  }

  private indexChallenge(challenge: ChallengeRecord): void {
    if (challenge.status === 'draft') this.index.remove('challenge', challenge.id);
    else this.index.upsert(challengeDocument(challenge));
  }

  /**
   * After a profile changed (with what it is about: the name is its account's, organisation's or
   * team's). A person's public ideas and proposals take the profile's audience and fields, so
   * they are read again too. A withdrawn team's profile stays out.
   */
  async profileChanged(profile: ProfileRecord, subject: ProfileSubject): Promise<void> {
    this.changed({ kind: 'profile', profileKind: profile.kind, id: profile.id });
    await this.indexProfile(profile, subject);
  }

  private async indexProfile(profile: ProfileRecord, subject: ProfileSubject): Promise<void> {
    if (isListed(subject)) this.index.upsert(profileDocument(profile, subject.name));
    else this.index.remove('profile', profileSearchId(profile.kind, profile.id));
    if (profile.kind !== 'person') return;
    const publications = await this.store.liveLinks.listPublications(profile.id, PUBLICATIONS_PER_ACCOUNT_MAX);
    for (const publication of publications) await this.indexPublication(publication.kind, publication.itemId);
  }

  /**
   * After a response changed (renamed, submitted, withdrawn): its team's profile, if it has one,
   * is indexed under the current name, or leaves the index while the response is withdrawn.
   */
  async teamChanged(response: ResponseRecord): Promise<void> {
    const profile = await this.store.profiles.getProfile('team', response.id);
    if (profile) await this.profileChanged(profile, teamSubject(response));
  }

  /** After an account's status changed: its shown ideas and proposals are judged again (a deactivated account's leave the index). */
  async accountChanged(accountId: string): Promise<void> {
    this.changed({ kind: 'account', id: accountId });
    await this.indexAccount(accountId);
  }

  private async indexAccount(accountId: string): Promise<void> {
    const publications = await this.store.liveLinks.listPublications(accountId, PUBLICATIONS_PER_ACCOUNT_MAX);
    for (const publication of publications) await this.indexPublication(publication.kind, publication.itemId);
  }

  /**
   * After an idea or proposal was shown, hidden, edited or moderated: the one rule
   * (`resolvePublication`) decides again whether it is public; if not, it leaves the index.
   */
  async publicationChanged(kind: PublicationKind, itemId: string): Promise<void> {
    this.changed({ kind: 'publication', publicationKind: kind, id: itemId });
    await this.indexPublication(kind, itemId);
  }

  private async indexPublication(kind: PublicationKind, itemId: string): Promise<void> {
    const publication = await this.store.liveLinks.getPublication(kind, itemId);
    const resolved = publication ? await resolvePublication(this.store, publication) : null;
    if (resolved) this.index.upsert(publicationDocument(resolved));
    else this.index.remove(kind, itemId);
  }

  private changed(change: SearchChange): void {
    for (const listener of this.changeListeners) listener(change);
  }

  search(viewer: Actor | null, request: ParsedSearchRequest): SearchResponse {
    return this.index.search(request.query, {
      viewer: searchViewer(viewer),
      ...(request.kinds ? { kinds: request.kinds } : {}),
      ...(request.fields ? { fields: request.fields } : {}),
      limit: request.limit,
      offset: request.offset,
    });
  }

  /** Sources that could solve a challenge, for the organisation that owns it. */
  async matchesForChallenge(viewer: Actor | null, challengeId: string): Promise<MatchHit[]> {
    const challenge = await this.store.challenges.getChallenge(challengeId);
    const verdict = challenge ? judgeChallenge(viewer, { kind: 'challenge:manage', challenge }) : 'challenge_not_found';
    if (verdict === 'sign_in_required') throw errors.signInRequired();
    if (verdict === 'role_forbidden') throw errors.forbidden('see matches for this challenge');
    if (!challenge || verdict !== null) throw errors.challengeNotFound();
    return this.index.matchForChallenge(challengeDocument(challenge), { viewer: searchViewer(viewer), limit: MATCHES_SHOWN });
  }

  /** Open challenges that fit a profile, for whoever may edit it (the caller has asked the profile's policy). */
  async challengesForProfile(viewer: Actor, kind: ProfileKind, id: string): Promise<MatchHit[]> {
    const profile = await this.store.profiles.getProfile(kind, id);
    if (!profile) return [];
    return this.index.matchForProfile(profileDocument(profile, ''), { viewer: searchViewer(viewer), limit: MATCHES_SHOWN });
  }

  private async *documents(): AsyncIterable<SearchDocument> {
    for (let offset = 0; ; offset += REBUILD_PAGE) {
      const { records } = await this.store.challenges.queryChallenges({
        audiences: 'all',
        ownOrganisationIds: [],
        statuses: ['open', 'closed', 'in_review', 'decided'],
        sort: 'newest',
        offset,
        limit: REBUILD_PAGE,
      });
      for (const challenge of records) yield challengeDocument(challenge);
      if (records.length < REBUILD_PAGE) break;
    }
    let after: { kind: ProfileKind; id: string } | undefined;
    for (;;) {
      const profiles = await this.store.profiles.listProfiles({ publicOnly: false, limit: REBUILD_PAGE, ...(after ? { after } : {}) });
      const subjects = await this.subjects.subjectsOf(profiles);
      for (const profile of profiles) {
        const subject = subjects.get(profileSearchId(profile.kind, profile.id));
        if (subject !== undefined && isListed(subject)) yield profileDocument(profile, subject.name);
      }
      const last = profiles[profiles.length - 1];
      if (!last || profiles.length < REBUILD_PAGE) break;
      after = { kind: last.kind, id: last.id };
    }
    let afterPublication: { kind: PublicationKind; itemId: string } | undefined;
    for (;;) {
      const publications = await this.store.liveLinks.listAllPublications(afterPublication, REBUILD_PAGE);
      for (const publication of publications) {
        const resolved = await resolvePublication(this.store, publication);
        if (resolved) yield publicationDocument(resolved);
      }
      const last = publications[publications.length - 1];
      if (!last || publications.length < REBUILD_PAGE) break;
      afterPublication = { kind: last.kind, itemId: last.itemId };
    }
  }

}

/**
 * The index's viewer for an actor. A platform admin is given every organisation a challenge
 * names through `seesAll`; everyone signed in holds the members' audience.
 */
export function searchViewer(actor: Actor | null): SearchViewer {
  if (actor === null) return ANONYMOUS_VIEWER;
  return { signedIn: true, organisationIds: [...actor.memberships.keys()], seesAll: actor.account.platformRole === 'platform_admin' };
}

function challengeAccess(challenge: ChallengeRecord): SearchAccess {
  switch (challenge.visibility) {
    case 'public':
      return { audience: 'public' };
    case 'platform':
      return { audience: 'members' };
    case 'invited':
      return { audience: 'organisations', organisationIds: [challenge.organisationId, ...challenge.invitedOrganisationIds] };
  }
}

export function challengeDocument(challenge: ChallengeRecord): ChallengeDocument {
  return {
    kind: 'challenge',
    id: challenge.id,
    title: challenge.title,
    body: [challenge.problem, challenge.background, challenge.desiredOutcomes, challenge.constraints].filter((text) => text !== '').join('\n\n'),
    fields: challenge.fieldIds,
    keywords: challenge.criteria.map((criterion) => criterion.name),
    access: challengeAccess(challenge),
    status: challenge.status === 'open' ? 'open' : 'closed',
  };
}

export function profileDocument(profile: ProfileRecord, name: string): ProfileDocument {
  return {
    kind: 'profile',
    id: profileSearchId(profile.kind, profile.id),
    title: name,
    body: [profile.headline, profile.bio].filter((text) => text !== '').join('\n'),
    fields: profile.fields,
    keywords: [...profile.skills, ...profile.keywords],
    access: profile.visibility === 'public' ? { audience: 'public' } : { audience: 'members' },
  };
}

/** A public idea or proposal: its title and text, its profile's fields and audience. */
export function publicationDocument(resolved: ResolvedPublication): PublicationDocument {
  const { publication, shown } = resolved;
  return {
    kind: publication.kind,
    id: publication.itemId,
    title: shown.title,
    body: shown.text,
    fields: resolved.fields,
    keywords: [],
    access: resolved.visibility === 'public' ? { audience: 'public' } : { audience: 'members' },
    owner: profileSearchId('person', publication.accountId),
  };
}
