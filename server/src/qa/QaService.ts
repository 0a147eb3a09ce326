import {
  CATCH_UP_MAX_CHANGES,
  type EventInput,
  type ModeratorLink,
  QA_CATCH_UP_MAX_QUESTIONS,
  QA_MAIN_TRACK_ID,
  QA_TRACKS_MAX,
  type QaCatchUp,
  type QaDelta,
  type QaSettings,
  type QaSnapshot,
  type QaTrackPublic,
  QUESTIONS_PER_PARTICIPANT_PER_MINUTE,
  QUESTIONS_PER_SESSION_MAX,
  type QuestionAction,
  type QuestionPublic,
  type QuestionStatus,
  type Role,
  type UpvoteResult,
  defaultQaSettings,
  findBannedWord,
} from '@ideasphere/shared';
import { type MakeLimiter, memoryLimiters } from '../scale/rateLimiters.js';
import { errors } from '../errors.js';
import { hashToken, newId, newToken } from '../ids.js';
import { type Links, moderatorUrl } from '../presenters.js';
import type { Broadcasts } from '../realtime/Broadcasts.js';
import { type Audience, audienceOf } from '../services/board/visibility.js';
import type { QuestionPatch, QuestionRecord, TrackRecord } from '../store/QaStore.js';
import { isUpvotable } from '../store/qaRules.js';
import type { ParticipantRecord, SessionRecord, Store } from '../store/Store.js';
import type { QaBroadcaster } from './QaBroadcaster.js';
import { isLiveQuestion, isQuestionVisibleTo } from './questionVisibility.js';
import { presentTrack, presentTracks, type QuestionPresenter } from './QuestionPresenter.js';

const NEW_TRACK = { name: '', venueId: null, highlightedId: null } as const;

/**
 * Audience Q&A of a session: asking, upvoting, moderation, highlights, tracks and settings,
 * and the snapshot and catch-up reads. Writes go to the store first; the QaBroadcaster then
 * reads them back for everyone.
 */
export class QaService {
  private readonly askLimiter;

  constructor(
    private readonly store: Store,
    private readonly presenter: QuestionPresenter,
    private readonly broadcaster: QaBroadcaster,
    private readonly broadcasts: Broadcasts,
    private readonly links: Links,
    makeLimiter: MakeLimiter = memoryLimiters,
  ) {
    this.askLimiter = makeLimiter({ name: 'questions', points: QUESTIONS_PER_PARTICIPANT_PER_MINUTE, durationSeconds: 60 });
  }

  /**
   * A new moderator link (the Q&A only); the old one stops working and its sockets are closed.
   * The secret is shown once; only its hash is stored.
   */
  async rotateModeratorLink(session: SessionRecord): Promise<ModeratorLink> {
    const moderatorToken = newToken();
    const previous = await this.store.qa.getModeratorTokenHash(session.id);
    await this.store.qa.putModeratorTokenHash(session.id, hashToken(moderatorToken));
    if (previous !== null) this.broadcasts.credentialRevoked(previous);
    return { moderatorToken, moderatorUrl: moderatorUrl(this.links, session.code, moderatorToken) };
  }

  async settings(sessionId: string): Promise<QaSettings> {
    return (await this.store.qa.getSettings(sessionId)) ?? defaultQaSettings();
  }

  /** The whole Q&A as the sender may see it; a phone also gets its own questions and upvotes. */
  async snapshot(session: SessionRecord, role: Role, participant: ParticipantRecord | null): Promise<QaSnapshot> {
    // The version first: everything read after it is at least as new.
    const version = await this.store.sessionVersion(session.id);
    this.broadcaster.watch(session.id, version);
    const audience = audienceOf(role);
    const [settings, tracks, all, mine, myUpvotes] = await Promise.all([
      this.settings(session.id),
      this.store.qa.listTracks(session.id),
      this.store.qa.listQuestions(session.id),
      participant ? this.store.qa.questionIdsByAuthor(session.id, participant.id) : Promise.resolve([]),
      participant ? this.store.qa.upvotedBy(session.id, participant.id) : Promise.resolve([]),
    ]);
    const own = new Set(mine);
    const shown = all.filter((q) => isQuestionVisibleTo(q, audience) || (own.has(q.id) && isLiveQuestion(q)));
    const questions = (await this.presenter.present(session, shown, [audience]))[audience];
    return { version, settings, tracks: presentTracks(tracks), questions, mine, myUpvotes };
  }

  /** What changed since `since`, from the change log; `reload` when a snapshot is as cheap. */
  async catchUp(session: SessionRecord, role: Role, participant: ParticipantRecord | null, since: number): Promise<QaCatchUp> {
    const log = await this.store.changesSince(session.id, since, CATCH_UP_MAX_CHANGES);
    if (log.kind === 'compacted') return { kind: 'reload' };
    const questionIds = new Set<string>();
    const upvoted = new Set<string>();
    let tracksChanged = false;
    for (const ref of log.refs) {
      if (ref.kind === 'question') questionIds.add(ref.id);
      else if (ref.kind === 'upvote') upvoted.add(ref.id);
      else if (ref.kind === 'track') tracksChanged = true;
    }
    if (new Set([...questionIds, ...upvoted]).size > QA_CATCH_UP_MAX_QUESTIONS) return { kind: 'reload' };
    this.broadcaster.watch(session.id, log.version);
    const audience = audienceOf(role);
    const [settings, questions, upvotes, tracks, mine, myUpvotes] = await Promise.all([
      this.settings(session.id),
      this.store.qa.getQuestions(session.id, [...questionIds]),
      this.store.qa.upvotesOf(session.id, [...new Set([...questionIds, ...upvoted])]),
      tracksChanged ? this.store.qa.listTracks(session.id) : Promise.resolve(null),
      participant ? this.store.qa.questionIdsByAuthor(session.id, participant.id) : Promise.resolve([]),
      participant ? this.store.qa.upvotedBy(session.id, participant.id) : Promise.resolve([]),
    ]);
    const own = new Set(mine);
    const presented = (await this.presenter.present(session, questions, [audience], upvotes))[audience];
    const delta: QaDelta = { version: log.version, questions: [], removedQuestionIds: [], upvotes: {}, tracks: tracks ? presentTracks(tracks) : [] };
    const found = new Set(questions.map((q) => q.id));
    questions.forEach((q, index) => {
      if (isQuestionVisibleTo(q, audience) || (own.has(q.id) && isLiveQuestion(q))) delta.questions.push(presented[index] as QuestionPublic);
      else delta.removedQuestionIds.push(q.id);
    });
    for (const id of upvoted) if (!found.has(id)) delta.upvotes[id] = upvotes[id] ?? 0;
    return { kind: 'changes', version: log.version, settings, delta, mine, myUpvotes };
  }

  /**
   * Stores a phone's question and queues it for broadcast. A resend with the same clientId
   * returns the question stored the first time, so a phone may resend until it hears back.
   */
  async ask(session: SessionRecord, asker: ParticipantRecord, input: EventInput<'question:ask'>): Promise<QuestionPublic> {
    const settings = await this.settings(session.id);
    if (!settings.open) throw errors.qaClosed();
    if (input.anonymous && !settings.anonymousAllowed) throw errors.anonymousQuestionsOff();
    await this.requireTrack(session.id, input.trackId);
    try {
      await this.askLimiter.consume(`${session.id}:${asker.id}`);
    } catch {
      throw errors.rateLimited();
    }
    if ((await this.store.qa.countQuestions(session.id)) >= QUESTIONS_PER_SESSION_MAX) throw errors.qaFull(QUESTIONS_PER_SESSION_MAX);
    const now = new Date();
    const { question, created } = await this.store.qa.addQuestion({
      id: newId(now.getTime()),
      sessionId: session.id,
      trackId: input.trackId,
      authorId: asker.id,
      clientId: input.clientId,
      text: input.text,
      anonymous: input.anonymous,
      status: initialStatus(session, settings, input.text),
      answered: false,
      edited: false,
      mergedInto: null,
      createdAt: now,
      updatedAt: now,
    });
    if (created) this.broadcaster.questionChanged(session.id, question.id);
    return this.presentOne(session, question, 'audience');
  }

  /** Puts the phone's upvote on or off; counted once per participant whatever is resent. */
  async upvote(session: SessionRecord, voter: ParticipantRecord, input: EventInput<'question:upvote'>): Promise<UpvoteResult> {
    if (!(await this.settings(session.id)).open) throw errors.qaClosed();
    const outcome = await this.store.qa.setUpvote(session.id, input.questionId, voter.id, input.up);
    if (!outcome.ok) throw errors.questionNotFound();
    this.broadcaster.upvoteChanged(session.id, input.questionId);
    return { questionId: input.questionId, upvoted: outcome.upvoted, upvotes: outcome.upvotes };
  }

  /** Approve, hide (remove), archive, restore, or mark (un)answered. */
  async moderate(session: SessionRecord, input: EventInput<'question:moderate'>): Promise<QuestionPublic> {
    const question = await this.requireQuestion(session.id, input.questionId);
    const updated = await this.update(session, question, moderationPatch(input.action));
    // A question no one else sees any more cannot stay the one being answered.
    if (updated.status !== 'visible') await this.dropHighlight(session.id, updated.trackId, updated.id, null);
    return this.presentOne(session, updated, 'staff');
  }

  /** Corrects a question's text (a typo); the list marks it as edited. */
  async edit(session: SessionRecord, input: EventInput<'question:edit'>): Promise<QuestionPublic> {
    const question = await this.requireQuestion(session.id, input.questionId);
    return this.presentOne(session, await this.update(session, question, { text: input.text, edited: true }), 'staff');
  }

  /**
   * Merges a duplicate into a question everyone sees: their upvoters combine (each counted
   * once), and a highlight on the duplicate moves to the target.
   */
  async merge(session: SessionRecord, input: EventInput<'question:merge'>): Promise<QuestionPublic> {
    const source = await this.requireQuestion(session.id, input.sourceId);
    const target = await this.requireQuestion(session.id, input.targetId);
    if (!isUpvotable(target)) throw errors.questionNotVisible();
    const merged = await this.store.qa.mergeQuestions(session.id, source.id, target.id);
    if (!merged) {
      const now = await this.store.qa.getQuestion(session.id, target.id);
      throw now && isLiveQuestion(now) && !isUpvotable(now) ? errors.questionNotVisible() : errors.questionNotFound();
    }
    this.broadcaster.questionChanged(session.id, source.id);
    this.broadcaster.questionChanged(session.id, merged.id);
    await this.dropHighlight(session.id, source.trackId, source.id, merged.trackId === source.trackId ? merged.id : null);
    return this.presentOne(session, merged, 'staff');
  }

  /** The question of a track being answered now (shown big on screens), or none. */
  async highlight(session: SessionRecord, input: EventInput<'question:highlight'>): Promise<QaTrackPublic> {
    await this.requireTrack(session.id, input.trackId);
    if (input.questionId !== null) {
      const question = await this.requireQuestion(session.id, input.questionId);
      if (question.trackId !== input.trackId) throw errors.questionNotFound();
      if (!isUpvotable(question)) throw errors.questionNotVisible();
    }
    const track = await this.store.qa.putTrack(session.id, input.trackId, { highlightedId: input.questionId }, { ...NEW_TRACK, createdAt: new Date() });
    this.broadcaster.tracksChanged(session.id);
    return presentTrack(track);
  }

  async createTrack(session: SessionRecord, input: EventInput<'track:create'>): Promise<QaTrackPublic> {
    const tracks = await this.store.qa.listTracks(session.id);
    if (tracks.filter((t) => t.id !== QA_MAIN_TRACK_ID).length >= QA_TRACKS_MAX) throw errors.trackLimit(QA_TRACKS_MAX);
    this.requireVenue(session, input.venueId);
    const track = await this.store.qa.putTrack(session.id, newId(), { name: input.name, venueId: input.venueId }, { ...NEW_TRACK, createdAt: new Date() });
    this.broadcaster.tracksChanged(session.id);
    return presentTrack(track);
  }

  async renameTrack(session: SessionRecord, input: EventInput<'track:rename'>): Promise<QaTrackPublic> {
    await this.requireTrack(session.id, input.trackId);
    if (input.venueId !== undefined) this.requireVenue(session, input.venueId);
    const track = await this.store.qa.putTrack(
      session.id,
      input.trackId,
      { name: input.name, ...(input.venueId === undefined ? {} : { venueId: input.venueId }) },
      // The main track is stored the first time it changes: older than any other track.
      { ...NEW_TRACK, createdAt: new Date(0) },
    );
    this.broadcaster.tracksChanged(session.id);
    return presentTrack(track);
  }

  async configure(session: SessionRecord, input: EventInput<'qa:configure'>): Promise<QaSettings> {
    const settings: QaSettings = { ...(await this.settings(session.id)) };
    if (input.open !== undefined) settings.open = input.open;
    if (input.anonymousAllowed !== undefined) settings.anonymousAllowed = input.anonymousAllowed;
    if (input.preModeration !== undefined) settings.preModeration = input.preModeration;
    await this.store.qa.putSettings(session.id, settings);
    this.broadcasts.qaSettingsChanged(session.id, settings);
    return settings;
  }

  /** Every track with its questions, for the export and the printable results. */
  async results(session: SessionRecord): Promise<{ tracks: QaTrackPublic[]; questions: QuestionPublic[] }> {
    const [tracks, questions] = await Promise.all([this.store.qa.listTracks(session.id), this.store.qa.listQuestions(session.id)]);
    const live = questions.filter(isLiveQuestion);
    return { tracks: presentTracks(tracks), questions: (await this.presenter.present(session, live, ['staff'])).staff };
  }

  private async update(session: SessionRecord, question: QuestionRecord, patch: QuestionPatch): Promise<QuestionRecord> {
    const updated = await this.store.qa.updateQuestion(session.id, question.id, patch);
    if (!updated) throw errors.questionNotFound();
    this.broadcaster.questionChanged(session.id, updated.id);
    return updated;
  }

  /** Clears (or moves to `next`) the track's highlight when it is on `questionId`. */
  private async dropHighlight(sessionId: string, trackId: string, questionId: string, next: string | null): Promise<void> {
    const track = (await this.store.qa.listTracks(sessionId)).find((t) => t.id === trackId);
    if (track?.highlightedId !== questionId) return;
    await this.store.qa.putTrack(sessionId, trackId, { highlightedId: next }, { ...NEW_TRACK, createdAt: new Date() });
    this.broadcaster.tracksChanged(sessionId);
  }

  private async requireQuestion(sessionId: string, questionId: string): Promise<QuestionRecord> {
    const question = await this.store.qa.getQuestion(sessionId, questionId);
    if (!question || !isLiveQuestion(question)) throw errors.questionNotFound();
    return question;
  }

  private async requireTrack(sessionId: string, trackId: string): Promise<TrackRecord | null> {
    if (trackId === QA_MAIN_TRACK_ID) return null;
    const track = (await this.store.qa.listTracks(sessionId)).find((t) => t.id === trackId);
    if (!track) throw errors.trackNotFound();
    return track;
  }

  private requireVenue(session: SessionRecord, venueId: string | null): void {
    if (venueId !== null && !session.venues.some((v) => v.id === venueId)) throw errors.unknownVenue();
  }

  private async presentOne(session: SessionRecord, question: QuestionRecord, audience: Audience): Promise<QuestionPublic> {
    return (await this.presenter.present(session, [question], [audience]))[audience][0] as QuestionPublic;
  }
}

/** Banned words hold a question for review; otherwise pre-moderation decides. */
function initialStatus(session: SessionRecord, settings: QaSettings, text: string): QuestionStatus {
  if (findBannedWord(text, session.settings.bannedWords) !== null) return 'held';
  return settings.preModeration ? 'pending' : 'visible';
}

function moderationPatch(action: QuestionAction): QuestionPatch {
  switch (action) {
    case 'approve':
    case 'restore':
      return { status: 'visible' };
    case 'hide':
      return { status: 'hidden' };
    case 'archive':
      return { status: 'archived' };
    case 'answered':
      return { answered: true };
    case 'unanswered':
      return { answered: false };
  }
}
