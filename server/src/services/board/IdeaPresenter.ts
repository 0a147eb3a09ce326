import type { IdeaAuthor, IdeaPublic, Reaction } from '@ideasphere/shared';
import type { IdeaRecord, SessionRecord, Store } from '../../store/Store.js';
import type { Audience } from './visibility.js';

export type Tally = { votes: number; reactions: Partial<Record<Reaction, number>> };

/**
 * Turns idea records into what an audience may see, with author names and tallies looked up
 * in one batch per call. In anonymous sessions, names and ids of authors never reach the
 * audience; the facilitator still sees them (moderation needs to know who wrote what).
 */
export class IdeaPresenter {
  constructor(private readonly store: Store) {}

  async present(
    session: SessionRecord,
    ideas: readonly IdeaRecord[],
    audiences: readonly Audience[],
    tallies?: Map<string, Tally>,
  ): Promise<Record<Audience, IdeaPublic[]>> {
    const result: Record<Audience, IdeaPublic[]> = { staff: [], audience: [] };
    if (ideas.length === 0) return result;
    const names = await this.authorNames(session.id, ideas);
    const totals = tallies ?? (await this.tallies(session.id));
    for (const audience of audiences) {
      const showAuthors = audience === 'staff' || !session.settings.anonymous;
      result[audience] = ideas.map((idea) => {
        const tally = totals.get(idea.id);
        const authors: IdeaAuthor[] | null = showAuthors
          ? idea.authorIds.map((id) => ({ id, name: names.get(id) ?? '?' }))
          : null;
        return {
          id: idea.id,
          clientId: idea.clientId,
          title: idea.title,
          detail: idea.detail,
          category: idea.category,
          status: idea.status,
          pinned: idea.pinned,
          clusterId: idea.clusterId,
          authors,
          votes: tally?.votes ?? 0,
          reactions: tally?.reactions ?? {},
          createdAt: idea.createdAt.toISOString(),
        };
      });
    }
    return result;
  }

  /** Current votes and reactions of every idea of the session. */
  async tallies(sessionId: string): Promise<Map<string, Tally>> {
    const [votes, reactions] = await Promise.all([this.store.board.voteTotals(sessionId), this.store.board.reactionTotals(sessionId)]);
    const tallies = new Map<string, Tally>();
    for (const [id, count] of Object.entries(votes)) tallies.set(id, { votes: count, reactions: {} });
    for (const [id, counts] of Object.entries(reactions)) {
      tallies.set(id, { votes: tallies.get(id)?.votes ?? 0, reactions: counts });
    }
    return tallies;
  }

  private async authorNames(sessionId: string, ideas: readonly IdeaRecord[]): Promise<Map<string, string>> {
    const ids = [...new Set(ideas.flatMap((idea) => idea.authorIds))];
    const participants = await this.store.getParticipantsByIds(sessionId, ids);
    return new Map(participants.map((p) => [p.id, p.name]));
  }
}
