import type { Ballot, BoardDelta, BoardSettings, IdeaPublic, PhaseState, Reaction } from './boardModel.js';
import type { StageSnapshot, VenueCounts, VenuePublic, VenueScreenLink } from './ceremonyModel.js';
import type { Language } from './languages.js';
import type { Role } from './schemas.js';

/** What anyone in a session may know about the session. */
export interface SessionPublic {
  code: string;
  title: string;
  description: string;
  language: Language;
  createdAt: string;
  joinUrl: string;
  /** At least one; the first is where joins without a venue land. */
  venues: VenuePublic[];
}

/** What others in the session may know about a participant. */
export interface ParticipantPublic {
  id: string;
  name: string;
  /** Changes whenever the photo changes, so it can key an HTTP cache; null without a photo. */
  photoVersion: string | null;
  joinedAt: string;
  online: boolean;
  /** The venue recorded at join (null only for records older than venues). */
  venueId: string | null;
  /** The facilitator hid this face: screens drop it and the photo URL answers 404. */
  faceHidden: boolean;
}

/** The facilitator's link to the console (`session:rotateFacilitatorLink` makes a new one). */
export interface FacilitatorLink {
  facilitatorToken: string;
  facilitatorUrl: string;
}

/** The session-wide big-screen link (`session:rotateScreenLink` makes a new one). */
export interface ScreenLink {
  screenToken: string;
  screenUrl: string;
}

/** `POST /api/sessions` response: the only time the secrets are shown. */
export interface CreatedSession extends SessionPublic, FacilitatorLink, ScreenLink {
  qrPngUrl: string;
  qrSvgUrl: string;
  /** One big-screen link per venue, in the order of `venues`. */
  venueScreens: VenueScreenLink[];
}

/** `POST /api/sessions/:code/participants` response. */
export interface JoinedSession {
  participant: ParticipantPublic;
  participantToken: string;
}

/** `GET /api/sessions/:code` response. */
export interface SessionInfo extends SessionPublic {
  participantCount: number;
  venueCounts: VenueCounts;
  /** False when the facilitator closed joining: the join page says so instead of showing the form. */
  joiningOpen: boolean;
}

/** One page of participants, oldest first. */
export interface ParticipantPage {
  participants: ParticipantPublic[];
  /** Pass as `after` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/** `session:snapshot` ack: everything a freshly connected screen needs, in one message. */
export interface SessionSnapshot {
  /** The session's version when this was read (see `BoardSnapshot.version`). */
  version: number;
  session: SessionPublic;
  role: Role;
  /** The connected participant, when the role is participant. */
  me: ParticipantPublic | null;
  participantCount: number;
  onlineCount: number;
  firstPage: ParticipantPage;
  /** The ceremony, venues and per-venue counts. */
  stage: StageSnapshot;
}

/** `participant:presence` broadcast. */
export interface PresenceChange {
  id: string;
  online: boolean;
  onlineCount: number;
}

/** Why the server closed a socket (sent in `session:kicked` before disconnecting). */
export interface KickNotice {
  /** `too_many_connections`: the same phone or link opened more sockets; this, the oldest, closed. */
  reason: 'session_closed' | 'removed' | 'token_revoked' | 'too_many_connections';
}

/**
 * `session:catchUp` ack: what changed since the version a client holds, in one message, so a
 * client back after a restart re-reads only that; `reload` when the change log no longer
 * reaches back so far (or the changes are about as big as the board): load the snapshots.
 */
export type SessionCatchUp = { kind: 'reload' } | SessionChanges;

export interface SessionChanges {
  kind: 'changes';
  /** The version the client holds once it applied this. */
  version: number;
  session: SessionPublic;
  stage: StageSnapshot;
  phase: PhaseState;
  settings: BoardSettings;
  /** Ideas, tallies and clusters changed since, as a board delta for this audience. */
  board: BoardDelta;
  /** The participant's own ideas that changed (any status); empty for other roles. */
  mine: IdeaPublic[];
  ballot: Ballot;
  myReactions: Record<string, Reaction[]>;
  participantCount: number;
  onlineCount: number;
  /** Facilitator and screens: participants who joined or changed, those removed, who is online now. */
  participants: ParticipantPublic[];
  removedParticipantIds: string[];
  online: string[];
  /** The connected participant (participant role only). */
  me: ParticipantPublic | null;
}
