import type { ReviewScopeHome } from '@ideasphere/shared';
import type { Actor } from '../accounts/accountPolicy.js';
import type { ReviewSubject, SubjectCriterion, SubjectSource } from '../review/reviewSubjects.js';
import type { AwardProgrammeRecord, NominationRecord } from '../store/AwardStore.js';
import type { Store } from '../store/Store.js';
import { judgeAward, managesAwards } from './awardPolicy.js';

/**
 * Award nominations as the review machinery sees them (scope kind `award_category`, scope id =
 * the category id): the subjects are the category's accepted nominations, oldest first; the
 * criteria are the category's jury criteria; the programme's owners (its organisation's admins)
 * manage the rounds. Authors are the nominee: the person, a team's members, or (for a proposal)
 * nobody with an account, named by its title.
 */
export class NominationSubjects implements SubjectSource {
  readonly kind = 'award_category' as const;

  constructor(private readonly store: Store) {}

  async titleOf(scopeId: string, actor: Actor): Promise<string | null> {
    const programme = await this.store.awards.getProgrammeOfCategory(scopeId);
    if (!programme || judgeAward(actor, { kind: 'programme:view', organisationId: programme.organisationId }) !== null) return null;
    const category = programme.categories.find((c) => c.id === scopeId);
    return category ? `${programme.name} · ${category.nameZh} ${category.nameEn}` : null;
  }

  async homeOf(scopeId: string): Promise<ReviewScopeHome | null> {
    const programme = await this.store.awards.getProgrammeOfCategory(scopeId);
    return programme ? { kind: 'award_programme', id: programme.id } : null;
  }

  async canManage(scopeId: string, actor: Actor): Promise<boolean> {
    const programme = await this.store.awards.getProgrammeOfCategory(scopeId);
    return programme !== null && managesAwards(actor, programme.organisationId);
  }

  async organisationOf(scopeId: string): Promise<string | null> {
    return (await this.store.awards.getProgrammeOfCategory(scopeId))?.organisationId ?? null;
  }

  async criteria(scopeId: string): Promise<SubjectCriterion[]> {
    const category = (await this.store.awards.getProgrammeOfCategory(scopeId))?.categories.find((c) => c.id === scopeId);
    return category ? category.criteria.map((c) => ({ id: c.id, name: c.name, weight: c.weight, guidance: c.guidance })) : [];
  }

  async listSubjects(scopeId: string): Promise<ReviewSubject[]> {
    const programme = await this.store.awards.getProgrammeOfCategory(scopeId);
    if (!programme) return [];
    const nominations = (await this.store.awards.listNominations(programme.id)).filter((n) => n.categoryId === scopeId && n.status === 'accepted');
    return Promise.all(nominations.map((n) => this.subjectOf(programme, n)));
  }

  private async subjectOf(programme: AwardProgrammeRecord, nomination: NominationRecord): Promise<ReviewSubject> {
    const category = programme.categories.find((c) => c.id === nomination.categoryId);
    const nominee = await this.nominee(nomination);
    const markdown = [
      `# ${nomination.nomineeName}`,
      '',
      category ? `${category.nameZh} · ${category.nameEn}` : '',
      '',
      '## Citation',
      '',
      nomination.citation,
      ...(nominee.description ? ['', '## Nominee', '', nominee.description] : []),
    ].join('\n');
    return { id: nomination.id, title: nomination.nomineeName, authors: nominee.authors, organisationIds: nominee.organisationIds, markdown };
  }

  /** Who the nominee is, which organisations they act for, and what their profile says of them. */
  private async nominee(nomination: NominationRecord): Promise<{ authors: ReviewSubject['authors']; organisationIds: string[]; description: string }> {
    switch (nomination.nomineeKind) {
      case 'person': {
        const [account, memberships, profile] = await Promise.all([
          this.store.accounts.getAccount(nomination.nomineeRefId),
          this.store.accounts.listMembershipsOf(nomination.nomineeRefId),
          this.store.profiles.getProfile('person', nomination.nomineeRefId),
        ]);
        return {
          authors: [{ accountId: nomination.nomineeRefId, name: account?.name ?? nomination.nomineeName }],
          organisationIds: memberships.map((m) => m.organisationId),
          description: profile?.bio ?? '',
        };
      }
      case 'team': {
        const response = await this.store.responses.getResponse(nomination.nomineeRefId);
        const ids = response?.memberAccountIds ?? [];
        const [accounts, memberships] = await Promise.all([
          this.store.accounts.getAccountsByIds(ids),
          Promise.all(ids.map((id) => this.store.accounts.listMembershipsOf(id))),
        ]);
        const names = new Map(accounts.map((a) => [a.id, a.name]));
        return {
          authors: ids.map((id) => ({ accountId: id, name: names.get(id) ?? '?' })),
          organisationIds: [...new Set(memberships.flat().map((m) => m.organisationId))],
          description: response ? `Team “${response.teamName}”: ${ids.map((id) => names.get(id) ?? '?').join(', ')}` : '',
        };
      }
      case 'proposal':
        return { authors: [{ accountId: null, name: nomination.nomineeName }], organisationIds: [], description: '' };
    }
  }
}
