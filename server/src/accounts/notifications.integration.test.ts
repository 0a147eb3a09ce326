import type { NotificationPage } from '@ideasphere/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { LmdbStore } from '../store/LmdbStore.js';
import { AccountClient, cheapHasher, PASSWORD, refusal, setUpAdmin } from '../testing/accountClients.js';
import { startTestApp, type TestApp } from '../testing/harness.js';
import { NotificationService } from './NotificationService.js';

const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.dispose()));
});

async function start() {
  let store: LmdbStore | null = null;
  const app = await startTestApp({ passwordHasher: cheapHasher(), onStore: (s) => (store = s) });
  apps.push(app);
  const base = app.server.url;
  const admin = await setUpAdmin(base, app.server.setupLink?.url ?? '');
  const solver = new AccountClient(base);
  await solver.call('POST', '/api/account/signup', { email: 'solver@example.cn', name: 'Solver', password: PASSWORD });
  if (!store) throw new Error('no store');
  const service = new NotificationService((store as LmdbStore).notifications, Date.now);
  const idOf = async (client: AccountClient) => (await client.me()).body.account.id;
  return { base, admin, solver, service, adminId: await idOf(admin), solverId: await idOf(solver) };
}

const answered = (n: number) => ({ kind: 'question_answered' as const, params: { challenge: '氢能 Hydrogen', question: `Question ${n}` }, link: '/platform/challenges/x' });

describe('notification centre', () => {
  it('shows each account only its own notifications, newest first, with the unread count, and marks them read', async () => {
    const { base, admin, solver, service, adminId, solverId } = await start();
    await service.notify([solverId], answered(1));
    await service.notify([solverId, solverId], answered(2));
    await service.notify([adminId], answered(3));

    const page = await solver.call<NotificationPage>('GET', '/api/account/notifications');
    expect(page.body.unread).toBe(2);
    expect(page.body.next).toBeNull();
    expect(page.body.notifications.map((n) => n.params['question'])).toEqual(['Question 2', 'Question 1']);
    expect(page.body.notifications[0]).toMatchObject({ kind: 'question_answered', link: '/platform/challenges/x', readAt: null });

    // Another account's id changes nothing of theirs.
    const adminsOwn = (await admin.call<NotificationPage>('GET', '/api/account/notifications')).body.notifications[0]?.id ?? '';
    expect((await solver.call('POST', '/api/account/notifications/read', { ids: [adminsOwn] })).body).toEqual({ unread: 2 });
    expect((await admin.call('GET', '/api/account/notifications/unread')).body).toEqual({ unread: 1 });

    const first = page.body.notifications[1]?.id ?? '';
    expect((await solver.call('POST', '/api/account/notifications/read', { ids: [first] })).body).toEqual({ unread: 1 });
    expect((await solver.call('POST', '/api/account/notifications/read', { all: true })).body).toEqual({ unread: 0 });
    const after = await solver.call<NotificationPage>('GET', '/api/account/notifications');
    expect(after.body.notifications.every((n) => n.readAt !== null)).toBe(true);

    const anonymous = await new AccountClient(base).call('GET', '/api/account/notifications');
    expect([anonymous.status, refusal(anonymous)]).toEqual([401, 'sign_in_required']);
  });

  it('refuses malformed or cross-site changes and changes nothing', async () => {
    const { solver, service, solverId } = await start();
    await service.notify([solverId], answered(1));
    const cases: [unknown, { csrf?: boolean }, number, string][] = [
      [{ ids: [] }, {}, 400, 'invalid_input'],
      [{ ids: Array.from({ length: 101 }, (_, i) => `notification${i}`) }, {}, 400, 'invalid_input'],
      [{ ids: ['notification1'], all: true }, {}, 400, 'invalid_input'],
      [{ all: false }, {}, 400, 'invalid_input'],
      [{ ids: ['../../etc'] }, {}, 400, 'invalid_input'],
      [{ all: true }, { csrf: false }, 403, 'csrf_failed'],
    ];
    for (const [body, options, status, reason] of cases) {
      const reply = await solver.call('POST', '/api/account/notifications/read', body, options);
      expect([reply.status, refusal(reply)]).toEqual([status, reason]);
    }
    expect((await solver.call('GET', '/api/account/notifications/unread')).body).toEqual({ unread: 1 });
    const badQuery = await solver.call('GET', '/api/account/notifications?before=%00');
    expect([badQuery.status, refusal(badQuery)]).toEqual([400, 'invalid_input']);
  });

  it('pages through many notifications and cuts long parameters', async () => {
    const { solver, service, solverId } = await start();
    for (let n = 0; n < 35; n++) await service.notify([solverId], answered(n));
    await service.notify([solverId], { ...answered(99), params: { challenge: '长'.repeat(500), question: 'q' } });
    const first = await solver.call<NotificationPage>('GET', '/api/account/notifications');
    expect(first.body.notifications).toHaveLength(30);
    expect(first.body.unread).toBe(36);
    expect([...(first.body.notifications[0]?.params['challenge'] ?? '')]).toHaveLength(120);
    const second = await solver.call<NotificationPage>('GET', `/api/account/notifications?before=${first.body.next}`);
    expect(second.body.notifications).toHaveLength(6);
    expect(second.body.next).toBeNull();
    expect(second.body.notifications.at(-1)?.params['question']).toBe('Question 0');
  });
});
