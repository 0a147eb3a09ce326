/**
 * A token bucket: `burst` tokens at once, refilled at `perSecond`. Local to this process, so it
 * needs no shared store.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.updatedAt = now();
  }

  /** Takes `cost` tokens; returns false (taking nothing) when the bucket holds fewer. */
  take(cost = 1): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /** How long until the bucket is full again (after which forgetting it changes nothing). */
  msUntilFull(): number {
    const elapsed = (this.now() - this.updatedAt) / 1000;
    const tokens = Math.min(this.burst, this.tokens + elapsed * this.perSecond);
    return Math.ceil(((this.burst - tokens) / this.perSecond) * 1000);
  }
}
