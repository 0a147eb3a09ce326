import type { ProfileVisibility, PublicationPublic } from '@ideasphere/shared';
import type { PublicationRecord } from '../store/LiveLinkStore.js';
import type { Store } from '../store/Store.js';

/** A publication that is public now, with what the profile page and the search index show of it. */
export interface ResolvedPublication {
  publication: PublicationRecord;
  shown: PublicationPublic;
  /** Who may see it: the audience of the account's profile. */
  visibility: ProfileVisibility;
  /** The profile's taxonomy fields (an idea has none of its own). */
  fields: readonly string[];
}

/**
 * The one rule for when a kept idea or proposal is public (docs/search.md). Everything is read
 * again from the store, so a change anywhere (the claim, the account, the profile's visibility,
 * the idea's moderation) can only make it less visible, never leak it:
 * - the publication's account still keeps the author (the idea's submitter, the proposal's
 *   starter) and is active;
 * - an idea is `visible` on its board, neither merged nor deleted; a proposal belongs to a live
 *   session (a challenge response's document never does);
 * - it is seen by the profile's audience: anyone for a public profile, signed-in members
 *   otherwise (an account without a profile yet counts as members-only, as its page does).
 * A proposal shows its title only: its text and sources are co-written by others.
 */
export async function resolvePublication(store: Store, publication: PublicationRecord): Promise<ResolvedPublication | null> {
  const [account, session, profile] = await Promise.all([
    store.accounts.getAccount(publication.accountId),
    store.getSession(publication.sessionId),
    store.profiles.getProfile('person', publication.accountId),
  ]);
  if (account?.status !== 'active' || !session) return null;
  const item = await publishedItem(store, publication);
  if (!item) return null;
  const claim = await store.liveLinks.getClaim(publication.sessionId, item.authorId);
  if (claim?.accountId !== publication.accountId) return null;
  return {
    publication,
    shown: {
      kind: publication.kind,
      id: publication.itemId,
      title: item.title,
      text: item.text,
      sessionTitle: session.title,
      publishedAt: publication.publishedAt.toISOString(),
    },
    visibility: profile?.visibility ?? 'platform',
    fields: profile?.fields ?? [],
  };
}

/** The item's author, title and text while it may be public; null otherwise. */
export async function publishedItem(store: Store, target: Pick<PublicationRecord, 'kind' | 'sessionId' | 'itemId'>): Promise<{ authorId: string; title: string; text: string } | null> {
  switch (target.kind) {
    case 'idea': {
      const idea = await store.board.getIdea(target.sessionId, target.itemId);
      if (!idea || idea.status !== 'visible' || idea.deletedAt !== null || idea.mergedInto !== null) return null;
      return { authorId: idea.authorId, title: idea.title, text: idea.detail };
    }
    case 'proposal': {
      const proposal = await store.proposals.getProposal(target.itemId);
      if (!proposal || proposal.sessionId !== target.sessionId || proposal.createdByParticipantId === null) return null;
      return { authorId: proposal.createdByParticipantId, title: proposal.title, text: '' };
    }
    default: {
      const unknown: never = target.kind;
      throw new Error(`unknown publication kind ${String(unknown)}`);
    }
  }
}
