import type { ChallengeQuery, ChallengeRecord } from './ChallengeStore.js';

/*
 * The catalogue's matching rules as pure functions: LMDB applies them to the records its
 * index keys lead to; MongoDB's query says the same in its own words, and the contract checks
 * that both return the same pages.
 */

/** The audience keys of a challenge's visibility: who besides its organisation may see it. */
export function audienceKeys(challenge: Pick<ChallengeRecord, 'visibility' | 'invitedOrganisationIds'>): string[] {
  switch (challenge.visibility) {
    case 'public':
      return ['public'];
    case 'platform':
      return ['platform'];
    case 'invited':
      return challenge.invitedOrganisationIds.map(invitedKey);
  }
}

/** The key an invited organisation's members hold. */
export function invitedKey(organisationId: string): string {
  return `org:${organisationId}`;
}

/** Lower-case text a query's `text` is looked for in. */
export function searchTextOf(challenge: Pick<ChallengeRecord, 'title' | 'problem'>): string {
  return `${challenge.title}\n${challenge.problem}`.toLowerCase();
}

export function matchesChallengeQuery(challenge: ChallengeRecord, query: ChallengeQuery): boolean {
  const own = query.ownOrganisationIds.includes(challenge.organisationId);
  const audience = query.audiences === 'all' || audienceKeys(challenge).some((key) => query.audiences.includes(key));
  if (!own && (challenge.status === 'draft' || !audience)) return false;
  if (!query.statuses.includes(challenge.status)) return false;
  if (query.fieldId !== undefined && !challenge.fieldIds.includes(query.fieldId)) return false;
  const deadline = challenge.deadline.at.getTime();
  if (query.deadlineAfter !== undefined && deadline <= query.deadlineAfter.getTime()) return false;
  if (query.deadlineAtOrBefore !== undefined && deadline > query.deadlineAtOrBefore.getTime()) return false;
  if (query.text !== undefined && query.text !== '' && !searchTextOf(challenge).includes(query.text)) return false;
  return true;
}

/** The catalogue's order: soonest deadline first (then id), or newest first (ids sort by creation). */
export function compareChallenges(sort: ChallengeQuery['sort']): (a: ChallengeRecord, b: ChallengeRecord) => number {
  const byId = (a: ChallengeRecord, b: ChallengeRecord) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  switch (sort) {
    case 'deadline':
      return (a, b) => a.deadline.at.getTime() - b.deadline.at.getTime() || byId(a, b);
    case 'newest':
      return (a, b) => byId(b, a);
  }
}
