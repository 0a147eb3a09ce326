import { Schema, type ClientSession, type Connection } from 'mongoose';
import type { PublicationKind } from '@ideasphere/shared';
import type { ClaimOutcome, LinkLiveSessionOutcome, LiveLinkStore, LiveSessionLinkRecord, ParticipantClaimRecord, PublicationRecord, PublishOutcome } from './LiveLinkStore.js';
import { inTransaction, refuse } from './mongoTransactions.js';
import { buildModelIndexes } from './mongoModels.js';

/** Per account: how many links and claims it holds. Every insert writes it, so racing inserts conflict and the caps hold. */
interface LiveLinkCounterDoc {
  _id: string;
  sessions: number;
  claims: number;
  publications: number;
}

const sessionLinkSchema = new Schema<LiveSessionLinkRecord>(
  {
    accountId: { type: String, required: true },
    sessionId: { type: String, required: true },
    challengeId: { type: String, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: 'liveSessionLinks', versionKey: false },
);
// One link per (account, session); an account's list newest first (session ids sort by time).
sessionLinkSchema.index({ accountId: 1, sessionId: -1 }, { unique: true });
// The accounts that run a session.
sessionLinkSchema.index({ sessionId: 1, accountId: 1 });
// The sessions run for a challenge, newest first.
sessionLinkSchema.index({ challengeId: 1, sessionId: -1 });

const claimSchema = new Schema<ParticipantClaimRecord>(
  {
    accountId: { type: String, required: true },
    sessionId: { type: String, required: true },
    participantId: { type: String, required: true },
    claimedAt: { type: Date, required: true },
  },
  { collection: 'participantClaims', versionKey: false },
);
// One account per participant; an account's claims newest session first.
claimSchema.index({ sessionId: 1, participantId: 1 }, { unique: true });
claimSchema.index({ accountId: 1, sessionId: -1 });

const publicationSchema = new Schema<PublicationRecord>(
  {
    accountId: { type: String, required: true },
    kind: { type: String, required: true },
    sessionId: { type: String, required: true },
    itemId: { type: String, required: true },
    publishedAt: { type: Date, required: true },
  },
  { collection: 'publications', versionKey: false },
);
// One per item, read in this order by the search index's rebuild; an account's newest session first.
publicationSchema.index({ kind: 1, itemId: 1 }, { unique: true });
publicationSchema.index({ accountId: 1, sessionId: -1, kind: -1, itemId: -1 });

const counterSchema = new Schema<LiveLinkCounterDoc>(
  { _id: { type: String, required: true }, sessions: { type: Number, default: 0 }, claims: { type: Number, default: 0 }, publications: { type: Number, default: 0 } },
  { collection: 'liveLinkCounters', versionKey: false },
);

function compileModels(connection: Connection) {
  return {
    sessionLinks: connection.model('LiveSessionLink', sessionLinkSchema),
    claims: connection.model('ParticipantClaim', claimSchema),
    counters: connection.model('LiveLinkCounter', counterSchema),
    publications: connection.model('Publication', publicationSchema),
  };
}

const FIELDS = { _id: 0 } as const;

/** The live-event links of `MongoStore`; caps hold through the per-account counter document. */
export class MongoLiveLinks implements LiveLinkStore {
  private readonly models: ReturnType<typeof compileModels>;

  constructor(private readonly connection: Connection) {
    this.models = compileModels(connection);
  }

  async buildIndexes(): Promise<void> {
    await buildModelIndexes(this.models);
  }

  async linkLiveSession(link: LiveSessionLinkRecord, max: number): Promise<LinkLiveSessionOutcome> {
    return inTransaction(this.connection, async (session): Promise<LinkLiveSessionOutcome> => {
      const filter = { accountId: link.accountId, sessionId: link.sessionId };
      if ((await this.models.sessionLinks.exists(filter).session(session).exec()) === null) {
        if ((await this.count(session, link.accountId, 'sessions')) > max) refuse({ ok: false, reason: 'full' });
      }
      await this.models.sessionLinks.updateOne(filter, { $set: link }, { session, upsert: true }).exec();
      return { ok: true };
    });
  }

  async getLiveSessionLink(accountId: string, sessionId: string): Promise<LiveSessionLinkRecord | null> {
    return this.models.sessionLinks.findOne({ accountId, sessionId }, FIELDS).lean<LiveSessionLinkRecord>().exec();
  }

  async listLiveSessionLinks(accountId: string, limit: number): Promise<LiveSessionLinkRecord[]> {
    if (limit <= 0) return [];
    return this.models.sessionLinks.find({ accountId }, FIELDS).sort({ sessionId: -1 }).limit(limit).lean<LiveSessionLinkRecord[]>().exec();
  }

  async listLiveSessionLinksOfSession(sessionId: string, limit: number): Promise<LiveSessionLinkRecord[]> {
    if (limit <= 0) return [];
    return this.models.sessionLinks.find({ sessionId }, FIELDS).sort({ accountId: 1 }).limit(limit).lean<LiveSessionLinkRecord[]>().exec();
  }

  async listLiveSessionLinksOfChallenge(challengeId: string, limit: number): Promise<LiveSessionLinkRecord[]> {
    if (limit <= 0) return [];
    return this.models.sessionLinks.find({ challengeId }, FIELDS).sort({ sessionId: -1 }).limit(limit).lean<LiveSessionLinkRecord[]>().exec();
  }

  async claimParticipant(claim: ParticipantClaimRecord, max: number): Promise<ClaimOutcome> {
    return inTransaction(this.connection, async (session): Promise<ClaimOutcome> => {
      const existing = await this.models.claims
        .findOne({ sessionId: claim.sessionId, participantId: claim.participantId }, FIELDS)
        .session(session)
        .lean<ParticipantClaimRecord>()
        .exec();
      if (existing) {
        if (existing.accountId !== claim.accountId) return { ok: false, reason: 'claimed_by_other' };
        return { ok: true, claim: existing, created: false };
      }
      if ((await this.count(session, claim.accountId, 'claims')) > max) refuse({ ok: false, reason: 'full' });
      // A racing claim of the same participant ends in a duplicate key: the retry sees it above.
      await this.models.claims.create([{ ...claim }], { session });
      return { ok: true, claim, created: true };
    });
  }

  async getClaim(sessionId: string, participantId: string): Promise<ParticipantClaimRecord | null> {
    return this.models.claims.findOne({ sessionId, participantId }, FIELDS).lean<ParticipantClaimRecord>().exec();
  }

  async listClaims(accountId: string, limit: number): Promise<ParticipantClaimRecord[]> {
    if (limit <= 0) return [];
    return this.models.claims.find({ accountId }, FIELDS).sort({ sessionId: -1, participantId: -1 }).limit(limit).lean<ParticipantClaimRecord[]>().exec();
  }

  async publish(publication: PublicationRecord, max: number): Promise<PublishOutcome> {
    return inTransaction(this.connection, async (session): Promise<PublishOutcome> => {
      const filter = { kind: publication.kind, itemId: publication.itemId };
      if ((await this.models.publications.exists(filter).session(session).exec()) !== null) return { ok: true, created: false };
      if ((await this.count(session, publication.accountId, 'publications')) > max) refuse({ ok: false, reason: 'full' });
      await this.models.publications.create([{ ...publication }], { session });
      return { ok: true, created: true };
    });
  }

  async unpublish(kind: PublicationKind, itemId: string): Promise<boolean> {
    return inTransaction(this.connection, async (session): Promise<boolean> => {
      const removed = await this.models.publications.findOneAndDelete({ kind, itemId }, { session, projection: FIELDS }).lean<PublicationRecord>().exec();
      if (!removed) return false;
      await this.models.counters.updateOne({ _id: removed.accountId }, { $inc: { publications: -1 } }, { session }).exec();
      return true;
    });
  }

  async getPublication(kind: PublicationKind, itemId: string): Promise<PublicationRecord | null> {
    return this.models.publications.findOne({ kind, itemId }, FIELDS).lean<PublicationRecord>().exec();
  }

  async listPublications(accountId: string, limit: number): Promise<PublicationRecord[]> {
    if (limit <= 0) return [];
    return this.models.publications.find({ accountId }, FIELDS).sort({ sessionId: -1, kind: -1, itemId: -1 }).limit(limit).lean<PublicationRecord[]>().exec();
  }

  async listAllPublications(after: { kind: PublicationKind; itemId: string } | undefined, limit: number): Promise<PublicationRecord[]> {
    if (limit <= 0) return [];
    const filter = after ? { $or: [{ kind: { $gt: after.kind } }, { kind: after.kind, itemId: { $gt: after.itemId } }] } : {};
    return this.models.publications.find(filter, FIELDS).sort({ kind: 1, itemId: 1 }).limit(limit).lean<PublicationRecord[]>().exec();
  }

  /** Counts one more of `kind` for the account, inside `session`, and returns the new count. */
  private async count(session: ClientSession, accountId: string, kind: 'sessions' | 'claims' | 'publications'): Promise<number> {
    const counter = await this.models.counters
      .findOneAndUpdate({ _id: accountId }, { $inc: { [kind]: 1 } }, { session, upsert: true, returnDocument: 'after' })
      .lean<LiveLinkCounterDoc>()
      .exec();
    return counter?.[kind] ?? 1;
  }
}
