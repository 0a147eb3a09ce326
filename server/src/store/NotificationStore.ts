import type { NotificationKind } from '@ideasphere/shared';

/** One notification of one account. `id` sorts by creation time (see `newId`). */
export interface NotificationRecord {
  id: string;
  accountId: string;
  kind: NotificationKind;
  params: Record<string, string>;
  link: string;
  /**
   * Set for a notice that must reach an account once whatever happens twice (a deadline
   * reminder): a second notification with the same key for the same account is not added.
   */
  dedupeKey: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/**
 * The notification centre's records. An account keeps at most `kept` notifications: adding one
 * more drops its oldest in the same write, so nothing here grows without bound.
 */
export interface NotificationStore {
  /** Adds it unless the account has one with the same `dedupeKey`; true when added. */
  addNotification(notification: NotificationRecord, kept: number): Promise<boolean>;
  /** Newest first, strictly older than `before` when given, at most `limit`. */
  listNotifications(accountId: string, options: { before?: string; limit: number }): Promise<NotificationRecord[]>;
  countUnread(accountId: string): Promise<number>;
  /** Marks these (or, with 'all', every) unread notifications of the account read; returns how many changed. */
  markRead(accountId: string, ids: readonly string[] | 'all', now: Date): Promise<number>;
}
