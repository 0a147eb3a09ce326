import type {
  AwardRevealState,
  BoardDelta,
  BoardSettings,
  CeremonyState,
  KickNotice,
  ParticipantPublic,
  PhaseState,
  PollDelta,
  PresenceChange,
  QaDelta,
  QaSettings,
  SessionPublic,
  VenueCounts,
  VenuePublic,
} from '@ideasphere/shared';
import type { Audience } from '../services/board/visibility.js';
import {
  type IoServer,
  audienceRoom,
  participantRoom,
  qaStaffRoom,
  rosterRoom,
  sessionRoom,
  staffRoom,
  tokenRoom,
  venueScreenRoom,
} from './types.js';

/**
 * Every server → client message, and who receives it. Services say what happened; this class
 * alone knows the rooms (who may hear what: the roster only reaches staff and screens, board
 * deltas go per audience) and how a socket is closed for good (told why, then disconnected).
 */
export class Broadcasts {
  private closings = 0;

  constructor(private readonly io: () => IoServer | null) {}

  /**
   * How many times this process has closed sockets for good (a participant removed, a link
   * replaced). A handshake that sees the same number when its socket is in its rooms cannot
   * have missed a closing, so its credential need not be read again (see createRealtime).
   * Counts this process's closings only: the server is one process (docs/architecture.md).
   */
  revocations(): number {
    return this.closings;
  }

  // ── Participants (the roster reaches the facilitator and screens only) ──────────────────

  participantJoined(sessionId: string, participant: ParticipantPublic, participantCount: number, venueCounts: VenueCounts): void {
    this.io()?.to(rosterRoom(sessionId)).emit('participant:joined', participant, participantCount, venueCounts);
  }

  /** The participant's own phones hear it too (a hidden face, a photo changed on another phone). */
  participantUpdated(sessionId: string, participant: ParticipantPublic): void {
    this.io()?.to([rosterRoom(sessionId), participantRoom(participant.id)]).emit('participant:updated', participant);
  }

  participantRemoved(sessionId: string, participantId: string, participantCount: number, venueCounts: VenueCounts): void {
    this.close(participantRoom(participantId), 'removed');
    this.io()?.to(rosterRoom(sessionId)).emit('participant:removed', { id: participantId, participantCount, venueCounts });
  }

  presence(sessionId: string, change: PresenceChange): void {
    this.io()?.to(rosterRoom(sessionId)).emit('participant:presence', change);
  }

  // ── The session, its stage and its links (everyone in the session) ──────────────────────

  sessionUpdated(sessionId: string, session: SessionPublic): void {
    this.io()?.to(sessionRoom(sessionId)).emit('session:updated', session);
  }

  ceremonyChanged(sessionId: string, state: CeremonyState): void {
    this.io()?.to(sessionRoom(sessionId)).emit('ceremony:changed', state);
  }

  venuesChanged(sessionId: string, venues: VenuePublic[]): void {
    this.io()?.to(sessionRoom(sessionId)).emit('venues:changed', venues);
  }

  /** A venue's screen link was replaced: its screens are closed. */
  venueScreenRevoked(sessionId: string, venueId: string): void {
    this.close(venueScreenRoom(sessionId, venueId), 'token_revoked');
  }

  /** A token was replaced: every socket that authenticated with it is closed. */
  credentialRevoked(tokenHash: string): void {
    this.close(tokenRoom(tokenHash), 'token_revoked');
  }

  /** A category's winners were revealed: every screen and phone of the session follows. */
  awardRevealed(sessionId: string, state: AwardRevealState): void {
    this.io()?.to(sessionRoom(sessionId)).emit('award:revealed', state);
  }

  // ── The live board ───────────────────────────────────────────────────────────────────────

  phaseChanged(sessionId: string, phase: PhaseState): void {
    this.io()?.to(sessionRoom(sessionId)).emit('phase:changed', phase);
  }

  settingsChanged(sessionId: string, settings: BoardSettings): void {
    this.io()?.to(sessionRoom(sessionId)).emit('board:settings', settings);
  }

  /** One audience's batched board changes (see BoardBroadcaster). */
  boardDelta(sessionId: string, audience: Audience, delta: BoardDelta): void {
    this.io()?.to(audience === 'staff' ? staffRoom(sessionId) : audienceRoom(sessionId)).emit('board:delta', delta);
  }

  /** An author's own ideas that the audience does not see (pending, held, hidden…). */
  ownIdeas(authorId: string, delta: BoardDelta): void {
    this.io()?.to(participantRoom(authorId)).emit('board:delta', delta);
  }

  // ── Audience Q&A ─────────────────────────────────────────────────────────────────────────

  /** One audience's batched Q&A changes (see QaBroadcaster). */
  qaDelta(sessionId: string, audience: Audience, delta: QaDelta): void {
    this.io()?.to(audience === 'staff' ? [staffRoom(sessionId), qaStaffRoom(sessionId)] : audienceRoom(sessionId)).emit('qa:delta', delta);
  }

  /** An asker's own questions the audience does not see (pending, held, hidden, archived). */
  ownQuestions(authorId: string, delta: QaDelta): void {
    this.io()?.to(participantRoom(authorId)).emit('qa:delta', delta);
  }

  qaSettingsChanged(sessionId: string, settings: QaSettings): void {
    this.io()?.to(sessionRoom(sessionId)).emit('qa:settings', settings);
  }

  // ── Live polls ───────────────────────────────────────────────────────────────────────────

  /** One audience's batched poll changes (see PollBroadcaster): results only where they may be seen. */
  pollDelta(sessionId: string, audience: Audience, delta: PollDelta): void {
    this.io()?.to(audience === 'staff' ? staffRoom(sessionId) : audienceRoom(sessionId)).emit('poll:delta', delta);
  }

  /** Tells every socket in the room why, then closes it for good. */
  private close(room: string, reason: KickNotice['reason']): void {
    // Counted before the room is closed: a socket that joins it later sees a new number.
    this.closings++;
    const io = this.io();
    if (!io) return;
    io.to(room).emit('session:kicked', { reason });
    io.in(room).disconnectSockets(true);
  }
}
