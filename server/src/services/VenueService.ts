import {
  type EventInput,
  VENUES_MAX,
  type VenueAdded,
  type VenuePublic,
  type VenueScreenLink,
} from '@ideasphere/shared';
import { errors } from '../errors.js';
import { hashToken, newId, newToken } from '../ids.js';
import { type Links, presentVenue, presentVenueScreen } from '../presenters.js';
import type { SessionRecord, Store, VenueRecord } from '../store/Store.js';
import type { Broadcasts } from '../realtime/Broadcasts.js';
import { changeStage } from './CeremonyService.js';

/**
 * A session's venues: each with its own join QR code and its own big-screen link, whose secret
 * is shown when made and never again. Facilitator actions; the handlers check the role.
 */
export class VenueService {
  constructor(
    private readonly store: Store,
    private readonly links: Links,
    private readonly broadcasts: Broadcasts,
    private readonly now: () => number = Date.now,
  ) {}

  /** The venue with this id, or `not_found`. */
  require(session: SessionRecord, venueId: string): VenueRecord {
    const venue = session.venues.find((v) => v.id === venueId);
    if (!venue) throw errors.venueNotFound();
    return venue;
  }

  async add(session: SessionRecord, input: EventInput<'venue:add'>): Promise<VenueAdded> {
    const screenToken = newToken();
    const now = new Date(this.now());
    const venue: VenueRecord = { id: newId(now.getTime()), name: input.name, view: 'ceremony', screenTokenHash: hashToken(screenToken), createdAt: now };
    const updated = await changeStage(this.store, session, { kind: 'addVenue', venue, max: VENUES_MAX }, now);
    this.announce(updated);
    return { venue: presentVenue(updated.code, venue, this.links), screen: presentVenueScreen(updated.code, venue.id, screenToken, this.links) };
  }

  async rename(session: SessionRecord, input: EventInput<'venue:rename'>): Promise<VenuePublic> {
    const { venueId, name } = input;
    const updated = await changeStage(this.store, session, { kind: 'renameVenue', venueId, name }, new Date(this.now()));
    this.announce(updated);
    return presentVenue(updated.code, this.require(updated, venueId), this.links);
  }

  /** A new screen link for the venue: the old one stops working and its screens are closed. */
  async rotateScreenLink(session: SessionRecord, input: EventInput<'venue:rotateScreenLink'>): Promise<VenueScreenLink> {
    const { venueId } = input;
    const screenToken = newToken();
    await changeStage(this.store, session, { kind: 'rotateVenueScreen', venueId, screenTokenHash: hashToken(screenToken) }, new Date(this.now()));
    this.broadcasts.venueScreenRevoked(session.id, venueId);
    return presentVenueScreen(session.code, venueId, screenToken, this.links);
  }

  private announce(session: SessionRecord): void {
    this.broadcasts.venuesChanged(session.id, session.venues.map((venue) => presentVenue(session.code, venue, this.links)));
  }
}
