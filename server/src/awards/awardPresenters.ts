import type { AwardCategoryPublic, AwardProgrammePublic, NominationPublic } from '@ideasphere/shared';
import type { AwardCategoryRecord, AwardProgrammeRecord, NominationRecord } from '../store/AwardStore.js';

/** What a programme's page needs besides its record, read once per request. */
export interface ProgrammeContext {
  organisationName: string;
  /** session id → its code and title */
  sessions: ReadonlyMap<string, { code: string; title: string }>;
  /** category id → nomination id → votes (live while open) */
  votes: ReadonlyMap<string, Record<string, number>>;
  canManage: boolean;
}

export function presentCategory(category: AwardCategoryRecord, context: ProgrammeContext): AwardCategoryPublic {
  const vote = category.audienceVote;
  const session = (id: string | null) => (id === null ? null : (context.sessions.get(id) ?? null));
  const votes = context.votes.get(category.id) ?? {};
  return {
    id: category.id,
    name: { zh: category.nameZh, en: category.nameEn },
    description: category.description,
    winnersCount: category.winnersCount,
    criteria: category.criteria.map((c) => ({ ...c })),
    liveSession: session(category.liveSessionId),
    audienceVote:
      vote === null
        ? null
        : {
            status: vote.status,
            sessionCode: session(vote.sessionId)?.code ?? '',
            votes,
            total: Object.values(votes).reduce((sum, n) => sum + n, 0),
          },
    winners:
      category.winners === null
        ? null
        : {
            nominationIds: [...category.winners.nominationIds],
            overrideReason: category.winners.overrideReason,
            confirmedBy: category.winners.confirmedBy,
            confirmedAt: category.winners.confirmedAt.toISOString(),
            revealedAt: category.winners.revealedAt?.toISOString() ?? null,
          },
  };
}

export function presentProgramme(programme: AwardProgrammeRecord, context: ProgrammeContext): AwardProgrammePublic {
  return {
    id: programme.id,
    organisationId: programme.organisationId,
    organisationName: context.organisationName,
    name: programme.name,
    year: programme.year,
    juryWeight: programme.juryWeight,
    audienceWeight: 100 - programme.juryWeight,
    categories: programme.categories.map((c) => presentCategory(c, context)),
    canManage: context.canManage,
    createdAt: programme.createdAt.toISOString(),
  };
}

export function presentNomination(nomination: NominationRecord, names: ReadonlyMap<string, string>): NominationPublic {
  return {
    id: nomination.id,
    categoryId: nomination.categoryId,
    nominee: { kind: nomination.nomineeKind, refId: nomination.nomineeRefId, name: nomination.nomineeName },
    citation: nomination.citation,
    status: nomination.status,
    nominatedBy: { id: nomination.nominatedBy, name: names.get(nomination.nominatedBy) ?? '?' },
    createdAt: nomination.createdAt.toISOString(),
  };
}
