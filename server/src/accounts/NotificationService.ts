import {
  NOTIFICATION_PAGE_SIZE,
  NOTIFICATIONS_KEPT_PER_ACCOUNT,
  type NotificationKind,
  type NotificationPage,
  type NotificationPublic,
  type notificationReadBodySchema,
  truncateGraphemes,
} from '@ideasphere/shared';
import type { z } from 'zod';
import { newId } from '../ids.js';
import type { NotificationRecord, NotificationStore } from '../store/NotificationStore.js';
import type { Actor } from './accountPolicy.js';

/** A parameter (a title, a question) is cut to this many characters: a notification is a pointer, not the text. */
export const NOTIFICATION_PARAM_MAX_CHARS = 120;

/** What other services tell an account. */
export interface Notice {
  kind: NotificationKind;
  params: Record<string, string>;
  /** A platform path (`/platform/…`). */
  link: string;
  /** Once per account whatever happens twice (a reminder); see NotificationRecord. */
  dedupeKey?: string;
}

/**
 * The in-app notification centre. Services call `notify` when something happens to an account;
 * the account reads its own notifications (and only those) and marks them read.
 */
export class NotificationService {
  /** The last id time handed out: ids sort by it, so two notices in one millisecond keep their order. */
  private lastAt = 0;

  constructor(
    private readonly store: NotificationStore,
    private readonly now: () => number,
  ) {}

  /** Tells each account once (duplicates in `accountIds` count once); true for each account told. */
  async notify(accountIds: readonly string[], notice: Notice): Promise<number> {
    const params = Object.fromEntries(Object.entries(notice.params).map(([key, value]) => [key, truncateGraphemes(value, NOTIFICATION_PARAM_MAX_CHARS)]));
    let told = 0;
    for (const accountId of new Set(accountIds)) {
      const at = Math.max(this.now(), this.lastAt + 1);
      this.lastAt = at;
      const record: NotificationRecord = {
        id: newId(at),
        accountId,
        kind: notice.kind,
        params,
        link: notice.link,
        dedupeKey: notice.dedupeKey ?? null,
        createdAt: new Date(at),
        readAt: null,
      };
      if (await this.store.addNotification(record, NOTIFICATIONS_KEPT_PER_ACCOUNT)) told++;
    }
    return told;
  }

  async list(actor: Actor, before: string | undefined): Promise<NotificationPage> {
    const accountId = actor.account.id;
    const [page, unread] = await Promise.all([
      this.store.listNotifications(accountId, { limit: NOTIFICATION_PAGE_SIZE + 1, ...(before === undefined ? {} : { before }) }),
      this.store.countUnread(accountId),
    ]);
    const shown = page.slice(0, NOTIFICATION_PAGE_SIZE);
    return { notifications: shown.map(present), unread, next: page.length > NOTIFICATION_PAGE_SIZE ? (shown[shown.length - 1]?.id ?? null) : null };
  }

  async unread(actor: Actor): Promise<{ unread: number }> {
    return { unread: await this.store.countUnread(actor.account.id) };
  }

  async markRead(actor: Actor, input: z.output<typeof notificationReadBodySchema>): Promise<{ unread: number }> {
    await this.store.markRead(actor.account.id, 'all' in input ? 'all' : input.ids, new Date(this.now()));
    return this.unread(actor);
  }
}

function present(record: NotificationRecord): NotificationPublic {
  return {
    id: record.id,
    kind: record.kind,
    params: record.params,
    link: record.link,
    createdAt: record.createdAt.toISOString(),
    readAt: record.readAt?.toISOString() ?? null,
  };
}
