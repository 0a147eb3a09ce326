import {
  type EventInput,
  type CeremonyState,
  type StageSnapshot,
  type VenuePublic,
} from '@ideasphere/shared';
import { errors } from '../errors.js';
import type { Broadcasts } from '../realtime/Broadcasts.js';
import { type Links, presentCeremony, presentVenue, presentVenueCounts } from '../presenters.js';
import type { SessionRecord, StageChange, StageOutcome, Store } from '../store/Store.js';

/** Applies a stage change, turning a refusal into the matching client error. */
export async function changeStage(store: Store, session: SessionRecord, change: StageChange, now: Date): Promise<SessionRecord> {
  const outcome: StageOutcome = await store.changeStage(session.id, change, now);
  if (outcome.ok) return outcome.session;
  switch (outcome.reason) {
    case 'session_not_found':
      throw errors.sessionNotFound();
    case 'venue_not_found':
      throw errors.venueNotFound();
    case 'venue_limit':
      throw errors.venueLimit(change.kind === 'addVenue' ? change.max : 0);
    case 'venue_name_taken':
      throw errors.venueNameTaken();
  }
}

/**
 * The join ceremony: what screens show (ceremony or board, for all or one venue) and its
 * stage (gathering, finale). Facilitator actions; the handlers check the role.
 */
export class CeremonyService {
  constructor(
    private readonly store: Store,
    private readonly links: Links,
    private readonly broadcasts: Broadcasts,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * What a screen, phone or console needs for the ceremony. `myVenueId`: the screen's venue or
   * the phone's; null for the facilitator and session-wide screens.
   */
  async stage(session: SessionRecord, myVenueId: string | null): Promise<StageSnapshot> {
    const [counts, total] = await Promise.all([
      this.store.countParticipantsByVenue(session.id),
      this.store.countParticipants(session.id),
    ]);
    return {
      ceremony: presentCeremony(session.ceremony),
      venues: this.venues(session),
      venueCounts: presentVenueCounts(session, counts, total),
      myVenueId,
    };
  }

  venues(session: SessionRecord): VenuePublic[] {
    return session.venues.map((venue) => presentVenue(session.code, venue, this.links));
  }

  /** Back to gathering, no message, every screen on the ceremony. */
  async start(session: SessionRecord): Promise<CeremonyState> {
    const updated = await this.apply(session, { kind: 'setCeremony', stage: 'gathering', message: null, allViews: 'ceremony' });
    const state = presentCeremony(updated.ceremony);
    this.broadcasts.ceremonyChanged(updated.id, state);
    this.broadcasts.venuesChanged(updated.id, this.venues(updated));
    return state;
  }

  /** The sphere spins up and the message (or, without one, the session title) appears. */
  async finale(session: SessionRecord, input: EventInput<'ceremony:finale'>): Promise<CeremonyState> {
    const message = input.message === undefined || input.message === '' ? null : input.message;
    const updated = await this.apply(session, { kind: 'setCeremony', stage: 'finale', message });
    const state = presentCeremony(updated.ceremony);
    this.broadcasts.ceremonyChanged(updated.id, state);
    return state;
  }

  /** Switches every screen (no venueId) or one venue's screens between ceremony and board. */
  async switchScreens(session: SessionRecord, input: EventInput<'screen:switch'>): Promise<StageSnapshot> {
    const venueId = input.venueId ?? null;
    const updated = await this.apply(session, { kind: 'switchView', venueId, view: input.view });
    if (venueId === null) this.broadcasts.ceremonyChanged(updated.id, presentCeremony(updated.ceremony));
    this.broadcasts.venuesChanged(updated.id, this.venues(updated));
    return this.stage(updated, null);
  }

  private apply(session: SessionRecord, change: StageChange): Promise<SessionRecord> {
    return changeStage(this.store, session, change, new Date(this.now()));
  }
}
