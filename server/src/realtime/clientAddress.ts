/**
 * The client's address as Express's numeric `trust proxy` would judge it: the peer, or with
 * `trustProxy` hops in front the address that many entries from the right of X-Forwarded-For.
 */
export function clientAddress(peer: string, forwardedFor: string | string[] | undefined, trustProxy: number): string {
  if (trustProxy <= 0 || forwardedFor === undefined) return peer;
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  // [peer, nearest proxy's client, …]: the entry `trustProxy` hops away, or the farthest there is.
  const hops = [peer, ...chain.reverse()];
  return hops[Math.min(trustProxy, hops.length - 1)] ?? peer;
}
