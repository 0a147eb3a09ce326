import { describe, expect, it } from 'vitest';
import type { ParticipantPublic, SessionSnapshot } from '../index.js';
import { initialSessionState, newestParticipants, sessionReducer, type SessionAction } from './sessionState.js';

function participant(id: string, second: number, extra: Partial<ParticipantPublic> = {}): ParticipantPublic {
  return {
    id,
    name: `Guest ${id}`,
    photoVersion: null,
    joinedAt: new Date(Date.UTC(2025, 0, 1, 9, 0, second)).toISOString(),
    online: true,
    venueId: 'main',
    faceHidden: false,
    ...extra,
  };
}

function snapshot(participants: ParticipantPublic[], nextCursor: string | null = null): SessionSnapshot {
  return {
    version: 1,
    session: {
      code: 'K7M2QX',
      title: 'Keynote',
      description: '',
      language: 'zh',
      createdAt: '2025-01-01T08:00:00.000Z',
      joinUrl: 'https://ideas.example/j/K7M2QX',
      venues: [],
    },
    role: 'facilitator',
    me: null,
    participantCount: participants.length,
    onlineCount: participants.filter((p) => p.online).length,
    firstPage: { participants, nextCursor },
    stage: {
      ceremony: { stage: 'gathering', message: null, view: 'ceremony', changedAt: '2025-01-01T08:00:00.000Z' },
      venues: [],
      venueCounts: { main: participants.length },
      myVenueId: null,
    },
  };
}

const run = (...actions: SessionAction[]) => actions.reduce(sessionReducer, initialSessionState);

describe('sessionReducer', () => {
  it('replaces everything with a snapshot, including what earlier events added', () => {
    const state = run(
      { type: 'snapshot', snapshot: snapshot([participant('a', 1)]) },
      { type: 'joined', participant: participant('b', 2), participantCount: 2 },
      { type: 'snapshot', snapshot: snapshot([participant('c', 3)]) },
    );
    expect([...state.participants.keys()]).toEqual(['c']);
    expect(state.participantCount).toBe(1);
  });

  it('treats a repeated join as an upsert and never lowers the count', () => {
    const state = run(
      { type: 'snapshot', snapshot: { ...snapshot([participant('a', 1)]), participantCount: 5 } },
      { type: 'joined', participant: participant('a', 1), participantCount: 3 },
    );
    expect(state.participants.size).toBe(1);
    expect(state.participantCount).toBe(5);
  });

  it('applies presence to the participant and to me, and takes the online count', () => {
    const me = participant('a', 1);
    const state = run(
      { type: 'snapshot', snapshot: { ...snapshot([me]), role: 'participant', me } },
      { type: 'presence', change: { id: 'a', online: false, onlineCount: 0 } },
    );
    expect(state.participants.get('a')?.online).toBe(false);
    expect(state.me?.online).toBe(false);
    expect(state.onlineCount).toBe(0);
  });

  it('keeps what a live event said over an older page', () => {
    const state = run(
      { type: 'snapshot', snapshot: snapshot([participant('a', 1)], 'cursor-1') },
      { type: 'updated', participant: participant('b', 2, { photoVersion: 'v2' }) },
      { type: 'page', page: { participants: [participant('b', 2), participant('c', 3)], nextCursor: null } },
    );
    expect(state.participants.get('b')?.photoVersion).toBe('v2');
    expect(state.participants.has('c')).toBe(true);
    expect(state.nextCursor).toBeNull();
  });

  it('updates me when my own participant changes', () => {
    const me = participant('a', 1);
    const state = run(
      { type: 'snapshot', snapshot: { ...snapshot([me]), role: 'participant', me } },
      { type: 'updated', participant: { ...me, photoVersion: 'v1' } },
    );
    expect(state.me?.photoVersion).toBe('v1');
  });
});

describe('newestParticipants', () => {
  it('orders newest first and caps the list', () => {
    const state = run({
      type: 'snapshot',
      snapshot: snapshot([participant('a', 1), participant('c', 3), participant('b', 2)]),
    });
    expect(newestParticipants(state.participants).map((p) => p.id)).toEqual(['c', 'b', 'a']);
    expect(newestParticipants(state.participants, 2).map((p) => p.id)).toEqual(['c', 'b']);
  });

  it('breaks ties on join time by id', () => {
    const state = run({ type: 'snapshot', snapshot: snapshot([participant('a', 1), participant('b', 1)]) });
    expect(newestParticipants(state.participants).map((p) => p.id)).toEqual(['b', 'a']);
  });
});

describe('sessionReducer: participant:removed', () => {
  it('drops the participant and takes the new count', () => {
    const state = run(
      { type: 'snapshot', snapshot: snapshot([participant('a', 1), participant('b', 2, { online: false })]) },
      { type: 'removed', change: { id: 'a', participantCount: 1 } },
    );
    expect([...state.participants.keys()]).toEqual(['b']);
    expect(state.participantCount).toBe(1);
    expect(state.onlineCount).toBe(0);
  });
});

describe('sessionReducer: the stage', () => {
  it('takes the stage from the snapshot and keeps venue counts with joins and removals', () => {
    const state = run(
      { type: 'snapshot', snapshot: snapshot([participant('a', 1)]) },
      { type: 'joined', participant: participant('b', 2, { venueId: 'sub' }), participantCount: 2, venueCounts: { main: 1, sub: 1 } },
    );
    expect(state.stage.venueCounts).toEqual({ main: 1, sub: 1 });
    const removed = sessionReducer(state, { type: 'removed', change: { id: 'b', participantCount: 1, venueCounts: { main: 1, sub: 0 } } });
    expect(removed.stage.venueCounts).toEqual({ main: 1, sub: 0 });
  });

  it('applies ceremony:changed and a hidden face', () => {
    const state = run(
      { type: 'snapshot', snapshot: snapshot([participant('a', 1)]) },
      {
        type: 'ceremony',
        ceremony: { stage: 'finale', message: null, view: 'ceremony', changedAt: '2025-01-01T09:30:00.000Z' },
      },
      { type: 'updated', participant: participant('a', 1, { faceHidden: true }) },
    );
    expect(state.stage.ceremony?.stage).toBe('finale');
    expect(state.participants.get('a')?.faceHidden).toBe(true);
  });
});
