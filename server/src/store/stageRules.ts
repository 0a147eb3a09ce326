import { DEFAULT_VENUE_NAME, type CeremonyStage, type Language, type ScreenView } from '@ideasphere/shared';
import type { SessionRecord } from './Store.js';

/** A venue of a session as stored. Its screen secret is kept only as a SHA-256 hash. */
export interface VenueRecord {
  id: string;
  name: string;
  /** What this venue's screens show. */
  view: ScreenView;
  /** Empty for a venue read from a session stored before venues: no screen link until rotated. */
  screenTokenHash: string;
  createdAt: Date;
}

/** A session's join ceremony as stored. */
export interface CeremonyRecord {
  stage: CeremonyStage;
  message: string | null;
  /** What screens not tied to a venue show. */
  view: ScreenView;
  changedAt: Date;
}

/** One change to a session's venues or ceremony, applied atomically by `Store.changeStage`. */
export type StageChange =
  | { kind: 'addVenue'; venue: VenueRecord; max: number }
  | { kind: 'renameVenue'; venueId: string; name: string }
  | { kind: 'rotateVenueScreen'; venueId: string; screenTokenHash: string }
  /** Sets the ceremony; with `allViews`, every venue's view too (ceremony.view is in `ceremony`). */
  | { kind: 'setCeremony'; stage: CeremonyStage; message: string | null; allViews?: ScreenView }
  /** `venueId` null: the session-wide view and every venue's; otherwise that venue's only. */
  | { kind: 'switchView'; venueId: string | null; view: ScreenView };

export type StageRefusal = 'session_not_found' | 'venue_not_found' | 'venue_limit' | 'venue_name_taken';

export type StageOutcome = { ok: true; session: SessionRecord } | { ok: false; reason: StageRefusal };

/** The ceremony of a new session, or of one stored before the ceremony existed. */
export function initialCeremony(at: Date): CeremonyRecord {
  return { stage: 'gathering', message: null, view: 'ceremony', changedAt: at };
}

/**
 * The one venue of a session stored before venues existed. Its id is derived from the session
 * id, so every read agrees on it until the session is stored with real venues.
 */
export function legacyVenue(sessionId: string, language: Language, createdAt: Date): VenueRecord {
  return { id: `${sessionId}-main`, name: DEFAULT_VENUE_NAME[language], view: 'ceremony', screenTokenHash: '', createdAt };
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * The session after `change`, or why it is refused (nothing changes then). Pure, so the LMDB
 * write transaction and the MongoDB compare-and-swap apply exactly the same rules.
 */
export function applyStageChange(session: SessionRecord, change: StageChange, now: Date): StageOutcome {
  const venues = session.venues.map((venue) => ({ ...venue }));
  const venue = (id: string) => venues.find((v) => v.id === id);
  let ceremony: CeremonyRecord = { ...session.ceremony };
  switch (change.kind) {
    case 'addVenue': {
      if (venues.length >= change.max) return { ok: false, reason: 'venue_limit' };
      if (venues.some((v) => sameName(v.name, change.venue.name))) return { ok: false, reason: 'venue_name_taken' };
      venues.push({ ...change.venue });
      break;
    }
    case 'renameVenue': {
      const target = venue(change.venueId);
      if (!target) return { ok: false, reason: 'venue_not_found' };
      if (venues.some((v) => v !== target && sameName(v.name, change.name))) return { ok: false, reason: 'venue_name_taken' };
      target.name = change.name;
      break;
    }
    case 'rotateVenueScreen': {
      const target = venue(change.venueId);
      if (!target) return { ok: false, reason: 'venue_not_found' };
      target.screenTokenHash = change.screenTokenHash;
      break;
    }
    case 'setCeremony': {
      ceremony = { ...ceremony, stage: change.stage, message: change.message, changedAt: now };
      if (change.allViews !== undefined) {
        ceremony.view = change.allViews;
        for (const v of venues) v.view = change.allViews;
      }
      break;
    }
    case 'switchView': {
      if (change.venueId === null) {
        ceremony = { ...ceremony, view: change.view, changedAt: now };
        for (const v of venues) v.view = change.view;
      } else {
        const target = venue(change.venueId);
        if (!target) return { ok: false, reason: 'venue_not_found' };
        target.view = change.view;
      }
      break;
    }
  }
  return { ok: true, session: { ...session, venues, ceremony, updatedAt: now } };
}
