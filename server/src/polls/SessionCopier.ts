import { QA_MAIN_TRACK_ID, type SessionTemplateContent } from '@ideasphere/shared';
import { newId } from '../ids.js';
import type { SessionRecord, Store } from '../store/Store.js';

/**
 * What a facilitator prepared in a session, taken out (`capture`) and put into a new session
 * (`apply`): the board's settings (categories, banned words, voting rules, anonymity, proposal
 * template), the Q&A's settings and tracks (tied to the venue of the same place), and every
 * poll as a prepared draft. Nothing of the audience: no participants, ideas, votes, questions,
 * answers or results; the per-event state (phase, hidden cloud words, joining closed) starts
 * afresh. Duplicating a session and saving or using a template all go through here.
 */
export class SessionCopier {
  constructor(private readonly store: Store) {}

  async capture(source: SessionRecord): Promise<SessionTemplateContent> {
    const [qaSettings, tracks, polls] = await Promise.all([
      this.store.qa.getSettings(source.id),
      this.store.qa.listTracks(source.id),
      this.store.polls.listPolls(source.id),
    ]);
    const venueIndex = new Map(source.venues.map((v, i) => [v.id, i]));
    return {
      title: source.title,
      description: source.description,
      language: source.language,
      venues: source.venues.map((v) => v.name),
      settings: { ...source.settings, hiddenWords: [], joiningOpen: true },
      qa: {
        settings: qaSettings,
        tracks: tracks
          .filter((t) => t.id !== QA_MAIN_TRACK_ID || t.name !== '')
          .map((t) => ({
            name: t.name,
            venueIndex: t.venueId === null ? null : (venueIndex.get(t.venueId) ?? null),
            ...(t.id === QA_MAIN_TRACK_ID ? { main: true } : {}),
          })),
      },
      polls: polls.map((p) => ({
        kind: p.kind,
        question: p.question,
        options: p.options.map((o) => ({ ...o })),
        multiple: p.multiple,
        scaleMax: p.scaleMax,
        correctOptionId: p.correctOptionId,
        durationSeconds: p.durationSeconds,
        resultMode: p.resultMode,
      })),
    };
  }

  /** Puts prepared content into a session created with `content.venues` (venues map by position). */
  async apply(content: SessionTemplateContent, target: SessionRecord): Promise<void> {
    await this.store.updateSession(target.id, { settings: { ...content.settings, hiddenWords: [], joiningOpen: true } });
    if (content.qa.settings) await this.store.qa.putSettings(target.id, content.qa.settings);
    const now = new Date();
    for (const [index, track] of content.qa.tracks.entries()) {
      const venueId = track.venueIndex === null ? null : (target.venues[track.venueIndex]?.id ?? null);
      const id = track.main === true ? QA_MAIN_TRACK_ID : newId(now.getTime());
      // Kept in their order: the main track first, as it sorts in every session.
      const createdAt = new Date(id === QA_MAIN_TRACK_ID ? 0 : now.getTime() + index);
      await this.store.qa.putTrack(target.id, id, { name: track.name, venueId }, { name: track.name, venueId, highlightedId: null, createdAt });
    }
    for (const [position, poll] of content.polls.entries()) {
      await this.store.polls.insertPoll({
        ...poll,
        options: poll.options.map((o) => ({ ...o })),
        id: newId(now.getTime()),
        sessionId: target.id,
        resultsShown: false,
        status: 'draft',
        position,
        openedAt: null,
        closesAt: null,
        createdAt: now,
        updatedAt: now,
      });
    }
  }
}
