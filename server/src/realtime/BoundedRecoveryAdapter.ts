import { RECOVERY_SESSIONS_MAX } from '@ideasphere/shared';
import { SessionAwareAdapter } from 'socket.io-adapter';

/**
 * Socket.IO's in-memory adapter for connection state recovery, with a cap on the disconnected
 * sockets it remembers. The stock adapter keeps every one for the whole recovery window, so a
 * client that connects and drops in a loop grows memory without bound (about 6 KB a drop);
 * here the oldest beyond RECOVERY_SESSIONS_MAX are forgotten, and those sockets resync from a
 * snapshot when they come back, as after any longer absence.
 */
export class BoundedRecoveryAdapter extends SessionAwareAdapter {
  override persistSession(session: Parameters<SessionAwareAdapter['persistSession']>[0]): void {
    super.persistSession(session);
    const sessions = (this as unknown as { sessions: Map<string, unknown> }).sessions;
    for (const pid of sessions.keys()) {
      if (sessions.size <= RECOVERY_SESSIONS_MAX) break;
      sessions.delete(pid);
    }
  }

  /** Disconnected sockets remembered now (tests and diagnostics). */
  get recoverySessionCount(): number {
    return (this as unknown as { sessions: Map<string, unknown> }).sessions.size;
  }
}
