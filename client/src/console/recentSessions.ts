import type { CreatedSession } from '@ideasphere/shared';
import { readStored, storageKeys, writeStored, writeVenueScreens } from '../lib/storage';

/** A session this browser created, so the facilitator can find it again after closing the tab. */
export interface RecentSession {
  code: string;
  title: string;
  createdAt: string;
}

const MAX_RECENT = 8;

export function readRecentSessions(): RecentSession[] {
  try {
    const parsed: unknown = JSON.parse(readStored(storageKeys.recentSessions) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (item): item is RecentSession =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as RecentSession).code === 'string' &&
        typeof (item as RecentSession).title === 'string' &&
        typeof (item as RecentSession).createdAt === 'string',
    );
  } catch {
    return [];
  }
}

export function rememberSession(session: RecentSession): void {
  const others = readRecentSessions().filter((s) => s.code !== session.code);
  writeStored(storageKeys.recentSessions, JSON.stringify([session, ...others].slice(0, MAX_RECENT)));
}

/**
 * Keeps what a new session's creator needs in this browser: its console link, its big-screen
 * links, and its place in the recent list. Returns the console's address.
 */
export function keepCreatedSession(created: CreatedSession): string {
  writeStored(storageKeys.facilitatorToken(created.code), created.facilitatorToken);
  writeStored(storageKeys.screen(created.code), created.screenUrl);
  writeVenueScreens(created.code, created.venueScreens ?? []);
  rememberSession({ code: created.code, title: created.title, createdAt: created.createdAt });
  return `/f/${created.code}#token=${encodeURIComponent(created.facilitatorToken)}`;
}
