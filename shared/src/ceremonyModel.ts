import type { Language } from './languages.js';

/**
 * The join ceremony and venues: what screens, phones and the console know about them.
 * Types only (no zod), so the client can import this module without pulling in the schemas.
 */

/** What a big screen shows. */
export type ScreenView = 'ceremony' | 'board' | 'qa';
export const SCREEN_VIEWS = ['ceremony', 'board', 'qa'] as const satisfies readonly ScreenView[];

/** `gathering`: faces fly in and settle on the sphere; `finale`: it spins up, the message shows. */
export type CeremonyStage = 'gathering' | 'finale';
export const CEREMONY_STAGES = ['gathering', 'finale'] as const satisfies readonly CeremonyStage[];

/** A named place of one session, with its own join QR code and its own big-screen view. */
export interface VenuePublic {
  id: string;
  name: string;
  /** What this venue's screens show. */
  view: ScreenView;
  /** The join page for this venue (`/j/<code>?v=<id>`). */
  joinUrl: string;
  qrPngUrl: string;
  qrSvgUrl: string;
}

/** The ceremony of one session. */
export interface CeremonyState {
  stage: CeremonyStage;
  /** The finale text; null → screens show the session title. */
  message: string | null;
  /** What screens not tied to a venue show. */
  view: ScreenView;
  changedAt: string;
}

/** Participants (not removed) per venue id. */
export type VenueCounts = Record<string, number>;

/** In SessionSnapshot.stage: what a screen / console needs for the ceremony. */
export interface StageSnapshot {
  ceremony: CeremonyState;
  venues: VenuePublic[];
  venueCounts: VenueCounts;
  /** The screen's venue, or the participant's venue for a phone; null for the facilitator and session-wide screens. */
  myVenueId: string | null;
}

/** A venue's big-screen secret: shown when created and when rotated, never again. */
export interface VenueScreenLink {
  venueId: string;
  screenToken: string;
  screenUrl: string;
}

/** `venue:add` ack. */
export interface VenueAdded {
  venue: VenuePublic;
  screen: VenueScreenLink;
}

/** The view a screen shows: its venue's view, or the session-wide one. */
export function screenViewFor(stage: StageSnapshot): ScreenView {
  const venue = stage.myVenueId === null ? undefined : stage.venues.find((v) => v.id === stage.myVenueId);
  return venue?.view ?? stage.ceremony.view;
}

/** Default name of the first venue, in the session's language. */
export const DEFAULT_VENUE_NAME: Record<Language, string> = { zh: '主会场', en: 'Main venue' };
