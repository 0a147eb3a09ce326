import { Schema, type Connection } from 'mongoose';
import type { NotificationRecord, NotificationStore } from './NotificationStore.js';
import { buildModelIndexes, type AsDoc } from './mongoModels.js';
import { inTransaction } from './mongoTransactions.js';

type NotificationDoc = AsDoc<NotificationRecord>;

const notificationSchema = new Schema<NotificationDoc>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true },
    kind: { type: String, required: true },
    params: { type: Schema.Types.Mixed, default: {} },
    link: { type: String, required: true },
    dedupeKey: { type: String, default: null },
    createdAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
  },
  { collection: 'notifications', versionKey: false, minimize: false },
);
// An account's list, newest first (ids sort by time), and its unread count.
notificationSchema.index({ accountId: 1, _id: -1 });
notificationSchema.index({ accountId: 1, readAt: 1 });

/** A dedupe key delivered once stays delivered, even after its notification is dropped from the list. */
const dedupeSchema = new Schema<{ _id: string }>({ _id: { type: String, required: true } }, { collection: 'notificationDedupe', versionKey: false });

function compileModels(connection: Connection) {
  return {
    notifications: connection.model('Notification', notificationSchema),
    dedupe: connection.model('NotificationDedupe', dedupeSchema),
  };
}

/** The notification centre of `MongoStore`. */
export class MongoNotifications implements NotificationStore {
  private readonly models: ReturnType<typeof compileModels>;

  constructor(private readonly connection: Connection) {
    this.models = compileModels(connection);
  }

  async buildIndexes(): Promise<void> {
    await buildModelIndexes(this.models);
  }

  async addNotification(notification: NotificationRecord, kept: number): Promise<boolean> {
    return inTransaction(this.connection, async (session) => {
      if (notification.dedupeKey !== null) {
        const dedupeId = `${notification.accountId}\u0000${notification.dedupeKey}`;
        if ((await this.models.dedupe.exists({ _id: dedupeId }).session(session).exec()) !== null) return false;
        await this.models.dedupe.create([{ _id: dedupeId }], { session });
      }
      const { id, ...fields } = notification;
      await this.models.notifications.create([{ _id: id, ...fields }], { session });
      const excess = (await this.models.notifications.countDocuments({ accountId: notification.accountId }).session(session).exec()) - kept;
      if (excess > 0) {
        const oldest = await this.models.notifications
          .find({ accountId: notification.accountId }, { _id: 1 })
          .sort({ _id: 1 })
          .limit(excess)
          .session(session)
          .lean<{ _id: string }[]>()
          .exec();
        await this.models.notifications.deleteMany({ _id: { $in: oldest.map((doc) => doc._id) } }, { session }).exec();
      }
      return true;
    });
  }

  async listNotifications(accountId: string, options: { before?: string; limit: number }): Promise<NotificationRecord[]> {
    if (options.limit <= 0) return [];
    const docs = await this.models.notifications
      .find(options.before === undefined ? { accountId } : { accountId, _id: { $lt: options.before } })
      .sort({ _id: -1 })
      .limit(options.limit)
      .lean<NotificationDoc[]>()
      .exec();
    return docs.map(({ _id, ...fields }) => ({ ...fields, id: _id, params: fields.params ?? {} }));
  }

  async countUnread(accountId: string): Promise<number> {
    return this.models.notifications.countDocuments({ accountId, readAt: null }).exec();
  }

  async markRead(accountId: string, ids: readonly string[] | 'all', now: Date): Promise<number> {
    const filter = ids === 'all' ? { accountId, readAt: null } : { accountId, readAt: null, _id: { $in: [...ids] } };
    const result = await this.models.notifications.updateMany(filter, { $set: { readAt: now } }).exec();
    return result.modifiedCount;
  }
}
