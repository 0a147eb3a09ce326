import {
  isRoundPastDue,
  REVIEW_REVIEWERS_MAX,
  REVIEW_ROUNDS_PER_SCOPE_MAX,
  type MyReviewRound,
  type ReviewDecision,
  type ReviewResults,
  type ReviewRoundPublic,
  type ReviewScopeRounds,
  type ScorecardView,
  type SubjectFeedback,
  type addReviewerBodySchema,
  type createReviewRoundBodySchema,
  type reviewDecisionBodySchema,
  type scorecardBodySchema,
  type updateReviewRoundBodySchema,
} from '@ideasphere/shared';
import type { z } from 'zod';
import type { Actor } from '../accounts/accountPolicy.js';
import type { NotificationService } from '../accounts/NotificationService.js';
import { AppError, errors } from '../errors.js';
import { newId } from '../ids.js';
import type { Log } from '../logger.js';
import type { DecisionRecord, ReviewRoundRecord, RoundChange, ScorecardRecord } from '../store/ReviewStore.js';
import type { Store } from '../store/Store.js';
import { authorizeReview, type ReviewAction, type ReviewFacts } from './reviewPolicy.js';
import { presentResults, presentRound, presentScorecard, presentSummary, reviewerLabels, scorecardStatus } from './reviewPresenters.js';
import { autoAssignments, ineligibility, ROUND_TRANSITIONS, scoresRefusal, type SubjectEligibility } from './reviewRules.js';
import { roundResults, type SubmissionResult } from './reviewScores.js';
import type { ReviewScope, ReviewSubject, SubjectCriterion, SubjectSource } from './reviewSubjects.js';

/** What the pipeline is told after a decision is stored. */
export interface ReviewDecidedEvent {
  scope: ReviewScope;
  subjectId: string;
  decision: ReviewDecision;
  decidedBy: string;
  at: Date;
}

/** One round's results, for whoever combines them (the awards' jury score). */
export interface ScopeRoundResults {
  round: ReviewRoundRecord;
  results: SubmissionResult[];
}

export interface ReviewServiceOptions {
  store: Store;
  /** One per scope kind: the registry rounds find their subjects in. */
  sources: readonly SubjectSource[];
  notifications: NotificationService;
  now: () => number;
  log: Log;
  /** Called after a decision is stored; its errors are logged and never fail the decision. */
  onDecided?: (event: ReviewDecidedEvent) => Promise<void>;
}

/** Where a subject's team reads its feedback, per scope kind. */
const SUBJECT_LINKS: Record<ReviewScope['kind'], (subjectId: string) => string> = {
  challenge: (id) => `/platform/responses/${id}`,
  award_category: () => '/platform',
};

/** A round with what every action on it needs: its scope's source and the actor's part in it. */
interface RoundContext {
  round: ReviewRoundRecord;
  source: SubjectSource;
  facts: ReviewFacts;
  scopeTitle: string;
}

/**
 * Review rounds over any scope kind (see reviewSubjects.ts): the owner builds a round, fills
 * its reviewer pool and assigns (by hand or automatically, k per submission, load balanced,
 * never a reviewer from the submission's organisations, its team or with a declared conflict);
 * reviewers fill in scorecards; the owner reads the results (reviewScores.ts), shortlists and
 * decides, and the team reads its feedback. In a blind round reviewers never get a name.
 */
export class ReviewService {
  private readonly sources: ReadonlyMap<ReviewScope['kind'], SubjectSource>;

  constructor(private readonly options: ReviewServiceOptions) {
    this.sources = new Map(options.sources.map((source) => [source.kind, source]));
  }

  private get store(): Store {
    return this.options.store;
  }

  private nowDate(): Date {
    return new Date(this.options.now());
  }

  /** A scope's rounds, for whoever manages it. */
  async scopeRounds(actor: Actor, scope: ReviewScope): Promise<ReviewScopeRounds> {
    const { source, title } = await this.managedScope(actor, scope);
    const home = await source.homeOf(scope.id);
    // Managing a scope implies it exists; a scope without a home went away meanwhile.
    if (home === null) throw errors.reviewRoundNotFound();
    const rounds = await this.store.reviews.listRoundsOfScope(scope.kind, scope.id);
    const summaries = await Promise.all(rounds.map(async (round) => presentSummary(round, await this.store.reviews.listScorecardsOfRound(round.id), this.options.now())));
    return { scope: { ...scope, title, home }, rounds: summaries };
  }

  async createRound(actor: Actor, scope: ReviewScope, input: z.output<typeof createReviewRoundBodySchema>): Promise<ReviewRoundPublic> {
    const { source } = await this.managedScope(actor, scope);
    const existing = await this.store.reviews.listRoundsOfScope(scope.kind, scope.id);
    if (existing.length >= REVIEW_ROUNDS_PER_SCOPE_MAX) throw errors.reviewRoundsFull(REVIEW_ROUNDS_PER_SCOPE_MAX);
    await this.checkGuidance(source, scope.id, input.criterionGuidance);
    const now = this.nowDate();
    const round: ReviewRoundRecord = {
      id: newId(now.getTime()),
      scopeKind: scope.kind,
      scopeId: scope.id,
      name: input.name,
      scaleMin: input.scaleMin,
      scaleMax: input.scaleMax,
      blind: input.blind,
      reviewersPerSubmission: input.reviewersPerSubmission,
      dueAt: input.dueAt === null ? null : new Date(input.dueAt),
      guidance: input.guidance,
      criterionGuidance: input.criterionGuidance,
      status: 'draft',
      reviewerIds: [],
      assignments: [],
      conflicts: [],
      shortlist: [],
      createdBy: actor.account.id,
      createdAt: now,
      updatedAt: now,
      revision: 0,
    };
    await this.store.reviews.createRound(round);
    return this.round(actor, round.id);
  }

  /** The owner's view of a round: settings, pool with completion, subjects, assignments, conflicts. */
  async round(actor: Actor, roundId: string): Promise<ReviewRoundPublic> {
    const context = await this.authorized(actor, roundId, (round) => ({ kind: 'round:manage', round }));
    return this.presentOwnerView(context);
  }

  async updateRound(actor: Actor, roundId: string, patch: z.output<typeof updateReviewRoundBodySchema>): Promise<ReviewRoundPublic> {
    const context = await this.authorized(actor, roundId, (round) => ({ kind: 'round:manage', round }));
    if (patch.criterionGuidance) await this.checkGuidance(context.source, context.round.scopeId, patch.criterionGuidance);
    const now = this.nowDate();
    const outcome = await this.store.reviews.changeRound(roundId, (current): RoundChange<'locked'> => {
      const locked = (['scaleMin', 'scaleMax', 'blind'] as const).filter((key) => patch[key] !== undefined && patch[key] !== current[key]);
      if (locked.length > 0 && current.status !== 'draft') return { ok: false, reason: 'locked' };
      const next: ReviewRoundRecord = { ...current, updatedAt: now };
      if (patch.name !== undefined) next.name = patch.name;
      if (patch.scaleMin !== undefined) next.scaleMin = patch.scaleMin;
      if (patch.scaleMax !== undefined) next.scaleMax = patch.scaleMax;
      if (patch.blind !== undefined) next.blind = patch.blind;
      if (patch.reviewersPerSubmission !== undefined) next.reviewersPerSubmission = patch.reviewersPerSubmission;
      if (patch.dueAt !== undefined) next.dueAt = patch.dueAt === null ? null : new Date(patch.dueAt);
      if (patch.guidance !== undefined) next.guidance = patch.guidance;
      if (patch.criterionGuidance !== undefined) next.criterionGuidance = patch.criterionGuidance;
      return { ok: true, record: next };
    });
    if (!outcome.ok) {
      if (outcome.reason === 'locked') throw errors.reviewRoundNotEditable((['scaleMin', 'scaleMax', 'blind'] as const).filter((key) => patch[key] !== undefined));
      throw errors.reviewRoundNotFound();
    }
    return this.presentOwnerView({ ...context, round: outcome.record });
  }

  /** Opens (reviewers are told what they have to review), closes, or opens again. */
  async transition(actor: Actor, roundId: string, to: 'open' | 'closed'): Promise<ReviewRoundPublic> {
    const context = await this.authorized(actor, roundId, (round) => ({ kind: 'round:manage', round }));
    const now = this.nowDate();
    const outcome = await this.store.reviews.changeRound(roundId, (current): RoundChange<'invalid'> =>
      ROUND_TRANSITIONS[current.status].includes(to) ? { ok: true, record: { ...current, status: to, updatedAt: now } } : { ok: false, reason: 'invalid' },
    );
    if (!outcome.ok) throw outcome.reason === 'invalid' ? errors.reviewTransitionInvalid(context.round.status, to) : errors.reviewRoundNotFound();
    if (context.round.status === 'draft' && to === 'open') {
      await this.tellAssigned(outcome.record, context.scopeTitle, outcome.record.assignments.map((a) => a.reviewerId));
    }
    return this.presentOwnerView({ ...context, round: outcome.record });
  }

  /** Adds an active account to the reviewer pool: by email, or by id when it is a member of the scope's organisation. */
  async addReviewer(actor: Actor, roundId: string, who: z.output<typeof addReviewerBodySchema>): Promise<ReviewRoundPublic> {
    const context = await this.authorized(actor, roundId, (round) => ({ kind: 'round:manage', round }));
    let account = null;
    if ('email' in who) {
      account = await this.store.accounts.getAccountByEmail(who.email);
    } else {
      const organisationId = await context.source.organisationOf(context.round.scopeId);
      const members = organisationId ? await this.store.accounts.listMembers(organisationId) : [];
      account = members.some((m) => m.accountId === who.accountId) ? await this.store.accounts.getAccount(who.accountId) : null;
    }
    if (!account || account.status !== 'active') throw errors.accountNotFound();
    const outcome = await this.store.reviews.changeRound(roundId, (current): RoundChange<'full'> => {
      if (current.reviewerIds.includes(account.id)) return { ok: true, record: current };
      if (current.reviewerIds.length >= REVIEW_REVIEWERS_MAX) return { ok: false, reason: 'full' };
      return { ok: true, record: { ...current, reviewerIds: [...current.reviewerIds, account.id], updatedAt: this.nowDate() } };
    });
    if (!outcome.ok) throw outcome.reason === 'full' ? errors.reviewReviewersFull(REVIEW_REVIEWERS_MAX) : errors.reviewRoundNotFound();
    return this.presentOwnerView({ ...context, round: outcome.record });
  }

  /** Takes an account out of the pool with its assignments (its scorecards no longer count). */
  async removeReviewer(actor: Actor, roundId: string, accountId: string): Promise<ReviewRoundPublic> {
    const context = await this.authorized(actor, roundId, (round) => ({ kind: 'round:manage', round }));
    const outcome = await this.store.reviews.changeRound(roundId, (current): RoundChange<never> => ({
      ok: true,
      record: { ...current, reviewerIds: current.reviewerIds.filter((id) => id !== accountId), assignments: current.assignments.filter((a) => a.reviewerId !== accountId), updatedAt: this.nowDate() },
    }));
    if (!outcome.ok) throw errors.reviewRoundNotFound();
    return this.presentOwnerView({ ...context, round: outcome.record });
  }

  /** Assigns one reviewer to one subject by hand (refused when they may not review it). */
  async assign(actor: Actor, roundId: string, subjectId: string, reviewerId: string): Promise<ReviewRoundPublic> {
    const context = await this.authorized(actor, roundId, (round) => ({ kind: 'round:manage', round }));
    const subjects = await context.source.listSubjects(context.round.scopeId);
    const subject = subjects.find((s) => s.id === subjectId);
    if (!subject) throw errors.reviewSubjectNotFound();
    const [eligibility] = await this.eligibility(context.round.reviewerIds, [subject]);
    if (!eligibility) throw errors.reviewSubjectNotFound();
    const now = this.nowDate();
    const outcome = await this.store.reviews.changeRound(roundId, (current): RoundChange<'not_in_pool' | 'excluded' | 'conflict'> => {
      if (current.assignments.some((a) => a.subjectId === subjectId && a.reviewerId === reviewerId)) return { ok: true, record: current };
      const refusal = ineligibility(current, eligibility, reviewerId);
      if (refusal !== null) return { ok: false, reason: refusal };
      return { ok: true, record: { ...current, assignments: [...current.assignments, { subjectId, reviewerId, assignedAt: now, by: 'hand' }], updatedAt: now } };
    });
    if (!outcome.ok) {
      if (outcome.reason === 'review_round_not_found') throw errors.reviewRoundNotFound();
      throw errors.reviewReviewerIneligible(INELIGIBLE_TEXT[outcome.reason]);
    }
    const wasAssigned = context.round.assignments.some((a) => a.subjectId === subjectId && a.reviewerId === reviewerId);
    if (!wasAssigned && outcome.record.status === 'open') await this.tellAssigned(outcome.record, context.scopeTitle, [reviewerId]);
    return this.presentOwnerView({ ...context, round: outcome.record });
  }

  async unassign(actor: Actor, roundId: string, subjectId: string, reviewerId: string): Promise<ReviewRoundPublic> {
    const context = await this.authorized(actor, roundId, (round) => ({ kind: 'round:manage', round }));
    const outcome = await this.store.reviews.changeRound(roundId, (current): RoundChange<never> => ({
      ok: true,
      record: { ...current, assignments: current.assignments.filter((a) => !(a.subjectId === subjectId && a.reviewerId === reviewerId)), updatedAt: this.nowDate() },
    }));
    if (!outcome.ok) throw errors.reviewRoundNotFound();
    return this.presentOwnerView({ ...context, round: outcome.record });
  }

  /** Fills every subject up to k eligible reviewers, load balanced (see `autoAssignments`); new assignees of an open round are told. */
  async autoAssign(actor: Actor, roundId: string): Promise<ReviewRoundPublic> {
    const context = await this.authorized(actor, roundId, (round) => ({ kind: 'round:manage', round }));
    const subjects = await context.source.listSubjects(context.round.scopeId);
    const now = this.nowDate();
    let added: string[] = [];
    // The pool may change between reading memberships and the change: read them for the pool as it is now, then decide.
    const eligibility = await this.eligibility((await this.store.reviews.getRound(roundId))?.reviewerIds ?? [], subjects);
    const outcome = await this.store.reviews.changeRound(roundId, (current): RoundChange<never> => {
      const fresh = autoAssignments(current, eligibility, now);
      added = fresh.map((a) => a.reviewerId);
      return { ok: true, record: { ...current, assignments: [...current.assignments, ...fresh], updatedAt: now } };
    });
    if (!outcome.ok) throw errors.reviewRoundNotFound();
    if (outcome.record.status === 'open') await this.tellAssigned(outcome.record, context.scopeTitle, added);
    return this.presentOwnerView({ ...context, round: outcome.record });
  }

  /** The reviewer's rounds (open or closed) with their progress, n of m submitted. */
  async myReviews(actor: Actor): Promise<MyReviewRound[]> {
    const rounds = (await this.store.reviews.listRoundsOfReviewer(actor.account.id)).filter((round) => round.status !== 'draft');
    const result: MyReviewRound[] = [];
    for (const round of rounds) {
      const source = this.sources.get(round.scopeKind);
      const scopeTitle = source ? await source.titleOf(round.scopeId, actor) : null;
      const mine = round.assignments.filter((a) => a.reviewerId === actor.account.id);
      const cards = (await this.store.reviews.listScorecardsOfRound(round.id)).filter((c) => c.reviewerId === actor.account.id);
      const titles = round.blind || !source ? new Map<string, string>() : new Map((await source.listSubjects(round.scopeId)).map((s) => [s.id, s.title]));
      const labels = reviewerLabels(round, actor.account.id, titles);
      const items = mine.map((a) => ({ subjectId: a.subjectId, label: labels.get(a.subjectId) ?? '', status: scorecardStatus(cards, a.subjectId, actor.account.id) }));
      result.push({
        roundId: round.id,
        name: round.name,
        scopeTitle: scopeTitle ?? '',
        status: round.status,
        blind: round.blind,
        dueAt: round.dueAt?.toISOString() ?? null,
        pastDue: isRoundPastDue(round.dueAt, this.options.now()),
        done: items.filter((i) => i.status === 'submitted').length,
        total: items.length,
        items,
      });
    }
    return result;
  }

  /** One assigned subject as its reviewer reads it (redacted in a blind round) with their scorecard. */
  async scorecard(actor: Actor, roundId: string, subjectId: string): Promise<ScorecardView> {
    const context = await this.authorized(actor, roundId, (round) => ({ kind: 'subject:score', round, subjectId, reviewerId: actor.account.id }));
    const { subject, criteria } = await this.subjectAndCriteria(context, subjectId);
    const card = await this.store.reviews.getScorecard(roundId, subjectId, actor.account.id);
    const organisations = context.round.blind ? await this.store.accounts.getOrganisationsByIds(subject.organisationIds) : [];
    return presentScorecard(context.round, context.scopeTitle, subject, criteria, card, actor.account.id, organisations.map((o) => o.name), this.options.now());
  }

  /**
   * Saves the reviewer's draft, or submits it (every criterion scored on the scale); only while
   * the round is open and before its due date (the owner may move the date later to reopen it).
   */
  async saveScorecard(actor: Actor, roundId: string, subjectId: string, input: z.output<typeof scorecardBodySchema>): Promise<ScorecardView> {
    const context = await this.authorized(actor, roundId, (round) => ({ kind: 'subject:score', round, subjectId, reviewerId: actor.account.id }));
    if (context.round.status !== 'open') throw errors.reviewRoundNotOpen();
    if (context.round.dueAt !== null && isRoundPastDue(context.round.dueAt, this.options.now())) throw errors.reviewRoundPastDue(context.round.dueAt);
    const { criteria } = await this.subjectAndCriteria(context, subjectId);
    const existing = await this.store.reviews.getScorecard(roundId, subjectId, actor.account.id);
    const submit = input.submit || existing?.status === 'submitted';
    const ids = criteria.map((c) => c.id);
    const refusal = scoresRefusal(ids, { min: context.round.scaleMin, max: context.round.scaleMax }, input.scores, submit);
    if (refusal === 'unknown_criterion') throw new AppError('invalid_input', 'A score names a criterion this scorecard does not have.', { scores: 'names an unknown criterion' });
    if (refusal === 'review_score_out_of_scale') throw errors.reviewScoreOutOfScale(context.round.scaleMin, context.round.scaleMax);
    if (refusal === 'review_scores_incomplete') throw errors.reviewScoresIncomplete(ids.filter((id) => input.scores[id] === undefined));
    const now = this.nowDate();
    const card: ScorecardRecord = {
      roundId,
      subjectId,
      reviewerId: actor.account.id,
      scores: input.scores,
      comment: input.comment,
      note: input.note,
      status: submit ? 'submitted' : 'draft',
      updatedAt: now,
      submittedAt: submit ? (existing?.submittedAt ?? now) : null,
    };
    await this.store.reviews.putScorecard(card);
    return this.scorecard(actor, roundId, subjectId);
  }

  /**
   * A reviewer of the round declares a conflict with a subject, at any time: their assignment
   * (if any) is freed and their scorecard of it dropped; nobody assigns them to it again.
   */
  async declareConflict(actor: Actor, roundId: string, subjectId: string): Promise<MyReviewRound[]> {
    const context = await this.authorized(actor, roundId, (round) => ({ kind: 'subject:conflict', round }));
    const subjects = await context.source.listSubjects(context.round.scopeId);
    const assigned = context.round.assignments.some((a) => a.subjectId === subjectId && a.reviewerId === actor.account.id);
    if (!assigned && !subjects.some((s) => s.id === subjectId)) throw errors.reviewSubjectNotFound();
    const now = this.nowDate();
    const me = actor.account.id;
    const outcome = await this.store.reviews.changeRound(roundId, (current): RoundChange<never> => ({
      ok: true,
      record: {
        ...current,
        assignments: current.assignments.filter((a) => !(a.subjectId === subjectId && a.reviewerId === me)),
        conflicts: current.conflicts.some((c) => c.subjectId === subjectId && c.reviewerId === me) ? current.conflicts : [...current.conflicts, { subjectId, reviewerId: me, declaredAt: now }],
        updatedAt: now,
      },
    }));
    if (!outcome.ok) throw errors.reviewRoundNotFound();
    await this.store.reviews.deleteScorecard(roundId, subjectId, me);
    return this.myReviews(actor);
  }

  /** The round's results for the owner, best normalised score first. */
  async results(actor: Actor, roundId: string): Promise<ReviewResults> {
    const context = await this.authorized(actor, roundId, (round) => ({ kind: 'round:manage', round }));
    const { subjects, cards, results } = await this.compute(context.round, context.source);
    const decisions = await this.store.reviews.listDecisionsOfRound(roundId);
    const names = await this.names([...decisions.map((d) => d.decidedBy), ...cards.map((c) => c.reviewerId)]);
    return presentResults(context.round, subjects, cards, results, decisions, names, this.options.now());
  }

  async setShortlisted(actor: Actor, roundId: string, subjectId: string, shortlisted: boolean): Promise<ReviewResults> {
    const context = await this.authorized(actor, roundId, (round) => ({ kind: 'round:manage', round }));
    if (!(await context.source.listSubjects(context.round.scopeId)).some((s) => s.id === subjectId)) throw errors.reviewSubjectNotFound();
    const outcome = await this.store.reviews.changeRound(roundId, (current): RoundChange<never> => {
      const others = current.shortlist.filter((id) => id !== subjectId);
      return { ok: true, record: { ...current, shortlist: shortlisted ? [...others, subjectId] : others, updatedAt: this.nowDate() } };
    });
    if (!outcome.ok) throw errors.reviewRoundNotFound();
    return this.results(actor, roundId);
  }

  /**
   * The owner decides on a subject (advance, decline, award) with feedback for its team, who
   * are told; a later decision in the same round replaces it. Then `onDecided` runs.
   */
  async decide(actor: Actor, roundId: string, input: z.output<typeof reviewDecisionBodySchema>): Promise<ReviewResults> {
    const context = await this.authorized(actor, roundId, (round) => ({ kind: 'round:manage', round }));
    if (context.round.status === 'draft') throw errors.reviewRoundNotOpen();
    const subject = (await context.source.listSubjects(context.round.scopeId)).find((s) => s.id === input.subjectId);
    if (!subject) throw errors.reviewSubjectNotFound();
    const at = this.nowDate();
    const record: DecisionRecord = {
      roundId,
      scopeKind: context.round.scopeKind,
      scopeId: context.round.scopeId,
      subjectId: subject.id,
      decision: input.decision,
      feedback: input.feedback,
      decidedBy: actor.account.id,
      decidedAt: at,
    };
    await this.store.reviews.putDecision(record);
    const team = subject.authors.flatMap((a) => (a.accountId === null ? [] : [a.accountId]));
    await this.options.notifications.notify(team, {
      kind: 'review_decided',
      params: { team: subject.title, scope: context.scopeTitle },
      link: SUBJECT_LINKS[context.round.scopeKind](subject.id),
    });
    if (this.options.onDecided) {
      const scope = { kind: context.round.scopeKind, id: context.round.scopeId };
      try {
        await this.options.onDecided({ scope, subjectId: subject.id, decision: input.decision, decidedBy: actor.account.id, at });
      } catch (error) {
        this.options.log.error({ err: error, roundId, subjectId: subject.id }, 'review onDecided hook failed; the decision stands');
      }
    }
    return this.results(actor, roundId);
  }

  /** The latest decision on a subject (a response) over every round, or null. */
  async decisionOf(responseId: string): Promise<ReviewDecision | null> {
    const decisions = await this.store.reviews.listDecisionsOfSubject(responseId);
    return decisions[decisions.length - 1]?.decision ?? null;
  }

  /** Results of every round of a scope past its draft, oldest round first (for the awards' jury score). */
  async resultsForScope(scope: ReviewScope): Promise<ScopeRoundResults[]> {
    const source = this.sources.get(scope.kind);
    if (!source) return [];
    const rounds = (await this.store.reviews.listRoundsOfScope(scope.kind, scope.id)).filter((round) => round.status !== 'draft');
    return Promise.all(rounds.map(async (round) => ({ round, results: (await this.compute(round, source)).results })));
  }

  /**
   * What a subject's team is told: per decided round, the decision, the owner's feedback and
   * the reviewers' comments for the team (never their names or private notes). The caller has
   * checked the actor may see the subject (e.g. ResponseService.view).
   */
  async feedbackOf(subjectId: string): Promise<SubjectFeedback> {
    const decisions = await this.store.reviews.listDecisionsOfSubject(subjectId);
    const items: SubjectFeedback['items'] = [];
    for (const decision of [...decisions].reverse()) {
      const round = await this.store.reviews.getRound(decision.roundId);
      if (!round) continue;
      const assigned = new Set(round.assignments.filter((a) => a.subjectId === subjectId).map((a) => a.reviewerId));
      const cards = (await this.store.reviews.listScorecardsOfRound(round.id)).filter((c) => c.subjectId === subjectId && c.status === 'submitted' && assigned.has(c.reviewerId));
      items.push({
        roundName: round.name,
        decision: decision.decision,
        feedback: decision.feedback,
        decidedAt: decision.decidedAt.toISOString(),
        comments: cards.map((c) => c.comment).filter((comment) => comment !== ''),
      });
    }
    return { items };
  }

  private async compute(round: ReviewRoundRecord, source: SubjectSource) {
    const [subjects, criteria, allCards] = await Promise.all([source.listSubjects(round.scopeId), this.criteriaOf(source, round), this.store.reviews.listScorecardsOfRound(round.id)]);
    // Only submitted scorecards of reviewers still assigned count: a freed assignment takes its review with it.
    // A scorecard missing a criterion the scope added after it was submitted (an award category's criteria may change) counts once it is scored again.
    const cards = allCards.filter(
      (c) => c.status === 'submitted' && round.assignments.some((a) => a.subjectId === c.subjectId && a.reviewerId === c.reviewerId) && criteria.every((k) => c.scores[k.id] !== undefined),
    );
    const results = roundResults(criteria, { min: round.scaleMin, max: round.scaleMax }, subjects.map((s) => s.id), cards.map((c) => ({ reviewerId: c.reviewerId, submissionId: c.subjectId, scores: c.scores })));
    return { subjects, criteria, cards, results };
  }

  private async criteriaOf(source: SubjectSource, round: ReviewRoundRecord): Promise<SubjectCriterion[]> {
    return (await source.criteria(round.scopeId)).map((c) => ({ ...c, guidance: round.criterionGuidance[c.id] || c.guidance }));
  }

  private async subjectAndCriteria(context: RoundContext, subjectId: string): Promise<{ subject: ReviewSubject; criteria: SubjectCriterion[] }> {
    const [subjects, criteria] = await Promise.all([context.source.listSubjects(context.round.scopeId), this.criteriaOf(context.source, context.round)]);
    const subject = subjects.find((s) => s.id === subjectId);
    if (!subject) throw errors.reviewSubjectNotFound();
    return { subject, criteria };
  }

  /** Per subject, the pool's reviewers who may never review it: members of its organisations, its team. */
  private async eligibility(reviewerIds: readonly string[], subjects: readonly ReviewSubject[]): Promise<SubjectEligibility[]> {
    const memberships = new Map(await Promise.all(reviewerIds.map(async (id) => [id, new Set((await this.store.accounts.listMembershipsOf(id)).map((m) => m.organisationId))] as const)));
    return subjects.map((subject) => ({
      subjectId: subject.id,
      excluded: new Set(
        reviewerIds.filter((id) => subject.authors.some((a) => a.accountId === id) || subject.organisationIds.some((org) => memberships.get(id)?.has(org))),
      ),
    }));
  }

  private async tellAssigned(round: ReviewRoundRecord, scopeTitle: string, reviewerIds: readonly string[]): Promise<void> {
    if (reviewerIds.length === 0) return;
    await this.options.notifications.notify(reviewerIds, { kind: 'review_assigned', params: { round: round.name, scope: scopeTitle }, link: '/platform/reviews' });
  }

  private async checkGuidance(source: SubjectSource, scopeId: string, guidance: Readonly<Record<string, string>>): Promise<void> {
    const ids = new Set((await source.criteria(scopeId)).map((c) => c.id));
    const unknown = Object.keys(guidance).filter((id) => !ids.has(id));
    if (unknown.length > 0) throw new AppError('invalid_input', 'Guidance names a criterion the scope does not have.', Object.fromEntries(unknown.map((id) => [`criterionGuidance.${id}`, 'is not a criterion'])));
  }

  /** The scope's source and title, when the actor may manage it. */
  private async managedScope(actor: Actor, scope: ReviewScope): Promise<{ source: SubjectSource; title: string }> {
    const source = this.sources.get(scope.kind);
    if (!source) throw errors.reviewRoundNotFound();
    const [title, canManage] = await Promise.all([source.titleOf(scope.id, actor), source.canManage(scope.id, actor)]);
    authorizeReview({ canManage, canSeeScope: title !== null, inPool: false }, { kind: 'round:manage', round: null });
    if (title === null) throw errors.reviewRoundNotFound();
    return { source, title };
  }

  /** The round and the actor's part in it, when the policy allows the action; a refusal reads nothing else. */
  private async authorized(actor: Actor, roundId: string, action: (round: ReviewRoundRecord) => ReviewAction): Promise<RoundContext> {
    const round = await this.store.reviews.getRound(roundId);
    const source = round ? this.sources.get(round.scopeKind) : undefined;
    if (!round || !source) throw errors.reviewRoundNotFound();
    const [title, canManage] = await Promise.all([source.titleOf(round.scopeId, actor), source.canManage(round.scopeId, actor)]);
    const facts: ReviewFacts = { canManage, canSeeScope: title !== null, inPool: round.reviewerIds.includes(actor.account.id) };
    authorizeReview(facts, action(round));
    // A reviewer outside the scope's audience (an expert invited to a private challenge) gets no title: '' .
    return { round, source, facts, scopeTitle: title ?? '' };
  }

  private async presentOwnerView(context: RoundContext): Promise<ReviewRoundPublic> {
    const { round, source } = context;
    const [subjects, criteria, cards, organisationId, home] = await Promise.all([
      source.listSubjects(round.scopeId),
      this.criteriaOf(source, round),
      this.store.reviews.listScorecardsOfRound(round.id),
      source.organisationOf(round.scopeId),
      source.homeOf(round.scopeId),
    ]);
    const candidates = organisationId ? (await this.store.accounts.listMembers(organisationId)).map((m) => m.accountId) : [];
    const names = await this.names([...round.reviewerIds, ...candidates]);
    if (home === null) throw errors.reviewRoundNotFound();
    return presentRound(round, { title: context.scopeTitle, home }, subjects, criteria, cards, names, candidates, this.options.now());
  }

  private async names(accountIds: readonly string[]): Promise<Map<string, string>> {
    const accounts = await this.store.accounts.getAccountsByIds([...new Set(accountIds)]);
    return new Map(accounts.map((a) => [a.id, a.name]));
  }
}

const INELIGIBLE_TEXT: Record<'not_in_pool' | 'excluded' | 'conflict', string> = {
  not_in_pool: 'not a reviewer of this round',
  excluded: 'of one of its organisations or on its team',
  conflict: 'declared a conflict of interest',
};
