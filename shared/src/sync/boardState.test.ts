import { describe, expect, it } from 'vitest';
import type { BoardDelta, BoardSnapshot, IdeaPublic } from '../index.js';
import { defaultBoardSettings } from '../boardModel.js';
import {
  boardReducer,
  compareByVotes,
  compareNewestFirst,
  comparePinnedThenNewest,
  initialBoardState,
  sortedIdeas,
  votesUsed,
  type BoardAction,
} from './boardState.js';

function idea(id: string, second: number, extra: Partial<IdeaPublic> = {}): IdeaPublic {
  return {
    id,
    clientId: `client-${id}`,
    title: `Idea ${id}`,
    detail: '',
    category: null,
    status: 'visible',
    pinned: false,
    clusterId: null,
    authors: null,
    votes: 0,
    reactions: {},
    createdAt: new Date(Date.UTC(2025, 0, 1, 9, 0, second)).toISOString(),
    ...extra,
  };
}

function snapshot(ideas: IdeaPublic[], extra: Partial<BoardSnapshot> = {}): BoardSnapshot {
  return {
    version: 1,
    phase: { phase: 'collect', endsAt: null, remainingMs: null },
    settings: defaultBoardSettings(),
    clusters: [],
    firstPage: { ideas, nextCursor: null },
    mine: [],
    ballot: {},
    myReactions: {},
    ...extra,
  };
}

function delta(change: Partial<BoardDelta>): BoardDelta {
  return { ideas: [], removedIdeaIds: [], tallies: {}, clusters: [], removedClusterIds: [], ...change };
}

const run = (...actions: BoardAction[]) => actions.reduce(boardReducer, initialBoardState);

describe('boardReducer', () => {
  it('replaces everything with a snapshot, including what earlier deltas added', () => {
    const state = run(
      { type: 'snapshot', snapshot: snapshot([idea('a', 1)]) },
      { type: 'delta', delta: delta({ ideas: [idea('b', 2)] }) },
      { type: 'snapshot', snapshot: snapshot([idea('c', 3)], { phase: { phase: 'vote', endsAt: null, remainingMs: null }, ballot: { c: 2 } }) },
    );
    expect([...state.ideas.keys()]).toEqual(['c']);
    expect(state.loaded).toBe(true);
    expect(state.phase.phase).toBe('vote');
    expect(state.ballot).toEqual({ c: 2 });
  });

  it('upserts ideas from a delta and drops removed ones', () => {
    const state = run(
      { type: 'snapshot', snapshot: snapshot([idea('a', 1), idea('b', 2)]) },
      { type: 'delta', delta: delta({ ideas: [idea('a', 1, { title: 'Edited' }), idea('c', 3)], removedIdeaIds: ['b'] }) },
    );
    expect([...state.ideas.keys()].sort()).toEqual(['a', 'c']);
    expect(state.ideas.get('a')?.title).toBe('Edited');
  });

  it('applies tallies to ideas it has and ignores unknown ids', () => {
    const state = run(
      { type: 'snapshot', snapshot: snapshot([idea('a', 1, { title: 'Keep me' })]) },
      { type: 'delta', delta: delta({ tallies: { a: { votes: 4, reactions: { '👍': 2 } }, zzz: { votes: 9, reactions: {} } } }) },
    );
    expect(state.ideas.get('a')).toMatchObject({ title: 'Keep me', votes: 4, reactions: { '👍': 2 } });
    expect(state.ideas.has('zzz')).toBe(false);
  });

  it('bumps tallyVersion only when something countable changed', () => {
    const loaded = run({ type: 'snapshot', snapshot: snapshot([idea('a', 1)]) });
    const tallied = boardReducer(loaded, { type: 'delta', delta: delta({ tallies: { a: { votes: 1, reactions: {} } } }) });
    expect(tallied.tallyVersion).toBeGreaterThan(loaded.tallyVersion);
    const clusterOnly = boardReducer(tallied, { type: 'delta', delta: delta({ clusters: [{ id: 'k1', name: 'Ops' }] }) });
    expect(clusterOnly.tallyVersion).toBe(tallied.tallyVersion);
  });

  it('upserts and removes clusters, keeping creation order', () => {
    const state = run(
      { type: 'snapshot', snapshot: snapshot([], { clusters: [{ id: 'k1', name: 'One' }] }) },
      { type: 'delta', delta: delta({ clusters: [{ id: 'k2', name: 'Two' }, { id: 'k1', name: 'First' }] }) },
      { type: 'delta', delta: delta({ removedClusterIds: ['k2'] }) },
    );
    expect([...state.clusters.values()]).toEqual([{ id: 'k1', name: 'First' }]);
  });

  it('moves ideas of a cluster deleted by ack back to no cluster', () => {
    const state = run(
      { type: 'snapshot', snapshot: snapshot([idea('a', 1, { clusterId: 'k1' }), idea('b', 2)], { clusters: [{ id: 'k1', name: 'One' }] }) },
      { type: 'clusterRemoved', clusterId: 'k1' },
    );
    expect(state.clusters.size).toBe(0);
    expect(state.ideas.get('a')?.clusterId).toBeNull();
  });

  it('never lets a later page overwrite what a delta already said', () => {
    const state = run(
      { type: 'snapshot', snapshot: { ...snapshot([idea('a', 1)]), firstPage: { ideas: [idea('a', 1)], nextCursor: 'a' } } },
      { type: 'delta', delta: delta({ ideas: [idea('b', 2, { votes: 5 })] }) },
      { type: 'page', page: { ideas: [idea('b', 2, { votes: 0 }), idea('c', 0)], nextCursor: null } },
    );
    expect(state.ideas.get('b')?.votes).toBe(5);
    expect(state.ideas.has('c')).toBe(true);
    expect(state.nextCursor).toBeNull();
  });

  it('keeps the participant own ideas in step with deltas, also after they leave the board', () => {
    const pending = idea('m', 5, { status: 'pending' });
    const state = run(
      { type: 'snapshot', snapshot: snapshot([], { mine: [pending] }) },
      { type: 'delta', delta: delta({ ideas: [{ ...pending, status: 'visible' }] }) },
    );
    expect(state.mine.get('m')?.status).toBe('visible');
    expect(state.ideas.has('m')).toBe(true);
    const hidden = boardReducer(state, { type: 'delta', delta: delta({ removedIdeaIds: ['m'] }) });
    expect(hidden.ideas.has('m')).toBe(false);
    expect(hidden.mine.get('m')?.status).toBe('hidden');
  });

  it("shows the author's own off-board updates in mine only (pending → hidden, visible → hidden)", () => {
    const pending = idea('p', 5, { status: 'pending' });
    const shown = idea('s', 6);
    const state = run({ type: 'snapshot', snapshot: snapshot([shown], { mine: [pending, shown] }) });
    const after = boardReducer(state, {
      type: 'delta',
      delta: delta({ ideas: [{ ...pending, status: 'hidden' }, { ...shown, status: 'hidden' }] }),
    });
    expect(after.mine.get('p')?.status).toBe('hidden');
    expect(after.mine.get('s')?.status).toBe('hidden');
    expect(after.ideas.has('p')).toBe(false);
    expect(after.ideas.has('s')).toBe(false);
  });

  it('puts a submitted idea in mine, and on the board only once visible', () => {
    const loaded = run({ type: 'snapshot', snapshot: snapshot([]) });
    const held = boardReducer(loaded, { type: 'ownIdea', idea: idea('h', 1, { status: 'held' }) });
    expect(held.mine.has('h')).toBe(true);
    expect(held.ideas.has('h')).toBe(false);
    const visible = boardReducer(held, { type: 'ownIdea', idea: idea('v', 2) });
    expect(visible.ideas.has('v')).toBe(true);
  });

  it('takes the ballot and the idea count from a vote ack', () => {
    const state = run(
      { type: 'snapshot', snapshot: snapshot([idea('a', 1, { votes: 3 })]) },
      { type: 'vote', result: { ballot: { a: 2 }, remaining: 3, ideaId: 'a', ideaVotes: 5 } },
    );
    expect(state.ballot).toEqual({ a: 2 });
    expect(state.ideas.get('a')?.votes).toBe(5);
    expect(votesUsed(state.ballot)).toBe(2);
  });

  it('takes my reactions and the counts from a reaction ack', () => {
    const state = run(
      { type: 'snapshot', snapshot: snapshot([idea('a', 1)]) },
      { type: 'reaction', result: { ideaId: 'a', mine: ['❤️'], reactions: { '❤️': 7 } } },
    );
    expect(state.myReactions).toEqual({ a: ['❤️'] });
    expect(state.ideas.get('a')?.reactions).toEqual({ '❤️': 7 });
  });

  it('applies phase and settings broadcasts', () => {
    const state = run(
      { type: 'snapshot', snapshot: snapshot([]) },
      { type: 'phase', phase: { phase: 'results', endsAt: '2025-01-01T10:00:00.000Z', remainingMs: 5_000 } },
      { type: 'settings', settings: { ...defaultBoardSettings(), anonymous: true } },
    );
    expect(state.phase).toEqual({ phase: 'results', endsAt: '2025-01-01T10:00:00.000Z', remainingMs: 5_000 });
    expect(state.settings.anonymous).toBe(true);
  });

  it('does not copy the idea map for an ack about an idea it does not have', () => {
    const loaded = run({ type: 'snapshot', snapshot: snapshot([idea('a', 1)]) });
    const after = boardReducer(loaded, { type: 'ideaRemoved', ideaId: 'nope' });
    expect(after).toBe(loaded);
  });
});

describe('ordering', () => {
  const a = idea('a', 1, { votes: 2 });
  const b = idea('b', 2, { votes: 5, pinned: true });
  const c = idea('c', 3, { votes: 2 });
  const d = idea('d', 3, { votes: 0 });

  it('sorts newest first, ties by id', () => {
    expect(sortedIdeas([a, b, c, d], compareNewestFirst).map((i) => i.id)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('puts pinned ideas first', () => {
    expect(sortedIdeas([a, b, c, d], comparePinnedThenNewest).map((i) => i.id)).toEqual(['b', 'd', 'c', 'a']);
  });

  it('ranks by votes, the earlier idea first on a tie, and honours a limit', () => {
    expect(sortedIdeas([a, b, c, d], compareByVotes).map((i) => i.id)).toEqual(['b', 'a', 'c', 'd']);
    expect(sortedIdeas([a, b, c, d], compareByVotes, 2).map((i) => i.id)).toEqual(['b', 'a']);
  });
});
