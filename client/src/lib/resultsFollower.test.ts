import { describe, expect, it } from 'vitest';
import { type FollowerClock, ResultsFollower } from './resultsFollower';

/** A clock the test moves by hand. */
class ManualClock implements FollowerClock {
  private time = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; run: () => void }>();

  now = () => this.time;
  setTimeout = (run: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, run });
    return id;
  };
  clearTimeout = (id: number) => void this.timers.delete(id);

  /** Moves time on, running every timer that falls due (in order). */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].run();
      await flush();
    }
    this.time = end;
    await flush();
  }
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A fetch the test finishes by hand, recording what the board held when it was asked. */
function fetcher(board: { version: number }) {
  const asked: number[] = [];
  let finish: (() => void) | null = null;
  const fetch = () =>
    new Promise<void>((resolve) => {
      asked.push(board.version);
      finish = resolve;
    });
  return {
    asked,
    fetch,
    finish: async () => {
      const done = finish;
      finish = null;
      done?.();
      await flush();
    },
  };
}

describe('ResultsFollower', () => {
  it('asks at once after a quiet spell, then at most once per interval for a burst', async () => {
    const clock = new ManualClock();
    const board = { version: 1 };
    const { asked, fetch, finish } = fetcher(board);
    const follower = new ResultsFollower(fetch, 1_000, clock);
    follower.changed();
    await clock.advance(0);
    expect(asked).toEqual([1]);
    await finish();
    for (let v = 2; v <= 10; v++) {
      board.version = v;
      follower.changed();
      await clock.advance(50);
    }
    expect(asked).toEqual([1]);
    await clock.advance(1_000);
    expect(asked).toEqual([1, 10]);
  });

  it('asks again for a change that came while a request was in flight', async () => {
    const clock = new ManualClock();
    const board = { version: 1 };
    const { asked, fetch, finish } = fetcher(board);
    const follower = new ResultsFollower(fetch, 1_000, clock);
    follower.changed();
    await clock.advance(0);
    // A new idea arrives while the results are on their way: they do not hold it.
    board.version = 2;
    follower.changed();
    await clock.advance(5_000);
    expect(asked).toEqual([1]);
    await finish();
    await clock.advance(0);
    expect(asked).toEqual([1, 2]);
    await finish();
    // Nothing changed since: no more requests.
    await clock.advance(10_000);
    expect(asked).toEqual([1, 2]);
  });

  it('asks at once on refresh, and stops asking once disposed', async () => {
    const clock = new ManualClock();
    const board = { version: 1 };
    const { asked, fetch, finish } = fetcher(board);
    const follower = new ResultsFollower(fetch, 1_000, clock);
    follower.changed();
    await clock.advance(0);
    await finish();
    board.version = 2;
    follower.refresh();
    await flush();
    expect(asked).toEqual([1, 2]);
    await finish();
    follower.dispose();
    follower.changed();
    await clock.advance(5_000);
    expect(asked).toEqual([1, 2]);
  });
});
