import { SessionAwareAdapter } from 'socket.io-adapter';

type PersistedSession = Parameters<SessionAwareAdapter['persistSession']>[0];

/**
 * Socket.IO's in-memory adapter for connection state recovery, with a cap on the disconnected
 * sockets it remembers. The stock adapter keeps every one for the whole recovery window, so a
 * client that connects and drops in a loop grows memory without bound (about 6 KB a drop);
 * this one forgets the oldest beyond `max`, and those sockets resync from a snapshot when they
 * come back, as after any longer absence.
 */
export function boundedRecoveryAdapter(max: number): typeof SessionAwareAdapter {
  return class BoundedRecoveryAdapter extends SessionAwareAdapter {
    override persistSession(session: PersistedSession): void {
      super.persistSession(session);
      // The stock adapter's own map (private in its types); a Map iterates oldest first.
      const sessions = (this as unknown as { sessions: Map<string, unknown> }).sessions;
      for (const pid of sessions.keys()) {
        if (sessions.size <= max) break;
        sessions.delete(pid);
      }
    }
  };
}
