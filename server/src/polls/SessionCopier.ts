import { QA_MAIN_TRACK_ID } from '@ideasphere/shared';
import { newId } from '../ids.js';
import type { SessionRecord, Store } from '../store/Store.js';

/**
 * Copies what a facilitator prepared in one session into a new one: the board's settings
 * (categories, banned words, voting rules, anonymity, proposal template), the Q&A's settings
 * and tracks (tied to the venue of the same place), and every poll as a prepared draft. Nothing
 * of the audience is copied: no participants, ideas, votes, questions, answers or results, and
 * the per-event state (phase, hidden cloud words, joining closed) starts afresh. The new session
 * was created with the same venue names, so venues map by position.
 */
export class SessionCopier {
  constructor(private readonly store: Store) {}

  async copy(source: SessionRecord, target: SessionRecord): Promise<void> {
    const settings = { ...source.settings, hiddenWords: [], joiningOpen: true };
    await this.store.updateSession(target.id, { settings });
    const venueOf = new Map(source.venues.map((v, i) => [v.id, target.venues[i]?.id ?? null]));

    const [qaSettings, tracks, polls] = await Promise.all([
      this.store.qa.getSettings(source.id),
      this.store.qa.listTracks(source.id),
      this.store.polls.listPolls(source.id),
    ]);
    if (qaSettings) await this.store.qa.putSettings(target.id, qaSettings);
    const now = new Date();
    for (const track of tracks) {
      const venueId = track.venueId === null ? null : (venueOf.get(track.venueId) ?? null);
      const id = track.id === QA_MAIN_TRACK_ID ? QA_MAIN_TRACK_ID : newId(now.getTime());
      await this.store.qa.putTrack(target.id, id, { name: track.name, venueId }, { name: track.name, venueId, highlightedId: null, createdAt: track.createdAt });
    }
    for (const poll of polls) {
      await this.store.polls.insertPoll({
        ...poll,
        id: newId(now.getTime()),
        sessionId: target.id,
        status: 'draft',
        resultsShown: false,
        openedAt: null,
        closesAt: null,
        createdAt: now,
        updatedAt: now,
      });
    }
  }
}
