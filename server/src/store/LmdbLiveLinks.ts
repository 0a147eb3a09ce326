import type { Database, RootDatabase } from 'lmdb';
import type { PublicationKind } from '@ideasphere/shared';
import type { ClaimOutcome, LinkLiveSessionOutcome, LiveLinkStore, LiveSessionLinkRecord, ParticipantClaimRecord, PublicationRecord, PublishOutcome } from './LiveLinkStore.js';
import { prefixRange, writeDurably, type ScopedKey } from './lmdbRecords.js';

/** Sub-databases of this part, opened by {@link LmdbLiveLinks}. */
export const LMDB_LIVE_LINK_DATABASES = 7;

type StoredLiveSessionLink = Omit<LiveSessionLinkRecord, 'createdAt'> & { createdAt: number };
type StoredClaim = Omit<ParticipantClaimRecord, 'claimedAt'> & { claimedAt: number };
type ClaimKey = [accountId: string, sessionId: string, participantId: string];
type StoredPublication = Omit<PublicationRecord, 'publishedAt'> & { publishedAt: number };
type PublicationKey = [kind: PublicationKind, itemId: string];
type AccountPublicationKey = [accountId: string, sessionId: string, kind: PublicationKind, itemId: string];
type ChallengeLinkKey = [challengeId: string, sessionId: string, accountId: string];
type SessionLinkKey = [sessionId: string, accountId: string];

/**
 * The live-event links of `LmdbStore`. Keys put an account's records in one range, so lists
 * and caps are range reads; each check-then-write is one write transaction.
 */
export class LmdbLiveLinks implements LiveLinkStore {
  /** [accountId, sessionId] → link */
  private readonly sessionLinks: Database<StoredLiveSessionLink, ScopedKey>;
  /** [sessionId, participantId] → claim */
  private readonly claims: Database<StoredClaim, ScopedKey>;
  /** [accountId, sessionId, participantId] → true */
  private readonly claimsByAccount: Database<true, ClaimKey>;
  /** [challengeId, sessionId, accountId] → true, for links made for a challenge */
  private readonly linksByChallenge: Database<true, ChallengeLinkKey>;
  /** [sessionId, accountId] → true, for every link */
  private readonly linksBySession: Database<true, SessionLinkKey>;
  /** [kind, itemId] → publication */
  private readonly publications: Database<StoredPublication, PublicationKey>;
  /** [accountId, sessionId, kind, itemId] → true */
  private readonly publicationsByAccount: Database<true, AccountPublicationKey>;

  constructor(private readonly env: RootDatabase) {
    this.sessionLinks = env.openDB({ name: 'liveSessionLinks' });
    this.claims = env.openDB({ name: 'participantClaims' });
    this.claimsByAccount = env.openDB({ name: 'participantClaimsByAccount' });
    this.linksByChallenge = env.openDB({ name: 'liveSessionLinksByChallenge' });
    this.linksBySession = env.openDB({ name: 'liveSessionLinksBySession' });
    this.publications = env.openDB({ name: 'publications' });
    this.publicationsByAccount = env.openDB({ name: 'publicationsByAccount' });
    this.indexOlderLinks();
  }

  /** Links stored before an index existed get its keys once (the index is empty then, the links are not). */
  private indexOlderLinks(): void {
    const byChallenge = this.linksByChallenge.getKeysCount({ limit: 1 }) === 0;
    const bySession = this.linksBySession.getKeysCount({ limit: 1 }) === 0;
    if (!byChallenge && !bySession) return;
    this.env.transactionSync(() => {
      for (const { value } of this.sessionLinks.getRange()) {
        if (byChallenge && value.challengeId !== null) this.linksByChallenge.putSync([value.challengeId, value.sessionId, value.accountId], true);
        if (bySession) this.linksBySession.putSync([value.sessionId, value.accountId], true);
      }
    });
  }

  async linkLiveSession(link: LiveSessionLinkRecord, max: number): Promise<LinkLiveSessionOutcome> {
    return writeDurably(this.env, (): LinkLiveSessionOutcome => {
      const key: ScopedKey = [link.accountId, link.sessionId];
      if (!this.sessionLinks.doesExist(key) && this.sessionLinks.getKeysCount(prefixRange(link.accountId)) >= max) return { ok: false, reason: 'full' };
      const previous = this.sessionLinks.get(key);
      if (previous && previous.challengeId !== null) this.linksByChallenge.removeSync([previous.challengeId, previous.sessionId, previous.accountId]);
      this.sessionLinks.putSync(key, { ...link, createdAt: link.createdAt.getTime() });
      if (link.challengeId !== null) this.linksByChallenge.putSync([link.challengeId, link.sessionId, link.accountId], true);
      this.linksBySession.putSync([link.sessionId, link.accountId], true);
      return { ok: true };
    });
  }

  async getLiveSessionLink(accountId: string, sessionId: string): Promise<LiveSessionLinkRecord | null> {
    const stored = this.sessionLinks.get([accountId, sessionId]);
    return stored ? { ...stored, createdAt: new Date(stored.createdAt) } : null;
  }

  async listLiveSessionLinks(accountId: string, limit: number): Promise<LiveSessionLinkRecord[]> {
    // Session ids sort by creation time: the range read backwards is newest first.
    const { start, end } = prefixRange(accountId);
    const links: LiveSessionLinkRecord[] = [];
    for (const { value } of this.sessionLinks.getRange({ start: end, end: start, reverse: true, limit })) {
      links.push({ ...value, createdAt: new Date(value.createdAt) });
    }
    return links;
  }

  async listLiveSessionLinksOfSession(sessionId: string, limit: number): Promise<LiveSessionLinkRecord[]> {
    const links: LiveSessionLinkRecord[] = [];
    for (const { key } of this.linksBySession.getRange({ ...prefixRange(sessionId), limit })) {
      const stored = this.sessionLinks.get([key[1], key[0]]);
      if (stored) links.push({ ...stored, createdAt: new Date(stored.createdAt) });
    }
    return links;
  }

  async listLiveSessionLinksOfChallenge(challengeId: string, limit: number): Promise<LiveSessionLinkRecord[]> {
    const { start, end } = prefixRange(challengeId);
    const links: LiveSessionLinkRecord[] = [];
    for (const { key } of this.linksByChallenge.getRange({ start: end, end: start, reverse: true, limit })) {
      const stored = this.sessionLinks.get([key[2], key[1]]);
      if (stored) links.push({ ...stored, createdAt: new Date(stored.createdAt) });
    }
    return links;
  }

  async claimParticipant(claim: ParticipantClaimRecord, max: number): Promise<ClaimOutcome> {
    return writeDurably(this.env, (): ClaimOutcome => {
      const existing = this.claims.get([claim.sessionId, claim.participantId]);
      if (existing) {
        if (existing.accountId !== claim.accountId) return { ok: false, reason: 'claimed_by_other' };
        return { ok: true, claim: fromStoredClaim(existing), created: false };
      }
      if (this.claimsByAccount.getKeysCount(prefixRange(claim.accountId)) >= max) return { ok: false, reason: 'full' };
      this.claims.putSync([claim.sessionId, claim.participantId], { ...claim, claimedAt: claim.claimedAt.getTime() });
      this.claimsByAccount.putSync([claim.accountId, claim.sessionId, claim.participantId], true);
      return { ok: true, claim, created: true };
    });
  }

  async getClaim(sessionId: string, participantId: string): Promise<ParticipantClaimRecord | null> {
    const stored = this.claims.get([sessionId, participantId]);
    return stored ? fromStoredClaim(stored) : null;
  }

  async listClaims(accountId: string, limit: number): Promise<ParticipantClaimRecord[]> {
    const { start, end } = prefixRange(accountId);
    const result: ParticipantClaimRecord[] = [];
    for (const { key } of this.claimsByAccount.getRange({ start: end, end: start, reverse: true, limit })) {
      const stored = this.claims.get([key[1], key[2]]);
      if (stored) result.push(fromStoredClaim(stored));
    }
    return result;
  }

  async publish(publication: PublicationRecord, max: number): Promise<PublishOutcome> {
    return writeDurably(this.env, (): PublishOutcome => {
      const key: PublicationKey = [publication.kind, publication.itemId];
      if (this.publications.doesExist(key)) return { ok: true, created: false };
      if (this.publicationsByAccount.getKeysCount(prefixRange(publication.accountId)) >= max) return { ok: false, reason: 'full' };
      this.publications.putSync(key, { ...publication, publishedAt: publication.publishedAt.getTime() });
      this.publicationsByAccount.putSync([publication.accountId, publication.sessionId, publication.kind, publication.itemId], true);
      return { ok: true, created: true };
    });
  }

  async unpublish(kind: PublicationKind, itemId: string): Promise<boolean> {
    return writeDurably(this.env, (): boolean => {
      const stored = this.publications.get([kind, itemId]);
      if (!stored) return false;
      this.publications.removeSync([kind, itemId]);
      this.publicationsByAccount.removeSync([stored.accountId, stored.sessionId, kind, itemId]);
      return true;
    });
  }

  async getPublication(kind: PublicationKind, itemId: string): Promise<PublicationRecord | null> {
    const stored = this.publications.get([kind, itemId]);
    return stored ? fromStoredPublication(stored) : null;
  }

  async listPublications(accountId: string, limit: number): Promise<PublicationRecord[]> {
    const { start, end } = prefixRange(accountId);
    const result: PublicationRecord[] = [];
    for (const { key } of this.publicationsByAccount.getRange({ start: end, end: start, reverse: true, limit })) {
      const stored = this.publications.get([key[2], key[3]]);
      if (stored) result.push(fromStoredPublication(stored));
    }
    return result;
  }

  async listAllPublications(after: { kind: PublicationKind; itemId: string } | undefined, limit: number): Promise<PublicationRecord[]> {
    const result: PublicationRecord[] = [];
    const range = after ? { start: [after.kind, after.itemId] as PublicationKey, limit: limit + 1 } : { limit };
    for (const { key, value } of this.publications.getRange(range)) {
      if (after && key[0] === after.kind && key[1] === after.itemId) continue;
      if (result.length >= limit) break;
      result.push(fromStoredPublication(value));
    }
    return result;
  }
}

function fromStoredPublication(stored: StoredPublication): PublicationRecord {
  return { ...stored, publishedAt: new Date(stored.publishedAt) };
}

function fromStoredClaim(stored: StoredClaim): ParticipantClaimRecord {
  return { ...stored, claimedAt: new Date(stored.claimedAt) };
}
