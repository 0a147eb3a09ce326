import { describe, expect, it } from 'vitest';
import type { CeremonyState, StageSnapshot, VenuePublic } from '../ceremonyModel.js';
import {
  allScreensShow,
  findVenue,
  initialStageState,
  screenView,
  stageFromSnapshot,
  stageReducer,
  venueCount,
  type StageAction,
} from './stageState.js';

function venue(id: string, name: string, view: VenuePublic['view'] = 'ceremony'): VenuePublic {
  return {
    id,
    name,
    view,
    joinUrl: `https://ideas.example/j/K7M2QX?v=${id}`,
    qrPngUrl: `/api/sessions/K7M2QX/qr.png?v=${id}`,
    qrSvgUrl: `/api/sessions/K7M2QX/qr.svg?v=${id}`,
  };
}

function ceremony(changedAt: string, extra: Partial<CeremonyState> = {}): CeremonyState {
  return { stage: 'gathering', message: null, view: 'ceremony', changedAt, ...extra };
}

const T1 = '2025-01-01T09:00:01.000Z';
const T2 = '2025-01-01T09:00:02.000Z';

function snapshot(extra: Partial<StageSnapshot> = {}): StageSnapshot {
  return {
    ceremony: ceremony(T1),
    venues: [venue('main', 'Main venue'), venue('sub', 'Sub-venue A')],
    venueCounts: { main: 3, sub: 1 },
    myVenueId: null,
    ...extra,
  };
}

const run = (...actions: StageAction[]) => actions.reduce(stageReducer, initialStageState);

describe('stageReducer', () => {
  it('takes everything from a snapshot', () => {
    const state = run({ type: 'stage', stage: snapshot({ myVenueId: 'sub' }) });
    expect(state.venues.map((v) => v.name)).toEqual(['Main venue', 'Sub-venue A']);
    expect(venueCount(state, 'main')).toBe(3);
    expect(venueCount(state, 'unknown')).toBe(0);
    expect(state.myVenueId).toBe('sub');
    expect(state.ceremony?.stage).toBe('gathering');
  });

  it('starts empty without a snapshot stage (an older server)', () => {
    expect(stageFromSnapshot(undefined)).toBe(initialStageState);
    expect(screenView(initialStageState)).toBe('ceremony');
  });

  it('applies a newer ceremony state and ignores an older one that arrived late', () => {
    const state = run(
      { type: 'stage', stage: snapshot() },
      { type: 'ceremony', ceremony: ceremony(T2, { stage: 'finale', message: 'Welcome!' }) },
      // The ack of the earlier start, delivered after the finale broadcast.
      { type: 'ceremony', ceremony: ceremony(T1) },
    );
    expect(state.ceremony?.stage).toBe('finale');
    expect(state.ceremony?.message).toBe('Welcome!');
  });

  it('never lowers a count on a join that raced a newer snapshot, but takes removals as they are', () => {
    const joined = run({ type: 'stage', stage: snapshot() }, { type: 'joinCounts', venueCounts: { main: 2, sub: 2 } });
    expect(joined.venueCounts).toEqual({ main: 3, sub: 2 });
    const removed = stageReducer(joined, { type: 'removeCounts', venueCounts: { main: 2, sub: 2 } });
    expect(removed.venueCounts).toEqual({ main: 2, sub: 2 });
  });

  it('replaces the venue list on venues:changed', () => {
    const state = run(
      { type: 'stage', stage: snapshot() },
      { type: 'venues', venues: [venue('main', 'Hall 1', 'board'), venue('sub', 'Sub-venue A'), venue('new', 'Garden')] },
    );
    expect(findVenue(state, 'main')?.name).toBe('Hall 1');
    expect(findVenue(state, 'new')?.name).toBe('Garden');
    expect(findVenue(state, null)).toBeUndefined();
  });
});

describe('screenView and allScreensShow', () => {
  it('follows the venue for a venue screen and the ceremony view otherwise', () => {
    const state = run({
      type: 'stage',
      stage: snapshot({ ceremony: ceremony(T1, { view: 'board' }), venues: [venue('main', 'Main'), venue('sub', 'Sub', 'board')] }),
    });
    expect(screenView(state)).toBe('board');
    expect(screenView(state, 'main')).toBe('ceremony');
    expect(screenView(state, 'sub')).toBe('board');
    expect(allScreensShow(state, 'board')).toBe(false);
    const all = stageReducer(state, { type: 'venues', venues: [venue('main', 'Main', 'board'), venue('sub', 'Sub', 'board')] });
    expect(allScreensShow(all, 'board')).toBe(true);
    expect(allScreensShow(all, 'ceremony')).toBe(false);
  });
});
