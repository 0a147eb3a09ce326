import { DEADLINE_REMINDER_HOURS } from '@ideasphere/shared';
import type { NotificationService } from '../accounts/NotificationService.js';
import type { Log } from '../logger.js';
import type { Store } from '../store/Store.js';

/** How often the server looks for deadlines entering the reminder window (and once at start). */
export const DEADLINE_SWEEP_INTERVAL_MS = 10 * 60 * 1000;
/** Challenges read per page of a sweep. */
const SWEEP_PAGE = 50;

/** The once-only key of a challenge's reminder: one per challenge and account, whatever its deadline becomes. */
export function deadlineReminderKey(challengeId: string): string {
  return `deadline_soon:${challengeId}`;
}

/**
 * "A deadline in 48 hours": every member of every team responding to an open challenge whose
 * deadline falls within the next DEADLINE_REMINDER_HOURS is told once. Once is kept by the
 * notification store's dedupe key (checked and written in one atomic write, and kept after the
 * notice itself is dropped), so a restart, an overlapping sweep or a second server process
 * never tells anyone twice. A sweep reads only open challenges with a deadline in the window.
 */
export class DeadlineReminders {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly store: Store,
    private readonly notifications: NotificationService,
    private readonly now: () => number,
    private readonly log: Log,
  ) {}

  /** Sweeps now and then every `intervalMs` until {@link stop}. */
  start(intervalMs = DEADLINE_SWEEP_INTERVAL_MS): void {
    const run = () => {
      this.sweep().catch((error: unknown) => this.log.error({ err: error }, 'deadline reminders: sweep failed'));
    };
    run();
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a sweep in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => 0);
  }

  /** One sweep (a second call while one runs joins it); resolves with how many accounts were told. */
  sweep(): Promise<number> {
    this.running ??= this.sweepOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async sweepOnce(): Promise<number> {
    const now = new Date(this.now());
    const until = new Date(now.getTime() + DEADLINE_REMINDER_HOURS * 3_600_000);
    let told = 0;
    for (let offset = 0; ; offset += SWEEP_PAGE) {
      const { records } = await this.store.challenges.queryChallenges({
        audiences: 'all',
        ownOrganisationIds: [],
        statuses: ['open'],
        deadlineAfter: now,
        deadlineAtOrBefore: until,
        sort: 'deadline',
        offset,
        limit: SWEEP_PAGE,
      });
      for (const challenge of records) {
        const responses = await this.store.responses.listResponsesOfChallenge(challenge.id);
        const members = responses.flatMap((r) => r.memberAccountIds);
        if (members.length === 0) continue;
        told += await this.notifications.notify(members, {
          kind: 'deadline_soon',
          params: { challenge: challenge.title, deadline: challenge.deadline.at.toISOString() },
          link: `/platform/challenges/${challenge.id}`,
          dedupeKey: deadlineReminderKey(challenge.id),
        });
      }
      if (records.length < SWEEP_PAGE) break;
    }
    if (told > 0) this.log.info({ told }, 'deadline reminders sent');
    return told;
  }
}
