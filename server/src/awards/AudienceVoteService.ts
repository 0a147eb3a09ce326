import { CATEGORIES_MAX, IDEA_DETAIL_MAX_CHARS, IDEA_TITLE_MAX_CHARS, truncateGraphemes } from '@ideasphere/shared';
import { errors } from '../errors.js';
import type { BoardService } from '../services/board/BoardService.js';
import type { IdeaService } from '../services/board/IdeaService.js';
import type { AudienceVoteRecord, AwardCategoryRecord, AwardProgrammeRecord, NominationRecord } from '../store/AwardStore.js';
import type { Store } from '../store/Store.js';

/**
 * A category's audience vote, held with the board's own voting: each accepted nomination
 * becomes an organisers' idea on the linked session's board, under a board category named after
 * the award, and the session goes to its vote phase. Phones vote with their budget as for any
 * idea (same rules, same transaction); a nomination's votes are its idea's votes. Closing
 * freezes the counts in the programme, so later votes on the board change nothing.
 */
export class AudienceVoteService {
  constructor(
    private readonly store: Store,
    private readonly board: BoardService,
    private readonly ideas: IdeaService,
    private readonly now: () => number,
  ) {}

  async start(programme: AwardProgrammeRecord, category: AwardCategoryRecord, nominations: readonly NominationRecord[]): Promise<AwardProgrammeRecord> {
    if (category.liveSessionId === null) throw errors.awardSessionRequired();
    if (category.audienceVote !== null) throw errors.audienceVoteStateInvalid(category.audienceVote.status === 'open' ? 'is already open' : 'has already been held');
    const accepted = nominations.filter((n) => n.categoryId === category.id && n.status === 'accepted');
    if (accepted.length === 0) throw errors.awardNoAcceptedNominations();
    const session = await this.store.getSession(category.liveSessionId);
    if (!session) throw errors.sessionNotFound();

    const boardCategory = session.language === 'zh' ? category.nameZh : category.nameEn;
    const { categories } = session.settings;
    // A full list of board categories leaves the nominees uncategorised rather than refusing the vote.
    const placeUnder = categories.includes(boardCategory) || categories.length < CATEGORIES_MAX ? boardCategory : null;
    if (placeUnder !== null && !categories.includes(placeUnder)) await this.board.configure(session, { categories: [...categories, placeUnder] });
    const ideaIds: Record<string, string> = {};
    for (const nomination of accepted) {
      const idea = await this.ideas.placeStaffIdea(session, {
        clientId: `award-${nomination.id}`,
        title: truncateGraphemes(nomination.nomineeName, IDEA_TITLE_MAX_CHARS),
        detail: truncateGraphemes(nomination.citation, IDEA_DETAIL_MAX_CHARS),
        category: placeUnder,
      });
      ideaIds[nomination.id] = idea.id;
    }
    const vote: AudienceVoteRecord = { sessionId: session.id, status: 'open', ideaIds, finalVotes: {}, startedAt: new Date(this.now()), closedAt: null };
    const changed = await this.store.awards.changeProgramme(programme.id, (current) => {
      const now = current.categories.find((c) => c.id === category.id);
      if (!now) return { ok: false, reason: 'award_category_not_found' };
      if (now.audienceVote !== null || now.liveSessionId !== session.id) return { ok: false, reason: 'audience_vote_state_invalid' };
      return { ok: true, record: withCategory(current, { ...now, audienceVote: vote }, this.now()) };
    });
    if (!changed.ok) throw refusal(changed.reason);
    if (session.phase !== 'vote') await this.board.setPhase(session, { phase: 'vote', timerSeconds: null });
    return changed.record;
  }

  async close(programme: AwardProgrammeRecord, category: AwardCategoryRecord): Promise<AwardProgrammeRecord> {
    const vote = category.audienceVote;
    if (vote?.status !== 'open') throw errors.audienceVoteStateInvalid('is not open');
    const finalVotes = await this.liveCounts(vote);
    const changed = await this.store.awards.changeProgramme(programme.id, (current) => {
      const now = current.categories.find((c) => c.id === category.id);
      if (!now) return { ok: false, reason: 'award_category_not_found' };
      if (now.audienceVote?.status !== 'open') return { ok: false, reason: 'audience_vote_state_invalid' };
      return { ok: true, record: withCategory(current, { ...now, audienceVote: { ...now.audienceVote, status: 'closed', finalVotes, closedAt: new Date(this.now()) } }, this.now()) };
    });
    if (!changed.ok) throw refusal(changed.reason);
    return changed.record;
  }

  /** nomination id → votes: live from the board while open, frozen once closed; null without a vote. */
  async counts(category: AwardCategoryRecord): Promise<Record<string, number> | null> {
    const vote = category.audienceVote;
    if (vote === null) return null;
    return vote.status === 'closed' ? vote.finalVotes : this.liveCounts(vote);
  }

  private async liveCounts(vote: AudienceVoteRecord): Promise<Record<string, number>> {
    const tallies = await this.store.board.talliesOf(vote.sessionId, Object.values(vote.ideaIds));
    return Object.fromEntries(Object.entries(vote.ideaIds).map(([nominationId, ideaId]) => [nominationId, tallies[ideaId]?.votes ?? 0]));
  }
}

/** The programme with one category replaced. */
export function withCategory(programme: AwardProgrammeRecord, category: AwardCategoryRecord, now: number): AwardProgrammeRecord {
  return { ...programme, categories: programme.categories.map((c) => (c.id === category.id ? category : c)), updatedAt: new Date(now) };
}

function refusal(reason: 'award_category_not_found' | 'audience_vote_state_invalid' | 'award_programme_not_found') {
  switch (reason) {
    case 'award_category_not_found':
      return errors.awardCategoryNotFound();
    case 'award_programme_not_found':
      return errors.awardProgrammeNotFound();
    case 'audience_vote_state_invalid':
      return errors.audienceVoteStateInvalid('changed meanwhile');
  }
}
