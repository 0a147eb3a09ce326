/**
 * Ideas and proposals an account shows on its profile ("publications"). docs/search.md states
 * the rule: an idea or proposal is public only while all of these hold — its author (the phone
 * participant who wrote the idea, or who started the proposal) is kept in the account, the
 * account marked it "show on my profile" (never by default), the account is active and has a
 * profile, and (ideas) the idea is visible on its board, neither hidden, held, pending, merged
 * nor deleted. It is seen by the audience of the profile (public, or signed-in members).
 * Challenge responses are never publications.
 */

/** What an account can show on its profile. */
export const PUBLICATION_KINDS = ['idea', 'proposal'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

/** Ideas and proposals one account may show on its profile. */
export const PUBLICATIONS_PER_ACCOUNT_MAX = 200;

/** `GET /api/profiles/person/:id/publications`: one public idea or proposal of a profile. */
export interface PublicationPublic {
  kind: PublicationKind;
  id: string;
  title: string;
  /** The idea's detail; empty for a proposal. */
  text: string;
  /** The live session's title it came from. */
  sessionTitle: string;
  publishedAt: string;
}
