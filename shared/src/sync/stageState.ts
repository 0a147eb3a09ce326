import type {
  CeremonyState,
  ScreenView,
  StageSnapshot,
  VenueCounts,
  VenuePublic,
} from '../ceremonyModel.js';

/**
 * The ceremony part of a live session, as every client sees it (console, big screens, phones):
 * the stage, the venues and how many people joined in each. Kept in `SessionState.stage` and
 * updated by the same snapshot-then-broadcast flow as the participants.
 */
export interface StageState {
  /** Null until the first snapshot (or from a server without the ceremony). */
  ceremony: CeremonyState | null;
  venues: readonly VenuePublic[];
  /** Participants (not removed) per venue id. */
  venueCounts: VenueCounts;
  /** The venue of this screen or phone; null for the console and session-wide screens. */
  myVenueId: string | null;
}

export type StageAction =
  | { type: 'stage'; stage: StageSnapshot }
  | { type: 'ceremony'; ceremony: CeremonyState }
  | { type: 'venues'; venues: readonly VenuePublic[] }
  /** Counts sent with `participant:joined`: joins only add, so a stale map never lowers a count. */
  | { type: 'joinCounts'; venueCounts: VenueCounts }
  /** Counts sent with `participant:removed`: taken as they are. */
  | { type: 'removeCounts'; venueCounts: VenueCounts };

export const initialStageState: StageState = {
  ceremony: null,
  venues: [],
  venueCounts: {},
  myVenueId: null,
};

/** Builds the stage from a snapshot's `stage` (missing when the server predates venues). */
export function stageFromSnapshot(stage: StageSnapshot | undefined): StageState {
  if (!stage) return initialStageState;
  return { ceremony: stage.ceremony, venues: stage.venues, venueCounts: stage.venueCounts, myVenueId: stage.myVenueId };
}

/**
 * Applies a stage snapshot or broadcast. A ceremony state older than the one held (an ack that
 * arrived after the broadcast of a later change) is ignored.
 */
export function stageReducer(state: StageState, action: StageAction): StageState {
  switch (action.type) {
    case 'stage':
      return stageFromSnapshot(action.stage);
    case 'ceremony': {
      const held = state.ceremony;
      if (held !== null && held.changedAt > action.ceremony.changedAt) return state;
      return { ...state, ceremony: action.ceremony };
    }
    case 'venues':
      return { ...state, venues: action.venues };
    case 'joinCounts': {
      const venueCounts: VenueCounts = { ...state.venueCounts };
      for (const [id, count] of Object.entries(action.venueCounts)) venueCounts[id] = Math.max(venueCounts[id] ?? 0, count);
      return { ...state, venueCounts };
    }
    case 'removeCounts':
      return { ...state, venueCounts: { ...action.venueCounts } };
  }
}

/** A venue by id, or undefined. */
export function findVenue(stage: StageState, venueId: string | null | undefined): VenuePublic | undefined {
  if (venueId === null || venueId === undefined) return undefined;
  return stage.venues.find((venue) => venue.id === venueId);
}

/** How many joined in a venue (0 when unknown). */
export function venueCount(stage: StageState, venueId: string): number {
  return stage.venueCounts[venueId] ?? 0;
}

/**
 * What a big screen shows: a venue screen follows its venue's view, a session-wide screen
 * follows `ceremony.view`. `ceremony` until the first snapshot says otherwise.
 */
export function screenView(stage: StageState, venueId: string | null = stage.myVenueId): ScreenView {
  const venue = findVenue(stage, venueId);
  if (venue) return venue.view;
  return stage.ceremony?.view ?? 'ceremony';
}

/** Whether every screen (session-wide and every venue's) shows the given view. */
export function allScreensShow(stage: StageState, view: ScreenView): boolean {
  return stage.ceremony?.view === view && stage.venues.every((venue) => venue.view === view);
}
