/**
 * Who is connected right now, per session: participant id → number of open sockets (a phone
 * may have two tabs). Presence is ephemeral and deliberately not stored; with several server
 * processes each counts its own sockets here and `ClusterPresence` adds the others'.
 */
export class Presence {
  private readonly sessions = new Map<string, Map<string, number>>();

  /** Records a new socket; returns true when the participant just came online. */
  connect(sessionId: string, participantId: string): boolean {
    let counts = this.sessions.get(sessionId);
    if (!counts) {
      counts = new Map();
      this.sessions.set(sessionId, counts);
    }
    const before = counts.get(participantId) ?? 0;
    counts.set(participantId, before + 1);
    return before === 0;
  }

  /** Records a closed socket; returns true when the participant just went offline. */
  disconnect(sessionId: string, participantId: string): boolean {
    const counts = this.sessions.get(sessionId);
    const before = counts?.get(participantId) ?? 0;
    if (!counts || before === 0) return false;
    if (before > 1) {
      counts.set(participantId, before - 1);
      return false;
    }
    counts.delete(participantId);
    if (counts.size === 0) this.sessions.delete(sessionId);
    return true;
  }

  isOnline(sessionId: string, participantId: string): boolean {
    return (this.sessions.get(sessionId)?.get(participantId) ?? 0) > 0;
  }

  /** The participants of a session with at least one socket open here. */
  onlineIds(sessionId: string): string[] {
    return [...(this.sessions.get(sessionId)?.keys() ?? [])];
  }

  /** Sessions with at least one participant online here. */
  sessionIds(): string[] {
    return [...this.sessions.keys()];
  }

  onlineCount(sessionId: string): number {
    return this.sessions.get(sessionId)?.size ?? 0;
  }
}
