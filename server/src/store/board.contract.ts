import type { Ballot } from '@ideasphere/shared';
import { describe, expect, it } from 'vitest';
import { newId } from '../ids.js';
import {
  addedIdeas,
  addedParticipants,
  at,
  createdSession,
  makeCluster,
  makeIdea,
  sortedIds,
  type StoreHarness,
} from './contract.fixtures.js';
import { StoreConflictError, type Store, type VoteOutcome } from './Store.js';

const LIMITS = { budget: 5, maxPerIdea: 3 };

/**
 * The live idea board part of the store contract: ideas, votes, merges, reactions, clusters.
 * `getStore` gives the store the surrounding contract opened; every test makes its own session.
 */
export function describeBoardContract(getStore: () => Store, harness: StoreHarness): void {
  /** A fresh session with participants, and visible ideas by the first participant. */
  async function board(participantCount: number, ideaCount: number) {
    const store = getStore();
    const session = await createdSession(store);
    const people = await addedParticipants(store, session.id, participantCount);
    const ideas = ideaCount > 0 ? await addedIdeas(store, session.id, at(people, 0).id, ideaCount) : [];
    return { store, sessionId: session.id, people: people.map((p) => p.id), ideas: ideas.map((i) => i.id) };
  }

  describe('ideas', () => {
    it('returns an added idea, dates as Dates, and only in its own session', async () => {
      const { store, sessionId, people } = await board(1, 0);
      const idea = makeIdea(sessionId, at(people, 0), { detail: '详细说明\nsecond line', category: '产品', pinned: true });
      expect(await store.board.addIdea(idea)).toEqual({ idea, created: true });
      const got = await store.board.getIdea(sessionId, idea.id);
      expect(got).toEqual(idea);
      expect(got?.createdAt).toBeInstanceOf(Date);
      expect(got?.createdAt.getTime()).toBe(idea.createdAt.getTime());
      expect(await store.board.getIdea(sessionId, newId())).toBeNull();
      const other = await createdSession(store);
      expect(await store.board.getIdea(other.id, idea.id)).toBeNull();
    });

    it('returns the first idea for a retried submission, but lets another author reuse the clientId', async () => {
      const { store, sessionId, people } = await board(2, 0);
      const first = makeIdea(sessionId, at(people, 0));
      await store.board.addIdea(first);
      const retry = makeIdea(sessionId, at(people, 0), { clientId: first.clientId, title: 'retried' });
      expect(await store.board.addIdea(retry)).toEqual({ idea: first, created: false });
      expect(await store.board.getIdea(sessionId, retry.id)).toBeNull();
      // A retry that reuses the idea id is a retry too, not a conflict.
      expect(await store.board.addIdea({ ...first, title: 'retried' })).toEqual({ idea: first, created: false });

      const byOther = makeIdea(sessionId, at(people, 1), { clientId: first.clientId });
      expect(await store.board.addIdea(byOther)).toEqual({ idea: byOther, created: true });
      expect(await store.board.countIdeas(sessionId)).toBe(2);
    });

    it("lists one author's ideas of every status, oldest first, and only theirs", async () => {
      const { store, sessionId, people } = await board(2, 0);
      const [ann, bob] = [at(people, 0), at(people, 1)];
      const base = Date.now();
      const annIdeas = [0, 1, 2].map((i) => makeIdea(sessionId, ann, { id: newId(base + i * 10) }));
      for (const idea of [...annIdeas].reverse()) await store.board.addIdea(idea);
      await store.board.addIdea(makeIdea(sessionId, bob));
      await store.board.updateIdea(sessionId, at(annIdeas, 1).id, { status: 'hidden', deletedAt: new Date() });
      const listed = await store.board.listIdeasByAuthor(sessionId, ann);
      expect(listed.map((i) => i.id)).toEqual(annIdeas.map((i) => i.id));
      expect(listed[1]?.status).toBe('hidden');
      expect(await store.board.listIdeasByAuthor(sessionId, newId())).toEqual([]);
      const other = await createdSession(store);
      expect(await store.board.listIdeasByAuthor(other.id, ann)).toEqual([]);
    });

    it('stores one idea when a submission is retried concurrently', async () => {
      const { store, sessionId, people } = await board(1, 0);
      const clientId = newId();
      const attempts = Array.from({ length: 6 }, () => makeIdea(sessionId, at(people, 0), { clientId }));
      const results = await Promise.all(attempts.map((idea) => store.board.addIdea(idea)));
      const created = results.filter((r) => r.created);
      expect(created).toHaveLength(1);
      for (const r of results) expect(r.idea).toEqual(created[0]?.idea);
      expect(await store.board.countIdeas(sessionId)).toBe(1);
    });

    it('refuses a taken idea id and keeps the first idea', async () => {
      const { store, sessionId, people } = await board(1, 0);
      const first = makeIdea(sessionId, at(people, 0));
      await store.board.addIdea(first);
      await expect(store.board.addIdea(makeIdea(sessionId, at(people, 0), { id: first.id, title: 'impostor' }))).rejects.toBeInstanceOf(
        StoreConflictError,
      );
      expect(await store.board.getIdea(sessionId, first.id)).toEqual(first);
      expect(await store.board.countIdeas(sessionId)).toBe(1);
    });

    it('pages ideas of every status in id order, strictly after the cursor, and counts them all', async () => {
      const { store, sessionId, people } = await board(1, 0);
      const author = at(people, 0);
      const base = Date.now();
      const all = Array.from({ length: 7 }, (_, i) =>
        makeIdea(sessionId, author, { id: newId(base + i), status: i === 5 ? 'pending' : 'visible' }),
      );
      // Inserted out of order: the order must come from the ids.
      for (const i of [3, 0, 6, 1, 5, 2, 4]) await store.board.addIdea(at(all, i));
      await store.board.updateIdea(sessionId, at(all, 1).id, { status: 'hidden' });
      await store.board.updateIdea(sessionId, at(all, 2).id, { deletedAt: new Date() });
      await store.board.mergeIdeas(sessionId, at(all, 3).id, at(all, 4).id);
      // A session whose id extends this one's must not leak into its pages.
      const neighbour = await createdSession(store, { id: `${sessionId}x` });
      await store.board.addIdea(makeIdea(neighbour.id, author));
      const ids = all.map((idea) => idea.id);

      const page1 = await store.board.listIdeas(sessionId, { limit: 3 });
      expect(page1.map((idea) => idea.id)).toEqual(ids.slice(0, 3));
      expect(page1.map((idea) => idea.status)).toEqual(['visible', 'hidden', 'visible']);
      expect(page1[2]?.deletedAt).toBeInstanceOf(Date);
      const page2 = await store.board.listIdeas(sessionId, { after: page1.at(-1)?.id, limit: 3 });
      expect(page2.map((idea) => idea.id)).toEqual(ids.slice(3, 6));
      expect(page2[0]?.mergedInto).toBe(at(all, 4).id);
      const page3 = await store.board.listIdeas(sessionId, { after: page2.at(-1)?.id, limit: 3 });
      expect(page3).toEqual([at(all, 6)]);
      expect(await store.board.listIdeas(sessionId, { after: at(ids, 6), limit: 3 })).toEqual([]);
      expect(await store.board.listIdeas(sessionId, { limit: 0 })).toEqual([]);
      // Newest first, as a board shows them: the cursor is the last id of the previous page.
      const newest = await store.board.listIdeas(sessionId, { limit: 4, newestFirst: true });
      expect(newest.map((idea) => idea.id)).toEqual(ids.slice(3).reverse());
      const older = await store.board.listIdeas(sessionId, { after: newest.at(-1)?.id, limit: 4, newestFirst: true });
      expect(older.map((idea) => idea.id)).toEqual(ids.slice(0, 3).reverse());
      expect(await store.board.listIdeas(sessionId, { after: at(ids, 0), limit: 4, newestFirst: true })).toEqual([]);
      expect(await store.board.listIdeas(neighbour.id, { limit: 4, newestFirst: true })).toHaveLength(1);
      expect(await store.board.countIdeas(sessionId)).toBe(7);
      expect(await store.board.countIdeas(neighbour.id)).toBe(1);
    });

    it('applies an idea patch, leaves other fields alone and returns null for an unknown idea', async () => {
      const { store, sessionId, people } = await board(1, 0);
      const idea = makeIdea(sessionId, at(people, 0), { category: '产品' });
      await store.board.addIdea(idea);
      const deletedAt = new Date(Date.UTC(2024, 5, 6, 7, 8, 9, 10));
      const changes = { title: '新标题', detail: 'more', status: 'hidden', pinned: true, clusterId: newId(), deletedAt } as const;
      const updated = await store.board.updateIdea(sessionId, idea.id, { ...changes, category: undefined });
      expect(updated).toEqual({ ...idea, ...changes, updatedAt: updated?.updatedAt });
      expect(updated?.updatedAt.getTime()).toBeGreaterThan(idea.updatedAt.getTime());
      expect(updated?.deletedAt?.getTime()).toBe(deletedAt.getTime());
      expect(await store.board.getIdea(sessionId, idea.id)).toEqual(updated);

      const restored = await store.board.updateIdea(sessionId, idea.id, { deletedAt: null, clusterId: null, category: null, status: 'visible' });
      expect(restored).toMatchObject({ title: '新标题', deletedAt: null, clusterId: null, category: null, status: 'visible' });
      expect(await store.board.getIdea(sessionId, idea.id)).toEqual(restored);

      expect(await store.board.updateIdea(sessionId, newId(), { title: 'ghost' })).toBeNull();
      const other = await createdSession(store);
      expect(await store.board.updateIdea(other.id, idea.id, { title: 'ghost' })).toBeNull();
      expect(await store.board.getIdea(other.id, idea.id)).toBeNull();
      expect(await store.board.countIdeas(sessionId)).toBe(1);
    });
  });

  describe('votes', () => {
    it('sets, raises, lowers and withdraws votes, keeping ballots, totals and stats in step', async () => {
      const { store, sessionId, people, ideas } = await board(2, 2);
      const [p0, p1] = [at(people, 0), at(people, 1)];
      const [a, b] = [at(ideas, 0), at(ideas, 1)];
      expect(await store.board.setVote(sessionId, p0, a, 2, LIMITS)).toEqual({ ok: true, ballot: { [a]: 2 }, ideaVotes: 2 });
      expect(await store.board.setVote(sessionId, p1, a, 1, LIMITS)).toEqual({ ok: true, ballot: { [a]: 1 }, ideaVotes: 3 });
      expect(await store.board.setVote(sessionId, p0, b, 3, LIMITS)).toEqual({ ok: true, ballot: { [a]: 2, [b]: 3 }, ideaVotes: 3 });
      expect(await store.board.getBallot(sessionId, p0)).toEqual({ [a]: 2, [b]: 3 });
      expect(await store.board.voteTotals(sessionId)).toEqual({ [a]: 3, [b]: 3 });
      expect(await store.board.voteStats(sessionId)).toEqual({ voters: 2, votes: 6 });

      expect(await store.board.setVote(sessionId, p0, a, 1, LIMITS)).toEqual({ ok: true, ballot: { [a]: 1, [b]: 3 }, ideaVotes: 2 });
      expect(await store.board.setVote(sessionId, p0, b, 0, LIMITS)).toEqual({ ok: true, ballot: { [a]: 1 }, ideaVotes: 0 });
      expect(await store.board.voteTotals(sessionId)).toEqual({ [a]: 2 });
      expect(await store.board.setVote(sessionId, p1, a, 0, LIMITS)).toEqual({ ok: true, ballot: {}, ideaVotes: 1 });
      expect(await store.board.voteStats(sessionId)).toEqual({ voters: 1, votes: 1 });
      // Setting the count it already has is allowed and changes nothing.
      expect(await store.board.setVote(sessionId, p1, a, 0, LIMITS)).toEqual({ ok: true, ballot: {}, ideaVotes: 1 });
      expect(await store.board.setVote(sessionId, p0, a, 0, LIMITS)).toEqual({ ok: true, ballot: {}, ideaVotes: 0 });
      expect(await store.board.getBallot(sessionId, p0)).toEqual({});
      expect(await store.board.voteTotals(sessionId)).toEqual({});
      expect(await store.board.voteStats(sessionId)).toEqual({ voters: 0, votes: 0 });
    });

    it('reads the tallies of just the asked ideas, zero for ideas without votes or reactions', async () => {
      const { store, sessionId, people, ideas } = await board(2, 3);
      const [a, b, c] = [at(ideas, 0), at(ideas, 1), at(ideas, 2)];
      await store.board.setVote(sessionId, at(people, 0), a, 2, LIMITS);
      await store.board.setVote(sessionId, at(people, 1), a, 1, LIMITS);
      await store.board.toggleReaction(sessionId, at(people, 1), b, '💡');
      const unknown = newId();
      expect(await store.board.talliesOf(sessionId, [a, b, unknown])).toEqual({
        [a]: { votes: 3, reactions: {} },
        [b]: { votes: 0, reactions: { '💡': 1 } },
        [unknown]: { votes: 0, reactions: {} },
      });
      expect(Object.keys(await store.board.talliesOf(sessionId, [c]))).toEqual([c]);
      // The same figures as the whole-session reads.
      expect((await store.board.voteTotals(sessionId))[a]).toBe(3);
      const other = await createdSession(store);
      expect(await store.board.talliesOf(other.id, [a])).toEqual({ [a]: { votes: 0, reactions: {} } });
    });

    it('refuses a vote beyond the budget and stores nothing', async () => {
      const { store, sessionId, people, ideas } = await board(1, 3);
      const p = at(people, 0);
      const [a, b, c] = [at(ideas, 0), at(ideas, 1), at(ideas, 2)];
      await store.board.setVote(sessionId, p, a, 3, LIMITS);
      expect(await store.board.setVote(sessionId, p, b, 2, LIMITS)).toMatchObject({ ok: true, ballot: { [a]: 3, [b]: 2 } });
      const full: Ballot = { [a]: 3, [b]: 2 };
      expect(await store.board.setVote(sessionId, p, c, 1, LIMITS)).toEqual({ ok: false, reason: 'budget_exceeded', ballot: full });
      expect(await store.board.setVote(sessionId, p, b, 3, LIMITS)).toEqual({ ok: false, reason: 'budget_exceeded', ballot: full });
      expect(await store.board.getBallot(sessionId, p)).toEqual(full);
      expect(await store.board.voteTotals(sessionId)).toEqual(full);
      expect(await store.board.voteStats(sessionId)).toEqual({ voters: 1, votes: 5 });
      // Freeing a vote makes room for it elsewhere.
      await store.board.setVote(sessionId, p, a, 2, LIMITS);
      expect(await store.board.setVote(sessionId, p, c, 1, LIMITS)).toEqual({ ok: true, ballot: { [a]: 2, [b]: 2, [c]: 1 }, ideaVotes: 1 });
    });

    it('refuses raising an idea beyond the per-idea limit, but always allows lowering', async () => {
      const { store, sessionId, people, ideas } = await board(1, 1);
      const p = at(people, 0);
      const a = at(ideas, 0);
      expect(await store.board.setVote(sessionId, p, a, 4, { budget: 10, maxPerIdea: 3 })).toEqual({
        ok: false,
        reason: 'idea_limit_exceeded',
        ballot: {},
      });
      expect(await store.board.voteTotals(sessionId)).toEqual({});
      await store.board.setVote(sessionId, p, a, 3, { budget: 10, maxPerIdea: 3 });
      // The facilitator lowers both limits below what this ballot holds: lowering still works.
      const tight = { budget: 1, maxPerIdea: 1 };
      expect(await store.board.setVote(sessionId, p, a, 2, tight)).toEqual({ ok: true, ballot: { [a]: 2 }, ideaVotes: 2 });
      expect(await store.board.setVote(sessionId, p, a, 3, tight)).toEqual({ ok: false, reason: 'idea_limit_exceeded', ballot: { [a]: 2 } });
      expect(await store.board.getBallot(sessionId, p)).toEqual({ [a]: 2 });
    });

    it('refuses votes on unknown, hidden, pending, deleted or merged ideas and stores nothing', async () => {
      const { store, sessionId, people, ideas } = await board(1, 5);
      const p = at(people, 0);
      const [a, hidden, deleted, merged, pending] = ideas;
      if (!a || !hidden || !deleted || !merged || !pending) throw new Error('five ideas expected');
      await store.board.setVote(sessionId, p, a, 1, LIMITS);
      await store.board.setVote(sessionId, p, hidden, 1, LIMITS);
      await store.board.updateIdea(sessionId, hidden, { status: 'hidden' });
      await store.board.updateIdea(sessionId, pending, { status: 'pending' });
      await store.board.updateIdea(sessionId, deleted, { deletedAt: new Date() });
      await store.board.mergeIdeas(sessionId, merged, a);
      const ballot: Ballot = { [a]: 1, [hidden]: 1 };

      for (const ideaId of [newId(), hidden, pending, deleted, merged]) {
        const outcome: VoteOutcome = await store.board.setVote(sessionId, p, ideaId, 2, LIMITS);
        expect(outcome).toEqual({ ok: false, reason: 'idea_unavailable', ballot });
      }
      // Not even withdrawing: the idea is off the board.
      expect(await store.board.setVote(sessionId, p, hidden, 0, LIMITS)).toEqual({ ok: false, reason: 'idea_unavailable', ballot });
      expect(await store.board.getBallot(sessionId, p)).toEqual(ballot);
      expect(await store.board.voteTotals(sessionId)).toEqual(ballot);
      expect(await store.board.voteStats(sessionId)).toEqual({ voters: 1, votes: 2 });
    });

    it('refuses raising votes on an idea the voter wrote or co-wrote (by a merge) when forbidden, and stores nothing', async () => {
      const { store, sessionId, people, ideas } = await board(2, 2);
      const [author, other] = [at(people, 0), at(people, 1)];
      const [a, b] = [at(ideas, 0), at(ideas, 1)];
      const forbid = { ...LIMITS, forbidOwn: true };
      expect(await store.board.setVote(sessionId, author, a, 1, forbid)).toEqual({ ok: false, reason: 'own_idea', ballot: {} });
      expect(await store.board.voteTotals(sessionId)).toEqual({});
      expect(await store.changesSince(sessionId, 0, 100)).toMatchObject({ refs: expect.not.arrayContaining([{ kind: 'tally', id: a }]) });
      // Allowed when the session allows it; then, once forbidden, it may still be taken back.
      expect(await store.board.setVote(sessionId, author, a, 2, LIMITS)).toMatchObject({ ok: true, ballot: { [a]: 2 } });
      expect(await store.board.setVote(sessionId, author, a, 1, forbid)).toMatchObject({ ok: true, ballot: { [a]: 1 } });
      expect(await store.board.setVote(sessionId, author, a, 2, forbid)).toEqual({ ok: false, reason: 'own_idea', ballot: { [a]: 1 } });

      // The other participant's idea merged into `a` makes them one of its authors.
      const theirs = makeIdea(sessionId, other);
      await store.board.addIdea(theirs);
      expect(await store.board.setVote(sessionId, other, a, 1, forbid)).toMatchObject({ ok: true });
      await store.board.setVote(sessionId, other, a, 0, forbid);
      await store.board.mergeIdeas(sessionId, theirs.id, a);
      expect(await store.board.setVote(sessionId, other, a, 1, forbid)).toEqual({ ok: false, reason: 'own_idea', ballot: {} });
      expect(await store.board.setVote(sessionId, other, b, 1, forbid)).toEqual({ ok: true, ballot: { [b]: 1 }, ideaVotes: 1 });
      expect(await store.board.voteTotals(sessionId)).toEqual({ [a]: 1, [b]: 1 });
      expect(await store.board.voteStats(sessionId)).toEqual({ voters: 2, votes: 2 });
    });

    it('never loses a vote nor overspends a budget under 100 concurrent votes from 50 participants', async () => {
      const { store, sessionId, people, ideas } = await board(50, 5);
      const limits = { budget: 3, maxPerIdea: 2 };
      const idea = (i: number) => at(ideas, i % ideas.length);

      // Round 1: each participant puts 2 votes on two ideas at once; the budget of 3 fits one.
      const round1 = await Promise.all(
        people.flatMap((p, i) => [idea(i), idea(i + 1)].map((ideaId) => store.board.setVote(sessionId, p, ideaId, 2, limits))),
      );
      const winners = people.map((_, i) => {
        const [first, second] = [at(round1, 2 * i), at(round1, 2 * i + 1)];
        expect([first.ok, second.ok].sort()).toEqual([false, true]);
        expect(first.ok ? second : first).toMatchObject({ ok: false, reason: 'budget_exceeded' });
        return first.ok ? idea(i) : idea(i + 1);
      });
      expect(await store.board.voteTotals(sessionId)).toEqual(tally(winners.map((w) => [w, 2])));
      expect(await store.board.voteStats(sessionId)).toEqual({ voters: 50, votes: 100 });

      // Round 2: each lowers the winner to 1 and adds 1 elsewhere at once; both fit in any order.
      const round2 = await Promise.all(
        people.flatMap((p, i) => [
          store.board.setVote(sessionId, p, at(winners, i), 1, limits),
          store.board.setVote(sessionId, p, idea(i + 2), 1, limits),
        ]),
      );
      expect(round2.every((outcome) => outcome.ok)).toBe(true);
      const expected = tally(people.flatMap((_, i) => [[at(winners, i), 1] as const, [idea(i + 2), 1] as const]));
      expect(await store.board.voteTotals(sessionId)).toEqual(expected);
      expect(await store.board.voteStats(sessionId)).toEqual({ voters: 50, votes: 100 });
      const ballots = await Promise.all(people.map((p) => store.board.getBallot(sessionId, p)));
      ballots.forEach((ballot, i) => expect(ballot).toEqual({ [at(winners, i)]: 1, [idea(i + 2)]: 1 }));
      expect(tally(ballots.flatMap((ballot) => Object.entries(ballot)))).toEqual(expected);
    });
  });

  describe('merging', () => {
    it('moves votes and authors from the source to the target', async () => {
      const { store, sessionId, people, ideas } = await board(3, 1);
      const [p0, p1, p2] = [at(people, 0), at(people, 1), at(people, 2)];
      const target = at(ideas, 0);
      const source = makeIdea(sessionId, p1);
      await store.board.addIdea(source);
      await store.board.setVote(sessionId, p0, source.id, 2, LIMITS);
      await store.board.setVote(sessionId, p1, source.id, 1, LIMITS);
      await store.board.setVote(sessionId, p1, target, 1, LIMITS);
      await store.board.setVote(sessionId, p2, target, 3, LIMITS);
      const before = await store.board.getIdea(sessionId, target);

      const merged = await store.board.mergeIdeas(sessionId, source.id, target);
      expect(merged).toEqual({ ...before, authorIds: [p0, p1], updatedAt: merged?.updatedAt });
      expect(merged?.updatedAt.getTime()).toBeGreaterThan(before?.updatedAt.getTime() ?? Infinity);
      expect(await store.board.getIdea(sessionId, target)).toEqual(merged);
      expect(await store.board.getIdea(sessionId, source.id)).toMatchObject({ mergedInto: target, authorIds: [p1] });
      expect(await store.board.getBallot(sessionId, p0)).toEqual({ [target]: 2 });
      expect(await store.board.getBallot(sessionId, p1)).toEqual({ [target]: 2 });
      expect(await store.board.getBallot(sessionId, p2)).toEqual({ [target]: 3 });
      expect(await store.board.voteTotals(sessionId)).toEqual({ [target]: 7 });
      expect(await store.board.voteStats(sessionId)).toEqual({ voters: 3, votes: 7 });

      // Authors are never listed twice.
      const another = makeIdea(sessionId, p1, { authorIds: [p1, p2] });
      await store.board.addIdea(another);
      expect((await store.board.mergeIdeas(sessionId, another.id, target))?.authorIds).toEqual([p0, p1, p2]);
    });

    it('refuses merging an idea into itself, or missing, deleted or merged ideas, or into one not shown, and changes nothing', async () => {
      const { store, sessionId, people, ideas } = await board(1, 8);
      const [a, b, deleted, merged, into, hidden, held, pending] = ideas;
      if (!a || !b || !deleted || !merged || !into || !hidden || !held || !pending) throw new Error('eight ideas expected');
      await store.board.updateIdea(sessionId, deleted, { deletedAt: new Date() });
      await store.board.mergeIdeas(sessionId, merged, into);
      await store.board.updateIdea(sessionId, hidden, { status: 'hidden' });
      await store.board.updateIdea(sessionId, held, { status: 'held' });
      await store.board.updateIdea(sessionId, pending, { status: 'pending' });
      await store.board.setVote(sessionId, at(people, 0), a, 1, LIMITS);
      const [aBefore, bBefore] = [await store.board.getIdea(sessionId, a), await store.board.getIdea(sessionId, b)];

      const refused: [string, string][] = [
        [a, a],
        [newId(), b],
        [a, newId()],
        [deleted, b],
        [a, deleted],
        [merged, b],
        [a, merged],
        [a, hidden],
        [a, held],
        [a, pending],
      ];
      for (const [source, target] of refused) expect(await store.board.mergeIdeas(sessionId, source, target)).toBeNull();
      expect(await store.board.getIdea(sessionId, a)).toEqual(aBefore);
      expect(await store.board.getIdea(sessionId, b)).toEqual(bBefore);
      expect(await store.board.voteTotals(sessionId)).toEqual({ [a]: 1 });
      expect(await store.board.getBallot(sessionId, at(people, 0))).toEqual({ [a]: 1 });
    });
  });

  describe('reactions', () => {
    it('toggles emoji on and off per participant, in REACTIONS order, with counts', async () => {
      const { store, sessionId, people, ideas } = await board(2, 2);
      const [p0, p1] = [at(people, 0), at(people, 1)];
      const [a, b] = [at(ideas, 0), at(ideas, 1)];
      expect(await store.board.toggleReaction(sessionId, p0, a, '💡')).toEqual({ mine: ['💡'], counts: { '💡': 1 } });
      expect(await store.board.toggleReaction(sessionId, p1, a, '💡')).toEqual({ mine: ['💡'], counts: { '💡': 2 } });
      expect(await store.board.toggleReaction(sessionId, p0, a, '👍')).toEqual({ mine: ['👍', '💡'], counts: { '👍': 1, '💡': 2 } });
      expect(await store.board.toggleReaction(sessionId, p0, a, '💡')).toEqual({ mine: ['👍'], counts: { '👍': 1, '💡': 1 } });
      await store.board.toggleReaction(sessionId, p0, b, '🎉');
      expect(await store.board.reactionsOf(sessionId, p0)).toEqual({ [a]: ['👍'], [b]: ['🎉'] });
      expect(await store.board.reactionsOf(sessionId, p1)).toEqual({ [a]: ['💡'] });
      expect(await store.board.reactionTotals(sessionId)).toEqual({ [a]: { '👍': 1, '💡': 1 }, [b]: { '🎉': 1 } });

      await store.board.toggleReaction(sessionId, p0, a, '👍');
      expect(await store.board.toggleReaction(sessionId, p1, a, '💡')).toEqual({ mine: [], counts: {} });
      expect(await store.board.reactionsOf(sessionId, p1)).toEqual({});
      expect(await store.board.reactionTotals(sessionId)).toEqual({ [b]: { '🎉': 1 } });
    });

    it('stores nothing for a reaction to an unknown idea', async () => {
      const { store, sessionId, people } = await board(1, 0);
      expect(await store.board.toggleReaction(sessionId, at(people, 0), newId(), '👍')).toEqual({ mine: [], counts: {} });
      expect(await store.board.reactionsOf(sessionId, at(people, 0))).toEqual({});
      expect(await store.board.reactionTotals(sessionId)).toEqual({});
    });

    it('counts every one of many concurrent reactions', async () => {
      const { store, sessionId, people, ideas } = await board(20, 1);
      const a = at(ideas, 0);
      await Promise.all(people.map((p) => store.board.toggleReaction(sessionId, p, a, '❤️')));
      expect(await store.board.reactionTotals(sessionId)).toEqual({ [a]: { '❤️': 20 } });
      await Promise.all(people.map((p, i) => store.board.toggleReaction(sessionId, p, a, i % 2 === 0 ? '❤️' : '🤔')));
      expect(await store.board.reactionTotals(sessionId)).toEqual({ [a]: { '❤️': 10, '🤔': 10 } });
      expect(await store.board.reactionsOf(sessionId, at(people, 1))).toEqual({ [a]: ['❤️', '🤔'] });
    });
  });

  describe('clusters', () => {
    it('lists clusters in creation order, renames them and refuses a taken id', async () => {
      const { store, sessionId } = await board(1, 0);
      const base = Date.now();
      // Ids in the opposite order to creation: the list must follow creation.
      const ids = [newId(base + 2), newId(base + 1), newId(base)];
      const clusters = ids.map((id, i) => makeCluster(sessionId, { id, createdAt: new Date(base + i) }));
      for (const i of [1, 2, 0]) await store.board.addCluster(at(clusters, i));
      expect(await store.board.listClusters(sessionId)).toEqual(clusters);

      await expect(store.board.addCluster({ ...at(clusters, 0), name: 'impostor' })).rejects.toBeInstanceOf(StoreConflictError);
      const renamed = await store.board.renameCluster(sessionId, at(clusters, 1).id, '新名字');
      expect(renamed).toEqual({ ...at(clusters, 1), name: '新名字' });
      expect(await store.board.listClusters(sessionId)).toEqual([at(clusters, 0), renamed, at(clusters, 2)]);
      expect(await store.board.renameCluster(sessionId, newId(), 'ghost')).toBeNull();
      const other = await createdSession(store);
      expect(await store.board.renameCluster(other.id, at(clusters, 0).id, 'ghost')).toBeNull();
      expect(await store.board.listClusters(other.id)).toEqual([]);
    });

    it('deletes a cluster and un-groups its ideas, leaving other clusters alone', async () => {
      const { store, sessionId, ideas } = await board(1, 4);
      const [x, y] = [makeCluster(sessionId), makeCluster(sessionId)];
      await store.board.addCluster(x);
      await store.board.addCluster(y);
      const [a, b, c, d] = ideas;
      if (!a || !b || !c || !d) throw new Error('four ideas expected');
      for (const id of [a, b]) await store.board.updateIdea(sessionId, id, { clusterId: x.id });
      await store.board.updateIdea(sessionId, c, { clusterId: y.id });
      const aBefore = await store.board.getIdea(sessionId, a);

      expect((await store.board.deleteCluster(sessionId, x.id))?.sort()).toEqual(sortedIds([a, b]));
      const aAfter = await store.board.getIdea(sessionId, a);
      expect(aAfter).toEqual({ ...aBefore, clusterId: null, updatedAt: aAfter?.updatedAt });
      expect((await store.board.getIdea(sessionId, b))?.clusterId).toBeNull();
      expect((await store.board.getIdea(sessionId, c))?.clusterId).toBe(y.id);
      expect((await store.board.getIdea(sessionId, d))?.clusterId).toBeNull();
      expect(await store.board.listClusters(sessionId)).toEqual([y]);
      expect(await store.board.deleteCluster(sessionId, x.id)).toBeNull();
      expect(await store.board.deleteCluster(sessionId, newId())).toBeNull();
      expect(await store.board.deleteCluster(sessionId, y.id)).toEqual([c]);
      expect(await store.board.listClusters(sessionId)).toEqual([]);
    });
  });

  describe('board durability', () => {
    it('keeps ideas, votes, merges, reactions and clusters across close and reopen', async () => {
      const first = await harness.open();
      const session = await createdSession(first, { settings: { ...LIMITS_SETTINGS, categories: ['想法'], bannedWords: ['坏'] } });
      const people = await addedParticipants(first, session.id, 3);
      const [p0, p1, p2] = people.map((p) => p.id);
      if (!p0 || !p1 || !p2) throw new Error('three participants expected');
      const ideas = await addedIdeas(first, session.id, p0, 3);
      const [a, b, c] = ideas.map((i) => i.id);
      if (!a || !b || !c) throw new Error('three ideas expected');
      const cluster = makeCluster(session.id);
      await first.board.addCluster(cluster);
      await first.board.updateIdea(session.id, a, { clusterId: cluster.id, pinned: true });
      await first.board.setVote(session.id, p0, a, 2, LIMITS);
      await first.board.setVote(session.id, p1, b, 1, LIMITS);
      await first.board.setVote(session.id, p2, c, 3, LIMITS);
      await first.board.mergeIdeas(session.id, c, b);
      await first.board.toggleReaction(session.id, p1, a, '🎉');
      await first.board.toggleReaction(session.id, p2, a, '🎉');
      const snapshot = async (store: Store) => ({
        session: await store.getSession(session.id),
        ideas: await store.board.listIdeas(session.id, { limit: 10 }),
        ballots: await Promise.all([p0, p1, p2].map((p) => store.board.getBallot(session.id, p))),
        totals: await store.board.voteTotals(session.id),
        stats: await store.board.voteStats(session.id),
        reactions: await store.board.reactionTotals(session.id),
        mine: await store.board.reactionsOf(session.id, p2),
        clusters: await store.board.listClusters(session.id),
      });
      const before = await snapshot(first);
      expect(before.totals).toEqual({ [a]: 2, [b]: 4 });
      await first.close();

      const second = await harness.reopen(first);
      try {
        expect(await snapshot(second)).toEqual(before);
        // The retry index and the counters carry on where they were.
        expect(await second.board.addIdea({ ...at(ideas, 0), id: newId() })).toEqual({ idea: at(before.ideas, 0), created: false });
        expect(await second.board.setVote(session.id, p1, b, 2, LIMITS)).toEqual({ ok: true, ballot: { [b]: 2 }, ideaVotes: 5 });
        expect(await second.board.toggleReaction(session.id, p0, a, '🎉')).toEqual({ mine: ['🎉'], counts: { '🎉': 3 } });
      } finally {
        await second.close();
      }
    });
  });
}

const LIMITS_SETTINGS = {
  anonymous: true,
  preModeration: false,
  voteBudget: LIMITS.budget,
  maxVotesPerIdea: LIMITS.maxPerIdea,
  proposalTemplate: [],
  participantsMayPropose: false,
  joiningOpen: true,
  hideVotesUntilResults: false,
  forbidOwnVotes: false,
  hiddenWords: [],
};

/** Sums votes by idea id. */
function tally(entries: readonly (readonly [string, number])[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const [ideaId, votes] of entries) totals[ideaId] = (totals[ideaId] ?? 0) + votes;
  return totals;
}
