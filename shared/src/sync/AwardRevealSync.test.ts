import { describe, expect, it } from 'vitest';
import type { AwardRevealState, RevealedCategory } from '../awards/awardModel.js';
import { AwardRevealSync } from './AwardRevealSync.js';
import { startFollower } from './testing.js';

const category = (id: string): RevealedCategory => ({
  categoryId: id,
  programmeName: 'Awards',
  name: { zh: id, en: id },
  winners: [{ nominationId: `n-${id}`, name: 'Li Na', photoUrl: null, citation: 'Cited.' }],
  revealedAt: '2026-12-04T10:00:00.000Z',
});
const state = (...ids: string[]): AwardRevealState => ({ revealed: ids.map(category), remaining: 3 - ids.length, next: null });

function setUp() {
  const { socket, follower: awards } = startFollower((live) => new AwardRevealSync(live));
  return { socket, awards };
}

describe('AwardRevealSync', () => {
  it('reads award:state on connect and follows award:revealed broadcasts', async () => {
    const { socket, awards } = setUp();
    socket.connect();
    expect(socket.pending('award:state')).toBeDefined();
    socket.answer('award:state', { ok: true, data: state('a') });
    await expect.poll(() => awards.getState().reveal?.revealed.length).toBe(1);
    socket.emit('award:revealed', state('a', 'b'));
    expect(awards.getState().reveal?.revealed.map((c) => c.categoryId)).toEqual(['a', 'b']);
  });

  it('never steps back: a read answered after a newer broadcast is dropped', async () => {
    const { socket, awards } = setUp();
    socket.connect();
    socket.answer('award:state', { ok: true, data: state() });
    await expect.poll(() => awards.getState().reveal).not.toBeNull();
    const reading = awards.refresh();
    socket.emit('award:revealed', state('a', 'b'));
    socket.answer('award:state', { ok: true, data: state('a') });
    await reading;
    expect(awards.getState().reveal?.revealed.map((c) => c.categoryId)).toEqual(['a', 'b']);
  });

  it('keeps its state on a recovered connection and reads again on a fresh one (a screen back after a restart)', async () => {
    const { socket, awards } = setUp();
    socket.connect();
    socket.answer('award:state', { ok: true, data: state('a') });
    await expect.poll(() => awards.getState().reveal).not.toBeNull();
    socket.disconnect();
    socket.recovered = true;
    socket.connect();
    expect(socket.pending('award:state')).toBeUndefined();
    socket.disconnect();
    socket.recovered = false;
    socket.connect();
    socket.answer('award:state', { ok: true, data: state('a', 'b', 'c') });
    await expect.poll(() => awards.getState().reveal?.remaining).toBe(0);
  });
});
