import type { EventInput } from '@ideasphere/shared';
import { type ReactionResult, type VoteResult } from '@ideasphere/shared';
import { AppError, errors } from '../../errors.js';
import type { ParticipantRecord, SessionRecord, Store, VoteRefusal } from '../../store/Store.js';
import type { BoardBroadcaster } from './BoardBroadcaster.js';
import { isVisibleTo, phaseIsOpen, votesHiddenFrom } from './visibility.js';

const REFUSALS: Record<VoteRefusal, (session: SessionRecord) => AppError> = {
  budget_exceeded: (s) => errors.voteBudgetExceeded(s.settings.voteBudget),
  idea_limit_exceeded: (s) => errors.votesPerIdeaExceeded(s.settings.maxVotesPerIdea),
  idea_unavailable: () => errors.ideaNotFound(),
  own_idea: () => errors.ownIdeaVote(),
};

/** Dot voting within a budget, and emoji reactions. */
export class VotingService {
  constructor(
    private readonly store: Store,
    private readonly broadcaster: BoardBroadcaster,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Sets the participant's votes on one idea. The budget, the per-idea cap and (when the session
   * forbids it) authorship are checked and the vote stored in one atomic store operation, so
   * concurrent votes are never lost and never overspend, and a merge that makes the idea the
   * voter's own cannot slip between check and write. The ack carries the idea's total only where
   * participants may see counts.
   */
  async cast(session: SessionRecord, voter: ParticipantRecord, input: EventInput<'vote:cast'>): Promise<VoteResult> {
    if (session.phase !== 'vote' || !phaseIsOpen(session, this.now())) throw errors.phaseClosed('Voting');
    const { ideaId, count } = input;
    const outcome = await this.store.board.setVote(session.id, voter.id, ideaId, count, {
      budget: session.settings.voteBudget,
      maxPerIdea: session.settings.maxVotesPerIdea,
      forbidOwn: session.settings.forbidOwnVotes,
    });
    if (!outcome.ok) throw REFUSALS[outcome.reason](session);
    this.broadcaster.tallyChanged(session.id, ideaId);
    const spent = Object.values(outcome.ballot).reduce((sum, n) => sum + n, 0);
    const ideaVotes = votesHiddenFrom(session, 'audience') ? null : outcome.ideaVotes;
    return { ballot: outcome.ballot, remaining: Math.max(0, session.settings.voteBudget - spent), ideaId, ideaVotes };
  }

  /** Toggles one emoji on a visible idea (in any phase). */
  async react(session: SessionRecord, participant: ParticipantRecord, input: EventInput<'reaction:toggle'>): Promise<ReactionResult> {
    const idea = await this.store.board.getIdea(session.id, input.ideaId);
    if (!idea || !isVisibleTo(idea, 'audience')) throw errors.ideaNotFound();
    const { mine, counts } = await this.store.board.toggleReaction(session.id, participant.id, idea.id, input.emoji);
    this.broadcaster.reactionChanged(session.id, idea.id);
    return { ideaId: idea.id, mine, reactions: counts };
  }
}
