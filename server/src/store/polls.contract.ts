import { defaultBoardSettings, type SessionTemplateContent } from '@ideasphere/shared';
import { describe, expect, it } from 'vitest';
import { newId } from '../ids.js';
import { addedParticipants, at, createdSession } from './contract.fixtures.js';
import type { PollAnswerRecord, PollRecord } from './PollStore.js';
import { StoreConflictError, type Store } from './Store.js';

/** A prepared single-choice poll with three options; override what a test needs. */
export function makePoll(sessionId: string, overrides: Partial<PollRecord> = {}): PollRecord {
  const when = new Date(Date.UTC(2024, 5, 6, 7, 8, 9, 123));
  return {
    id: newId(),
    sessionId,
    kind: 'choice',
    question: 'Lunch? 午饭？',
    options: [
      { id: 'o0', text: 'Noodles 面' },
      { id: 'o1', text: 'Rice' },
      { id: 'o2', text: 'Salad' },
    ],
    multiple: false,
    scaleMax: 5,
    correctOptionId: null,
    durationSeconds: 20,
    resultMode: 'live',
    resultsShown: false,
    status: 'draft',
    position: 0,
    openedAt: null,
    closesAt: null,
    createdAt: when,
    updatedAt: when,
    ...overrides,
  };
}

function answer(poll: PollRecord, participantId: string, overrides: Partial<PollAnswerRecord> = {}): PollAnswerRecord {
  return {
    sessionId: poll.sessionId,
    pollId: poll.id,
    participantId,
    clientId: newId(),
    value: { kind: 'choice', optionIds: ['o1'] },
    answeredAt: new Date(),
    ...overrides,
  };
}

/**
 * The polls part of the store contract: prepared polls, their order, and answers that are one
 * per participant, refused unless the poll is open and before its deadline. Every test makes
 * its own session.
 */
export function describePollContract(getStore: () => Store): void {
  async function polls(participantCount: number) {
    const store = getStore();
    const session = await createdSession(store);
    const people = (await addedParticipants(store, session.id, participantCount)).map((p) => p.id);
    return { store, sessionId: session.id, people };
  }

  describe('polls', () => {
    it('returns an inserted poll with dates as Dates, only in its session; a second insert of the id conflicts', async () => {
      const { store, sessionId } = await polls(0);
      const poll = makePoll(sessionId);
      await store.polls.insertPoll(poll);
      const got = await store.polls.getPoll(sessionId, poll.id);
      expect(got).toEqual(poll);
      expect(got?.createdAt).toBeInstanceOf(Date);
      const other = await createdSession(store);
      expect(await store.polls.getPoll(other.id, poll.id)).toBeNull();
      await expect(store.polls.insertPoll(poll)).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.polls.countPolls(sessionId)).toBe(1);
    });

    it('lists polls by position, reorders them, and updates only when the expectation holds', async () => {
      const { store, sessionId } = await polls(0);
      const first = makePoll(sessionId, { position: 0 });
      const second = makePoll(sessionId, { position: 1, kind: 'rating', options: [] });
      await store.polls.insertPoll(first);
      await store.polls.insertPoll(second);
      expect((await store.polls.listPolls(sessionId)).map((p) => p.id)).toEqual([first.id, second.id]);
      await store.polls.reorderPolls(sessionId, [second.id, first.id]);
      expect((await store.polls.listPolls(sessionId)).map((p) => p.id)).toEqual([second.id, first.id]);

      const refused = await store.polls.updatePoll(sessionId, first.id, { question: 'No' }, (p) => p.status === 'open');
      expect(refused).toBeNull();
      expect((await store.polls.getPoll(sessionId, first.id))?.question).toBe(first.question);
      const openedAt = new Date();
      const opened = await store.polls.updatePoll(sessionId, first.id, { status: 'open', openedAt, resultsShown: undefined }, (p) => p.status === 'draft');
      expect(opened).toMatchObject({ status: 'open', resultsShown: false });
      expect(opened?.openedAt?.getTime()).toBe(openedAt.getTime());
      expect(await store.polls.updatePoll(sessionId, 'missing-poll-id', { status: 'open' })).toBeNull();
    });

    it('deletes a poll with its answers only when the expectation holds', async () => {
      const { store, sessionId, people } = await polls(1);
      const poll = makePoll(sessionId, { status: 'open' });
      await store.polls.insertPoll(poll);
      expect((await store.polls.setAnswer(answer(poll, at(people, 0)))).ok).toBe(true);
      expect(await store.polls.deletePoll(sessionId, poll.id, (p) => p.status !== 'open')).toBe(false);
      expect(await store.polls.countAnswers(sessionId, poll.id)).toBe(1);
      expect(await store.polls.deletePoll(sessionId, poll.id, () => true)).toBe(true);
      expect(await store.polls.getPoll(sessionId, poll.id)).toBeNull();
      expect(await store.polls.countAnswers(sessionId, poll.id)).toBe(0);
      expect(await store.polls.answersOf(sessionId, at(people, 0))).toEqual([]);
    });
  });

  describe('poll answers', () => {
    it('keeps one answer per participant: the latest counts, a resend of the same clientId changes nothing', async () => {
      const { store, sessionId, people } = await polls(2);
      const poll = makePoll(sessionId, { status: 'open' });
      await store.polls.insertPoll(poll);
      const first = answer(poll, at(people, 0), { answeredAt: new Date(Date.UTC(2024, 0, 1, 0, 0, 1)) });
      expect(await store.polls.setAnswer(first)).toEqual({ ok: true, answer: first, changed: true });
      const resend = { ...first, value: { kind: 'choice' as const, optionIds: ['o2'] }, answeredAt: new Date(Date.UTC(2024, 0, 1, 0, 0, 9)) };
      expect(await store.polls.setAnswer(resend)).toEqual({ ok: true, answer: first, changed: false });
      const changed = answer(poll, at(people, 0), { value: { kind: 'choice', optionIds: ['o0'] } });
      expect(await store.polls.setAnswer(changed)).toMatchObject({ ok: true, changed: true });
      await store.polls.setAnswer(answer(poll, at(people, 1)));

      const all = await store.polls.listAnswers(sessionId, poll.id);
      expect(all).toHaveLength(2);
      expect(all.find((a) => a.participantId === at(people, 0))?.value).toEqual({ kind: 'choice', optionIds: ['o0'] });
      expect(await store.polls.countAnswers(sessionId, poll.id)).toBe(2);
      const mine = await store.polls.answersOf(sessionId, at(people, 0));
      expect(mine).toEqual([changed]);
      expect(mine[0]?.answeredAt).toBeInstanceOf(Date);
    });

    it('refuses answers to a missing, prepared or closed poll, and after the deadline, storing nothing', async () => {
      const { store, sessionId, people } = await polls(1);
      const someone = at(people, 0);
      const draft = makePoll(sessionId);
      const closed = makePoll(sessionId, { status: 'closed' });
      const deadline = new Date(Date.UTC(2024, 0, 1, 0, 0, 20));
      const quiz = makePoll(sessionId, { status: 'open', kind: 'quiz', correctOptionId: 'o1', closesAt: deadline });
      for (const poll of [draft, closed, quiz]) await store.polls.insertPoll(poll);

      expect(await store.polls.setAnswer(answer(draft, someone))).toEqual({ ok: false, reason: 'poll_not_open' });
      expect(await store.polls.setAnswer(answer(closed, someone))).toEqual({ ok: false, reason: 'poll_not_open' });
      expect(await store.polls.setAnswer(answer({ ...draft, id: newId() }, someone))).toEqual({ ok: false, reason: 'poll_not_found' });
      const late = answer(quiz, someone, { value: { kind: 'quiz', optionId: 'o1' }, answeredAt: new Date(deadline.getTime() + 1) });
      expect(await store.polls.setAnswer(late)).toEqual({ ok: false, reason: 'poll_deadline_passed' });
      expect(await store.polls.answersOf(sessionId, someone)).toEqual([]);
      const onTime = { ...late, clientId: newId(), answeredAt: deadline };
      expect((await store.polls.setAnswer(onTime)).ok).toBe(true);
    });

    it('counts every one of many concurrent answers once', async () => {
      const { store, sessionId, people } = await polls(30);
      const poll = makePoll(sessionId, { status: 'open' });
      await store.polls.insertPoll(poll);
      const sends = people.flatMap((participantId) => {
        const first = answer(poll, participantId);
        return [first, first, answer(poll, participantId, { value: { kind: 'choice', optionIds: ['o2'] } })];
      });
      await Promise.all(sends.map((a) => store.polls.setAnswer(a)));
      const all = await store.polls.listAnswers(sessionId, poll.id);
      expect(all).toHaveLength(30);
      expect(new Set(all.map((a) => a.participantId)).size).toBe(30);
    });
  });
}

/** A template's content: a session with one venue, no tracks, one prepared poll. */
export function makeTemplateContent(): SessionTemplateContent {
  return {
    title: 'Summit 峰会',
    description: '',
    language: 'en',
    venues: ['Main hall', 'Hall B'],
    settings: defaultBoardSettings(),
    qa: { settings: null, tracks: [{ name: 'Hall B talk', venueIndex: 1 }] },
    polls: [{ kind: 'choice', question: 'Lunch?', options: [{ id: 'o0', text: 'Noodles' }, { id: 'o1', text: 'Rice' }], multiple: false, scaleMax: 5, correctOptionId: null, durationSeconds: 20, resultMode: 'live' }],
  };
}

/** Session templates: each account's own, newest first, capped in the insert's own write. */
export function describeTemplateContract(getStore: () => Store): void {
  describe('session templates', () => {
    it('keeps an account’s templates to itself, newest first, with their content as stored', async () => {
      const store = getStore();
      const [alice, bob] = [newId(), newId()];
      const older = { id: newId(), accountId: alice, name: 'Room A', content: makeTemplateContent(), createdAt: new Date(Date.UTC(2024, 0, 1)) };
      const newer = { ...older, id: newId(), name: 'Room B', createdAt: new Date(Date.UTC(2024, 0, 2)) };
      expect(await store.templates.insertTemplate(older, 5)).toBe(true);
      expect(await store.templates.insertTemplate(newer, 5)).toBe(true);
      expect((await store.templates.listTemplates(alice)).map((t) => t.name)).toEqual(['Room B', 'Room A']);
      expect(await store.templates.getTemplate(alice, older.id)).toEqual(older);
      expect(await store.templates.getTemplate(bob, older.id)).toBeNull();
      expect(await store.templates.listTemplates(bob)).toEqual([]);
      expect(await store.templates.deleteTemplate(bob, older.id)).toBe(false);
      expect(await store.templates.deleteTemplate(alice, older.id)).toBe(true);
      expect((await store.templates.listTemplates(alice)).map((t) => t.id)).toEqual([newer.id]);
    });

    it('refuses a template over the cap, even when several arrive at once', async () => {
      const store = getStore();
      const account = newId();
      const make = () => ({ id: newId(), accountId: account, name: 'T', content: makeTemplateContent(), createdAt: new Date() });
      const outcomes = await Promise.all(Array.from({ length: 6 }, () => store.templates.insertTemplate(make(), 3)));
      expect(outcomes.filter(Boolean)).toHaveLength(3);
      expect(await store.templates.listTemplates(account)).toHaveLength(3);
    });
  });
}
