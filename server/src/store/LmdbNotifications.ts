import type { Database, RootDatabase } from 'lmdb';
import type { NotificationRecord, NotificationStore } from './NotificationStore.js';
import { prefixRange, writeDurably, type ScopedKey } from './lmdbRecords.js';

/** Sub-databases of this part, opened by {@link LmdbNotifications}. */
export const LMDB_NOTIFICATION_DATABASES = 3;

type StoredNotification = Omit<NotificationRecord, 'createdAt' | 'readAt'> & { createdAt: number; readAt: number | null };

/**
 * The notification centre of `LmdbStore`. Keys are [accountId, notificationId], so an account's
 * notifications are one range in time order; unread ones have an index of their own, so the
 * badge's count is a key count, not a scan of records.
 */
export class LmdbNotifications implements NotificationStore {
  private readonly notifications: Database<StoredNotification, ScopedKey>;
  /** [accountId, notificationId] → true while unread */
  private readonly unread: Database<true, ScopedKey>;
  /** [accountId, dedupeKey] → notification id */
  private readonly dedupe: Database<string, ScopedKey>;

  constructor(private readonly env: RootDatabase) {
    this.notifications = env.openDB({ name: 'notifications' });
    this.unread = env.openDB({ name: 'notificationsUnread' });
    this.dedupe = env.openDB({ name: 'notificationsDedupe' });
  }

  async addNotification(notification: NotificationRecord, kept: number): Promise<boolean> {
    const { accountId } = notification;
    return writeDurably(this.env, () => {
      if (notification.dedupeKey !== null && this.dedupe.doesExist([accountId, notification.dedupeKey])) return false;
      const stored: StoredNotification = {
        ...notification,
        createdAt: notification.createdAt.getTime(),
        readAt: notification.readAt?.getTime() ?? null,
      };
      this.notifications.putSync([accountId, notification.id], stored);
      if (notification.readAt === null) this.unread.putSync([accountId, notification.id], true);
      if (notification.dedupeKey !== null) this.dedupe.putSync([accountId, notification.dedupeKey], notification.id);
      // Over the cap: the oldest go, with their index entries (dedupe keys stay: a reminder dropped
      // from the list was still delivered).
      const excess = this.notifications.getKeysCount(prefixRange(accountId)) - kept;
      if (excess > 0) {
        for (const key of [...this.notifications.getKeys({ ...prefixRange(accountId), limit: excess })]) {
          this.notifications.removeSync(key);
          this.unread.removeSync(key);
        }
      }
      return true;
    });
  }

  async listNotifications(accountId: string, options: { before?: string; limit: number }): Promise<NotificationRecord[]> {
    if (options.limit <= 0) return [];
    const { start, end } = prefixRange(accountId);
    const range = this.notifications.getRange({
      start: options.before === undefined ? end : [accountId, options.before],
      end: start,
      reverse: true,
      exclusiveStart: options.before !== undefined,
      limit: options.limit,
    });
    return [...range].map(({ value }) => fromStored(value));
  }

  async countUnread(accountId: string): Promise<number> {
    return this.unread.getKeysCount(prefixRange(accountId));
  }

  async markRead(accountId: string, ids: readonly string[] | 'all', now: Date): Promise<number> {
    return writeDurably(this.env, () => {
      const keys: ScopedKey[] = ids === 'all' ? [...this.unread.getKeys(prefixRange(accountId))] : ids.map((id): ScopedKey => [accountId, id]);
      let changed = 0;
      for (const key of keys) {
        if (!this.unread.doesExist(key)) continue;
        const stored = this.notifications.get(key);
        if (stored) this.notifications.putSync(key, { ...stored, readAt: now.getTime() });
        this.unread.removeSync(key);
        changed++;
      }
      return changed;
    });
  }
}

function fromStored(stored: StoredNotification): NotificationRecord {
  return { ...stored, createdAt: new Date(stored.createdAt), readAt: stored.readAt === null ? null : new Date(stored.readAt) };
}
