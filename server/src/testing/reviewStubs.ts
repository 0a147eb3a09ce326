import type { ReviewScopeHome } from '@ideasphere/shared';
import type { Actor } from '../accounts/accountPolicy.js';
import type { ReviewSubject, SubjectSource } from '../review/reviewSubjects.js';

/** A signed-in platform user with no memberships, as the review service sees one. */
export const actorOf = (id: string): Actor => ({ account: { id, name: id, platformRole: 'user' } as Actor['account'], session: {} as Actor['session'], sessionToken: '', memberships: new Map() });

/** An award category of its own for review tests: one criterion, managed by `owner`, over the given subjects. */
export class StubCategorySource implements SubjectSource {
  readonly kind = 'award_category' as const;
  constructor(private readonly owner: string, readonly subjects: ReviewSubject[]) {}
  async titleOf(): Promise<string | null> {
    return 'New star 新星';
  }
  async homeOf(): Promise<ReviewScopeHome | null> {
    return { kind: 'award_programme', id: 'programme' };
  }
  async canManage(_scopeId: string, actor: Actor): Promise<boolean> {
    return actor.account.id === this.owner;
  }
  async organisationOf(): Promise<string | null> {
    return null;
  }
  async criteria() {
    return [{ id: 'merit', name: 'Merit', weight: 100, guidance: '' }];
  }
  async listSubjects(): Promise<ReviewSubject[]> {
    return this.subjects;
  }
}
