import { PUBLICATIONS_PER_ACCOUNT_MAX, type PublicationKind, type PublicationPublic, type publicationBodySchema } from '@ideasphere/shared';
import type { z } from 'zod';
import { errors } from '../errors.js';
import type { PublicationRecord } from '../store/LiveLinkStore.js';
import type { Store } from '../store/Store.js';
import type { Actor } from './accountPolicy.js';
import type { ProfileService } from './ProfileService.js';
import { publishedItem, resolvePublication } from './publicationRules.js';

/**
 * "Show on my profile" for the ideas and proposals an account kept. Only the account that kept
 * the author may show an item; whether it is public at any moment is `resolvePublication`'s to
 * say. Every stored change is told to `onChanged` (the search index follows it).
 */
export class PublicationService {
  constructor(
    private readonly store: Store,
    private readonly profiles: ProfileService,
    private readonly now: () => number,
    private readonly onChanged: (kind: PublicationKind, itemId: string) => Promise<void> = async () => undefined,
  ) {}

  /** Shows or hides one kept item; another account's item (or one off its board) is not found. */
  async setShown(actor: Actor, input: z.output<typeof publicationBodySchema>): Promise<{ shown: boolean }> {
    const session = await this.store.getSessionByCode(input.code);
    if (!session) throw errors.keptItemNotFound();
    if (!input.shown) {
      const existing = await this.store.liveLinks.getPublication(input.kind, input.id);
      if (!existing || existing.accountId !== actor.account.id || existing.sessionId !== session.id) throw errors.keptItemNotFound();
      await this.store.liveLinks.unpublish(input.kind, input.id);
      await this.onChanged(input.kind, input.id);
      return { shown: false };
    }
    const item = await publishedItem(this.store, { kind: input.kind, sessionId: session.id, itemId: input.id });
    const claim = item ? await this.store.liveLinks.getClaim(session.id, item.authorId) : null;
    if (claim?.accountId !== actor.account.id) throw errors.keptItemNotFound();
    const publication: PublicationRecord = { accountId: actor.account.id, kind: input.kind, sessionId: session.id, itemId: input.id, publishedAt: new Date(this.now()) };
    const outcome = await this.store.liveLinks.publish(publication, PUBLICATIONS_PER_ACCOUNT_MAX);
    if (!outcome.ok) throw errors.publicationsFull(PUBLICATIONS_PER_ACCOUNT_MAX);
    await this.onChanged(input.kind, input.id);
    return { shown: true };
  }

  /** The public ideas and proposals of a person's profile, for whoever may see that profile. */
  async listForProfile(viewer: Actor | null, accountId: string): Promise<PublicationPublic[]> {
    // Refuses as the profile page does: a profile the viewer may not see has nothing to list.
    const profile = await this.profiles.view(viewer, 'person', accountId);
    if (profile.visibility !== 'public' && viewer === null) throw errors.profileNotFound();
    const publications = await this.store.liveLinks.listPublications(accountId, PUBLICATIONS_PER_ACCOUNT_MAX);
    const resolved = await Promise.all(publications.map((publication) => resolvePublication(this.store, publication)));
    return resolved.flatMap((entry) => (entry && (entry.visibility === 'public' || viewer !== null) ? [entry.shown] : []));
  }
}
