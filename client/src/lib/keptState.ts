import type { IdeaPublic, ParticipantPublic } from '@ideasphere/shared';
import type { BoardState } from '@ideasphere/shared/sync/boardState.js';
import type { LiveSync } from '@ideasphere/shared/sync/LiveSync.js';
import type { SessionState } from '@ideasphere/shared/sync/sessionState.js';
import { readStored, removeStored, writeStored } from './storage';

/** Bump when the kept shape changes: an older copy is then ignored, and the page loads afresh. */
const KEPT_FORMAT = 1;
/** Written at most this often while the state changes (and when the page is hidden). */
const KEEP_EVERY_MS = 3_000;
/** A kept copy larger than this is not written (localStorage holds about 5 MB per origin). */
const KEPT_MAX_CHARS = 2_500_000;

interface Kept {
  format: number;
  /** The end of the token it was kept under: another participant's copy is never shown. */
  tokenTail: string;
  version: number;
  session: Omit<SessionState, 'participants'> & { participants: ParticipantPublic[] };
  board: Omit<BoardState, 'ideas' | 'clusters' | 'mine'> & {
    ideas: IdeaPublic[];
    clusters: { id: string; name: string }[];
    mine: IdeaPublic[];
  };
}

const keyOf = (role: string, code: string) => `ideasphere:live:${role}:${code}`;
const tailOf = (token: string) => token.slice(-8);

/**
 * The last whole state of a live session, kept in this browser, so a reload or a server restart
 * shows the board at once and then only catches up on what changed (LiveSync's `initial`).
 */
export function readKept(role: string, code: string, token: string): { version: number; session: SessionState; board: BoardState } | null {
  try {
    const raw = readStored(keyOf(role, code));
    if (raw === null) return null;
    const kept = JSON.parse(raw) as Kept;
    if (kept.format !== KEPT_FORMAT || kept.tokenTail !== tailOf(token) || typeof kept.version !== 'number') return null;
    return {
      version: kept.version,
      session: { ...kept.session, participants: new Map(kept.session.participants.map((p) => [p.id, p])) },
      board: {
        ...kept.board,
        ideas: new Map(kept.board.ideas.map((idea) => [idea.id, idea])),
        clusters: new Map(kept.board.clusters.map((cluster) => [cluster.id, cluster])),
        mine: new Map(kept.board.mine.map((idea) => [idea.id, idea])),
      },
    };
  } catch {
    return null;
  }
}

/** Keeps the engine's state in storage while it changes; returns the function that stops it. */
export function keepState(sync: LiveSync, role: string, code: string, token: string): () => void {
  let timer: number | undefined;
  const write = () => {
    timer = undefined;
    const state = sync.keepable();
    if (!state) return;
    const kept: Kept = {
      format: KEPT_FORMAT,
      tokenTail: tailOf(token),
      version: state.version,
      session: { ...state.session, participants: [...state.session.participants.values()] },
      board: {
        ...state.board,
        ideas: [...state.board.ideas.values()],
        clusters: [...state.board.clusters.values()],
        mine: [...state.board.mine.values()],
      },
    };
    const text = JSON.stringify(kept);
    if (text.length <= KEPT_MAX_CHARS) writeStored(keyOf(role, code), text);
    else removeStored(keyOf(role, code));
  };
  const unsubscribe = sync.subscribe(() => {
    timer ??= window.setTimeout(write, KEEP_EVERY_MS);
  });
  const onHide = () => {
    if (document.visibilityState === 'hidden') write();
  };
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('pagehide', write);
  return () => {
    unsubscribe();
    window.clearTimeout(timer);
    document.removeEventListener('visibilitychange', onHide);
    window.removeEventListener('pagehide', write);
  };
}

/** Forgets the kept state (the participant was removed, the token no longer works). */
export function forgetKept(role: string, code: string): void {
  removeStored(keyOf(role, code));
}
