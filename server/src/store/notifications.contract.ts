import { describe, expect, it } from 'vitest';
import { newId } from '../ids.js';
import type { NotificationRecord, NotificationStore } from './NotificationStore.js';
import type { Store } from './Store.js';

const NOW = new Date(Date.UTC(2025, 5, 3, 8, 0, 0, 456));

function notification(accountId: string, at: number, overrides: Partial<NotificationRecord> = {}): NotificationRecord {
  return {
    id: newId(NOW.getTime() + at),
    accountId,
    kind: 'question_answered',
    params: { challenge: '低碳钢 Low-carbon steel', question: `Q${at}` },
    link: '/platform/challenges/abc',
    dedupeKey: null,
    createdAt: new Date(NOW.getTime() + at),
    readAt: null,
    ...overrides,
  };
}

/** The notification centre: newest first, an unread count, reading, a cap, and once-only reminders. */
export function describeNotificationContract(getStore: () => Store): void {
  const notifications = (): NotificationStore => getStore().notifications;

  describe('notifications', () => {
    it('lists an account’s notifications newest first, in pages, and only its own', async () => {
      const account = newId();
      const made = [0, 1, 2, 3].map((i) => notification(account, i));
      for (const n of made) expect(await notifications().addNotification(n, 100)).toBe(true);
      await notifications().addNotification(notification(newId(), 9), 100);

      const [a, b, c, d] = made;
      expect(await notifications().listNotifications(account, { limit: 2 })).toEqual([d, c]);
      expect(await notifications().listNotifications(account, { before: c?.id ?? '', limit: 10 })).toEqual([b, a]);
      expect(await notifications().countUnread(account)).toBe(4);
    });

    it('marks some or all read, once; the count follows', async () => {
      const account = newId();
      const made = [0, 1, 2].map((i) => notification(account, i));
      for (const n of made) await notifications().addNotification(n, 100);
      const readAt = new Date(NOW.getTime() + 60_000);
      expect(await notifications().markRead(account, [made[0]?.id ?? '', newId()], readAt)).toBe(1);
      expect(await notifications().markRead(newId(), [made[1]?.id ?? ''], readAt)).toBe(0);
      expect(await notifications().countUnread(account)).toBe(2);
      expect(await notifications().markRead(account, 'all', readAt)).toBe(2);
      expect(await notifications().markRead(account, 'all', readAt)).toBe(0);
      expect(await notifications().countUnread(account)).toBe(0);
      const listed = await notifications().listNotifications(account, { limit: 10 });
      expect(listed.map((n) => n.readAt)).toEqual([readAt, readAt, readAt]);
    });

    it('keeps at most `kept` per account, dropping the oldest with their unread marks', async () => {
      const account = newId();
      const made = [0, 1, 2, 3, 4].map((i) => notification(account, i));
      for (const n of made) await notifications().addNotification(n, 3);
      expect((await notifications().listNotifications(account, { limit: 10 })).map((n) => n.id)).toEqual(made.slice(2).reverse().map((n) => n.id));
      expect(await notifications().countUnread(account)).toBe(3);
    });

    it('adds a notification with a dedupe key once per account, even after it was dropped', async () => {
      const account = newId();
      const reminder = notification(account, 0, { kind: 'deadline_soon', dedupeKey: 'deadline:challenge-1' });
      expect(await notifications().addNotification(reminder, 2)).toBe(true);
      expect(await notifications().addNotification({ ...reminder, id: newId() }, 2)).toBe(false);
      expect(await notifications().addNotification(notification(newId(), 0, { dedupeKey: 'deadline:challenge-1' }), 2)).toBe(true);
      for (const i of [1, 2]) await notifications().addNotification(notification(account, i), 2);
      expect(await notifications().addNotification({ ...reminder, id: newId(NOW.getTime() + 5) }, 2)).toBe(false);
      expect((await notifications().listNotifications(account, { limit: 10 })).map((n) => n.kind)).toEqual(['question_answered', 'question_answered']);
    });
  });
}
