import { LEADERBOARD_SIZE, type Language, type LeaderboardEntry, type PollResults, quizPoints } from '@ideasphere/shared';
import { wordCloud } from '@ideasphere/shared/wordCloud.js';
import type { PollAnswerRecord, PollRecord } from '../store/PollStore.js';

/** Words shown in a poll's cloud. */
const POLL_CLOUD_WORDS = 40;

/**
 * What a poll's answers add up to. Choice and quiz: answers per option (a multiple choice
 * counts each picked option); rating: answers per score and the mean; ranking: a Borda count
 * (with n options, first place earns n points, last 1), highest first, ties in option order;
 * words: the word cloud of shared/wordCloud (stop words out, one weight per author).
 * The leaderboard is left empty: it spans several polls (see {@link leaderboard}).
 */
export function tallyPoll(poll: PollRecord, answers: readonly PollAnswerRecord[], language: Language): PollResults {
  const results: PollResults = { pollId: poll.id, answered: answers.length, counts: {}, ratings: [], average: null, ranking: [], words: [], leaderboard: [] };
  switch (poll.kind) {
    case 'choice':
    case 'quiz': {
      for (const option of poll.options) results.counts[option.id] = 0;
      for (const { value } of answers) {
        const picked = value.kind === 'choice' ? value.optionIds : value.kind === 'quiz' ? [value.optionId] : [];
        for (const id of picked) if (id in results.counts) results.counts[id] = (results.counts[id] ?? 0) + 1;
      }
      break;
    }
    case 'rating': {
      results.ratings = Array.from({ length: poll.scaleMax }, () => 0);
      let sum = 0;
      let n = 0;
      for (const { value } of answers) {
        if (value.kind !== 'rating' || value.rating < 1 || value.rating > poll.scaleMax) continue;
        results.ratings[value.rating - 1] = (results.ratings[value.rating - 1] ?? 0) + 1;
        sum += value.rating;
        n++;
      }
      results.average = n === 0 ? null : Math.round((sum / n) * 100) / 100;
      break;
    }
    case 'ranking': {
      const scores = new Map(poll.options.map((o) => [o.id, 0]));
      const n = poll.options.length;
      for (const { value } of answers) {
        if (value.kind !== 'ranking') continue;
        value.optionIds.forEach((id, place) => {
          const score = scores.get(id);
          if (score !== undefined) scores.set(id, score + (n - place));
        });
      }
      results.ranking = poll.options.map((o, index) => ({ optionId: o.id, score: scores.get(o.id) ?? 0, index }))
        .sort((a, b) => b.score - a.score || a.index - b.index)
        .map(({ optionId, score }) => ({ optionId, score }));
      break;
    }
    case 'words': {
      const texts = answers.flatMap(({ participantId, value }) => (value.kind === 'words' ? [{ author: participantId, text: value.text }] : []));
      results.words = wordCloud(texts, language, { limit: POLL_CLOUD_WORDS });
      break;
    }
  }
  return results;
}

/**
 * The session's quiz leaderboard: every launched quiz poll's answers scored with `quizPoints`
 * (a correct answer 500 points plus up to 500 for speed: the share of the countdown left when
 * the latest answer reached the server), summed per participant; most points first, then most
 * correct answers, then the least time taken over the correct answers (points are rounded, so two
 * close answers can tie on points), then who joined the board first (id order). The top LEADERBOARD_SIZE.
 * `names` maps participant ids to names, or is null when the session is anonymous.
 */
export function leaderboard(
  quizzes: readonly { poll: PollRecord; answers: readonly PollAnswerRecord[] }[],
  names: ReadonlyMap<string, string> | null,
  size = LEADERBOARD_SIZE,
): LeaderboardEntry[] {
  const totals = new Map<string, { points: number; correct: number; correctMs: number }>();
  for (const { poll, answers } of quizzes) {
    if (poll.kind !== 'quiz' || poll.openedAt === null) continue;
    const opened = poll.openedAt.getTime();
    const closes = poll.closesAt?.getTime() ?? opened;
    for (const { participantId, value, answeredAt } of answers) {
      const correct = value.kind === 'quiz' && value.optionId === poll.correctOptionId;
      const total = totals.get(participantId) ?? { points: 0, correct: 0, correctMs: 0 };
      total.points += quizPoints(correct, opened, closes, answeredAt.getTime());
      if (correct) {
        total.correct++;
        total.correctMs += answeredAt.getTime() - opened;
      }
      totals.set(participantId, total);
    }
  }
  return [...totals.entries()]
    .sort(([a, x], [b, y]) => y.points - x.points || y.correct - x.correct || x.correctMs - y.correctMs || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, size)
    .map(([participantId, { points, correct }]) => ({ participantId, name: names ? (names.get(participantId) ?? '?') : null, points, correct }));
}
