import { EVENT_BUDGETS, type Role, SOCKETS_PER_PRINCIPAL } from '@ideasphere/shared';
import { TokenBucket } from './TokenBucket.js';

/** The part of a socket the registry needs: who it is, and a way to close it. */
export interface PrincipalSocket {
  readonly id: string;
  readonly data: { role: Role; sessionId: string; participantId: string | null; tokenHash: string };
}

interface Principal {
  /** Oldest first. */
  sockets: PrincipalSocket[];
  bucket: TokenBucket;
}

/**
 * Who holds which sockets, keyed by principal: a participant, or one credential (facilitator
 * link, screen link) of one session. Each principal has one event budget shared by all of its
 * sockets and a cap on how many it may hold, so a phone that opens twenty sockets gets neither
 * twenty budgets nor twenty sockets. Local to this process (the scale-out issue moves budgets
 * to Redis).
 */
export class Principals {
  private readonly principals = new Map<string, Principal>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Registers a socket; returns the sockets it displaces (the oldest beyond the role's cap),
   * which the caller closes.
   */
  admit(socket: PrincipalSocket): PrincipalSocket[] {
    const key = principalKey(socket.data);
    let principal = this.principals.get(key);
    if (!principal) {
      const { perSecond, burst } = EVENT_BUDGETS[socket.data.role];
      principal = { sockets: [], bucket: new TokenBucket(perSecond, burst, this.now) };
      this.principals.set(key, principal);
    }
    principal.sockets.push(socket);
    const excess = principal.sockets.length - SOCKETS_PER_PRINCIPAL[socket.data.role];
    return excess > 0 ? principal.sockets.splice(0, excess) : [];
  }

  /**
   * Forgets a closed socket. A principal without sockets keeps its budget until the bucket
   * would be full again anyway, so reconnecting never refills it early.
   */
  release(socket: PrincipalSocket): void {
    const key = principalKey(socket.data);
    const principal = this.principals.get(key);
    if (!principal) return;
    principal.sockets = principal.sockets.filter((s) => s !== socket);
    if (principal.sockets.length > 0) return;
    const forget = () => {
      if (this.principals.get(key) === principal && principal.sockets.length === 0) this.principals.delete(key);
    };
    const wait = principal.bucket.msUntilFull();
    if (wait <= 0) forget();
    else setTimeout(forget, wait).unref();
  }

  /** Spends `cost` of the socket's principal's budget; false (spending nothing) when short. */
  spend(socket: PrincipalSocket, cost: number): boolean {
    const principal = this.principals.get(principalKey(socket.data));
    return principal !== undefined && principal.bucket.take(cost);
  }

  /** Sockets held by the principal of this socket (tests and diagnostics). */
  socketsOf(socket: PrincipalSocket): number {
    return this.principals.get(principalKey(socket.data))?.sockets.length ?? 0;
  }
}

/** A participant is one principal whatever token it used; staff and screens are one per credential. */
function principalKey(data: PrincipalSocket['data']): string {
  return data.participantId !== null ? `p:${data.participantId}` : `${data.role}:${data.sessionId}:${data.tokenHash}`;
}
