import { IDEA_FIRST_PAGE_SIZE, IDEA_PAGE_SIZE, IDEAS_PER_SESSION_MAX, SOCKETS_PER_PRINCIPAL } from '@ideasphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LmdbStore } from '../store/LmdbStore.js';
import { makeIdea } from '../store/contract.fixtures.js';
import { newId } from '../ids.js';
import { type TestApp, type TestClient, connectClient, createSession, expectOk, join, request, startTestApp } from '../testing/harness.js';

let app: TestApp;
let store: LmdbStore;
/** Pages of ideas read from the store since the counter was last reset. */
let ideaScans = 0;

beforeAll(async () => {
  app = await startTestApp({
    onStore: (opened) => {
      store = opened;
      const listIdeas = opened.board.listIdeas.bind(opened.board);
      opened.board.listIdeas = (...args) => {
        ideaScans++;
        return listIdeas(...args);
      };
    },
  });
});
afterAll(() => app.dispose());

describe('what one phone can make the server do', () => {
  it('reads a large board once for results however often, and from however many sockets, a phone asks', async () => {
    const s = await createSession(app.server.url);
    const ann = await join(app.server.url, s.code, 'Ann');
    const session = await store.getSessionByCode(s.code);
    expect(session).not.toBeNull();
    const ideas = 1_200;
    expect(ideas).toBeLessThan(IDEAS_PER_SESSION_MAX);
    const base = Date.now();
    await Promise.all(Array.from({ length: ideas }, (_, i) => store.board.addIdea(makeIdea(session?.id ?? '', ann.participant.id, { id: newId(base + i) }))));
    const sockets: TestClient[] = [];
    for (let i = 0; i < SOCKETS_PER_PRINCIPAL.participant; i++) {
      sockets.push(await connectClient(app.server.url, { role: 'participant', code: s.code, token: ann.participantToken }));
    }
    ideaScans = 0;
    const acks = await Promise.all(Array.from({ length: 6 }, (_, i) => request(sockets[i % sockets.length] as TestClient, 'results:get', {})));
    for (const ack of acks) expect(expectOk(ack).participation.ideas).toBe(ideas);
    // One pass over the board: ceil(1,200 / 500) pages, not one pass per request.
    expect(ideaScans).toBe(3);
    for (const socket of sockets) socket.close();
  });

  it('reads a bounded part of the board per page, even when almost every idea is hidden from the asker', async () => {
    const s = await createSession(app.server.url);
    const ann = await join(app.server.url, s.code, 'Ann');
    const session = await store.getSessionByCode(s.code);
    // Written concurrently, so the store commits them in a few batches.
    const base = Date.now();
    const hidden = Array.from({ length: 2_010 }, (_, i) =>
      makeIdea(session?.id ?? '', ann.participant.id, { id: newId(base + i), status: i < 10 ? 'visible' : 'hidden' }),
    );
    await Promise.all(hidden.map((idea) => store.board.addIdea(idea)));
    const screen = await connectClient(app.server.url, { role: 'screen', code: s.code, token: s.screenToken });
    ideaScans = 0;
    const snapshot = expectOk(await request(screen, 'board:snapshot', {}));
    // Pages go newest first: 2,000 of the 2,010 read (four scans of 500), none of them visible
    // yet, and a cursor to go on.
    expect(ideaScans).toBe(4);
    expect(snapshot.firstPage.ideas).toEqual([]);
    expect(snapshot.firstPage.nextCursor).not.toBeNull();
    const seen = [...snapshot.firstPage.ideas];
    let cursor = snapshot.firstPage.nextCursor;
    while (cursor !== null) {
      ideaScans = 0;
      const page = expectOk(await request(screen, 'board:page', { after: cursor }));
      expect(ideaScans).toBeLessThanOrEqual(4);
      seen.push(...page.ideas);
      cursor = page.nextCursor;
    }
    expect(seen.map((idea) => idea.id)).toEqual(hidden.slice(0, 10).map((idea) => idea.id).reverse());
    screen.close();
  });

  it('gives a joining phone the newest ideas first, a screenful, and the rest in pages', async () => {
    const s = await createSession(app.server.url);
    const ann = await join(app.server.url, s.code, 'Ann');
    const session = await store.getSessionByCode(s.code);
    const base = Date.now();
    const ideas = Array.from({ length: 2_000 }, (_, i) => makeIdea(session?.id ?? '', ann.participant.id, { id: newId(base + i) }));
    await Promise.all(ideas.map((idea) => store.board.addIdea(idea)));
    const newestFirst = ideas.map((idea) => idea.id).reverse();
    const bob = await join(app.server.url, s.code, 'Bob');
    const phone = await connectClient(app.server.url, { role: 'participant', code: s.code, token: bob.participantToken });
    const snapshot = expectOk(await request(phone, 'board:snapshot', {}));
    expect(snapshot.firstPage.ideas.map((idea) => idea.id)).toEqual(newestFirst.slice(0, IDEA_FIRST_PAGE_SIZE));
    const seen = snapshot.firstPage.ideas.map((idea) => idea.id);
    let cursor = snapshot.firstPage.nextCursor;
    let pages = 0;
    while (cursor !== null) {
      const page = expectOk(await request(phone, 'board:page', { after: cursor }));
      expect(page.ideas.length).toBeLessThanOrEqual(IDEA_PAGE_SIZE);
      seen.push(...page.ideas.map((idea) => idea.id));
      cursor = page.nextCursor;
      pages++;
    }
    expect(seen).toEqual(newestFirst);
    expect(pages).toBe(Math.ceil((2_000 - IDEA_FIRST_PAGE_SIZE) / IDEA_PAGE_SIZE));
    phone.close();
  });
});
