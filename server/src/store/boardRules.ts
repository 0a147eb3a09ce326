import { REACTIONS, type Ballot, type IdeaStatus, type Reaction } from '@ideasphere/shared';
import type { VoteLimits, VoteRefusal } from './Store.js';

/**
 * Rules both stores apply inside their transactions, kept pure so LMDB and MongoDB decide
 * alike and the rules can be tested without a database.
 */

/** The fields that decide whether an idea may take votes or be merged. */
export interface IdeaState {
  status: IdeaStatus;
  mergedInto: string | null;
  deletedAt: unknown;
}

/** An idea as a vote sees it: votable or not, and who wrote it. */
export interface VotedIdea extends IdeaState {
  authorIds: readonly string[];
}

/** Votable: on the board, neither deleted nor merged away. */
export function isVotable(idea: IdeaState | null | undefined): idea is IdeaState {
  return idea !== null && idea !== undefined && idea.status === 'visible' && idea.deletedAt === null && idea.mergedInto === null;
}

/** Mergeable as a source: neither deleted nor already merged, whatever its status. */
export function isMergeable<T extends IdeaState>(idea: T | null | undefined): idea is T {
  return idea !== null && idea !== undefined && idea.deletedAt === null && idea.mergedInto === null;
}

/**
 * A merge target: mergeable and shown on the board. Merging into a hidden, held or pending idea
 * would hand its votes and authors to something nobody can see or vote on.
 */
export function isMergeTarget<T extends IdeaState>(idea: T | null | undefined): idea is T {
  return isMergeable(idea) && idea.status === 'visible';
}

/** Store inputs come from services that validated them; a bad count here is a bug, not input. */
export function assertVoteCount(count: number): void {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`vote count must be a non-negative integer, got ${count}`);
}

/**
 * Why `voterId` setting `ideaId` to `count` in `ballot` is refused, or null when allowed. Lowering
 * (or keeping) a count is always allowed, even when a facilitator has since lowered the limits
 * or forbidden votes on one's own ideas (a merge may have made an idea one's own after the
 * vote): it can only bring the ballot back within them.
 */
export function voteRefusal(
  ballot: Ballot,
  voterId: string,
  ideaId: string,
  idea: Pick<VotedIdea, 'authorIds'>,
  count: number,
  limits: VoteLimits,
): VoteRefusal | null {
  const current = ballot[ideaId] ?? 0;
  if (count <= current) return null;
  if (limits.forbidOwn && idea.authorIds.includes(voterId)) return 'own_idea';
  if (count > limits.maxPerIdea) return 'idea_limit_exceeded';
  if (ballotSum(ballot) - current + count > limits.budget) return 'budget_exceeded';
  return null;
}

export function ballotSum(ballot: Ballot): number {
  let sum = 0;
  for (const votes of Object.values(ballot)) sum += votes;
  return sum;
}

/** A copy of `ballot` with `ideaId` set to `count`; ideas without votes are left out. */
export function withVote(ballot: Ballot, ideaId: string, count: number): Ballot {
  const next: Ballot = Object.fromEntries(Object.entries(ballot).filter(([id]) => id !== ideaId));
  if (count > 0) next[ideaId] = count;
  return next;
}

/** A copy of `ballot` with the votes on `sourceId` added to those on `targetId`. */
export function moveVotes(ballot: Ballot, sourceId: string, targetId: string): Ballot {
  const moving = ballot[sourceId] ?? 0;
  const next = withVote(ballot, sourceId, 0);
  return moving > 0 ? withVote(next, targetId, (next[targetId] ?? 0) + moving) : next;
}

/** The target's authors, then the source's that are new to it. */
export function unionAuthors(target: readonly string[], source: readonly string[]): string[] {
  return [...new Set([...target, ...source])];
}

/** `mine` with `emoji` switched on or off, in REACTIONS order. */
export function toggleEmoji(mine: readonly Reaction[], emoji: Reaction): Reaction[] {
  const on = !mine.includes(emoji);
  return REACTIONS.filter((r) => (r === emoji ? on : mine.includes(r)));
}

/** A copy of `counts` with `emoji` moved by `delta`; zero counts are left out. */
export function withReactionDelta(
  counts: Partial<Record<Reaction, number>>,
  emoji: Reaction,
  delta: number,
): Partial<Record<Reaction, number>> {
  const next: Partial<Record<Reaction, number>> = {};
  for (const reaction of REACTIONS) {
    const count = (counts[reaction] ?? 0) + (reaction === emoji ? delta : 0);
    if (count > 0) next[reaction] = count;
  }
  return next;
}
