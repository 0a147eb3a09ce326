import { defaultQaSettings } from '@ideasphere/shared';
import { describe, expect, it } from 'vitest';
import { newId } from '../ids.js';
import { addedParticipants, at, createdSession } from './contract.fixtures.js';
import type { QuestionRecord } from './QaStore.js';
import { StoreConflictError, type Store } from './Store.js';

/** A visible question in the main track; override what a test needs. */
export function makeQuestion(sessionId: string, authorId: string, overrides: Partial<QuestionRecord> = {}): QuestionRecord {
  const at = new Date(Date.UTC(2024, 5, 6, 7, 8, 9, 123));
  return {
    id: newId(),
    sessionId,
    trackId: 'main',
    authorId,
    clientId: newId(),
    text: 'How does it scale? 能扩展吗？',
    anonymous: false,
    status: 'visible',
    answered: false,
    edited: false,
    mergedInto: null,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

/**
 * The audience Q&A part of the store contract: questions, upvotes as sets, merges, tracks,
 * settings and their change-log refs. Every test makes its own session.
 */
export function describeQaContract(getStore: () => Store): void {
  async function qa(participantCount: number) {
    const store = getStore();
    const session = await createdSession(store);
    const people = (await addedParticipants(store, session.id, participantCount)).map((p) => p.id);
    return { store, sessionId: session.id, people };
  }

  describe('Q&A questions', () => {
    it('returns an added question, dates as Dates, only in its session, and the first one for a resend', async () => {
      const { store, sessionId, people } = await qa(2);
      const question = makeQuestion(sessionId, at(people, 0), { anonymous: true });
      expect(await store.qa.addQuestion(question)).toEqual({ question, created: true });
      const got = await store.qa.getQuestion(sessionId, question.id);
      expect(got).toEqual(question);
      expect(got?.createdAt).toBeInstanceOf(Date);
      const other = await createdSession(store);
      expect(await store.qa.getQuestion(other.id, question.id)).toBeNull();

      const resend = makeQuestion(sessionId, at(people, 0), { clientId: question.clientId, text: 'again' });
      expect(await store.qa.addQuestion(resend)).toEqual({ question, created: false });
      expect(await store.qa.addQuestion({ ...question, text: 'same id' })).toEqual({ question, created: false });
      const byOther = makeQuestion(sessionId, at(people, 1), { clientId: question.clientId });
      expect((await store.qa.addQuestion(byOther)).created).toBe(true);
      expect(await store.qa.countQuestions(sessionId)).toBe(2);
      expect(await store.qa.questionIdsByAuthor(sessionId, at(people, 0))).toEqual([question.id]);
      await expect(store.qa.addQuestion({ ...byOther, clientId: newId() })).rejects.toBeInstanceOf(StoreConflictError);
    });

    it('stores one question when a question is resent concurrently', async () => {
      const { store, sessionId, people } = await qa(1);
      const clientId = newId();
      const outcomes = await Promise.all(Array.from({ length: 6 }, () => store.qa.addQuestion(makeQuestion(sessionId, at(people, 0), { clientId }))));
      expect(outcomes.filter((o) => o.created)).toHaveLength(1);
      expect(new Set(outcomes.map((o) => o.question.id)).size).toBe(1);
      expect(await store.qa.countQuestions(sessionId)).toBe(1);
    });

    it('lists every question oldest first, and patches only the fields given', async () => {
      const { store, sessionId, people } = await qa(1);
      const base = Date.now();
      const questions = [0, 1, 2].map((i) => makeQuestion(sessionId, at(people, 0), { id: newId(base + i * 10), status: i === 1 ? 'pending' : 'visible' }));
      for (const q of [...questions].reverse()) await store.qa.addQuestion(q);
      expect((await store.qa.listQuestions(sessionId)).map((q) => q.id)).toEqual(questions.map((q) => q.id));
      const edited = await store.qa.updateQuestion(sessionId, at(questions, 0).id, { text: 'Fixed typo', edited: true, status: undefined });
      expect(edited).toMatchObject({ text: 'Fixed typo', edited: true, status: 'visible', answered: false });
      expect(edited?.updatedAt.getTime()).toBeGreaterThan(at(questions, 0).updatedAt.getTime());
      expect(await store.qa.updateQuestion(sessionId, newId(), { answered: true })).toBeNull();
      expect((await store.qa.getQuestions(sessionId, [at(questions, 1).id, newId()])).map((q) => q.status)).toEqual(['pending']);
    });
  });

  describe('Q&A upvotes', () => {
    it('counts an upvote once however often it is sent, and withdraws it once', async () => {
      const { store, sessionId, people } = await qa(3);
      const question = makeQuestion(sessionId, at(people, 0));
      await store.qa.addQuestion(question);
      expect(await store.qa.setUpvote(sessionId, question.id, at(people, 1), true)).toEqual({ ok: true, upvoted: true, upvotes: 1 });
      expect(await store.qa.setUpvote(sessionId, question.id, at(people, 1), true)).toEqual({ ok: true, upvoted: true, upvotes: 1 });
      expect(await store.qa.setUpvote(sessionId, question.id, at(people, 2), true)).toEqual({ ok: true, upvoted: true, upvotes: 2 });
      expect(await store.qa.upvotedBy(sessionId, at(people, 1))).toEqual([question.id]);
      expect(await store.qa.setUpvote(sessionId, question.id, at(people, 1), false)).toEqual({ ok: true, upvoted: false, upvotes: 1 });
      expect(await store.qa.setUpvote(sessionId, question.id, at(people, 1), false)).toEqual({ ok: true, upvoted: false, upvotes: 1 });
      expect(await store.qa.upvotedBy(sessionId, at(people, 1))).toEqual([]);
      expect(await store.qa.upvotesOf(sessionId, [question.id, newId()])).toEqual(expect.objectContaining({ [question.id]: 1 }));
    });

    it('counts every participant once under concurrent resends', async () => {
      const { store, sessionId, people } = await qa(20);
      const question = makeQuestion(sessionId, at(people, 0));
      await store.qa.addQuestion(question);
      await Promise.all(people.flatMap((p) => [0, 1, 2].map(() => store.qa.setUpvote(sessionId, question.id, p, true))));
      expect((await store.qa.upvotesOf(sessionId, [question.id]))[question.id]).toBe(20);
      await Promise.all(people.slice(0, 5).flatMap((p) => [0, 1].map(() => store.qa.setUpvote(sessionId, question.id, p, false))));
      expect((await store.qa.upvotesOf(sessionId, [question.id]))[question.id]).toBe(15);
    });

    it('refuses upvotes on a question not shown to everyone, and stores nothing', async () => {
      const { store, sessionId, people } = await qa(2);
      for (const status of ['pending', 'held', 'hidden', 'archived'] as const) {
        const question = makeQuestion(sessionId, at(people, 0), { status });
        await store.qa.addQuestion(question);
        expect(await store.qa.setUpvote(sessionId, question.id, at(people, 1), true)).toEqual({ ok: false, reason: 'question_unavailable' });
        expect((await store.qa.upvotesOf(sessionId, [question.id]))[question.id]).toBe(0);
      }
      expect(await store.qa.setUpvote(sessionId, newId(), at(people, 1), true)).toEqual({ ok: false, reason: 'question_unavailable' });
      expect(await store.qa.upvotedBy(sessionId, at(people, 1))).toEqual([]);
    });
  });

  describe('Q&A merges', () => {
    it('combines the upvoters of both, counting someone who upvoted both once', async () => {
      const { store, sessionId, people } = await qa(4);
      const [ann, bob, cat, dan] = [at(people, 0), at(people, 1), at(people, 2), at(people, 3)];
      const source = makeQuestion(sessionId, ann);
      const target = makeQuestion(sessionId, bob);
      await store.qa.addQuestion(source);
      await store.qa.addQuestion(target);
      for (const p of [ann, bob]) await store.qa.setUpvote(sessionId, source.id, p, true);
      for (const p of [bob, cat]) await store.qa.setUpvote(sessionId, target.id, p, true);

      const merged = await store.qa.mergeQuestions(sessionId, source.id, target.id);
      expect(merged?.id).toBe(target.id);
      expect(await store.qa.upvotesOf(sessionId, [source.id, target.id])).toEqual({ [source.id]: 0, [target.id]: 3 });
      expect((await store.qa.getQuestion(sessionId, source.id))?.mergedInto).toBe(target.id);
      expect(await store.qa.upvotedBy(sessionId, bob)).toEqual([target.id]);
      expect(await store.qa.upvotedBy(sessionId, ann)).toEqual([target.id]);
      // Bob's upvote is still one: a resend after the merge changes nothing.
      expect(await store.qa.setUpvote(sessionId, target.id, bob, true)).toEqual({ ok: true, upvoted: true, upvotes: 3 });
      expect(await store.qa.setUpvote(sessionId, target.id, dan, true)).toEqual({ ok: true, upvoted: true, upvotes: 4 });
      expect(await store.qa.setUpvote(sessionId, source.id, dan, true)).toEqual({ ok: false, reason: 'question_unavailable' });
      expect(await store.qa.mergeQuestions(sessionId, source.id, target.id)).toBeNull();
    });

    it('refuses a target not shown to everyone, a missing one, or itself, and changes nothing', async () => {
      const { store, sessionId, people } = await qa(2);
      const source = makeQuestion(sessionId, at(people, 0));
      const hidden = makeQuestion(sessionId, at(people, 0), { status: 'hidden' });
      await store.qa.addQuestion(source);
      await store.qa.addQuestion(hidden);
      await store.qa.setUpvote(sessionId, source.id, at(people, 1), true);
      expect(await store.qa.mergeQuestions(sessionId, source.id, hidden.id)).toBeNull();
      expect(await store.qa.mergeQuestions(sessionId, source.id, newId())).toBeNull();
      expect(await store.qa.mergeQuestions(sessionId, source.id, source.id)).toBeNull();
      expect((await store.qa.getQuestion(sessionId, source.id))?.mergedInto).toBeNull();
      expect((await store.qa.upvotesOf(sessionId, [source.id]))[source.id]).toBe(1);
    });
  });

  describe('Q&A tracks, settings and the change log', () => {
    it('creates a track with defaults, patches it, and lists tracks oldest first', async () => {
      const { store, sessionId } = await qa(0);
      const defaults = { name: '', venueId: null, highlightedId: null };
      const first = await store.qa.putTrack(sessionId, 'main', { highlightedId: 'q1aaaaaaaa' }, { ...defaults, createdAt: new Date(1_000) });
      expect(first).toEqual({ id: 'main', sessionId, name: '', venueId: null, highlightedId: 'q1aaaaaaaa', createdAt: new Date(1_000) });
      const hall = newId();
      await store.qa.putTrack(sessionId, hall, { name: 'Hall B 分会场' }, { ...defaults, createdAt: new Date(2_000) });
      const renamed = await store.qa.putTrack(sessionId, 'main', { name: 'Keynote', highlightedId: null }, { ...defaults, createdAt: new Date(9_000) });
      expect(renamed).toMatchObject({ name: 'Keynote', highlightedId: null, createdAt: new Date(1_000) });
      expect((await store.qa.listTracks(sessionId)).map((t) => [t.id, t.name])).toEqual([
        ['main', 'Keynote'],
        [hall, 'Hall B 分会场'],
      ]);
      const other = await createdSession(store);
      expect(await store.qa.listTracks(other.id)).toEqual([]);
    });

    it('keeps one moderator link hash per session, replaced by the next', async () => {
      const { store, sessionId } = await qa(0);
      expect(await store.qa.getModeratorTokenHash(sessionId)).toBeNull();
      await store.qa.putModeratorTokenHash(sessionId, 'a'.repeat(64));
      await store.qa.putModeratorTokenHash(sessionId, 'b'.repeat(64));
      expect(await store.qa.getModeratorTokenHash(sessionId)).toBe('b'.repeat(64));
      const other = await createdSession(store);
      expect(await store.qa.getModeratorTokenHash(other.id)).toBeNull();
    });

    it('keeps settings per session', async () => {
      const { store, sessionId } = await qa(0);
      expect(await store.qa.getSettings(sessionId)).toBeNull();
      await store.qa.putSettings(sessionId, { ...defaultQaSettings(), preModeration: true });
      expect(await store.qa.getSettings(sessionId)).toEqual({ open: true, anonymousAllowed: true, preModeration: true });
    });

    it('records every Q&A change in the session change log', async () => {
      const { store, sessionId, people } = await qa(2);
      const since = await store.sessionVersion(sessionId);
      const [a, b] = [makeQuestion(sessionId, at(people, 0)), makeQuestion(sessionId, at(people, 0))];
      await store.qa.addQuestion(a);
      await store.qa.addQuestion(b);
      await store.qa.setUpvote(sessionId, a.id, at(people, 1), true);
      await store.qa.updateQuestion(sessionId, a.id, { answered: true });
      await store.qa.mergeQuestions(sessionId, b.id, a.id);
      await store.qa.putTrack(sessionId, 'main', { highlightedId: a.id }, { name: '', venueId: null, highlightedId: null, createdAt: new Date() });
      await store.qa.putSettings(sessionId, defaultQaSettings());
      const log = await store.changesSince(sessionId, since, 100);
      expect(log).toEqual({
        kind: 'changes',
        version: since + 7,
        refs: [
          { kind: 'question', id: a.id },
          { kind: 'question', id: b.id },
          { kind: 'upvote', id: a.id },
          { kind: 'question', id: a.id },
          { kind: 'question', id: b.id },
          { kind: 'question', id: a.id },
          { kind: 'upvote', id: a.id },
          { kind: 'track', id: 'main' },
          { kind: 'qaSettings' },
        ],
      });
    });
  });
}
