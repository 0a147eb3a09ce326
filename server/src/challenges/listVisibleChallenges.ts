import { CHALLENGE_CLOSING_SOON_MS, CHALLENGE_STATUSES, type ChallengeListQuery } from '@ideasphere/shared';
import type { ChallengeQuery, ChallengeQueryResult, ChallengeStore } from '../store/ChallengeStore.js';
import { viewerScope, type Viewer } from './challengePolicy.js';

/**
 * The catalogue's one query: the challenges `viewer` may see that match `filter`, one page of
 * them in the filter's order, and how many match in all. Everything the catalogue finds goes
 * through here, so a search engine can take its place later (the policy's `viewerScope` says
 * what a viewer may see; the text filter is a plain substring match for now).
 */
export async function listVisibleChallenges(store: ChallengeStore, viewer: Viewer, filter: ChallengeListQuery, now: Date): Promise<ChallengeQueryResult> {
  const query: ChallengeQuery = {
    ...viewerScope(viewer),
    statuses: filter.status === undefined ? CHALLENGE_STATUSES : [filter.status],
    sort: filter.sort,
    offset: filter.offset,
    limit: filter.limit,
  };
  if (filter.field !== undefined) query.fieldId = filter.field;
  if (filter.q) query.text = filter.q.toLowerCase();
  switch (filter.deadline) {
    case undefined:
      break;
    case 'open':
      query.deadlineAfter = now;
      break;
    case 'closing_soon':
      query.deadlineAfter = now;
      query.deadlineAtOrBefore = new Date(now.getTime() + CHALLENGE_CLOSING_SOON_MS);
      break;
    case 'past':
      query.deadlineAtOrBefore = now;
      break;
  }
  return store.queryChallenges(query);
}
