import { describe, expect, it } from 'vitest';
import { newId } from '../ids.js';
import type { AnswerRecord, QuestionCaps, QuestionRecord, QuestionStore } from './QuestionStore.js';
import { StoreConflictError, type Store } from './Store.js';

const NOW = new Date(Date.UTC(2025, 6, 1, 8, 0, 0, 123));
const MINUTE = 60_000;
const at = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);
/** Caps no test below reaches unless it means to. */
const ROOMY: QuestionCaps = { perChallenge: 1_000, perAsker: 1_000, askerWindowStart: new Date(0) };

function makeQuestion(overrides: Partial<QuestionRecord> = {}): QuestionRecord {
  const createdAt = overrides.createdAt ?? NOW;
  return { id: newId(createdAt.getTime()), challengeId: newId(), askedBy: newId(), text: '能否使用回收钢材？\nCan recycled steel be used?', createdAt, answer: null, ...overrides };
}

function makeAnswer(overrides: Partial<AnswerRecord> = {}): AnswerRecord {
  return { text: '可以，比例不限。', visibility: 'public', answeredBy: newId(), answeredAt: at(5), editedAt: null, ...overrides };
}

/** The questions part of the store contract (questions on challenges, in `store.challenges`). */
export function describeQuestionContract(getStore: () => Store): void {
  const questions = (): QuestionStore => getStore().challenges;

  describe('challenge questions', () => {
    it('returns an added question, dates as Dates; refuses a taken id; an unknown one is null', async () => {
      const question = makeQuestion();
      expect(await questions().addQuestion(question, ROOMY)).toEqual({ ok: true });
      const stored = await questions().getQuestion(question.challengeId, question.id);
      expect(stored).toEqual(question);
      expect(stored?.createdAt).toBeInstanceOf(Date);
      await expect(questions().addQuestion({ ...question, text: 'impostor' }, ROOMY)).rejects.toBeInstanceOf(StoreConflictError);
      expect((await questions().getQuestion(question.challengeId, question.id))?.text).toBe(question.text);
      expect(await questions().getQuestion(question.challengeId, newId())).toBeNull();
      // A question is found under its own challenge only.
      expect(await questions().getQuestion(newId(), question.id)).toBeNull();
    });

    it("lists a challenge's questions oldest first, and no other challenge's", async () => {
      const challengeId = newId();
      const made = [2, 0, 1].map((minutes) => makeQuestion({ challengeId, createdAt: at(minutes) }));
      for (const question of made) await questions().addQuestion(question, ROOMY);
      await questions().addQuestion(makeQuestion(), ROOMY);
      expect((await questions().listQuestions(challengeId)).map((q) => q.id)).toEqual([made[1], made[2], made[0]].map((q) => q?.id));
      expect(await questions().listQuestions(newId())).toEqual([]);
    });

    it('sets and replaces an answer; an unknown question changes nothing', async () => {
      const question = makeQuestion();
      await questions().addQuestion(question, ROOMY);
      const answer = makeAnswer({ visibility: 'private' });
      expect(await questions().setAnswer(question.challengeId, question.id, answer)).toEqual({ ...question, answer });
      const edited = makeAnswer({ text: 'Edited', visibility: 'public', answeredAt: answer.answeredAt, editedAt: at(9) });
      expect(await questions().setAnswer(question.challengeId, question.id, edited)).toEqual({ ...question, answer: edited });
      const stored = await questions().getQuestion(question.challengeId, question.id);
      expect(stored?.answer).toEqual(edited);
      expect(stored?.answer?.editedAt).toBeInstanceOf(Date);
      expect(await questions().setAnswer(question.challengeId, newId(), answer)).toBeNull();
      expect(await questions().setAnswer(newId(), question.id, answer)).toBeNull();
    });

    it("caps an asker's questions in a window over every challenge, and says when the oldest leaves it", async () => {
      const askedBy = newId();
      const caps = { perChallenge: 1_000, perAsker: 2, askerWindowStart: at(1) };
      // Before the window: does not count.
      await questions().addQuestion(makeQuestion({ askedBy, createdAt: at(0) }), ROOMY);
      expect(await questions().addQuestion(makeQuestion({ askedBy, createdAt: at(2) }), caps)).toEqual({ ok: true });
      expect(await questions().addQuestion(makeQuestion({ askedBy, createdAt: at(3) }), caps)).toEqual({ ok: true });
      const refused = makeQuestion({ askedBy, createdAt: at(4) });
      expect(await questions().addQuestion(refused, caps)).toEqual({ ok: false, reason: 'asker_limit', retryAt: at(2) });
      expect(await questions().getQuestion(refused.challengeId, refused.id)).toBeNull();
      // Another asker is not affected.
      expect(await questions().addQuestion(makeQuestion({ createdAt: at(4) }), caps)).toEqual({ ok: true });
    });

    it("caps a challenge's questions, and lets exactly as many concurrent adds land as the cap allows", async () => {
      const challengeId = newId();
      const caps = { perChallenge: 2, perAsker: 1_000, askerWindowStart: new Date(0) };
      const outcomes = await Promise.all(Array.from({ length: 4 }, (_, i) => questions().addQuestion(makeQuestion({ challengeId, createdAt: at(i) }), caps)));
      expect(outcomes.filter((o) => o.ok)).toHaveLength(2);
      expect(outcomes.filter((o) => !o.ok)).toEqual([
        { ok: false, reason: 'challenge_full' },
        { ok: false, reason: 'challenge_full' },
      ]);
      expect(await questions().listQuestions(challengeId)).toHaveLength(2);
    });

    it("lets exactly as many of one asker's concurrent questions land as its budget allows", async () => {
      const askedBy = newId();
      const caps = { perChallenge: 1_000, perAsker: 3, askerWindowStart: new Date(0) };
      const outcomes = await Promise.all(Array.from({ length: 5 }, (_, i) => questions().addQuestion(makeQuestion({ askedBy, createdAt: at(i) }), caps)));
      expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    });
  });
}
