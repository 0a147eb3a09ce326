import {
  ACCOUNT_SESSION_ABSOLUTE_MS,
  ACCOUNT_SESSION_IDLE_MS,
  INVITE_LINK_TTL_MS,
  LOGIN_FAILURES_BEFORE_LOCKOUT,
  SETUP_LINK_TTL_MS,
  LOGIN_LOCKOUT_SECONDS,
  type AccountPublic,
  type IssuedLink,
  type LinkInfo,
  type Me,
  type OrganisationSummary,
} from '@ideasphere/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '../ids.js';
import { capturedLog, type LogRecord } from '../logger.js';
import type { LmdbStore } from '../store/LmdbStore.js';
import { AccountClient, cheapHasher, createOrganisation, invitedAccount, PASSWORD, refusal, setUpAdmin } from '../testing/accountClients.js';
import { startTestApp, type TestApp } from '../testing/harness.js';

const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.dispose()));
});

async function start(): Promise<{ app: TestApp; base: string; records: LogRecord[]; store: () => LmdbStore }> {
  const { log, records } = capturedLog('info');
  let current: LmdbStore | null = null;
  const app = await startTestApp({ log, passwordHasher: cheapHasher(), onStore: (store) => (current = store) });
  apps.push(app);
  return {
    app,
    base: app.server.url,
    records,
    store: () => {
      if (!current) throw new Error('no store');
      return current;
    },
  };
}

function setupLinksLogged(records: LogRecord[]): string[] {
  return records.flatMap((record) => (typeof record['setupUrl'] === 'string' ? [record['setupUrl']] : []));
}

describe('first start', () => {
  it('logs one setup link; it creates the first platform admin once, who is signed in', async () => {
    const { app, base, records } = await start();
    const [setupUrl] = setupLinksLogged(records);
    expect(setupUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/platform\/setup#token=[A-Za-z0-9_-]{43}$/);
    expect(app.server.setupLink?.url).toBe(setupUrl);
    const visitor = new AccountClient(base);
    const info = await visitor.call<LinkInfo>('POST', '/api/account/links/check', { token: AccountClient.tokenOf(setupUrl ?? '') });
    expect(info.body).toMatchObject({ kind: 'setup', email: null });

    const admin = await setUpAdmin(base, setupUrl ?? '');
    const me = await admin.me();
    expect(me.status).toBe(200);
    expect(me.body.account).toMatchObject({ email: 'admin@example.cn', name: 'Ada Admin', platformRole: 'platform_admin', status: 'active' });
    expect(me.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const again = await new AccountClient(base).call('POST', '/api/account/setup', {
      token: AccountClient.tokenOf(setupUrl ?? ''),
      email: 'mallory@example.cn',
      name: 'Mallory',
      password: PASSWORD,
    });
    expect([again.status, refusal(again)]).toEqual([401, 'link_invalid']);
    expect((await new AccountClient(base).login('mallory@example.cn', PASSWORD)).status).toBe(401);

    // A restart with an admin prints no link.
    await app.restart();
    expect(app.server.setupLink).toBeNull();
    expect(setupLinksLogged(records)).toHaveLength(1);
  });

  it('prints a new link at each start while no admin exists; only the newest works', async () => {
    const { app, base, records } = await start();
    await app.restart();
    const [first, second] = setupLinksLogged(records);
    expect(first).not.toBe(second);
    const stale = await new AccountClient(base).call('POST', '/api/account/links/check', { token: AccountClient.tokenOf(first ?? '') });
    expect([stale.status, refusal(stale)]).toEqual([401, 'link_invalid']);
    await setUpAdmin(base, second ?? '');
  });
});

describe('signing in', () => {
  it('sets an httpOnly, SameSite=Lax session cookie for the API and stores only its hash', async () => {
    const { base, records, store } = await start();
    await setUpAdmin(base, setupLinksLogged(records)[0] ?? '');
    const res = await fetch(`${base}/api/account/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ADMIN@example.cn ', password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const [cookie = ''] = res.headers.getSetCookie();
    expect(cookie).toMatch(/^ideasphere_account=[A-Za-z0-9_-]{43}; Max-Age=604800; Path=\/api; HttpOnly; SameSite=Lax$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const token = /=([^;]+)/.exec(cookie)?.[1] ?? '';
    const session = await store().accounts.getAuthSessionByTokenHash(hashToken(token));
    expect(session).not.toBeNull();
    expect(JSON.stringify(session)).not.toContain(token);
    const body = (await res.json()) as Me;
    expect(JSON.stringify(body)).not.toContain('argon2');
  });

  it('answers an unknown email exactly as a wrong password, and locks either after repeated failures', async () => {
    const { base, records } = await start();
    await setUpAdmin(base, setupLinksLogged(records)[0] ?? '');
    const visitor = new AccountClient(base);
    const wrong = await visitor.login('admin@example.cn', 'not the password at all');
    const unknown = await visitor.login('nobody@example.cn', 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(refusal(wrong)).toBe('credentials_invalid');

    for (let i = 2; i < LOGIN_FAILURES_BEFORE_LOCKOUT; i++) expect((await visitor.login('admin@example.cn', 'wrong password again')).status).toBe(401);
    const locking = await visitor.login('admin@example.cn', 'wrong password again');
    expect([locking.status, refusal(locking)]).toEqual([429, 'login_locked']);
    expect(locking.body).toMatchObject({ error: { retryAfterSeconds: LOGIN_LOCKOUT_SECONDS } });
    expect(locking.headers.get('retry-after')).toBe(String(LOGIN_LOCKOUT_SECONDS));
    // While locked, even the right password is refused, and says until when.
    const locked = await visitor.login('admin@example.cn', PASSWORD);
    expect([locked.status, refusal(locked)]).toEqual([429, 'login_locked']);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(visitor.cookie).toBeNull();

    // The unknown email failed once above: the same count, the same lockout.
    for (let i = 2; i < LOGIN_FAILURES_BEFORE_LOCKOUT; i++) expect((await visitor.login('nobody@example.cn', 'x')).status).toBe(401);
    expect(refusal(await visitor.login('nobody@example.cn', 'x'))).toBe('login_locked');
  });

  it('refuses a sign-in another site makes the browser send, and sets no cookie', async () => {
    const { base, records } = await start();
    await setUpAdmin(base, setupLinksLogged(records)[0] ?? '');
    const visitor = new AccountClient(base);
    const reply = await visitor.call('POST', '/api/account/login', { email: 'admin@example.cn', password: PASSWORD }, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect([reply.status, refusal(reply)]).toEqual([403, 'csrf_failed']);
    expect(visitor.cookie).toBeNull();
  });

  it('refuses passwords that are too short or unbounded before anything is hashed', async () => {
    const { base, records } = await start();
    const visitor = new AccountClient(base);
    const token = AccountClient.tokenOf(setupLinksLogged(records)[0] ?? '');
    const short = await visitor.call('POST', '/api/account/setup', { token, email: 'a@example.cn', name: 'A', password: '短密码short' });
    expect([short.status, refusal(short)]).toEqual([400, 'invalid_input']);
    expect(short.body).toMatchObject({ error: { fields: { password: 'must have at least 12 characters' } } });
    const long = await visitor.call('POST', '/api/account/setup', { token, email: 'a@example.cn', name: 'A', password: '密'.repeat(400) });
    expect(long.body).toMatchObject({ error: { fields: { password: 'is too long' } } });
    // The link still works: nothing was used up.
    await setUpAdmin(base, setupLinksLogged(records)[0] ?? '', 'a@example.cn');
  });
});

describe('cross-site request forgery', () => {
  it('refuses a signed-in change without the CSRF token, with a wrong one, or from another site, and changes nothing', async () => {
    const { base, records } = await start();
    const admin = await setUpAdmin(base, setupLinksLogged(records)[0] ?? '');
    await admin.me();
    const body = { name: 'Forged Org', kind: 'company', parentId: null };
    const cases: { csrf: boolean; headers?: Record<string, string> }[] = [
      { csrf: false },
      { csrf: false, headers: { 'x-csrf-token': 'x'.repeat(43) } },
      { csrf: true, headers: { 'sec-fetch-site': 'cross-site' } },
      { csrf: true, headers: { 'sec-fetch-site': 'same-site' } },
      // What a cross-site HTML form can send: text/plain, no custom header.
      { csrf: false, headers: { 'content-type': 'text/plain' } },
    ];
    for (const { csrf, headers } of cases) {
      const reply = await admin.call('POST', '/api/orgs', body, { csrf, ...(headers ? { headers } : {}) });
      expect([reply.status, refusal(reply)]).toEqual([403, 'csrf_failed']);
    }
    expect((await admin.call<OrganisationSummary[]>('GET', '/api/orgs')).body).toEqual([]);
    const logout = await admin.call('POST', '/api/account/logout-everywhere', undefined, { csrf: false });
    expect(refusal(logout)).toBe('csrf_failed');
    expect((await admin.me()).status).toBe(200);
    expect((await admin.call('POST', '/api/orgs', body)).status).toBe(201);
  });
});

describe('invites, resets and signing out', () => {
  it('invites a member of an organisation by link: one use, the invite decides email and role', async () => {
    const { base, records } = await start();
    const admin = await setUpAdmin(base, setupLinksLogged(records)[0] ?? '');
    const org = await createOrganisation(admin, '同济大学 Tongji', 'university');
    const created = await admin.call<{ link: IssuedLink }>('POST', '/api/invites', { email: 'Wang.Fang@Tongji.edu.cn', organisationId: org.id });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ invite: { email: 'wang.fang@tongji.edu.cn', platformRole: 'user', organisationId: org.id, orgRole: 'member' } });
    const token = AccountClient.tokenOf(created.body.link.url);
    expect(created.body.link.url).toContain('/platform/invite#token=');

    const member = new AccountClient(base);
    expect((await member.call<LinkInfo>('POST', '/api/account/links/check', { token })).body).toMatchObject({
      kind: 'invite',
      email: 'wang.fang@tongji.edu.cn',
      organisationName: '同济大学 Tongji',
    });
    const accepted = await member.call<Me>('POST', '/api/account/invites/accept', { token, name: '王芳', password: PASSWORD });
    expect(accepted.status).toBe(201);
    expect(accepted.body.account).toMatchObject({ email: 'wang.fang@tongji.edu.cn', name: '王芳', platformRole: 'user' });
    expect(accepted.body.memberships).toEqual([{ organisation: expect.objectContaining({ id: org.id }), role: 'member' }]);

    const replay = await new AccountClient(base).call('POST', '/api/account/invites/accept', { token, name: 'Eve', password: PASSWORD });
    expect([replay.status, refusal(replay)]).toEqual([401, 'link_invalid']);
    const taken = await admin.call('POST', '/api/invites', { email: 'wang.fang@tongji.edu.cn' });
    expect([taken.status, refusal(taken)]).toEqual([409, 'email_taken']);
    expect((await admin.call('GET', '/api/invites')).body).toEqual([]);
  });

  it('withdraws an invite: its link stops working', async () => {
    const { base, records } = await start();
    const admin = await setUpAdmin(base, setupLinksLogged(records)[0] ?? '');
    const created = await admin.call<{ invite: { id: string }; link: IssuedLink }>('POST', '/api/invites', { email: 'late@example.cn' });
    expect((await admin.call('DELETE', `/api/invites/${created.body.invite.id}`)).status).toBe(204);
    const accepted = await new AccountClient(base).call('POST', '/api/account/invites/accept', {
      token: AccountClient.tokenOf(created.body.link.url),
      name: 'Late',
      password: PASSWORD,
    });
    expect(refusal(accepted)).toBe('link_invalid');
    expect(refusal(await admin.call('DELETE', `/api/invites/${created.body.invite.id}`))).toBe('invite_not_found');
  });

  it('resets a password by a link the admin passes on: every old session ends, the old password stops working', async () => {
    const { base, records } = await start();
    const admin = await setUpAdmin(base, setupLinksLogged(records)[0] ?? '');
    const { client: laptop, me } = await invitedAccount(admin, 'li.lei@example.cn');
    const phone = new AccountClient(base);
    expect((await phone.login('li.lei@example.cn', PASSWORD)).status).toBe(200);

    const issued = await admin.call<IssuedLink>('POST', `/api/accounts/${me.account.id}/reset-links`);
    expect(issued.status).toBe(201);
    expect(issued.body.url).toContain('/platform/reset#token=');
    const fresh = new AccountClient(base);
    const reset = await fresh.call<Me>('POST', '/api/account/password-reset', { token: AccountClient.tokenOf(issued.body.url), password: 'a brand new passphrase' });
    expect(reset.status).toBe(200);
    expect(reset.body.account.email).toBe('li.lei@example.cn');
    expect(refusal(await laptop.me())).toBe('sign_in_required');
    expect(refusal(await phone.me())).toBe('sign_in_required');
    expect((await fresh.me()).status).toBe(200);
    expect((await new AccountClient(base).login('li.lei@example.cn', PASSWORD)).status).toBe(401);
    expect((await new AccountClient(base).login('li.lei@example.cn', 'a brand new passphrase')).status).toBe(200);
  });

  it('signs out this browser, or every browser of the account', async () => {
    const { base, records } = await start();
    const admin = await setUpAdmin(base, setupLinksLogged(records)[0] ?? '');
    const { client: laptop } = await invitedAccount(admin, 'ann@example.cn');
    const phone = new AccountClient(base);
    const tablet = new AccountClient(base);
    await phone.login('ann@example.cn', PASSWORD);
    await tablet.login('ann@example.cn', PASSWORD);

    const out = await tablet.call('POST', '/api/account/logout');
    expect(out.status).toBe(204);
    expect(tablet.cookie).toBeNull();
    expect((await phone.me()).status).toBe(200);

    expect((await laptop.call('POST', '/api/account/logout-everywhere')).status).toBe(204);
    expect(refusal(await laptop.me())).toBe('sign_in_required');
    expect(refusal(await phone.me())).toBe('sign_in_required');
    expect((await admin.me()).status).toBe(200);
  });

  it('deactivates an account: its sessions end, and it cannot sign in (told so only with the right password)', async () => {
    const { base, records } = await start();
    const admin = await setUpAdmin(base, setupLinksLogged(records)[0] ?? '');
    const { client, me } = await invitedAccount(admin, 'bo@example.cn');
    const changed = await admin.call<AccountPublic>('PATCH', `/api/accounts/${me.account.id}`, { status: 'deactivated' });
    expect(changed.body).toMatchObject({ status: 'deactivated' });
    expect(refusal(await client.me())).toBe('sign_in_required');
    expect(refusal(await new AccountClient(base).login('bo@example.cn', 'wrong password here'))).toBe('credentials_invalid');
    expect(refusal(await new AccountClient(base).login('bo@example.cn', PASSWORD))).toBe('account_deactivated');
    const reset = await admin.call('POST', `/api/accounts/${me.account.id}/reset-links`);
    expect(refusal(reset)).toBe('account_deactivated');
    await admin.call('PATCH', `/api/accounts/${me.account.id}`, { status: 'active' });
    expect((await new AccountClient(base).login('bo@example.cn', PASSWORD)).status).toBe(200);
  });

  it('keeps the platform admin from demoting themselves and the platform from losing its last admin', async () => {
    const { base, records } = await start();
    const admin = await setUpAdmin(base, setupLinksLogged(records)[0] ?? '');
    const me = (await admin.me()).body;
    const own = await admin.call('PATCH', `/api/accounts/${me.account.id}`, { platformRole: 'user' });
    expect([own.status, refusal(own)]).toEqual([403, 'not_on_yourself']);
    const { client: second, me: secondMe } = await invitedAccount(admin, 'second.admin@example.cn', { platformRole: 'platform_admin' });
    expect((await second.call('PATCH', `/api/accounts/${me.account.id}`, { platformRole: 'user' })).status).toBe(200);
    // The first admin is now a user: the policy, not the UI, refuses what they may no longer do.
    expect(refusal(await admin.call('PATCH', `/api/accounts/${secondMe.account.id}`, { platformRole: 'user' }))).toBe('role_forbidden');
    expect((await admin.me()).body.account.platformRole).toBe('user');
  });
});

describe('signing in again', () => {
  it('ends the session the browser held before, so a fixed or stale cookie dies with the new sign-in', async () => {
    const { base, records, store } = await start();
    const admin = await setUpAdmin(base, setupLinksLogged(records)[0] ?? '');
    const before = admin.cookie?.split('=')[1] ?? '';
    expect((await admin.login('admin@example.cn', PASSWORD)).status).toBe(200);
    const after = admin.cookie?.split('=')[1] ?? '';
    expect(after).not.toBe(before);
    expect(await store().accounts.getAuthSessionByTokenHash(hashToken(before))).toBeNull();
    expect(await store().accounts.getAuthSessionByTokenHash(hashToken(after))).not.toBeNull();
  });
});

describe('expiry, on the server’s clock', () => {
  it('ends a session after it sat idle, and keeps one that is used', async () => {
    const { app, base, records } = await start();
    const admin = await setUpAdmin(base, setupLinksLogged(records)[0] ?? '');
    const { client: member } = await invitedAccount(admin, 'idle@example.cn');
    app.clock.offsetMs += ACCOUNT_SESSION_IDLE_MS / 2;
    expect((await admin.me()).status).toBe(200);
    app.clock.offsetMs += ACCOUNT_SESSION_IDLE_MS / 2 + 1_000;
    // Used half-way, the admin's session is still good; the member's sat idle and has ended.
    expect((await admin.me()).status).toBe(200);
    expect(refusal(await member.me())).toBe('sign_in_required');
  });

  it('ends a session at its absolute end however often it is used', async () => {
    const { app, base, records } = await start();
    const admin = await setUpAdmin(base, setupLinksLogged(records)[0] ?? '');
    const step = ACCOUNT_SESSION_IDLE_MS / 2;
    for (let elapsed = step; elapsed < ACCOUNT_SESSION_ABSOLUTE_MS; elapsed += step) {
      app.clock.offsetMs += step;
      expect((await admin.me()).status).toBe(200);
    }
    app.clock.offsetMs += step;
    expect(refusal(await admin.me())).toBe('sign_in_required');
    expect((await new AccountClient(base).login('admin@example.cn', PASSWORD)).status).toBe(200);
  });

  it('refuses setup and invite links once they have expired', async () => {
    const { app, base, records } = await start();
    const setupUrl = setupLinksLogged(records)[0] ?? '';
    app.clock.offsetMs += SETUP_LINK_TTL_MS;
    const late = await new AccountClient(base).call('POST', '/api/account/setup', {
      token: AccountClient.tokenOf(setupUrl),
      email: 'late@example.cn',
      name: 'Late',
      password: PASSWORD,
    });
    expect(refusal(late)).toBe('link_invalid');
    // A restart prints a fresh link, which works.
    await app.restart();
    const admin = await setUpAdmin(base, setupLinksLogged(records)[1] ?? '');
    const invite = await admin.call<{ link: IssuedLink }>('POST', '/api/invites', { email: 'slow@example.cn' });
    app.clock.offsetMs += INVITE_LINK_TTL_MS;
    const accepted = await new AccountClient(base).call('POST', '/api/account/invites/accept', {
      token: AccountClient.tokenOf(invite.body.link.url),
      name: 'Slow',
      password: PASSWORD,
    });
    expect(refusal(accepted)).toBe('link_invalid');
    // A week on, the admin's own session has ended too: they sign in again and see no open invite.
    expect(refusal(await admin.me())).toBe('sign_in_required');
    expect((await admin.login('admin@example.cn', PASSWORD)).status).toBe(200);
    expect((await admin.call('GET', '/api/invites')).body).toEqual([]);
  });
});
