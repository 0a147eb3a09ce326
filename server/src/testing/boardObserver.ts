import type { IdeaPublic, LiveState } from '@ideasphere/shared';
import { LiveSync } from '@ideasphere/shared';
import type { TestClient } from './harness.js';

/**
 * A test's view of the board through a socket, kept by LiveSync — the same sync engine the
 * phones, consoles and big screens run — so what a test checks is what a client shows.
 */
export class BoardObserver {
  private constructor(readonly sync: LiveSync) {}

  /** Starts the engine on a connected socket and resolves once its board is whole. */
  static async attach(socket: TestClient): Promise<BoardObserver> {
    const sync = new LiveSync(socket, { loadAllParticipants: false });
    sync.start();
    const observer = new BoardObserver(sync);
    await observer.whole();
    return observer;
  }

  get ideas(): ReadonlyMap<string, IdeaPublic> {
    return this.sync.getState().board.ideas;
  }

  /** Replaces the view with a fresh snapshot and every following page. */
  async resync(): Promise<void> {
    await this.sync.refresh();
    await this.whole();
  }

  /** Resolves once `test` holds for this view (checked after every change). */
  until(test: (ideas: ReadonlyMap<string, IdeaPublic>) => boolean): Promise<void> {
    return this.when(() => test(this.ideas));
  }

  /** Resolves once `test` holds for the whole board state (settings, phase…). */
  untilState(test: (board: LiveState['board']) => boolean): Promise<void> {
    return this.when(() => test(this.sync.getState().board));
  }

  titles(): string[] {
    return [...this.ideas.values()].map((i) => i.title).sort();
  }

  stop(): void {
    this.sync.dispose();
  }

  /** The board snapshot of this connection and all its pages are in. */
  private whole(): Promise<void> {
    return this.when(() => {
      const state = this.sync.getState();
      return state.boardSynced && state.board.nextCursor === null;
    });
  }

  private when(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => {
      const unsubscribe = this.sync.subscribe(() => {
        if (!test()) return;
        unsubscribe();
        resolve();
      });
    });
  }
}
