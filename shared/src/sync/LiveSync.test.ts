import { describe, expect, it } from 'vitest';
import type { BoardSnapshot, IdeaPublic } from '../boardModel.js';
import { defaultBoardSettings } from '../boardModel.js';
import type { SessionSnapshot } from '../model.js';
import type { LiveSync } from './LiveSync.js';
import { type ScriptedSocket, scriptedLive } from './testing.js';

const idea = (id: string, title: string, votes = 0): IdeaPublic =>
  ({ id, title, detail: '', category: null, status: 'visible', pinned: false, clusterId: null, votes, reactions: {}, authors: null, createdAt: '2026-01-01T00:00:00.000Z' }) as unknown as IdeaPublic;

const boardSnapshot = (ideas: IdeaPublic[], nextCursor: string | null = null): BoardSnapshot => ({
  version: 1,
  phase: { phase: 'collect', endsAt: null, remainingMs: null },
  settings: defaultBoardSettings(),
  clusters: [],
  firstPage: { ideas, nextCursor },
  mine: [],
  ballot: {},
  myReactions: {},
});

const sessionSnapshot = { version: 1, session: { code: 'ABCDEF' }, role: 'screen', me: null, participantCount: 0, onlineCount: 0, firstPage: { participants: [], nextCursor: null }, stage: undefined } as unknown as SessionSnapshot;

/** Lets every pending promise callback run (shared has no timer types: a few microtask turns). */
const flush = async () => {
  for (let turn = 0; turn < 20; turn++) await Promise.resolve();
};

function started(): { socket: ScriptedSocket; sync: LiveSync } {
  const { socket, live: sync } = scriptedLive({ random: () => 0 });
  sync.start();
  socket.connect();
  return { socket, sync };
}

describe('LiveSync', () => {
  it('holds a delta that arrives while the snapshot is in flight, and applies it after', async () => {
    const { socket, sync } = started();
    // The server read the board (idea a at 0 votes), then a vote landed and its delta overtook the ack.
    socket.emit('board:delta', { ideas: [], removedIdeaIds: [], tallies: { a: { votes: 3, reactions: {} } }, clusters: [], removedClusterIds: [] });
    socket.answer('session:snapshot', { ok: true, data: sessionSnapshot });
    socket.answer('board:snapshot', { ok: true, data: boardSnapshot([idea('a', 'Slag heat', 0)]) });
    await flush();
    expect(sync.getState().board.ideas.get('a')?.votes).toBe(3);
    expect(sync.getState().boardSynced).toBe(true);
  });

  it('holds deltas during a page too, so a page never brings back an idea removed meanwhile', async () => {
    const { socket, sync } = started();
    socket.answer('session:snapshot', { ok: true, data: sessionSnapshot });
    socket.answer('board:snapshot', { ok: true, data: boardSnapshot([idea('a', 'First')], 'a') });
    await flush();
    expect(socket.asked.map((a) => a.event)).toEqual(['board:page']);
    // Idea b is on the page the server read, and was deleted before the page reached us.
    socket.emit('board:delta', { ideas: [], removedIdeaIds: ['b'], tallies: {}, clusters: [], removedClusterIds: [] });
    socket.answer('board:page', { ok: true, data: { ideas: [idea('b', 'Gone')], nextCursor: null } });
    await flush();
    expect([...sync.getState().board.ideas.keys()]).toEqual(['a']);
  });

  it('keeps its state on a recovered connection, and catches up from its version on a fresh one', async () => {
    const { socket, sync } = started();
    socket.answer('session:snapshot', { ok: true, data: sessionSnapshot });
    socket.answer('board:snapshot', { ok: true, data: boardSnapshot([idea('a', 'First')]) });
    await flush();
    socket.disconnect();
    socket.recovered = true;
    socket.connect();
    expect(socket.asked).toEqual([]);
    expect(sync.getState().boardSynced).toBe(true);
    expect(sync.getState().version).toBe(1);
    socket.disconnect();
    socket.recovered = false;
    socket.connect();
    expect(socket.asked.map((a) => [a.event, a.payload])).toEqual([['session:catchUp', { since: 0 }]]);
    // A new idea arrived meanwhile, and a delta overtook the answer: both end up on the board.
    socket.emit('board:delta', { version: 3, ideas: [idea('c', 'Third')], removedIdeaIds: [], tallies: {}, clusters: [], removedClusterIds: [] });
    socket.answer('session:catchUp', {
      ok: true,
      data: {
        kind: 'changes',
        version: 2,
        session: sessionSnapshot.session,
        stage: undefined,
        phase: { phase: 'vote', endsAt: null, remainingMs: null },
        settings: defaultBoardSettings(),
        board: { version: 2, ideas: [idea('b', 'Second')], removedIdeaIds: [], tallies: {}, clusters: [], removedClusterIds: [] },
        mine: [],
        ballot: {},
        myReactions: {},
        participantCount: 1,
        onlineCount: 1,
        participants: [],
        removedParticipantIds: [],
        online: [],
        me: null,
      },
    });
    await flush();
    expect([...sync.getState().board.ideas.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect(sync.getState().board.phase.phase).toBe('vote');
    expect(sync.getState().version).toBe(2);
    expect(sync.getState().syncCount).toBe(2);
  });

  it('loads the snapshots when the server says the log no longer reaches back', async () => {
    const { socket, sync } = started();
    socket.answer('session:snapshot', { ok: true, data: sessionSnapshot });
    socket.answer('board:snapshot', { ok: true, data: boardSnapshot([idea('a', 'First')]) });
    await flush();
    socket.disconnect();
    socket.connect();
    socket.answer('session:catchUp', { ok: true, data: { kind: 'reload' } });
    await flush();
    expect(socket.asked.map((a) => a.event).sort()).toEqual(['board:snapshot', 'session:snapshot']);
    socket.answer('session:snapshot', { ok: true, data: { ...sessionSnapshot, version: 9 } });
    socket.answer('board:snapshot', { ok: true, data: { ...boardSnapshot([idea('z', 'Only')]), version: 8 } });
    await flush();
    expect([...sync.getState().board.ideas.keys()]).toEqual(['z']);
    expect(sync.getState().version).toBe(8);
  });

  it('resyncs even on a recovered connection when the last one was cut short mid-read', async () => {
    const { socket } = started();
    socket.answer('session:snapshot', { ok: true, data: sessionSnapshot });
    // The board snapshot never answers: the connection drops with it in flight.
    socket.disconnect();
    socket.asked.splice(0);
    socket.recovered = true;
    socket.connect();
    expect(socket.asked.map((a) => a.event).sort()).toEqual(['board:snapshot', 'session:snapshot']);
  });

  it('stops for good on a refusal that will not change, and on a kick', async () => {
    const { socket, sync } = started();
    socket.answer('session:snapshot', { ok: false, error: { code: 'unauthorized', reason: 'token_invalid', message: '' } });
    await flush();
    expect(sync.getState()).toMatchObject({ connection: 'offline', failure: { code: 'unauthorized', reason: 'token_invalid' } });
    const other = started();
    other.socket.emit('session:kicked', { reason: 'removed' });
    expect(other.sync.getState()).toMatchObject({ connection: 'offline', kicked: 'removed' });
    expect(other.socket.connected).toBe(false);
  });
});
