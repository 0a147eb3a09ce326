import type { IdeaAuthor, IdeaPublic } from '@ideasphere/shared';
import type { IdeaRecord, IdeaTally, SessionRecord, Store } from '../../store/Store.js';
import { type Audience, isLive, votesHiddenFrom } from './visibility.js';

/**
 * Turns idea records into what an audience may see, with author names and tallies looked up
 * in one batch per call. In anonymous sessions, names and ids of authors never reach the
 * audience; the facilitator still sees them (moderation needs to know who wrote what). While
 * the session hides vote counts from the audience, its ideas carry `votes: null`.
 */
export class IdeaPresenter {
  constructor(private readonly store: Store) {}

  async present(
    session: SessionRecord,
    ideas: readonly IdeaRecord[],
    audiences: readonly Audience[],
    tallies?: Record<string, IdeaTally>,
  ): Promise<Record<Audience, IdeaPublic[]>> {
    const result: Record<Audience, IdeaPublic[]> = { staff: [], audience: [] };
    if (ideas.length === 0) return result;
    const [names, totals] = await Promise.all([
      this.authorNames(session.id, ideas),
      tallies ?? this.store.board.talliesOf(session.id, ideas.map((idea) => idea.id)),
    ]);
    for (const audience of audiences) {
      const showAuthors = audience === 'staff' || !session.settings.anonymous;
      const hideVotes = votesHiddenFrom(session, audience);
      result[audience] = ideas.map((idea) => {
        const tally = totals[idea.id];
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
          votes: hideVotes ? null : (tally?.votes ?? 0),
          reactions: tally?.reactions ?? {},
          createdAt: idea.createdAt.toISOString(),
        };
      });
    }
    return result;
  }

  /**
   * An author's own ideas as their phone shows them, from the same ideas already `presented`:
   * live ones unchanged; deleted or merged ones as `hidden`, and a merged one with the id and
   * title of the idea it went into.
   */
  async asOwn(sessionId: string, ideas: readonly IdeaRecord[], presented: readonly IdeaPublic[]): Promise<IdeaPublic[]> {
    const targetIds = new Set<string>();
    for (const idea of ideas) if (idea.deletedAt === null && idea.mergedInto !== null) targetIds.add(idea.mergedInto);
    const targets = targetIds.size === 0 ? [] : await this.store.board.getIdeas(sessionId, [...targetIds]);
    const titles = new Map(targets.map((target) => [target.id, target.title]));
    return ideas.map((idea, index) => {
      const shown = presented[index] as IdeaPublic;
      if (isLive(idea)) return shown;
      const title = idea.deletedAt === null && idea.mergedInto !== null ? titles.get(idea.mergedInto) : undefined;
      return title === undefined || idea.mergedInto === null
        ? { ...shown, status: 'hidden' }
        : { ...shown, status: 'hidden', mergedInto: { id: idea.mergedInto, title } };
    });
  }

  private async authorNames(sessionId: string, ideas: readonly IdeaRecord[]): Promise<Map<string, string>> {
    const ids = [...new Set(ideas.flatMap((idea) => idea.authorIds))];
    const participants = await this.store.getParticipantsByIds(sessionId, ids);
    return new Map(participants.map((p) => [p.id, p.name]));
  }
}
