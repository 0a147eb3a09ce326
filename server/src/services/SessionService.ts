import type { z } from 'zod';
import {
  type EventInput,
  DEFAULT_VENUE_NAME,
  type CreatedSession,
  type Role,
  type SessionInfo,
  type SessionPublic,
  type FacilitatorLink,
  type ScreenLink,
  createSessionBodySchema,
  defaultBoardSettings,
  generateJoinCode,
} from '@ideasphere/shared';
import { AppError, errors } from '../errors.js';
import { hashToken, newId, newToken, sameHash } from '../ids.js';
import {
  type Links,
  facilitatorUrl,
  joinUrl,
  presentSession,
  presentVenueCounts,
  presentVenueScreen,
  screenUrl,
  venueJoinUrl,
} from '../presenters.js';
import { initialCeremony } from '../store/stageRules.js';
import { type SessionRecord, type Store, StoreConflictError, type VenueRecord } from '../store/Store.js';
import type { ParticipantRecord } from '../store/Store.js';

/** How often to draw a new join code when the drawn one is taken (31^6 ≈ 887 M codes). */
const JOIN_CODE_ATTEMPTS = 8;

/** Who a token proves someone to be, within one session. */
export type Principal =
  | { role: 'facilitator'; session: SessionRecord }
  /** `venueId`: the venue whose screen link was used; null for the session-wide link. */
  | { role: 'screen'; session: SessionRecord; venueId: string | null }
  | { role: 'participant'; session: SessionRecord; participant: ParticipantRecord }
  /** The Q&A moderator: by the session's moderator link (`qa:rotateModeratorLink`). */
  | { role: 'moderator'; session: SessionRecord };

/** Creating, reading and authenticating live sessions. */
export class SessionService {
  constructor(
    private readonly store: Store,
    private readonly links: Links,
  ) {}

  /** Creates a session with a fresh join code; returns its secrets once. */
  async create(input: z.output<typeof createSessionBodySchema>): Promise<CreatedSession> {
    const facilitatorToken = newToken();
    const screenToken = newToken();
    const now = new Date();
    const venueNames = input.venues ?? [DEFAULT_VENUE_NAME[input.language]];
    const venueScreenTokens = venueNames.map(() => newToken());
    const venues: VenueRecord[] = venueNames.map((name, i) => ({
      id: newId(now.getTime()),
      name,
      view: 'ceremony',
      screenTokenHash: hashToken(venueScreenTokens[i] ?? newToken()),
      createdAt: now,
    }));
    for (let attempt = 0; attempt < JOIN_CODE_ATTEMPTS; attempt++) {
      const record: SessionRecord = {
        id: newId(now.getTime()),
        code: generateJoinCode(),
        title: input.title,
        description: input.description,
        language: input.language,
        facilitatorTokenHash: hashToken(facilitatorToken),
        screenTokenHash: hashToken(screenToken),
        phase: 'collect',
        phaseEndsAt: null,
        settings: defaultBoardSettings(),
        venues,
        ceremony: initialCeremony(now),
        createdAt: now,
        updatedAt: now,
      };
      try {
        await this.store.createSession(record);
      } catch (error) {
        if (error instanceof StoreConflictError) continue;
        throw error;
      }
      const base = this.links.publicUrl();
      const session = presentSession(record, this.links);
      return {
        ...session,
        facilitatorToken,
        facilitatorUrl: facilitatorUrl(this.links, record.code, facilitatorToken),
        screenToken,
        screenUrl: screenUrl(this.links, record.code, screenToken),
        qrPngUrl: `${base}/api/sessions/${record.code}/qr.png`,
        qrSvgUrl: `${base}/api/sessions/${record.code}/qr.svg`,
        venueScreens: venues.map((venue, i) => presentVenueScreen(record.code, venue.id, venueScreenTokens[i] ?? '', this.links)),
      };
    }
    throw errors.unavailable();
  }

  /** The session with this join code, or a `not_found` error. */
  async requireByCode(code: string): Promise<SessionRecord> {
    const session = await this.store.getSessionByCode(code);
    if (!session) throw errors.sessionNotFound();
    return session;
  }

  async info(code: string): Promise<SessionInfo> {
    const session = await this.requireByCode(code);
    const [participantCount, venueCounts] = await Promise.all([
      this.store.countParticipants(session.id),
      this.store.countParticipantsByVenue(session.id),
    ]);
    return {
      ...presentSession(session, this.links),
      participantCount,
      venueCounts: presentVenueCounts(session, venueCounts, participantCount),
      joiningOpen: session.settings.joiningOpen,
    };
  }

  present(session: SessionRecord): SessionPublic {
    return presentSession(session, this.links);
  }

  joinUrl(code: string): string {
    return joinUrl(this.links, code);
  }

  /** The join URL a venue's QR code encodes. */
  venueJoinUrl(code: string, venueId: string): string {
    return venueJoinUrl(this.links, code, venueId);
  }

  /**
   * Resolves a token to a principal of the given role in the session with this code. A token
   * of another session, another role, or a removed participant is refused alike.
   */
  async authenticate(role: Role, code: string, token: string): Promise<Principal> {
    return this.principalOf(role, await this.requireByCode(code), hashToken(token));
  }

  /**
   * Whether a socket's credential still holds: its session exists, its link was not replaced,
   * its participant was not removed.
   */
  async stillValid(credential: { role: Role; sessionId: string; tokenHash: string }): Promise<boolean> {
    const session = await this.store.getSession(credential.sessionId);
    if (!session) return false;
    try {
      await this.principalOf(credential.role, session, credential.tokenHash);
      return true;
    } catch (error) {
      if (error instanceof AppError) return false;
      throw error;
    }
  }

  private async principalOf(role: Role, session: SessionRecord, hash: string): Promise<Principal> {
    switch (role) {
      case 'facilitator':
        if (!sameHash(hash, session.facilitatorTokenHash)) throw errors.badToken();
        return { role, session };
      case 'screen': {
        // The facilitator's token also opens the big screen (the console previews it).
        if (sameHash(hash, session.screenTokenHash) || sameHash(hash, session.facilitatorTokenHash)) {
          return { role, session, venueId: null };
        }
        // A venue's link: a screen of that venue. '' (a venue without a link yet) never matches.
        const venue = session.venues.find((v) => v.screenTokenHash !== '' && sameHash(hash, v.screenTokenHash));
        if (!venue) throw errors.badToken();
        return { role, session, venueId: venue.id };
      }
      case 'participant': {
        const participant = await this.store.getParticipantByTokenHash(session.id, hash);
        if (!participant || participant.removedAt) throw errors.badToken();
        return { role, session, participant };
      }
      case 'moderator': {
        const moderatorHash = await this.store.qa.getModeratorTokenHash(session.id);
        if (moderatorHash === null || !sameHash(hash, moderatorHash)) throw errors.badToken();
        return { role, session };
      }
    }
  }

  /**
   * A new facilitator link: the old one stops working at once. Returns the new secret (shown
   * once) and the hash of the old one, whose sockets the caller closes.
   */
  async rotateFacilitatorLink(session: SessionRecord): Promise<{ link: FacilitatorLink; revokedHash: string }> {
    const facilitatorToken = newToken();
    const updated = await this.store.updateSession(session.id, { facilitatorTokenHash: hashToken(facilitatorToken) });
    if (!updated) throw errors.sessionNotFound();
    return {
      link: { facilitatorToken, facilitatorUrl: facilitatorUrl(this.links, session.code, facilitatorToken) },
      revokedHash: session.facilitatorTokenHash,
    };
  }

  /** A new session-wide big-screen link: screens on the old one are closed by the caller. */
  async rotateScreenLink(session: SessionRecord): Promise<{ link: ScreenLink; revokedHash: string }> {
    const screenToken = newToken();
    const updated = await this.store.updateSession(session.id, { screenTokenHash: hashToken(screenToken) });
    if (!updated) throw errors.sessionNotFound();
    return { link: { screenToken, screenUrl: screenUrl(this.links, session.code, screenToken) }, revokedHash: session.screenTokenHash };
  }

  /** Facilitator edit of title, description or language. */
  async update(session: SessionRecord, input: EventInput<'session:update'>): Promise<SessionPublic> {
    const updated = await this.store.updateSession(session.id, input);
    if (!updated) throw errors.sessionNotFound();
    return presentSession(updated, this.links);
  }
}
