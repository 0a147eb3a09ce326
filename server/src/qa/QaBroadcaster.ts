import { CHANGE_LOG_KEPT, type QaDelta, type QuestionPublic } from '@ideasphere/shared';
import type { Log } from '../logger.js';
import { SessionBatcher } from '../realtime/SessionBatcher.js';
import type { Broadcasts } from '../realtime/Broadcasts.js';
import type { Audience } from '../services/board/visibility.js';
import type { QuestionRecord } from '../store/QaStore.js';
import type { Store } from '../store/Store.js';
import { isQuestionVisibleTo } from './questionVisibility.js';
import { presentTracks, type QuestionPresenter } from './QuestionPresenter.js';

interface PendingQa {
  questions: Set<string>;
  /** Questions whose upvote count changed. */
  upvoted: Set<string>;
  tracks: boolean;
}

/**
 * Gathers Q&A changes and broadcasts one `qa:delta` per session and audience, at most once every
 * `intervalMs` (a lone change at once, a burst of upvotes in one frame per interval), as the
 * BoardBroadcaster does for ideas. Each delta carries the session's version and every Q&A change
 * up to it (queued here or read from the change log since the version last sent), and what it
 * carries is read back from the store at flush time, so it is never ahead of what is durable.
 */
export class QaBroadcaster {
  private readonly sentVersion = new Map<string, number>();

  private readonly batch: SessionBatcher<PendingQa>;

  constructor(
    private readonly broadcasts: Broadcasts,
    private readonly store: Store,
    private readonly presenter: QuestionPresenter,
    intervalMs: number,
    log: Log,
    /** Several processes: each sends only the changes made through it (as the BoardBroadcaster). */
    private readonly severalProcesses = false,
  ) {
    this.batch = new SessionBatcher<PendingQa>(intervalMs, () => ({ questions: new Set(), upvoted: new Set(), tracks: false }), (sessionId, changes) => this.flushSession(sessionId, changes), log, 'Q&A');
  }

  questionChanged(sessionId: string, questionId: string): void {
    this.changes(sessionId).questions.add(questionId);
  }

  upvoteChanged(sessionId: string, questionId: string): void {
    this.changes(sessionId).upvoted.add(questionId);
  }

  tracksChanged(sessionId: string): void {
    this.changes(sessionId).tracks = true;
  }

  /** A client of this process holds the session's Q&A up to `version` (see BoardBroadcaster.watch). */
  watch(sessionId: string, version: number): void {
    const sent = this.sentVersion.get(sessionId);
    if (sent === undefined || version < sent) this.sentVersion.set(sessionId, version);
  }

  flushNow(): Promise<void> {
    return this.batch.flushNow();
  }

  private changes(sessionId: string): PendingQa {
    return this.batch.changes(sessionId);
  }

  private async fromLog(sessionId: string, changes: PendingQa): Promise<number | undefined> {
    const since = this.sentVersion.get(sessionId);
    if (since === undefined) return undefined;
    const log = await this.store.changesSince(sessionId, since, CHANGE_LOG_KEPT);
    if (log.kind === 'changes' && !this.severalProcesses) {
      for (const ref of log.refs) {
        if (ref.kind === 'question') changes.questions.add(ref.id);
        else if (ref.kind === 'upvote') changes.upvoted.add(ref.id);
        else if (ref.kind === 'track') changes.tracks = true;
      }
    }
    return log.version;
  }

  private async flushSession(sessionId: string, changes: PendingQa): Promise<void> {
    const version = await this.fromLog(sessionId, changes);
    const session = await this.store.getSession(sessionId);
    if (!session) return;
    const questions = await this.store.qa.getQuestions(sessionId, [...changes.questions]);
    const found = new Set(questions.map((q) => q.id));
    const upvotes = await this.store.qa.upvotesOf(sessionId, [...new Set([...changes.questions, ...changes.upvoted])]);
    const presented = await this.presenter.present(session, questions, ['staff', 'audience'], upvotes);
    const tracks = changes.tracks ? presentTracks(await this.store.qa.listTracks(sessionId)) : [];

    for (const audience of ['staff', 'audience'] as const satisfies readonly Audience[]) {
      const delta: QaDelta = { ...(version === undefined ? {} : { version }), questions: [], removedQuestionIds: [], upvotes: {}, tracks };
      questions.forEach((q, index) => {
        if (isQuestionVisibleTo(q, audience)) delta.questions.push(presented[audience][index] as QuestionPublic);
        else delta.removedQuestionIds.push(q.id);
      });
      for (const id of changes.upvoted) if (!found.has(id) || !changes.questions.has(id)) delta.upvotes[id] = upvotes[id] ?? 0;
      this.broadcasts.qaDelta(sessionId, audience, delta);
    }
    if (version !== undefined) this.sentVersion.set(sessionId, Math.max(version, this.sentVersion.get(sessionId) ?? 0));

    // Askers hear about their own questions the audience does not see (pending, held, hidden,
    // archived), after the audience's frame that removed them.
    const byAuthor = new Map<string, QuestionPublic[]>();
    questions.forEach((q: QuestionRecord, index) => {
      if (isQuestionVisibleTo(q, 'audience') || q.mergedInto !== null) return;
      const list = byAuthor.get(q.authorId) ?? [];
      list.push(presented.audience[index] as QuestionPublic);
      byAuthor.set(q.authorId, list);
    });
    for (const [authorId, own] of byAuthor) {
      this.broadcasts.ownQuestions(authorId, { questions: own, removedQuestionIds: [], upvotes: {}, tracks: [] });
    }
  }
}
