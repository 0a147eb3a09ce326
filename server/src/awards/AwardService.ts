import {
  AWARD_CATEGORIES_MAX,
  AWARD_NOMINATIONS_MAX,
  AWARD_PROGRAMMES_PER_ORG_MAX,
  type AwardCriterion,
  type AwardProgrammeSummary,
  type AwardProgrammeView,
  type NominationPublic,
  type NomineeCandidatesPage,
  type nomineeCandidatesQuerySchema,
  type awardCategoryPatchBodySchema,
  type awardProgrammePatchBodySchema,
  type createAwardCategoryBodySchema,
  type createAwardProgrammeBodySchema,
  type createNominationBodySchema,
  type nomineeInputSchema,
} from '@ideasphere/shared';
import type { z } from 'zod';
import type { Actor } from '../accounts/accountPolicy.js';
import type { NotificationService } from '../accounts/NotificationService.js';
import { errors } from '../errors.js';
import { newId } from '../ids.js';
import type { AwardCategoryRecord, AwardProgrammeRecord, NominationRecord } from '../store/AwardStore.js';
import type { Store } from '../store/Store.js';
import { type AudienceVoteService, withCategory } from './AudienceVoteService.js';
import { authorizeAward, managesAwards } from './awardPolicy.js';
import { presentNomination, presentProgramme, type ProgrammeContext } from './awardPresenters.js';
import type { AwardResults } from './AwardResults.js';
import { newCategory, seededCategories } from './defaultCategories.js';
import { NomineeCandidates } from './NomineeCandidates.js';

type Input<S extends z.ZodType> = z.output<S>;

/** The platform path of a programme's page. */
export const programmePath = (id: string) => `/platform/awards/${id}`;

/**
 * Award programmes: organisations' awards with their categories, nominations and their
 * decisions. Every method asks the policy first; a programme the actor may not see is not found.
 */
export class AwardService {
  private readonly candidates: NomineeCandidates;

  constructor(
    private readonly store: Store,
    private readonly votes: AudienceVoteService,
    private readonly results: AwardResults,
    private readonly notifications: NotificationService,
    private readonly now: () => number,
  ) {
    this.candidates = new NomineeCandidates(store);
  }

  /** The programmes of the actor's organisations (every one for a platform admin's own organisations too), newest first. */
  async list(actor: Actor): Promise<AwardProgrammeSummary[]> {
    const programmes = await this.store.awards.listProgrammesOfOrganisations([...actor.memberships.keys()]);
    const organisations = new Map((await this.store.accounts.getOrganisationsByIds([...new Set(programmes.map((p) => p.organisationId))])).map((o) => [o.id, o.name]));
    return Promise.all(
      programmes.map(async (p) => ({
        id: p.id,
        organisationId: p.organisationId,
        organisationName: organisations.get(p.organisationId) ?? '',
        name: p.name,
        year: p.year,
        categories: p.categories.length,
        nominations: (await this.store.awards.listNominations(p.id)).length,
      })),
    );
  }

  async create(actor: Actor, input: Input<typeof createAwardProgrammeBodySchema>): Promise<AwardProgrammeView> {
    authorizeAward(actor, { kind: 'programme:create', organisationId: input.organisationId });
    if (!(await this.store.accounts.getOrganisation(input.organisationId))) throw errors.organisationNotFound();
    const at = new Date(this.now());
    const programme: AwardProgrammeRecord = {
      id: newId(at.getTime()),
      organisationId: input.organisationId,
      name: input.name,
      year: input.year,
      juryWeight: 50,
      categories: seededCategories(),
      createdBy: actor.account.id,
      createdAt: at,
      updatedAt: at,
      revision: 0,
    };
    const outcome = await this.store.awards.createProgramme(programme, AWARD_PROGRAMMES_PER_ORG_MAX);
    if (!outcome.ok) throw errors.awardProgrammesFull(AWARD_PROGRAMMES_PER_ORG_MAX);
    return this.view(actor, programme.id);
  }

  /** The programme page: categories, nominations with citations, and (for its owners) the combined rankings. */
  async view(actor: Actor, programmeId: string): Promise<AwardProgrammeView> {
    const programme = await this.requireProgramme(actor, programmeId, 'programme:view');
    const nominations = await this.store.awards.listNominations(programme.id);
    const canManage = managesAwards(actor, programme.organisationId);
    const context = await this.contextOf(programme, canManage);
    const names = await this.accountNames(nominations.map((n) => n.nominatedBy));
    return {
      programme: presentProgramme(programme, context),
      nominations: nominations.map((n) => presentNomination(n, names)),
      rankings: canManage ? await this.results.rankings(programme, nominations, context.votes) : null,
    };
  }

  async update(actor: Actor, programmeId: string, patch: Input<typeof awardProgrammePatchBodySchema>): Promise<AwardProgrammeView> {
    await this.requireProgramme(actor, programmeId, 'programme:manage');
    await this.change(programmeId, (current) => ({
      ok: true,
      record: {
        ...current,
        ...(patch.name === undefined ? {} : { name: patch.name }),
        ...(patch.year === undefined ? {} : { year: patch.year }),
        ...(patch.juryWeight === undefined ? {} : { juryWeight: patch.juryWeight }),
        updatedAt: new Date(this.now()),
      },
    }));
    return this.view(actor, programmeId);
  }

  async addCategory(actor: Actor, programmeId: string, input: Input<typeof createAwardCategoryBodySchema>): Promise<AwardProgrammeView> {
    await this.requireProgramme(actor, programmeId, 'programme:manage');
    const category = newCategory(input);
    await this.change(programmeId, (current) =>
      current.categories.length >= AWARD_CATEGORIES_MAX
        ? { ok: false, reason: 'award_categories_full' }
        : { ok: true, record: { ...current, categories: [...current.categories, category], updatedAt: new Date(this.now()) } },
    );
    return this.view(actor, programmeId);
  }

  /** Names, description, number of winners and the jury's criteria; not once its winners were revealed. */
  async updateCategory(actor: Actor, programmeId: string, categoryId: string, patch: Input<typeof awardCategoryPatchBodySchema>): Promise<AwardProgrammeView> {
    await this.requireProgramme(actor, programmeId, 'programme:manage');
    await this.changeCategory(programmeId, categoryId, (category) => {
      if (category.winners?.revealedAt) return 'award_winners_revealed';
      const { criteria, ...rest } = patch;
      const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      return {
        ...category,
        ...defined,
        ...(criteria === undefined ? {} : { criteria: keepCriterionIds(category.criteria, criteria) }),
      };
    });
    return this.view(actor, programmeId);
  }

  /** The teams or proposals the actor may nominate in the programme (the nomination form's picker). */
  async nomineeCandidates(actor: Actor, programmeId: string, query: Input<typeof nomineeCandidatesQuerySchema>): Promise<NomineeCandidatesPage> {
    const programme = await this.requireProgramme(actor, programmeId, 'nomination:create');
    return this.candidates.list(actor, programme, query.kind, query.q);
  }

  async nominate(actor: Actor, programmeId: string, input: Input<typeof createNominationBodySchema>): Promise<NominationPublic> {
    const programme = await this.requireProgramme(actor, programmeId, 'nomination:create');
    if (!programme.categories.some((c) => c.id === input.categoryId)) throw errors.awardCategoryNotFound();
    const nominee = await this.resolveNominee(actor, programme, input.nominee);
    const at = new Date(this.now());
    const nomination: NominationRecord = {
      id: newId(at.getTime()),
      programmeId,
      categoryId: input.categoryId,
      nomineeKind: input.nominee.kind,
      nomineeRefId: nominee.refId,
      nomineeName: nominee.name,
      citation: input.citation,
      status: 'pending',
      nominatedBy: actor.account.id,
      decidedBy: null,
      decidedAt: null,
      createdAt: at,
      updatedAt: at,
      revision: 0,
    };
    const outcome = await this.store.awards.createNomination(nomination, AWARD_NOMINATIONS_MAX);
    if (!outcome.ok) throw errors.awardNominationsFull(AWARD_NOMINATIONS_MAX);
    return presentNomination(nomination, new Map([[actor.account.id, actor.account.name]]));
  }

  /** The owner accepts or rejects a pending nomination; the nominator is told. */
  async decide(actor: Actor, programmeId: string, nominationId: string, decision: 'accept' | 'reject'): Promise<NominationPublic> {
    const programme = await this.requireProgramme(actor, programmeId, 'programme:manage');
    const nomination = await this.store.awards.getNomination(nominationId);
    if (!nomination || nomination.programmeId !== programme.id) throw errors.nominationNotFound();
    const at = new Date(this.now());
    const changed = await this.store.awards.changeNomination(nominationId, (current) =>
      current.status !== 'pending'
        ? { ok: false, reason: 'nomination_already_decided' }
        : { ok: true, record: { ...current, status: decision === 'accept' ? 'accepted' : 'rejected', decidedBy: actor.account.id, decidedAt: at, updatedAt: at } },
    );
    if (!changed.ok) throw changed.reason === 'nomination_not_found' ? errors.nominationNotFound() : errors.nominationAlreadyDecided();
    await this.notifications.notify([changed.record.nominatedBy], {
      kind: decision === 'accept' ? 'nomination_accepted' : 'nomination_rejected',
      params: { programme: programme.name, nominee: changed.record.nomineeName },
      link: programmePath(programme.id),
    });
    const names = await this.accountNames([changed.record.nominatedBy]);
    return presentNomination(changed.record, names);
  }

  /** Links a category to one of the actor's own live sessions (its audience vote and reveal), or unlinks it. */
  async linkSession(actor: Actor, programmeId: string, categoryId: string, code: string | null): Promise<AwardProgrammeView> {
    await this.requireProgramme(actor, programmeId, 'programme:manage');
    let sessionId: string | null = null;
    if (code !== null) {
      const session = await this.store.getSessionByCode(code);
      const link = session ? await this.store.liveLinks.getLiveSessionLink(actor.account.id, session.id) : null;
      if (!session || !link) throw errors.liveSessionNotFound();
      sessionId = session.id;
    }
    await this.changeCategory(programmeId, categoryId, (category) => {
      if (category.audienceVote?.status === 'open') return 'audience_vote_state_invalid';
      if (category.winners?.revealedAt) return 'award_winners_revealed';
      return { ...category, liveSessionId: sessionId };
    });
    return this.view(actor, programmeId);
  }

  async audienceVote(actor: Actor, programmeId: string, categoryId: string, action: 'start' | 'close'): Promise<AwardProgrammeView> {
    const programme = await this.requireProgramme(actor, programmeId, 'programme:manage');
    const category = programme.categories.find((c) => c.id === categoryId);
    if (!category) throw errors.awardCategoryNotFound();
    if (action === 'start') await this.votes.start(programme, category, await this.store.awards.listNominations(programme.id));
    else await this.votes.close(programme, category);
    return this.view(actor, programmeId);
  }

  async confirmWinners(actor: Actor, programmeId: string, categoryId: string, input: { nominationIds: string[]; overrideReason?: string | undefined }): Promise<AwardProgrammeView> {
    const programme = await this.requireProgramme(actor, programmeId, 'programme:manage');
    const category = programme.categories.find((c) => c.id === categoryId);
    if (!category) throw errors.awardCategoryNotFound();
    const nominations = await this.store.awards.listNominations(programme.id);
    const winners = await this.results.checkWinners(programme, category, nominations, await this.votes.counts(category), input, actor.account.id, new Date(this.now()));
    await this.changeCategory(programmeId, categoryId, (current) => (current.winners?.revealedAt ? 'award_winners_revealed' : { ...current, winners }));
    return this.view(actor, programmeId);
  }

  private async requireProgramme(actor: Actor, programmeId: string, kind: 'programme:view' | 'programme:manage' | 'nomination:create'): Promise<AwardProgrammeRecord> {
    const programme = await this.store.awards.getProgramme(programmeId);
    // Signed-in first: an anonymous caller learns nothing, not even whether it exists.
    authorizeAward(actor, { kind, organisationId: programme?.organisationId ?? '' });
    if (!programme) throw errors.awardProgrammeNotFound();
    return programme;
  }

  /** A person by email (any active account); a team or proposal only as the picker offers it (`NomineeCandidates`). */
  private async resolveNominee(actor: Actor, programme: AwardProgrammeRecord, nominee: z.output<typeof nomineeInputSchema>): Promise<{ refId: string; name: string }> {
    switch (nominee.kind) {
      case 'person': {
        const account = await this.store.accounts.getAccountByEmail(nominee.email);
        if (!account || account.status !== 'active') throw errors.nomineeUnknown();
        return { refId: account.id, name: account.name };
      }
      case 'team':
        return this.candidates.team(actor, programme, nominee.responseId);
      case 'proposal':
        return this.candidates.proposal(actor, programme, nominee.proposalId);
    }
  }

  private async change(programmeId: string, decide: Parameters<Store['awards']['changeProgramme']>[1]): Promise<AwardProgrammeRecord> {
    const changed = await this.store.awards.changeProgramme(programmeId, decide);
    if (changed.ok) return changed.record;
    switch (changed.reason) {
      case 'award_categories_full':
        throw errors.awardCategoriesFull(AWARD_CATEGORIES_MAX);
      case 'award_category_not_found':
        throw errors.awardCategoryNotFound();
      case 'award_winners_revealed':
        throw errors.awardWinnersRevealed();
      case 'audience_vote_state_invalid':
        throw errors.audienceVoteStateInvalid('is open: close it first');
      default:
        throw errors.awardProgrammeNotFound();
    }
  }

  /** Changes one category in one atomic change; `decide` returns the category or a refusal reason. */
  private async changeCategory(
    programmeId: string,
    categoryId: string,
    decide: (category: AwardCategoryRecord) => AwardCategoryRecord | 'award_winners_revealed' | 'audience_vote_state_invalid',
  ): Promise<AwardProgrammeRecord> {
    return this.change(programmeId, (current) => {
      const category = current.categories.find((c) => c.id === categoryId);
      if (!category) return { ok: false, reason: 'award_category_not_found' };
      const next = decide(category);
      return typeof next === 'string' ? { ok: false, reason: next } : { ok: true, record: withCategory(current, next, this.now()) };
    });
  }

  private async contextOf(programme: AwardProgrammeRecord, canManage: boolean): Promise<ProgrammeContext> {
    const organisation = await this.store.accounts.getOrganisation(programme.organisationId);
    const sessionIds = new Set(programme.categories.flatMap((c) => [c.liveSessionId, c.audienceVote?.sessionId ?? null]).filter((id): id is string => id !== null));
    const sessions = new Map<string, { code: string; title: string }>();
    for (const id of sessionIds) {
      const session = await this.store.getSession(id);
      if (session) sessions.set(id, { code: session.code, title: session.title });
    }
    const votes = new Map<string, Record<string, number>>();
    for (const category of programme.categories) {
      const counts = await this.votes.counts(category);
      if (counts !== null) votes.set(category.id, counts);
    }
    return { organisationName: organisation?.name ?? '', sessions, votes, canManage };
  }

  private async accountNames(ids: readonly string[]): Promise<Map<string, string>> {
    const accounts = await this.store.accounts.getAccountsByIds([...new Set(ids)]);
    return new Map(accounts.map((a) => [a.id, a.name]));
  }
}

/**
 * The criteria as the owner sent them, with stable ids: a criterion sent without its id keeps
 * the id of the category's criterion of the same name (once), so the jury's scorecards, keyed by
 * criterion id, still count after an edit that did not carry the ids.
 */
function keepCriterionIds(current: readonly AwardCriterion[], sent: readonly { id?: string | undefined; name: string; weight: number; guidance: string }[]): AwardCriterion[] {
  const taken = new Set(sent.flatMap((c) => (c.id === undefined ? [] : [c.id])));
  return sent.map((c) => {
    const id = c.id ?? current.find((k) => !taken.has(k.id) && k.name.trim() === c.name.trim())?.id ?? newId();
    taken.add(id);
    return { id, name: c.name, weight: c.weight, guidance: c.guidance };
  });
}
