import type { ChallengePublic, CreateChallengeBody, FieldPublic, NotificationPage, ResponsePublic } from '@ideasphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationService } from '../accounts/NotificationService.js';
import { capturedLog, silentLog } from '../logger.js';
import type { LmdbStore } from '../store/LmdbStore.js';
import { AccountClient, cheapHasher, createOrganisation, invitedAccount, setUpAdmin } from '../testing/accountClients.js';
import { startTestApp, type TestApp } from '../testing/harness.js';
import { DeadlineReminders } from './DeadlineReminders.js';

/*
 * "A deadline in 48 hours": the server's sweeper, on an injected clock, tells every member of
 * every team of an open challenge whose deadline is near, once per challenge and account —
 * across sweeps, a restart and two sweepers (two processes) on one store.
 */

const HOUR = 3_600_000;
/**
 * Deadlines near the real time (the clock moves only a few hours, so sign-in sessions stay
 * alive): "soon" is 50 hours ahead, to the minute, in UTC.
 */
const SOON_AT = Math.floor((Date.now() + 50 * HOUR) / 60_000) * 60_000;
const utcLocal = (at: number) => new Date(at).toISOString().slice(0, 16);
const SOON = { local: utcLocal(SOON_AT), timeZone: 'UTC' };
const LATER = { local: utcLocal(SOON_AT + 5 * 24 * HOUR), timeZone: 'UTC' };

let app: TestApp;
let store: LmdbStore | null = null;
let admin: AccountClient;
let organiser: AccountClient;
let solver: AccountClient;
let mate: AccountClient;
let late: AccountClient;
let soonResponse = '';

async function reminders(client: AccountClient): Promise<string[]> {
  const page = (await client.call<NotificationPage>('GET', '/api/account/notifications')).body;
  return page.notifications.filter((n) => n.kind === 'deadline_soon').map((n) => n.params['challenge'] ?? '');
}

/** Moves the server's clock so that it reads `at` (the harness adds the offset to the real time). */
function setClock(at: number): void {
  app.clock.offsetMs = at - Date.now();
}

beforeAll(async () => {
  const { log, records } = capturedLog('info');
  app = await startTestApp({ log, passwordHasher: cheapHasher(), deadlineSweepIntervalMs: 25, onStore: (s) => (store = s) });
  admin = await setUpAdmin(app.server.url, String(records.find((r) => typeof r['setupUrl'] === 'string')?.['setupUrl']));
  const org = await createOrganisation(admin, 'Org 宝钢');
  organiser = (await invitedAccount(admin, 'host@example.cn', { organisationId: org.id })).client;
  solver = (await invitedAccount(admin, 'solver@example.cn')).client;
  mate = (await invitedAccount(admin, 'mate@example.cn')).client;
  late = (await invitedAccount(admin, 'late@example.cn')).client;
  const [field] = (await organiser.call<FieldPublic[]>('GET', '/api/fields')).body;
  const post = async (title: string, deadline: CreateChallengeBody['deadline']) => {
    const created = await organiser.call<ChallengePublic>('POST', '/api/challenges', {
      organisationId: org.id,
      title,
      problem: 'Problem.',
      fieldIds: [field?.id ?? ''],
      deadline,
      visibility: 'public',
      criteria: [{ name: 'Impact', weight: 100 }],
    } satisfies CreateChallengeBody);
    await organiser.call('POST', `/api/challenges/${created.body.id}/transitions`, { to: 'open' });
    return created.body.id;
  };
  const soon = await post('Soon 即将截止', SOON);
  const later = await post('Later 稍后截止', LATER);
  soonResponse = (await solver.call<ResponsePublic>('POST', `/api/challenges/${soon}/responses`, { teamName: 'Team A' })).body.id;
  await solver.call('POST', `/api/responses/${soonResponse}/members`, { email: 'mate@example.cn' });
  await solver.call('POST', `/api/challenges/${later}/responses`, { teamName: 'Team B' });
});

afterAll(async () => {
  await app?.dispose();
});

describe('deadline reminders', () => {
  it('tells nobody while the deadline is further than 48 hours away', async () => {
    const at = SOON_AT - 49 * HOUR;
    // A sweep of our own on the same store, an hour before the window opens.
    const told = await new DeadlineReminders(store as LmdbStore, new NotificationService((store as LmdbStore).notifications, () => at), () => at, silentLog()).sweep();
    expect(told).toBe(0);
    expect(await reminders(solver)).toEqual([]);
  });

  it('tells each team member once when the deadline comes within 48 hours, not the organisation, not for a later challenge', async () => {
    setClock(SOON_AT - 47 * HOUR);
    await expect.poll(() => reminders(solver), { timeout: 20_000 }).toEqual(['Soon 即将截止']);
    await expect.poll(() => reminders(mate), { timeout: 20_000 }).toEqual(['Soon 即将截止']);
    expect(await reminders(organiser)).toEqual([]);
  });

  it('does not tell anyone twice across a restart; a member who joins later is told once too', async () => {
    await app.restart();
    await solver.call('POST', `/api/responses/${soonResponse}/members`, { email: 'late@example.cn' });
    // The sweeps that told the newcomer have also passed over everybody else.
    await expect.poll(() => reminders(late), { timeout: 20_000 }).toEqual(['Soon 即将截止']);
    expect(await reminders(solver)).toEqual(['Soon 即将截止']);
    expect(await reminders(mate)).toEqual(['Soon 即将截止']);
  });

  it('two sweepers on one store (two processes) at the same instant tell each account once between them', async () => {
    const current = store as LmdbStore;
    const at = SOON_AT - 2 * HOUR;
    const sweeper = () => new DeadlineReminders(current, new NotificationService(current.notifications, () => at), () => at, silentLog());
    // Forget what was told: a fresh account joins, so exactly one account is left to tell.
    const fourth = (await invitedAccount(admin, 'fourth@example.cn')).client;
    await solver.call('POST', `/api/responses/${soonResponse}/members`, { email: 'fourth@example.cn' });
    const [a, b] = await Promise.all([sweeper().sweep(), sweeper().sweep()]);
    // The server's own timer may have been first; between all of them, one notice.
    expect(a + b).toBeLessThanOrEqual(1);
    expect(await reminders(fourth)).toEqual(['Soon 即将截止']);
    expect(await reminders(solver)).toEqual(['Soon 即将截止']);
  });
});
