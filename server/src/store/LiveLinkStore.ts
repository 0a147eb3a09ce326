import type { PublicationKind } from '@ideasphere/shared';

/**
 * A live session an account created from the platform. The session itself stays as it is
 * (its secrets still only as hashes); this record lets the account list it and take over its
 * console. `challengeId`: the challenge it runs for, if any.
 */
export interface LiveSessionLinkRecord {
  accountId: string;
  sessionId: string;
  challengeId: string | null;
  createdAt: Date;
}

/**
 * A phone participant of a live session whose ideas and proposals an account kept. The
 * participant stays the author; the claim says whose account it is. One account per participant.
 */
export interface ParticipantClaimRecord {
  accountId: string;
  sessionId: string;
  participantId: string;
  claimedAt: Date;
}

/**
 * A kept idea or proposal the account shows on its profile (see publicationModel.ts for when it
 * is public). One per item: only the account that kept its author can hold it.
 */
export interface PublicationRecord {
  accountId: string;
  kind: PublicationKind;
  sessionId: string;
  itemId: string;
  publishedAt: Date;
}

export type PublishOutcome = { ok: true; created: boolean } | { ok: false; reason: 'full' };

export type LinkLiveSessionOutcome = { ok: true } | { ok: false; reason: 'full' };
export type ClaimOutcome = { ok: true; claim: ParticipantClaimRecord; created: boolean } | { ok: false; reason: 'claimed_by_other' | 'full' };

/**
 * The platform's links into the live event. Caps are checked in the same atomic write as the
 * insert, so racing requests cannot pass them together.
 */
export interface LiveLinkStore {
  /** Records a session an account created; refused when the account has `max` already. */
  linkLiveSession(link: LiveSessionLinkRecord, max: number): Promise<LinkLiveSessionOutcome>;
  getLiveSessionLink(accountId: string, sessionId: string): Promise<LiveSessionLinkRecord | null>;
  /** An account's sessions, newest first, at most `limit`. */
  listLiveSessionLinks(accountId: string, limit: number): Promise<LiveSessionLinkRecord[]>;
  /** The links of one session (the accounts that run it from the platform), in account id order, at most `limit`. */
  listLiveSessionLinksOfSession(sessionId: string, limit: number): Promise<LiveSessionLinkRecord[]>;
  /** The sessions run for a challenge (every organiser's), newest first, at most `limit`. */
  listLiveSessionLinksOfChallenge(challengeId: string, limit: number): Promise<LiveSessionLinkRecord[]>;
  /**
   * Claims a participant for an account: idempotent for the same account (`created: false`),
   * refused when another account holds it, or when the account has `max` claims already.
   */
  claimParticipant(claim: ParticipantClaimRecord, max: number): Promise<ClaimOutcome>;
  getClaim(sessionId: string, participantId: string): Promise<ParticipantClaimRecord | null>;
  /** An account's claims, those of the newest sessions first, at most `limit`. */
  listClaims(accountId: string, limit: number): Promise<ParticipantClaimRecord[]>;
  /** Shows an item on the account's profile: idempotent; refused when the account shows `max` already. */
  publish(publication: PublicationRecord, max: number): Promise<PublishOutcome>;
  /** Stops showing an item; false when it was not shown. */
  unpublish(kind: PublicationKind, itemId: string): Promise<boolean>;
  getPublication(kind: PublicationKind, itemId: string): Promise<PublicationRecord | null>;
  /** What an account shows, newest session first, at most `limit`. */
  listPublications(accountId: string, limit: number): Promise<PublicationRecord[]>;
  /** Every account's publications in (kind, itemId) order, after `after`, for the search index's rebuild. */
  listAllPublications(after: { kind: PublicationKind; itemId: string } | undefined, limit: number): Promise<PublicationRecord[]>;
}
