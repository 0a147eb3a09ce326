/** One browser-less account over the API (cookie and CSRF token), to set the stage quickly. */
export class ApiAccount {
  cookie = '';
  csrf = '';
  constructor(private readonly base: string) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie: this.cookie, 'x-csrf-token': this.csrf },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const set = res.headers.getSetCookie().find((line) => line.startsWith('ideasphere_account='));
    if (set) this.cookie = set.split(';')[0] ?? '';
    const parsed = (await res.json()) as T & { csrfToken?: string };
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(parsed)}`);
    if (typeof parsed.csrfToken === 'string') this.csrf = parsed.csrfToken;
    return parsed;
  }
}
