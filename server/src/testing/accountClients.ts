import type { ApiError, ChallengePublic, CreateChallengeBody, CreatedInvite, Me, OrganisationSummary } from '@ideasphere/shared';
import { CSRF_HEADER } from '@ideasphere/shared';
import { PasswordHasher } from '../accounts/passwords.js';

/** argon2id at test strength: the same code path, a fraction of the memory and time. */
export function cheapHasher(): PasswordHasher {
  return new PasswordHasher({ algorithm: 2, memoryCost: 1024, timeCost: 1, parallelism: 1 });
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * One browser as the platform sees it: a cookie jar holding the session cookie, and the CSRF
 * token from `GET /api/account/me`, sent with every change unless a test leaves it out.
 */
export class AccountClient {
  cookie: string | null = null;
  csrf: string | null = null;

  constructor(readonly base: string) {}

  async call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (options.csrf !== false && this.csrf && method !== 'GET') headers[CSRF_HEADER] = this.csrf;
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name, value = ''] = pair.split('=');
      if (name !== 'ideasphere_account') continue;
      this.cookie = value === '' ? null : `${name}=${value}`;
    }
    const text = await res.text();
    const parsed: unknown = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    if (res.ok && isMe(parsed)) this.csrf = parsed.csrfToken;
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** Refreshes the CSRF token (a new page load). */
  async me(): Promise<Reply<Me>> {
    return this.call<Me>('GET', '/api/account/me');
  }

  async login(email: string, password: string): Promise<Reply<Me>> {
    return this.call<Me>('POST', '/api/account/login', { email, password });
  }

  /** The token of an issued link (`…#token=…`). */
  static tokenOf(url: string): string {
    const token = new URL(url).hash.replace(/^#token=/, '');
    if (!token) throw new Error(`no token in ${url}`);
    return token;
  }
}

function isMe(value: unknown): value is Me {
  return typeof value === 'object' && value !== null && 'csrfToken' in value && typeof value.csrfToken === 'string';
}

/** The refusal in a failed reply. */
export function refusal(reply: Reply): ApiError['reason'] | undefined {
  const body = reply.body as { error?: ApiError };
  return body.error?.reason;
}

export const PASSWORD = 'correct horse battery 电池';

/** Creates the first platform admin through the setup link; returns the signed-in client. */
export async function setUpAdmin(base: string, setupUrl: string, email = 'admin@example.cn'): Promise<AccountClient> {
  const admin = new AccountClient(base);
  const reply = await admin.call<Me>('POST', '/api/account/setup', { token: AccountClient.tokenOf(setupUrl), email, name: 'Ada Admin', password: PASSWORD });
  if (reply.status !== 201) throw new Error(`setup failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return admin;
}

/** Invites `email` (as `by`), accepts the invite in a new browser, and returns that signed-in client. */
export async function invitedAccount(
  by: AccountClient,
  email: string,
  invite: { platformRole?: 'user' | 'platform_admin'; organisationId?: string; orgRole?: 'org_admin' | 'member' } = {},
): Promise<{ client: AccountClient; me: Me }> {
  const created = await by.call<CreatedInvite>('POST', '/api/invites', { email, ...invite });
  if (created.status !== 201) throw new Error(`invite failed: ${created.status} ${JSON.stringify(created.body)}`);
  const client = new AccountClient(by.base);
  const accepted = await client.call<Me>('POST', '/api/account/invites/accept', {
    token: AccountClient.tokenOf(created.body.link.url),
    name: email.split('@')[0],
    password: PASSWORD,
  });
  if (accepted.status !== 201) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { client, me: accepted.body };
}

export async function createOrganisation(admin: AccountClient, name: string, kind = 'company', parentId: string | null = null): Promise<OrganisationSummary> {
  const reply = await admin.call<OrganisationSummary>('POST', '/api/orgs', { name, kind, parentId });
  if (reply.status !== 201) throw new Error(`organisation failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** Posts a challenge as `client` and (unless `open` is false) opens it; returns its id. */
export async function postChallenge(client: AccountClient, body: CreateChallengeBody, open = true): Promise<string> {
  const created = await client.call<ChallengePublic>('POST', '/api/challenges', body);
  if (created.status !== 201) throw new Error(`challenge failed: ${created.status} ${JSON.stringify(created.body)}`);
  if (open) {
    const opened = await client.call('POST', `/api/challenges/${created.body.id}/transitions`, { to: 'open' });
    if (opened.status !== 200) throw new Error(`open failed: ${opened.status} ${JSON.stringify(opened.body)}`);
  }
  return created.body.id;
}
