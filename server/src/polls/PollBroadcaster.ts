import { type PollDelta, pollVisibleToAudience, resultsVisibleToAudience } from '@ideasphere/shared';
import type { Log } from '../logger.js';
import { SessionBatcher } from '../realtime/SessionBatcher.js';
import type { Broadcasts } from '../realtime/Broadcasts.js';
import type { Presence } from '../services/Presence.js';
import type { Store } from '../store/Store.js';
import { presentPoll } from './pollPresenter.js';
import type { PollResultsReader } from './PollResultsReader.js';

interface PendingPolls {
  /** Polls whose record changed (created, edited, launched, closed, results shown or hidden). */
  polls: Set<string>;
  /** Polls deleted. */
  removed: Set<string>;
  /** Polls whose answers changed. */
  answered: Set<string>;
}

/**
 * Gathers poll changes and broadcasts one `poll:delta` per session and audience, at most once
 * every `intervalMs` (a lone change at once; a hall of answers in one frame per interval), like
 * the QaBroadcaster. Results are read back from the store and added up once per frame, then
 * sent to the console always and to phones and screens only when they may see them
 * (`resultsVisibleToAudience`), so hidden results never leave the server.
 */
export class PollBroadcaster {

  private readonly batch: SessionBatcher<PendingPolls>;

  constructor(
    private readonly broadcasts: Broadcasts,
    private readonly store: Store,
    private readonly reader: PollResultsReader,
    private readonly presence: Presence,
    intervalMs: number,
    log: Log,
  ) {
    this.batch = new SessionBatcher(intervalMs, () => ({ polls: new Set(), removed: new Set(), answered: new Set() }), (sessionId, changes) => this.flushSession(sessionId, changes), log, 'poll');
  }

  pollChanged(sessionId: string, pollId: string): void {
    this.changes(sessionId).polls.add(pollId);
  }

  pollRemoved(sessionId: string, pollId: string): void {
    this.changes(sessionId).removed.add(pollId);
  }

  answerChanged(sessionId: string, pollId: string): void {
    this.changes(sessionId).answered.add(pollId);
  }

  flushNow(): Promise<void> {
    return this.batch.flushNow();
  }

  private changes(sessionId: string): PendingPolls {
    return this.batch.changes(sessionId);
  }

  private async flushSession(sessionId: string, changes: PendingPolls): Promise<void> {
    const session = await this.store.getSession(sessionId);
    if (!session) return;
    const ids = new Set([...changes.polls, ...changes.answered]);
    const polls = (await this.store.polls.listPolls(sessionId)).filter((p) => ids.has(p.id));
    const removed = [...changes.removed, ...[...ids].filter((id) => !polls.some((p) => p.id === id))];
    // Results of every poll touched: an answer changes the counts, a close or a show may reveal them.
    const results = await this.reader.results(session, polls);
    const answered = Object.fromEntries(results.map((r) => [r.pollId, r.answered]));

    const staff: PollDelta = {
      polls: polls.filter((p) => changes.polls.has(p.id)).map((p) => presentPoll(p, 'staff')),
      removedPollIds: removed,
      results,
      answered,
      present: this.presence.onlineCount(sessionId),
    };
    this.broadcasts.pollDelta(sessionId, 'staff', staff);

    const shown = new Set(polls.filter(resultsVisibleToAudience).map((p) => p.id));
    const audience: PollDelta = {
      polls: polls.filter((p) => changes.polls.has(p.id) && pollVisibleToAudience(p)).map((p) => presentPoll(p, 'audience')),
      // A poll sent back to drafts, or deleted, leaves phones and screens.
      removedPollIds: [...removed, ...polls.filter((p) => changes.polls.has(p.id) && !pollVisibleToAudience(p)).map((p) => p.id)],
      results: results.filter((r) => shown.has(r.pollId)),
      answered: {},
    };
    if (audience.polls.length + audience.removedPollIds.length + audience.results.length > 0) this.broadcasts.pollDelta(sessionId, 'audience', audience);
  }
}
