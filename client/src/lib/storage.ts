/**
 * localStorage access that never throws: private browsing modes and full quotas make
 * `localStorage` throw, and losing a remembered token must not break the page.
 */

export const storageKeys = {
  language: 'ideasphere:lang',
  participantToken: (code: string) => `ideasphere:participant:${code}`,
  facilitatorToken: (code: string) => `ideasphere:facilitator:${code}`,
  moderatorToken: (code: string) => `ideasphere:moderator:${code}`,
  /** The session-wide screen URL, written by the console that created the session. */
  screen: (code: string) => `ideasphere:screen:${code}`,
  /**
   * The key this browser's big screen last opened with (session-wide or a venue's): its own
   * slot, so opening a venue screen on the console's computer never replaces the console's link.
   */
  screenKey: (code: string) => `ideasphere:screen-key:${code}`,
  /** The console's venue big-screen URLs of a session: JSON `{ [venueId]: screenUrl }`. */
  venueScreens: (code: string) => `ideasphere:venue-screens:${code}`,
  recentSessions: 'ideasphere:recent',
  /** The participant this phone joined as, so a reload shows the name before the snapshot. */
  me: (code: string) => `ideasphere:me:${code}`,
  /** Set when the facilitator removed this phone from the session: it shows that, not the form. */
  removed: (code: string) => `ideasphere:removed:${code}`,
  /** Ideas typed on this phone that the server has not confirmed yet. */
  outbox: (code: string) => `ideasphere:outbox:${code}`,
} as const;

export function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage unavailable: the value lives only as long as the page.
  }
}

export function removeStored(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Nothing to remove when storage is unavailable.
  }
}

/** The join codes of the sessions this browser joined as a participant (and still holds the token of). */
export function storedParticipantCodes(): string[] {
  const prefix = storageKeys.participantToken('');
  try {
    const codes: string[] = [];
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(prefix)) codes.push(key.slice(prefix.length));
    }
    return codes.sort();
  } catch {
    return [];
  }
}

/**
 * Reads a secret passed in the URL fragment (`#token=…`, `#key=…`) and removes the fragment
 * from the address bar, so the secret does not linger in history or on a shared screen.
 */
export function takeFragmentParam(name: string): string | null {
  const hash = window.location.hash.replace(/^#/, '');
  if (hash === '') return null;
  const value = new URLSearchParams(hash).get(name);
  if (value !== null) {
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', pathname + search);
  }
  return value !== null && value !== '' ? value : null;
}

/**
 * The screen key for a session. The slot holds either a screen URL (saved by the console
 * that created the session) or the bare key (saved by the screen page); both are accepted.
 */
export function readScreenKey(code: string): string | null {
  const stored = readStored(storageKeys.screen(code));
  if (stored === null) return null;
  const fragment = stored.split('#')[1];
  if (fragment !== undefined) return new URLSearchParams(fragment).get('key');
  return stored.includes('/') ? null : stored;
}

/** The big-screen URL for a session, built from whichever form the slot holds. */
export function readScreenUrl(code: string): string | null {
  const stored = readStored(storageKeys.screen(code));
  if (stored === null) return null;
  if (stored.includes('/')) return stored;
  return `${window.location.origin}/s/${code}#key=${encodeURIComponent(stored)}`;
}

/** The venue big-screen URLs this browser knows for a session (see `storageKeys.venueScreens`). */
export function readVenueScreens(code: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(readStored(storageKeys.venueScreens(code)) ?? '{}');
    if (typeof value !== 'object' || value === null) return {};
    const urls: Record<string, string> = {};
    for (const [venueId, url] of Object.entries(value)) if (typeof url === 'string') urls[venueId] = url;
    return urls;
  } catch {
    return {};
  }
}

/** Remembers venue big-screen URLs (from session creation, `venue:add` or a rotation). */
export function writeVenueScreens(code: string, links: readonly { venueId: string; screenUrl: string }[]): Record<string, string> {
  const urls = readVenueScreens(code);
  for (const link of links) urls[link.venueId] = link.screenUrl;
  writeStored(storageKeys.venueScreens(code), JSON.stringify(urls));
  return urls;
}
