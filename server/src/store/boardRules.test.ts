import { describe, expect, it } from 'vitest';
import { isMergeable, isMergeTarget, isVotable, moveVotes, toggleEmoji, unionAuthors, voteRefusal, withReactionDelta, withVote } from './boardRules.js';

const limits = { budget: 5, maxPerIdea: 3 };
/** An idea someone else wrote. */
const theirs = { authorIds: ['them'] };

describe('voteRefusal', () => {
  it('allows votes within both limits, up to exactly the budget', () => {
    expect(voteRefusal({}, 'me', 'a', theirs, 3, limits)).toBeNull();
    expect(voteRefusal({ a: 3 }, 'me', 'b', theirs, 2, limits)).toBeNull();
  });

  it('refuses raising past the per-idea limit, then past the budget', () => {
    expect(voteRefusal({}, 'me', 'a', theirs, 4, limits)).toBe('idea_limit_exceeded');
    expect(voteRefusal({ a: 3, b: 2 }, 'me', 'c', theirs, 1, limits)).toBe('budget_exceeded');
    // The idea's own votes are replaced, not added to.
    expect(voteRefusal({ a: 3, b: 1 }, 'me', 'b', theirs, 2, limits)).toBeNull();
    expect(voteRefusal({ a: 3, b: 1 }, 'me', 'b', theirs, 3, limits)).toBe('budget_exceeded');
  });

  it('always allows lowering or keeping, even over limits that shrank', () => {
    const over = { a: 4, b: 4 };
    expect(voteRefusal(over, 'me', 'a', theirs, 3, limits)).toBeNull();
    expect(voteRefusal(over, 'me', 'a', theirs, 4, limits)).toBeNull();
    expect(voteRefusal(over, 'me', 'a', theirs, 0, limits)).toBeNull();
    expect(voteRefusal(over, 'me', 'c', theirs, 1, limits)).toBe('budget_exceeded');
  });

  it('refuses raising the votes on an idea the voter wrote or co-wrote, only when the session forbids it', () => {
    const forbid = { ...limits, forbidOwn: true };
    const merged = { authorIds: ['them', 'me'] };
    expect(voteRefusal({}, 'me', 'a', { authorIds: ['me'] }, 1, forbid)).toBe('own_idea');
    expect(voteRefusal({}, 'me', 'a', merged, 1, forbid)).toBe('own_idea');
    expect(voteRefusal({}, 'me', 'a', theirs, 1, forbid)).toBeNull();
    expect(voteRefusal({}, 'me', 'a', merged, 1, limits)).toBeNull();
    // Votes that became one's own (a merge, or the setting switched on) may still be taken back.
    expect(voteRefusal({ a: 2 }, 'me', 'a', merged, 1, forbid)).toBeNull();
    expect(voteRefusal({ a: 2 }, 'me', 'a', merged, 0, forbid)).toBeNull();
    expect(voteRefusal({ a: 2 }, 'me', 'a', merged, 3, forbid)).toBe('own_idea');
  });
});

describe('ballot edits', () => {
  it('sets and withdraws votes without touching the input', () => {
    const ballot = { a: 1 };
    expect(withVote(ballot, 'b', 2)).toEqual({ a: 1, b: 2 });
    expect(withVote(ballot, 'a', 0)).toEqual({});
    expect(ballot).toEqual({ a: 1 });
  });

  it('moves votes onto the target, adding to what is there', () => {
    expect(moveVotes({ s: 2, t: 1, x: 1 }, 's', 't')).toEqual({ t: 3, x: 1 });
    expect(moveVotes({ s: 2 }, 's', 't')).toEqual({ t: 2 });
    expect(moveVotes({ x: 1 }, 's', 't')).toEqual({ x: 1 });
  });
});

describe('idea states', () => {
  const visible = { status: 'visible', mergedInto: null, deletedAt: null } as const;

  it('lets only visible, live ideas take votes', () => {
    expect(isVotable(visible)).toBe(true);
    expect(isVotable({ ...visible, status: 'hidden' })).toBe(false);
    expect(isVotable({ ...visible, status: 'pending' })).toBe(false);
    expect(isVotable({ ...visible, mergedInto: 'x' })).toBe(false);
    expect(isVotable({ ...visible, deletedAt: new Date() })).toBe(false);
    expect(isVotable(null)).toBe(false);
  });

  it('merges any live idea, whatever its status', () => {
    expect(isMergeable({ ...visible, status: 'held' })).toBe(true);
    expect(isMergeable({ ...visible, deletedAt: 1 })).toBe(false);
    expect(isMergeable({ ...visible, mergedInto: 'x' })).toBe(false);
    expect(isMergeable(undefined)).toBe(false);
  });

  it('merges only into a live idea shown on the board', () => {
    expect(isMergeTarget(visible)).toBe(true);
    for (const status of ['hidden', 'held', 'pending'] as const) expect(isMergeTarget({ ...visible, status })).toBe(false);
    expect(isMergeTarget({ ...visible, deletedAt: 1 })).toBe(false);
    expect(isMergeTarget({ ...visible, mergedInto: 'x' })).toBe(false);
    expect(isMergeTarget(null)).toBe(false);
  });

  it('unites authors without repeats, the target first', () => {
    expect(unionAuthors(['a', 'b'], ['c', 'a', 'd'])).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('reactions', () => {
  it('toggles an emoji and keeps REACTIONS order', () => {
    expect(toggleEmoji(['💡'], '👍')).toEqual(['👍', '💡']);
    expect(toggleEmoji(['👍', '💡'], '👍')).toEqual(['💡']);
    expect(toggleEmoji([], '🤔')).toEqual(['🤔']);
  });

  it('moves counts and leaves zeros out', () => {
    expect(withReactionDelta({ '👍': 1 }, '👍', -1)).toEqual({});
    expect(withReactionDelta({ '👍': 1 }, '🎉', 1)).toEqual({ '👍': 1, '🎉': 1 });
  });
});
