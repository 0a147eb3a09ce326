import type { CeremonyState, ParticipantPublic, SessionPublic, VenueCounts, VenuePublic, VenueScreenLink } from '@ideasphere/shared';
import type { CeremonyRecord, ParticipantRecord, SessionRecord, VenueRecord } from './store/Store.js';

/** Builds join URLs and other public links from the server's public origin. */
export interface Links {
  publicUrl(): string;
}

export function joinUrl(links: Links, code: string): string {
  return `${links.publicUrl()}/j/${code}`;
}

/** The URL a venue's QR code encodes: the join page with the venue preselected. */
export function venueJoinUrl(links: Links, code: string, venueId: string): string {
  return `${joinUrl(links, code)}?v=${encodeURIComponent(venueId)}`;
}

/** A venue as everyone may see it: never its screen secret. */
export function presentVenue(code: string, venue: VenueRecord, links: Links): VenuePublic {
  const query = `?v=${encodeURIComponent(venue.id)}`;
  const api = `${links.publicUrl()}/api/sessions/${code}`;
  return {
    id: venue.id,
    name: venue.name,
    view: venue.view,
    joinUrl: venueJoinUrl(links, code, venue.id),
    qrPngUrl: `${api}/qr.png${query}`,
    qrSvgUrl: `${api}/qr.svg${query}`,
  };
}

/** The facilitator console's link (shown only when the token is made). */
export function facilitatorUrl(links: Links, code: string, facilitatorToken: string): string {
  return `${links.publicUrl()}/f/${code}#token=${facilitatorToken}`;
}

/** A Q&A moderator's link (shown only when the token is made). */
export function moderatorUrl(links: Links, code: string, moderatorToken: string): string {
  return `${links.publicUrl()}/m/${code}#token=${moderatorToken}`;
}

/** A big-screen link for a screen token (shown only when the token is made). */
export function screenUrl(links: Links, code: string, screenToken: string): string {
  return `${links.publicUrl()}/s/${code}#key=${screenToken}`;
}

export function presentVenueScreen(code: string, venueId: string, screenToken: string, links: Links): VenueScreenLink {
  return { venueId, screenToken, screenUrl: screenUrl(links, code, screenToken) };
}

/** Counts per venue of the session, with a zero for each venue nobody joined yet. */
export function presentVenueCounts(session: SessionRecord, counts: VenueCounts, total: number): VenueCounts {
  const result: VenueCounts = {};
  for (const venue of session.venues) result[venue.id] = counts[venue.id] ?? 0;
  // Participants who joined before the session had venues belong to its first venue, so the
  // venue counts always add up to the total.
  const first = session.venues[0];
  const counted = Object.values(result).reduce((sum, n) => sum + n, 0);
  if (first && counted < total) result[first.id] = (result[first.id] ?? 0) + total - counted;
  return result;
}

export function presentCeremony(ceremony: CeremonyRecord): CeremonyState {
  return { stage: ceremony.stage, message: ceremony.message, view: ceremony.view, changedAt: ceremony.changedAt.toISOString() };
}

/** The public view of a session: never its token hashes or internal id. */
export function presentSession(session: SessionRecord, links: Links): SessionPublic {
  return {
    code: session.code,
    title: session.title,
    description: session.description,
    language: session.language,
    createdAt: session.createdAt.toISOString(),
    joinUrl: joinUrl(links, session.code),
    venues: session.venues.map((venue) => presentVenue(session.code, venue, links)),
  };
}

/** The public view of a participant: never the token hash. */
export function presentParticipant(participant: ParticipantRecord, online: boolean): ParticipantPublic {
  return {
    id: participant.id,
    name: participant.name,
    photoVersion: participant.photoVersion,
    joinedAt: participant.joinedAt.toISOString(),
    online,
    venueId: participant.venueId,
    faceHidden: participant.faceHidden,
  };
}
