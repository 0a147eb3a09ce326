import { QA_MAIN_TRACK_ID, type QaTrackPublic, type QuestionPublic } from '@ideasphere/shared';
import type { Audience } from '../services/board/visibility.js';
import type { QuestionRecord, TrackRecord } from '../store/QaStore.js';
import type { SessionRecord, Store } from '../store/Store.js';

/**
 * Turns question records into what an audience may see, names and upvote counts read in one
 * batch per call. A question asked anonymously, or any question of an anonymous session, reaches
 * phones and screens without its asker; the facilitator always sees who asked.
 */
export class QuestionPresenter {
  constructor(private readonly store: Store) {}

  async present(
    session: SessionRecord,
    questions: readonly QuestionRecord[],
    audiences: readonly Audience[],
    upvotes?: Record<string, number>,
  ): Promise<Record<Audience, QuestionPublic[]>> {
    const result: Record<Audience, QuestionPublic[]> = { staff: [], audience: [] };
    if (questions.length === 0) return result;
    const ids = questions.map((q) => q.id);
    const [people, counts] = await Promise.all([
      this.store.getParticipantsByIds(session.id, [...new Set(questions.map((q) => q.authorId))]),
      upvotes ?? this.store.qa.upvotesOf(session.id, ids),
    ]);
    const names = new Map(people.map((p) => [p.id, p.name]));
    for (const audience of audiences) {
      result[audience] = questions.map((q) => {
        const named = audience === 'staff' || (!q.anonymous && !session.settings.anonymous);
        return {
          id: q.id,
          trackId: q.trackId,
          text: q.text,
          author: named ? { id: q.authorId, name: names.get(q.authorId) ?? '?' } : null,
          anonymous: q.anonymous,
          status: q.status,
          answered: q.answered,
          upvotes: counts[q.id] ?? 0,
          edited: q.edited,
          createdAt: q.createdAt.toISOString(),
        };
      });
    }
    return result;
  }
}

/** The session's tracks as clients see them: the main one first (stored or not), then by creation. */
export function presentTracks(stored: readonly TrackRecord[]): QaTrackPublic[] {
  const main = stored.find((t) => t.id === QA_MAIN_TRACK_ID);
  const tracks: QaTrackPublic[] = [main ? presentTrack(main) : { id: QA_MAIN_TRACK_ID, name: '', venueId: null, highlightedId: null }];
  for (const track of stored) if (track.id !== QA_MAIN_TRACK_ID) tracks.push(presentTrack(track));
  return tracks;
}

export function presentTrack(track: TrackRecord): QaTrackPublic {
  return { id: track.id, name: track.name, venueId: track.venueId, highlightedId: track.highlightedId };
}
