import {
  type EventInput,
  POLL_ANSWERS_PER_PARTICIPANT_PER_MINUTE,
  POLLS_PER_SESSION_MAX,
  type PollAnswerResult,
  type PollPublic,
  type PollResults,
  type PollSnapshot,
  type Role,
  answerFits,
  optionIdAt,
  pollVisibleToAudience,
  resultsVisibleToAudience,
} from '@ideasphere/shared';
import { type MakeLimiter, memoryLimiters } from '../scale/rateLimiters.js';
import { errors } from '../errors.js';
import { newId } from '../ids.js';
import type { Presence } from '../services/Presence.js';
import { audienceOf } from '../services/board/visibility.js';
import type { PollPatch, PollRecord } from '../store/PollStore.js';
import type { ParticipantRecord, SessionRecord, Store } from '../store/Store.js';
import type { PollBroadcaster } from './PollBroadcaster.js';
import { presentPoll } from './pollPresenter.js';
import type { PollResultsReader } from './PollResultsReader.js';

type Draft = EventInput<'poll:create'>['draft'];

/**
 * Live polls of a session: the facilitator prepares, orders, launches (one at a time), closes
 * and shows or hides results; phones answer. Writes go to the store first; the PollBroadcaster
 * then reads them back for everyone. A quiz's deadline is the server's: the store refuses an
 * answer after it, and a timer closes the poll when it passes.
 */
export class PollService {
  private readonly answerLimiter;
  private readonly deadlines = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly store: Store,
    private readonly reader: PollResultsReader,
    private readonly broadcaster: PollBroadcaster,
    private readonly presence: Presence,
    private readonly now: () => number,
    makeLimiter: MakeLimiter = memoryLimiters,
  ) {
    this.answerLimiter = makeLimiter({ name: 'poll-answers', points: POLL_ANSWERS_PER_PARTICIPANT_PER_MINUTE, durationSeconds: 60 });
  }

  /** Every poll the sender may see with the results it may see; a phone also gets its answers. */
  async snapshot(session: SessionRecord, role: Role, participant: ParticipantRecord | null): Promise<PollSnapshot> {
    const audience = audienceOf(role);
    const all = await this.closeOverdue(session, await this.store.polls.listPolls(session.id));
    const polls = audience === 'staff' ? all : all.filter(pollVisibleToAudience);
    const withResults = audience === 'staff' ? polls : polls.filter(resultsVisibleToAudience);
    const [results, answers] = await Promise.all([
      this.reader.results(session, withResults),
      participant ? this.store.polls.answersOf(session.id, participant.id) : Promise.resolve([]),
    ]);
    return {
      polls: polls.map((p) => presentPoll(p, audience)),
      results,
      mine: Object.fromEntries(answers.map((a) => [a.pollId, a.value])),
      present: this.presence.onlineCount(session.id),
    };
  }

  async create(session: SessionRecord, input: EventInput<'poll:create'>): Promise<PollPublic> {
    const existing = await this.store.polls.listPolls(session.id);
    if (existing.length >= POLLS_PER_SESSION_MAX) throw errors.pollsFull(POLLS_PER_SESSION_MAX);
    const at = new Date(this.now());
    const poll: PollRecord = {
      id: newId(at.getTime()),
      sessionId: session.id,
      ...draftFields(input.draft),
      resultsShown: false,
      status: 'draft',
      position: existing.reduce((max, p) => Math.max(max, p.position + 1), 0),
      openedAt: null,
      closesAt: null,
      createdAt: at,
      updatedAt: at,
    };
    await this.store.polls.insertPoll(poll);
    this.broadcaster.pollChanged(session.id, poll.id);
    return presentPoll(poll, 'staff');
  }

  /** Changes a prepared poll; one launched keeps what phones answered. */
  async edit(session: SessionRecord, input: EventInput<'poll:edit'>): Promise<PollPublic> {
    const updated = await this.store.polls.updatePoll(session.id, input.pollId, draftFields(input.draft), (p) => p.status === 'draft');
    if (!updated) throw (await this.requirePoll(session.id, input.pollId)) && errors.pollNotEditable();
    this.broadcaster.pollChanged(session.id, updated.id);
    return presentPoll(updated, 'staff');
  }

  async remove(session: SessionRecord, input: EventInput<'poll:delete'>): Promise<{ pollId: string }> {
    const deleted = await this.store.polls.deletePoll(session.id, input.pollId, (p) => p.status !== 'open');
    if (!deleted) throw (await this.requirePoll(session.id, input.pollId)) && errors.pollNotEditable();
    this.broadcaster.pollRemoved(session.id, input.pollId);
    return { pollId: input.pollId };
  }

  /** A new order: every poll of the session, each once. */
  async reorder(session: SessionRecord, input: EventInput<'poll:reorder'>): Promise<PollPublic[]> {
    const polls = await this.store.polls.listPolls(session.id);
    const ids = new Set(polls.map((p) => p.id));
    if (input.pollIds.length !== ids.size || !input.pollIds.every((id) => ids.has(id))) throw errors.pollOrderInvalid();
    await this.store.polls.reorderPolls(session.id, input.pollIds);
    for (const id of input.pollIds) this.broadcaster.pollChanged(session.id, id);
    return (await this.store.polls.listPolls(session.id)).map((p) => presentPoll(p, 'staff'));
  }

  /**
   * Opens a prepared (or reopens a closed) poll for answers, closing the one open before it: one
   * poll is live at a time. A quiz gets its deadline now.
   */
  async launch(session: SessionRecord, input: EventInput<'poll:launch'>): Promise<PollPublic> {
    const poll = await this.requirePoll(session.id, input.pollId);
    if (poll.status === 'open') return presentPoll(poll, 'staff');
    for (const other of await this.store.polls.listPolls(session.id)) {
      if (other.status === 'open') await this.closePoll(session.id, other.id);
    }
    const at = this.now();
    const closesAt = poll.kind === 'quiz' ? new Date(at + poll.durationSeconds * 1000) : null;
    const opened = await this.store.polls.updatePoll(session.id, poll.id, { status: 'open', openedAt: new Date(at), closesAt }, (p) => p.status !== 'open');
    if (!opened) throw errors.pollNotFound();
    if (closesAt) this.closeAtDeadline(session.id, opened.id, closesAt.getTime() - at);
    this.broadcaster.pollChanged(session.id, opened.id);
    return presentPoll(opened, 'staff');
  }

  async close(session: SessionRecord, input: EventInput<'poll:close'>): Promise<PollPublic> {
    const poll = await this.requirePoll(session.id, input.pollId);
    if (poll.status !== 'open') return presentPoll(poll, 'staff');
    return presentPoll((await this.closePoll(session.id, poll.id)) ?? poll, 'staff');
  }

  async showResults(session: SessionRecord, input: EventInput<'poll:showResults'>): Promise<PollPublic> {
    const updated = await this.store.polls.updatePoll(session.id, input.pollId, { resultsShown: input.shown });
    if (!updated) throw errors.pollNotFound();
    this.broadcaster.pollChanged(session.id, updated.id);
    return presentPoll(updated, 'staff');
  }

  /**
   * Sets the phone's answer; the latest counts, one per participant whatever its sockets. The
   * store checks the poll is open and before its deadline in the same write.
   */
  async answer(session: SessionRecord, participant: ParticipantRecord, input: EventInput<'poll:answer'>): Promise<PollAnswerResult> {
    const poll = await this.requirePoll(session.id, input.pollId);
    if (!answerFits(poll, input.answer)) throw errors.pollAnswerInvalid();
    try {
      await this.answerLimiter.consume(`${session.id}:${participant.id}`);
    } catch {
      throw errors.rateLimited();
    }
    const outcome = await this.store.polls.setAnswer({
      sessionId: session.id,
      pollId: poll.id,
      participantId: participant.id,
      clientId: input.clientId,
      value: input.answer,
      answeredAt: new Date(this.now()),
    });
    if (!outcome.ok) {
      if (outcome.reason === 'poll_deadline_passed') throw errors.pollDeadlinePassed();
      throw outcome.reason === 'poll_not_open' ? errors.pollNotOpen() : errors.pollNotFound();
    }
    if (outcome.changed) this.broadcaster.answerChanged(session.id, poll.id);
    return { pollId: poll.id, answer: outcome.answer.value, answeredAt: outcome.answer.answeredAt.toISOString() };
  }

  /** Every launched poll with its results, for the export and the printable results. */
  async results(session: SessionRecord): Promise<{ polls: PollPublic[]; results: PollResults[] }> {
    const polls = (await this.store.polls.listPolls(session.id)).filter((p) => p.status !== 'draft');
    return { polls: polls.map((p) => presentPoll(p, 'staff')), results: await this.reader.results(session, polls) };
  }

  /** Stops the deadline timers (the server is closing). */
  stop(): void {
    for (const timer of this.deadlines.values()) clearTimeout(timer);
    this.deadlines.clear();
  }

  private async closePoll(sessionId: string, pollId: string): Promise<PollRecord | null> {
    clearTimeout(this.deadlines.get(pollId));
    this.deadlines.delete(pollId);
    const closed = await this.store.polls.updatePoll(sessionId, pollId, { status: 'closed' }, (p) => p.status === 'open');
    if (closed) this.broadcaster.pollChanged(sessionId, pollId);
    return closed;
  }

  private closeAtDeadline(sessionId: string, pollId: string, inMs: number): void {
    clearTimeout(this.deadlines.get(pollId));
    const timer = setTimeout(() => {
      this.deadlines.delete(pollId);
      void this.closePoll(sessionId, pollId).catch(() => undefined);
    }, Math.max(0, inMs) + 50);
    timer.unref();
    this.deadlines.set(pollId, timer);
  }

  /** A quiz whose deadline passed while no timer ran (a restart) is closed when next read. */
  private async closeOverdue(session: SessionRecord, polls: PollRecord[]): Promise<PollRecord[]> {
    const at = this.now();
    return Promise.all(
      polls.map(async (p) => {
        if (p.status !== 'open' || p.closesAt === null || p.closesAt.getTime() >= at) return p;
        return (await this.closePoll(session.id, p.id)) ?? p;
      }),
    );
  }

  private async requirePoll(sessionId: string, pollId: string): Promise<PollRecord> {
    const poll = await this.store.polls.getPoll(sessionId, pollId);
    if (!poll) throw errors.pollNotFound();
    return poll;
  }
}

/** The stored fields of a facilitator's draft; options get ids by position (`o0`, `o1`…). */
function draftFields(draft: Draft): Pick<PollRecord, 'kind' | 'question' | 'options' | 'multiple' | 'scaleMax' | 'correctOptionId' | 'durationSeconds' | 'resultMode'> &
  PollPatch {
  const options = draft.options.map((text, index) => ({ id: optionIdAt(index), text }));
  return {
    kind: draft.kind,
    question: draft.question,
    options,
    multiple: draft.kind === 'choice' && draft.multiple,
    scaleMax: draft.scaleMax,
    correctOptionId: draft.kind === 'quiz' && draft.correctIndex !== null ? optionIdAt(draft.correctIndex) : null,
    durationSeconds: draft.durationSeconds,
    resultMode: draft.resultMode,
  };
}
