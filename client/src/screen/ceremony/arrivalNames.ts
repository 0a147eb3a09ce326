/** Seconds an arrival's name stays on screen. */
export const NAME_SECONDS = 2.4;
/** At most this many names at once: a burst names a few guests at a time, readable, not a pile. */
export const NAMES_AT_ONCE = 3;
/** Arrivals pop up in one of this many sectors around the ball (0 = right, counter-clockwise). */
const SECTORS = 8;
/**
 * Sectors where a named face may pop up: not the top and top-left ones, where the session's
 * title sits over the ball.
 */
const NAME_SECTORS: readonly number[] = [0, 1, 4, 5, 6, 7];
/** How far from its sector's middle a face may pop up, as a share of the sector. */
const JITTER = 0.6;

export interface Arrival {
  /** Where the face pops up around the ball, in radians (0 = right, π/2 = top). */
  angle: number;
  /** Whether its name shows. */
  named: boolean;
}

interface Shown {
  id: string;
  sector: number;
  until: number;
}

/**
 * Decides where each arriving face pops up and whether its name shows: at most a few names at
 * once, each in a sector of its own with a free sector on either side (a popped-up face is
 * large while the ball is small), and other faces kept out of those too where they can be. A
 * face that arrives while no name can be placed flies in without one. Pure and clock-free (the
 * caller passes the time in seconds), like `ArrivalQueue`.
 */
export class ArrivalNames {
  private shown: Shown[] = [];

  constructor(
    private readonly atOnce = NAMES_AT_ONCE,
    private readonly seconds = NAME_SECONDS,
  ) {}

  /** Names on screen at `now`. */
  showing(now: number): string[] {
    this.prune(now);
    return this.shown.map((entry) => entry.id);
  }

  /** The arrival of face `id` at `now`: its angle, and whether its name shows (until now + seconds). */
  arrive(id: string, now: number, random: () => number = Math.random): Arrival {
    this.prune(now);
    const taken = new Set(this.shown.map((entry) => entry.sector));
    const near = new Set(this.shown.flatMap((entry) => [entry.sector, (entry.sector + 1) % SECTORS, (entry.sector + SECTORS - 1) % SECTORS]));
    const forName = NAME_SECTORS.filter((sector) => !near.has(sector));
    if (this.shown.length < this.atOnce && forName.length > 0) {
      const sector = pick(forName, random);
      this.shown.push({ id, sector, until: now + this.seconds });
      return { angle: angleIn(sector, random), named: true };
    }
    const all = Array.from({ length: SECTORS }, (_, sector) => sector);
    const clear = all.filter((sector) => !near.has(sector));
    const free = clear.length > 0 ? clear : all.filter((sector) => !taken.has(sector));
    return { angle: angleIn(pick(free, random), random), named: false };
  }

  /** The face left before its name's time was up (hidden, removed): its sector is free again. */
  release(id: string): void {
    this.shown = this.shown.filter((entry) => entry.id !== id);
  }

  private prune(now: number): void {
    if (this.shown.some((entry) => entry.until <= now)) this.shown = this.shown.filter((entry) => entry.until > now);
  }
}

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.min(items.length - 1, Math.floor(random() * items.length))];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
}

function angleIn(sector: number, random: () => number): number {
  const width = (Math.PI * 2) / SECTORS;
  return sector * width + (random() - 0.5) * width * JITTER;
}
