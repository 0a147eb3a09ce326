import type { BoardDelta, IdeaPublic } from '@ideasphere/shared';
import { expectOk, request, type TestClient } from './harness.js';

/**
 * Follows a socket's view of the board the way a client does: a snapshot (all pages), then
 * every `board:delta`. Lets a test compare what each client sees with what the server holds.
 */
export class BoardObserver {
  readonly ideas = new Map<string, IdeaPublic>();
  private waiters: { test: () => boolean; resolve: () => void }[] = [];

  constructor(readonly socket: TestClient) {
    socket.on('board:delta', (delta) => {
      this.apply(delta);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test()) return true;
        w.resolve();
        return false;
      });
    });
  }

  static async attach(socket: TestClient): Promise<BoardObserver> {
    const observer = new BoardObserver(socket);
    await observer.resync();
    return observer;
  }

  /** Replaces the view with a fresh snapshot and every following page. */
  async resync(): Promise<void> {
    const snapshot = expectOk(await request(this.socket, 'board:snapshot', {}));
    this.ideas.clear();
    for (const idea of snapshot.firstPage.ideas) this.ideas.set(idea.id, idea);
    let cursor = snapshot.firstPage.nextCursor;
    while (cursor) {
      const page = expectOk(await request(this.socket, 'board:page', { after: cursor }));
      for (const idea of page.ideas) this.ideas.set(idea.id, idea);
      cursor = page.nextCursor;
    }
  }

  apply(delta: BoardDelta): void {
    for (const idea of delta.ideas) this.ideas.set(idea.id, idea);
    for (const id of delta.removedIdeaIds) this.ideas.delete(id);
    for (const [id, tally] of Object.entries(delta.tallies)) {
      const idea = this.ideas.get(id);
      if (idea) this.ideas.set(id, { ...idea, votes: tally.votes, reactions: tally.reactions });
    }
  }

  /** Resolves once `test` holds for this view (checked after every delta). */
  until(test: (ideas: Map<string, IdeaPublic>) => boolean): Promise<void> {
    if (test(this.ideas)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test: () => test(this.ideas), resolve }));
  }

  titles(): string[] {
    return [...this.ideas.values()].map((i) => i.title).sort();
  }
}
