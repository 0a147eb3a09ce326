import type { LeaderboardEntry, PollResults } from '@ideasphere/shared';
import type { PollAnswerRecord, PollRecord } from '../store/PollStore.js';
import type { SessionRecord, Store } from '../store/Store.js';
import { leaderboard, tallyPoll } from './pollTally.js';

/**
 * Reads polls' answers back from the store and adds them up (see pollTally). A quiz's
 * leaderboard spans every quiz launched up to it, so quizzes read their predecessors' answers
 * once per call.
 */
export class PollResultsReader {
  constructor(private readonly store: Store) {}

  /** Results of these polls (drafts have none and are left out), in the same order. */
  async results(session: SessionRecord, polls: readonly PollRecord[]): Promise<PollResults[]> {
    const launched = polls.filter((p) => p.status !== 'draft');
    if (launched.length === 0) return [];
    const answers = new Map<string, PollAnswerRecord[]>();
    const read = async (poll: PollRecord) => {
      if (!answers.has(poll.id)) answers.set(poll.id, await this.store.polls.listAnswers(session.id, poll.id));
      return answers.get(poll.id) ?? [];
    };
    const quizzes = launched.some((p) => p.kind === 'quiz')
      ? (await this.store.polls.listPolls(session.id)).filter((p) => p.kind === 'quiz' && p.openedAt !== null)
      : [];
    for (const quiz of quizzes) await read(quiz);
    const out: PollResults[] = [];
    for (const poll of launched) {
      const results = tallyPoll(poll, await read(poll), session.language);
      if (poll.kind === 'quiz' && poll.openedAt !== null) {
        const upTo = poll.openedAt.getTime();
        const sofar = quizzes.filter((q) => (q.openedAt?.getTime() ?? Infinity) <= upTo || q.id === poll.id);
        results.leaderboard = await this.named(session, leaderboard(sofar.map((q) => ({ poll: q, answers: answers.get(q.id) ?? [] })), null));
      }
      out.push(results);
    }
    return out;
  }

  /** Names for the few on a leaderboard (none when the session is anonymous). */
  private async named(session: SessionRecord, entries: LeaderboardEntry[]): Promise<LeaderboardEntry[]> {
    if (session.settings.anonymous || entries.length === 0) return entries;
    const people = await this.store.getParticipantsByIds(session.id, entries.map((e) => e.participantId));
    const names = new Map(people.map((p) => [p.id, p.name]));
    return entries.map((e) => ({ ...e, name: names.get(e.participantId) ?? '?' }));
  }
}
