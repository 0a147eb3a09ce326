import { Schema, type ClientSession, type Connection } from 'mongoose';
import type {
  AccountChangeOutcome,
  AccountLinkRecord,
  AccountPatch,
  AccountRecord,
  AccountStore,
  AddOutcome,
  AuthSessionRecord,
  LinkOutcome,
  LinkRedemption,
  MembershipRecord,
  OrganisationRecord,
} from './AccountStore.js';
import { linkRefusal } from './accountRules.js';
import { buildModelIndexes, mapConflicts, type AsDoc } from './mongoModels.js';
import { inTransaction, refuse } from './mongoTransactions.js';

type AccountDoc = AsDoc<AccountRecord>;
type AuthSessionDoc = AsDoc<AuthSessionRecord>;
type LinkDoc = AsDoc<AccountLinkRecord>;
/** `memberRevision` is bumped by every membership change, so two racing adds conflict (see below). */
type OrganisationDoc = AsDoc<OrganisationRecord> & { memberRevision?: number };
type MembershipDoc = MembershipRecord;
/**
 * One document (`_id: 'platform'`) that every change of who is an active platform admin, and
 * every new organisation, writes in its transaction: MongoDB aborts one of two transactions
 * that write the same document, so two admins demoting each other at once cannot both pass
 * the "one admin must stay" check, as they could on snapshot reads alone.
 */
interface PlatformMetaDoc {
  _id: string;
  adminRevision: number;
  organisationRevision: number;
}

const PLATFORM_META_ID = 'platform';

const accountSchema = new Schema<AccountDoc>(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true },
    name: { type: String, default: '' },
    passwordHash: { type: String, required: true },
    platformRole: { type: String, required: true },
    status: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'accounts', versionKey: false },
);
accountSchema.index({ email: 1 }, { unique: true });
// Counts active platform admins.
accountSchema.index({ platformRole: 1, status: 1 });

const authSessionSchema = new Schema<AuthSessionDoc>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true },
    tokenHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'accountSessions', versionKey: false },
);
authSessionSchema.index({ tokenHash: 1 }, { unique: true });
// Sign out everywhere.
authSessionSchema.index({ accountId: 1 });
// MongoDB deletes sessions past their absolute end by itself; deleteExpiredAuthSessions uses it too.
authSessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

const linkSchema = new Schema<LinkDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    tokenHash: { type: String, required: true },
    email: { type: String, default: null },
    platformRole: { type: String, default: null },
    organisationId: { type: String, default: null },
    orgRole: { type: String, default: null },
    accountId: { type: String, default: null },
    createdBy: { type: String, default: null },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'accountLinks', versionKey: false },
);
linkSchema.index({ tokenHash: 1 }, { unique: true });
// Open invites, oldest first (all, and of one organisation); also revoking earlier setup links.
linkSchema.index({ kind: 1, usedAt: 1, revokedAt: 1, createdAt: 1, _id: 1 });
linkSchema.index({ kind: 1, usedAt: 1, revokedAt: 1, organisationId: 1, createdAt: 1, _id: 1 });
// Revoking earlier reset links of one account.
linkSchema.index({ kind: 1, accountId: 1, usedAt: 1, revokedAt: 1 });

const organisationSchema = new Schema<OrganisationDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, default: '' },
    kind: { type: String, required: true },
    parentId: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    memberRevision: { type: Number },
  },
  { collection: 'organisations', versionKey: false },
);

const membershipSchema = new Schema<MembershipDoc>(
  {
    organisationId: { type: String, required: true },
    accountId: { type: String, required: true },
    role: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'orgMemberships', versionKey: false },
);
// One membership per pair; also lists (and counts) an organisation's members in account order.
membershipSchema.index({ organisationId: 1, accountId: 1 }, { unique: true });
membershipSchema.index({ accountId: 1 });

const platformMetaSchema = new Schema<PlatformMetaDoc>(
  {
    _id: { type: String, required: true },
    adminRevision: { type: Number, default: 0 },
    organisationRevision: { type: Number, default: 0 },
  },
  { collection: 'platformMeta', versionKey: false },
);

function compileAccountModels(connection: Connection) {
  return {
    accounts: connection.model('Account', accountSchema),
    sessions: connection.model('AccountSession', authSessionSchema),
    links: connection.model('AccountLink', linkSchema),
    organisations: connection.model('Organisation', organisationSchema),
    memberships: connection.model('OrgMembership', membershipSchema),
    meta: connection.model('PlatformMeta', platformMetaSchema),
  };
}
type AccountModels = ReturnType<typeof compileAccountModels>;

const ACTIVE_ADMIN = { platformRole: 'platform_admin', status: 'active' } as const;

/**
 * The accounts half of `MongoStore`, on Mongoose models. Check-then-write changes run in
 * snapshot transactions (MongoDB as a replica set, as the board already needs); each writes a
 * document its rivals write too (the link, the organisation, the platform meta document), so
 * of two racing changes one is retried and sees the other's result, as LMDB's one-writer
 * transactions give by construction.
 */
export class MongoAccounts implements AccountStore {
  private readonly models: AccountModels;

  constructor(private readonly connection: Connection) {
    this.models = compileAccountModels(connection);
  }

  /** Creates the collections and builds the indexes every query below relies on (once, at connect). */
  async buildIndexes(): Promise<void> {
    await buildModelIndexes(this.models);
  }

  async getAccount(id: string): Promise<AccountRecord | null> {
    const doc = await this.models.accounts.findById(id).lean<AccountDoc>().exec();
    return doc ? toAccount(doc) : null;
  }

  async getAccountByEmail(email: string): Promise<AccountRecord | null> {
    const doc = await this.models.accounts.findOne({ email }).lean<AccountDoc>().exec();
    return doc ? toAccount(doc) : null;
  }

  async listAccounts(options: { after?: string; limit: number }): Promise<AccountRecord[]> {
    if (options.limit <= 0) return [];
    const docs = await this.models.accounts
      .find(options.after === undefined ? {} : { _id: { $gt: options.after } })
      .sort({ _id: 1 })
      .limit(options.limit)
      .lean<AccountDoc[]>()
      .exec();
    return docs.map(toAccount);
  }

  async getAccountsByIds(ids: readonly string[]): Promise<AccountRecord[]> {
    if (ids.length === 0) return [];
    const docs = await this.models.accounts.find({ _id: { $in: [...new Set(ids)] } }).lean<AccountDoc[]>().exec();
    return docs.map(toAccount);
  }

  async countActivePlatformAdmins(): Promise<number> {
    return this.models.accounts.countDocuments(ACTIVE_ADMIN).exec();
  }

  async createAccount(account: AccountRecord, session: AuthSessionRecord): Promise<{ ok: true } | { ok: false; reason: 'email_taken' }> {
    return this.inTransaction(async (transaction): Promise<{ ok: true } | { ok: false; reason: 'email_taken' }> => {
      if ((await this.models.accounts.exists({ email: account.email }).session(transaction).exec()) !== null) return { ok: false, reason: 'email_taken' };
      if (isActiveAdmin(account)) await this.bumpMeta(transaction, 'adminRevision');
      // A racing sign-up with the same email ends in a duplicate key: the retry finds it above.
      await this.models.accounts.create([toDoc(account)], { session: transaction });
      await this.models.sessions.create([toDoc(session)], { session: transaction });
      return { ok: true };
    });
  }

  async changeAccount(id: string, patch: AccountPatch, now: Date): Promise<AccountChangeOutcome> {
    return this.inTransaction(async (session): Promise<AccountChangeOutcome> => {
      const doc = await this.models.accounts.findById(id).session(session).lean<AccountDoc>().exec();
      if (!doc) return { ok: false, reason: 'account_not_found' };
      const next: AccountRecord = { ...toAccount(doc), ...definedFields(patch), updatedAt: now };
      const wasAdmin = isActiveAdmin(doc);
      if (wasAdmin !== isActiveAdmin(next)) {
        await this.bumpMeta(session, 'adminRevision');
        if (wasAdmin && (await this.models.accounts.countDocuments(ACTIVE_ADMIN).session(session).exec()) <= 1) {
          return refuse({ ok: false, reason: 'last_platform_admin' });
        }
      }
      await this.models.accounts
        .updateOne({ _id: id }, { $set: { name: next.name, platformRole: next.platformRole, status: next.status, updatedAt: now } }, { session })
        .exec();
      if (next.status === 'deactivated') await this.models.sessions.deleteMany({ accountId: id }, { session }).exec();
      return { ok: true, account: next };
    });
  }

  async createAuthSession(session: AuthSessionRecord): Promise<void> {
    await mapConflicts(() => this.models.sessions.create(toDoc(session)));
  }

  async getAuthSessionByTokenHash(tokenHash: string): Promise<AuthSessionRecord | null> {
    const doc = await this.models.sessions.findOne({ tokenHash }).lean<AuthSessionDoc>().exec();
    return doc ? toAuthSession(doc) : null;
  }

  async touchAuthSession(tokenHash: string, lastSeenAt: Date): Promise<void> {
    await this.models.sessions.updateOne({ tokenHash, lastSeenAt: { $lt: lastSeenAt } }, { $set: { lastSeenAt } }).exec();
  }

  async deleteAuthSession(tokenHash: string): Promise<void> {
    await this.models.sessions.deleteOne({ tokenHash }).exec();
  }

  async deleteAuthSessionsOf(accountId: string): Promise<number> {
    return (await this.models.sessions.deleteMany({ accountId }).exec()).deletedCount;
  }

  async deleteExpiredAuthSessions(now: Date): Promise<number> {
    return (await this.models.sessions.deleteMany({ expiresAt: { $lte: now } }).exec()).deletedCount;
  }

  async createLink(link: AccountLinkRecord, options: { revokeOthers?: boolean } = {}): Promise<void> {
    if (!options.revokeOthers) {
      await mapConflicts(() => this.models.links.create(toDoc(link)));
      return;
    }
    await this.inTransaction(async (session) => {
      const others = { kind: link.kind, usedAt: null, revokedAt: null, ...(link.kind === 'reset' ? { accountId: link.accountId } : {}) };
      await this.models.links.updateMany(others, { $set: { revokedAt: link.createdAt } }, { session }).exec();
      await mapConflicts(() => this.models.links.create([toDoc(link)], { session }));
    });
  }

  async getLinkByTokenHash(tokenHash: string): Promise<AccountLinkRecord | null> {
    const doc = await this.models.links.findOne({ tokenHash }).lean<LinkDoc>().exec();
    return doc ? toLink(doc) : null;
  }

  async getLink(id: string): Promise<AccountLinkRecord | null> {
    const doc = await this.models.links.findById(id).lean<LinkDoc>().exec();
    return doc ? toLink(doc) : null;
  }

  async listOpenInvites(now: Date, organisationId?: string): Promise<AccountLinkRecord[]> {
    const docs = await this.models.links
      .find({ ...openInvites(now), ...(organisationId === undefined ? {} : { organisationId }) })
      .sort({ createdAt: 1, _id: 1 })
      .lean<LinkDoc[]>()
      .exec();
    return docs.map((doc) => toLink(doc));
  }

  async countOpenInvites(now: Date): Promise<number> {
    return this.models.links.countDocuments(openInvites(now)).exec();
  }

  async revokeLink(id: string, now: Date): Promise<AccountLinkRecord | null> {
    const doc = await this.models.links
      .findOneAndUpdate({ _id: id, usedAt: null, revokedAt: null, expiresAt: { $gt: now } }, { $set: { revokedAt: now } }, { returnDocument: 'after' })
      .lean<LinkDoc>()
      .exec();
    return doc ? toLink(doc) : null;
  }

  async redeemLink(tokenHash: string, redemption: LinkRedemption, now: Date): Promise<LinkOutcome> {
    return this.inTransaction(async (session): Promise<LinkOutcome> => {
      const linkDoc = await this.models.links.findOne({ tokenHash }).session(session).lean<LinkDoc>().exec();
      if (!linkDoc) return { ok: false, reason: 'link_invalid' };
      const link = toLink(linkDoc);
      let account: AccountRecord;
      if (redemption.kind === 'create_account') {
        account = redemption.account;
        const { membership } = redemption;
        // Written first: racing setups conflict here (and racing invites into one organisation below).
        if (link.kind === 'setup') await this.bumpMeta(session, 'adminRevision');
        if (membership) await this.bumpMemberRevision(session, membership.organisationId);
        const refusal = linkRefusal(link, redemption, now, {
          activeAdmins: await this.models.accounts.countDocuments(ACTIVE_ADMIN).session(session).exec(),
          emailTaken: (await this.models.accounts.exists({ email: account.email }).session(session).exec()) !== null,
          organisationMembers: membership
            ? await this.models.memberships.countDocuments({ organisationId: membership.organisationId }).session(session).exec()
            : 0,
        });
        if (refusal) return refuse({ ok: false, reason: refusal });
        await this.models.accounts.create([toDoc(account)], { session });
        if (membership) await this.models.memberships.create([{ ...membership }], { session });
      } else {
        const refusal = linkRefusal(link, redemption, now, { activeAdmins: 0, emailTaken: false, organisationMembers: 0 });
        const target = link.accountId === null ? null : await this.models.accounts.findById(link.accountId).session(session).lean<AccountDoc>().exec();
        if (refusal || !target) return { ok: false, reason: refusal ?? 'link_invalid' };
        account = { ...toAccount(target), passwordHash: redemption.passwordHash, updatedAt: now };
        await this.models.accounts.updateOne({ _id: target._id }, { $set: { passwordHash: redemption.passwordHash, updatedAt: now } }, { session }).exec();
        await this.models.sessions.deleteMany({ accountId: target._id }, { session }).exec();
      }
      await this.models.sessions.create([toDoc(redemption.session)], { session });
      // The link is written by every redemption: of two at once, one aborts and retries, then finds it used.
      await this.models.links.updateOne({ _id: link.id }, { $set: { usedAt: now } }, { session }).exec();
      return { ok: true, link: { ...link, usedAt: now }, account };
    });
  }

  async createOrganisation(org: OrganisationRecord, max: number): Promise<AddOutcome<OrganisationRecord>> {
    return this.inTransaction(async (session): Promise<AddOutcome<OrganisationRecord>> => {
      await this.bumpMeta(session, 'organisationRevision');
      if (org.parentId !== null && (await this.models.organisations.exists({ _id: org.parentId }).session(session).exec()) === null) {
        return refuse({ ok: false, reason: 'not_found' });
      }
      if ((await this.models.organisations.countDocuments({}).session(session).exec()) >= max) return refuse({ ok: false, reason: 'full' });
      await mapConflicts(() => this.models.organisations.create([toDoc(org)], { session }));
      return { ok: true, record: org };
    });
  }

  async getOrganisation(id: string): Promise<OrganisationRecord | null> {
    const doc = await this.models.organisations.findById(id).lean<OrganisationDoc>().exec();
    return doc ? toOrganisation(doc) : null;
  }

  async listOrganisations(): Promise<OrganisationRecord[]> {
    // _id sorts by creation time (newId).
    const docs = await this.models.organisations.find({}).sort({ _id: 1 }).lean<OrganisationDoc[]>().exec();
    return docs.map(toOrganisation);
  }

  async getOrganisationsByIds(ids: readonly string[]): Promise<OrganisationRecord[]> {
    if (ids.length === 0) return [];
    const docs = await this.models.organisations.find({ _id: { $in: [...new Set(ids)] } }).lean<OrganisationDoc[]>().exec();
    return docs.map(toOrganisation);
  }

  async renameOrganisation(id: string, name: string, now: Date): Promise<OrganisationRecord | null> {
    const doc = await this.models.organisations
      .findOneAndUpdate({ _id: id }, { $set: { name, updatedAt: now } }, { returnDocument: 'after' })
      .lean<OrganisationDoc>()
      .exec();
    return doc ? toOrganisation(doc) : null;
  }

  async putMembership(membership: MembershipRecord, max: number): Promise<AddOutcome<MembershipRecord>> {
    return this.inTransaction(async (session): Promise<AddOutcome<MembershipRecord>> => {
      const { organisationId, accountId } = membership;
      const org = await this.bumpMemberRevision(session, organisationId);
      if (!org || (await this.models.accounts.exists({ _id: accountId }).session(session).exec()) === null) return refuse({ ok: false, reason: 'not_found' });
      const existing = await this.models.memberships.findOne({ organisationId, accountId }).session(session).lean<MembershipDoc>().exec();
      if (existing) {
        await this.models.memberships.updateOne({ organisationId, accountId }, { $set: { role: membership.role } }, { session }).exec();
        return { ok: true, record: { ...toMembership(existing), role: membership.role } };
      }
      if ((await this.models.memberships.countDocuments({ organisationId }).session(session).exec()) >= max) return refuse({ ok: false, reason: 'full' });
      await this.models.memberships.create([{ ...membership }], { session });
      return { ok: true, record: membership };
    });
  }

  async getMembership(organisationId: string, accountId: string): Promise<MembershipRecord | null> {
    const doc = await this.models.memberships.findOne({ organisationId, accountId }).lean<MembershipDoc>().exec();
    return doc ? toMembership(doc) : null;
  }

  async listMembers(organisationId: string): Promise<MembershipRecord[]> {
    const docs = await this.models.memberships.find({ organisationId }).sort({ accountId: 1 }).lean<MembershipDoc[]>().exec();
    return docs.map(toMembership);
  }

  async listMembershipsOf(accountId: string): Promise<MembershipRecord[]> {
    const docs = await this.models.memberships.find({ accountId }).lean<MembershipDoc[]>().exec();
    return docs.map(toMembership);
  }

  async removeMembership(organisationId: string, accountId: string): Promise<boolean> {
    return (await this.models.memberships.deleteOne({ organisationId, accountId }).exec()).deletedCount === 1;
  }

  /** Writes the platform meta document inside `session` (see PlatformMetaDoc). */
  private async bumpMeta(session: ClientSession, field: 'adminRevision' | 'organisationRevision'): Promise<void> {
    await this.models.meta.updateOne({ _id: PLATFORM_META_ID }, { $inc: { [field]: 1 } }, { session, upsert: true }).exec();
  }

  /** Writes the organisation inside `session`, so racing member changes conflict; null when it does not exist. */
  private async bumpMemberRevision(session: ClientSession, organisationId: string): Promise<OrganisationDoc | null> {
    return this.models.organisations
      .findOneAndUpdate({ _id: organisationId }, { $inc: { memberRevision: 1 } }, { session, returnDocument: 'after' })
      .lean<OrganisationDoc>()
      .exec();
  }

  private inTransaction<T>(work: (session: ClientSession) => Promise<T>): Promise<T> {
    return inTransaction(this.connection, work);
  }
}

function openInvites(now: Date) {
  return { kind: 'invite' as const, usedAt: null, revokedAt: null, expiresAt: { $gt: now } };
}

function isActiveAdmin(account: Pick<AccountRecord, 'platformRole' | 'status'>): boolean {
  return account.platformRole === 'platform_admin' && account.status === 'active';
}

function definedFields(patch: AccountPatch): AccountPatch {
  const fields: AccountPatch = {};
  if (patch.name !== undefined) fields.name = patch.name;
  if (patch.platformRole !== undefined) fields.platformRole = patch.platformRole;
  if (patch.status !== undefined) fields.status = patch.status;
  return fields;
}

/** A record as its document (id as `_id`), and back. */
function toDoc<R extends { id: string }>(record: R): AsDoc<R> {
  const { id, ...fields } = record;
  return { ...fields, _id: id };
}
function toAuthSession(doc: AuthSessionDoc): AuthSessionRecord {
  return { id: doc._id, accountId: doc.accountId, tokenHash: doc.tokenHash, createdAt: doc.createdAt, lastSeenAt: doc.lastSeenAt, expiresAt: doc.expiresAt };
}

function toLink(doc: LinkDoc): AccountLinkRecord {
  return {
    id: doc._id,
    kind: doc.kind,
    tokenHash: doc.tokenHash,
    email: doc.email ?? null,
    platformRole: doc.platformRole ?? null,
    organisationId: doc.organisationId ?? null,
    orgRole: doc.orgRole ?? null,
    accountId: doc.accountId ?? null,
    createdBy: doc.createdBy ?? null,
    createdAt: doc.createdAt,
    expiresAt: doc.expiresAt,
    usedAt: doc.usedAt ?? null,
    revokedAt: doc.revokedAt ?? null,
  };
}

function toAccount(doc: AccountDoc): AccountRecord {
  return {
    id: doc._id,
    email: doc.email,
    name: doc.name,
    passwordHash: doc.passwordHash,
    platformRole: doc.platformRole,
    status: doc.status,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

function toOrganisation(doc: OrganisationDoc): OrganisationRecord {
  return { id: doc._id, name: doc.name, kind: doc.kind, parentId: doc.parentId ?? null, createdAt: doc.createdAt, updatedAt: doc.updatedAt };
}

function toMembership(doc: MembershipDoc): MembershipRecord {
  return { organisationId: doc.organisationId, accountId: doc.accountId, role: doc.role, createdAt: doc.createdAt };
}
