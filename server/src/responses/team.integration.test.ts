import type { ChallengePublic, EditorLink, FieldPublic, MyResponse, NotificationPage, ResponsePublic } from '@ideasphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { capturedLog } from '../logger.js';
import { AccountClient, cheapHasher, createOrganisation, invitedAccount, refusal, setUpAdmin } from '../testing/accountClients.js';
import { startTestApp, type TestApp } from '../testing/harness.js';
import { connectProvider, nextClose, synced } from '../testing/yjsClients.js';

/*
 * A response's team changes: the owner removes a member, a member leaves. The one taken off
 * loses the editor at once (its open editor is closed, its token refused), the response and
 * its place in "My responses"; the other side is notified. The owner stays.
 */

let app: TestApp;
let owner: AccountClient;
let mate: AccountClient;
let third: AccountClient;
let stranger: AccountClient;
const ids = { response: '', mate: '', third: '', owner: '' };

async function kinds(client: AccountClient): Promise<{ kind: string; params: Record<string, string> }[]> {
  const page = (await client.call<NotificationPage>('GET', '/api/account/notifications')).body;
  return page.notifications.filter((n) => n.kind === 'team_removed' || n.kind === 'team_member_left').map((n) => ({ kind: n.kind, params: n.params }));
}

beforeAll(async () => {
  const { log, records } = capturedLog('info');
  app = await startTestApp({ log, passwordHasher: cheapHasher() });
  const admin = await setUpAdmin(app.server.url, String(records.find((r) => typeof r['setupUrl'] === 'string')?.['setupUrl']));
  const org = await createOrganisation(admin, 'Org');
  const poster = (await invitedAccount(admin, 'host@example.cn', { organisationId: org.id })).client;
  const made = await Promise.all(['owner@example.cn', 'mate@example.cn', 'third@example.cn', 'stranger@example.cn'].map((email) => invitedAccount(admin, email)));
  [owner, mate, third, stranger] = made.map((m) => m.client) as [AccountClient, AccountClient, AccountClient, AccountClient];
  ids.owner = made[0]?.me.account.id ?? '';
  ids.mate = made[1]?.me.account.id ?? '';
  ids.third = made[2]?.me.account.id ?? '';
  const [field] = (await poster.call<FieldPublic[]>('GET', '/api/fields')).body;
  const challenge = await poster.call<ChallengePublic>('POST', '/api/challenges', {
    organisationId: org.id,
    title: 'Quieter fans 更安静的风扇',
    problem: 'Problem.',
    fieldIds: [field?.id],
    deadline: { local: '2031-06-30T18:00', timeZone: 'Asia/Shanghai' },
    visibility: 'public',
    criteria: [{ name: 'Impact', weight: 100 }],
  });
  await poster.call('POST', `/api/challenges/${challenge.body.id}/transitions`, { to: 'open' });
  ids.response = (await owner.call<ResponsePublic>('POST', `/api/challenges/${challenge.body.id}/responses`, { teamName: 'Team 风' })).body.id;
  for (const email of ['mate@example.cn', 'third@example.cn']) await owner.call('POST', `/api/responses/${ids.response}/members`, { email });
});

afterAll(async () => {
  await app?.dispose();
});

/** The upgrade's HTTP status, when the server refuses it. */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => reject(new Error('upgrade was accepted')));
    ws.on('error', () => undefined);
  });
}

const remove = (client: AccountClient, accountId: string) => client.call('DELETE', `/api/responses/${ids.response}/members/${accountId}`);

describe('my responses', () => {
  it('lists the teams the account is on, with their challenge; empty for someone on none', async () => {
    const mine = (await mate.call<MyResponse[]>('GET', '/api/responses')).body;
    expect(mine.map((r) => [r.teamName, r.challenge.title, r.isOwner, r.status])).toEqual([['Team 风', 'Quieter fans 更安静的风扇', false, 'draft']]);
    expect((await owner.call<MyResponse[]>('GET', '/api/responses')).body[0]?.isOwner).toBe(true);
    expect((await stranger.call<MyResponse[]>('GET', '/api/responses')).body).toEqual([]);
    const anonymous = await new AccountClient(app.server.url).call('GET', '/api/responses');
    expect([anonymous.status, refusal(anonymous)]).toEqual([401, 'sign_in_required']);
  });
});

describe('taking someone off a team', () => {
  it('refuses the wrong people and wrong targets, changing nothing', async () => {
    const cases: [AccountClient, string, number, string][] = [
      [mate, ids.third, 403, 'role_forbidden'],
      [stranger, ids.mate, 404, 'response_not_found'],
      [owner, ids.owner, 409, 'team_owner_cannot_leave'],
      [owner, '0000000000nobody', 404, 'team_member_not_found'],
      [owner, 'not an id!', 400, 'invalid_input'],
    ];
    for (const [client, target, status, reason] of cases) {
      const reply = await remove(client, target);
      expect([reply.status, refusal(reply)], `${target}`).toEqual([status, reason]);
    }
    const response = (await owner.call<ResponsePublic>('GET', `/api/responses/${ids.response}`)).body;
    expect(response.members.map((m) => m.id)).toEqual([ids.owner, ids.mate, ids.third]);
  });

  it('the owner removes a member: the open editor closes, the token stops working, the member is told and loses the response', async () => {
    const link = (await mate.call<EditorLink>('POST', `/api/responses/${ids.response}/editor-link`)).body;
    const provider = connectProvider(app.server.url, link.proposalId, link.memberToken, new Y.Doc());
    try {
      await synced(provider);
      const closed = nextClose(provider);
      expect((await remove(owner, ids.mate)).status).toBe(204);
      expect((await closed).code).toBe(4401);
    } finally {
      provider.destroy();
    }
    // The same token again: the upgrade itself is refused.
    expect(await upgradeStatus(`${app.server.url.replace(/^http/, 'ws')}/yjs/${link.proposalId}?token=${link.memberToken}`)).toBe(401);
    const view = await mate.call('GET', `/api/responses/${ids.response}`);
    expect([view.status, refusal(view)]).toEqual([404, 'response_not_found']);
    expect((await mate.call<MyResponse[]>('GET', '/api/responses')).body).toEqual([]);
    expect(await kinds(mate)).toEqual([{ kind: 'team_removed', params: { team: 'Team 风', challenge: 'Quieter fans 更安静的风扇' } }]);
    expect(await kinds(owner)).toEqual([]);
  });

  it('a member leaves: the owner is told who left', async () => {
    expect((await remove(third, ids.third)).status).toBe(204);
    const response = (await owner.call<ResponsePublic>('GET', `/api/responses/${ids.response}`)).body;
    expect(response.members.map((m) => m.id)).toEqual([ids.owner]);
    expect(await kinds(owner)).toEqual([{ kind: 'team_member_left', params: { team: 'Team 风', challenge: 'Quieter fans 更安静的风扇', name: 'third' } }]);
    expect(await kinds(third)).toEqual([]);
    // Gone is gone: leaving twice is not found.
    const twice = await remove(third, ids.third);
    expect([twice.status, refusal(twice)]).toEqual([404, 'response_not_found']);
  });
});
