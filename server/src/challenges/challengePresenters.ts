import { markdownExcerpt, type ChallengePublic, type ChallengeSummary, type DeadlinePublic, type FieldPublic } from '@ideasphere/shared';
import type { ChallengeRecord, FieldRecord } from '../store/ChallengeStore.js';
import { judgeChallenge, type Viewer } from './challengePolicy.js';

export function presentField(field: FieldRecord): FieldPublic {
  return { id: field.id, nameZh: field.nameZh, nameEn: field.nameEn, archived: field.archived, createdAt: field.createdAt.toISOString() };
}

/** A challenge's page: the invitation list only for its own organisation. */
export function presentChallenge(challenge: ChallengeRecord, viewer: Viewer, names: ReadonlyMap<string, string>, url: string): ChallengePublic {
  const manages = judgeChallenge(viewer, { kind: 'challenge:manage', challenge }) === null;
  return {
    id: challenge.id,
    organisation: { id: challenge.organisationId, name: names.get(challenge.organisationId) ?? '' },
    title: challenge.title,
    problem: challenge.problem,
    background: challenge.background,
    desiredOutcomes: challenge.desiredOutcomes,
    constraints: challenge.constraints,
    reward: challenge.reward,
    ipTerms: challenge.ipTerms,
    fieldIds: [...challenge.fieldIds],
    deadline: presentDeadline(challenge),
    visibility: challenge.visibility,
    invitedOrganisations: manages ? challenge.invitedOrganisationIds.map((id) => ({ id, name: names.get(id) ?? '' })) : [],
    criteria: challenge.criteria.map((c) => ({ name: c.name, weight: c.weight })),
    status: challenge.status,
    createdAt: challenge.createdAt.toISOString(),
    updatedAt: challenge.updatedAt.toISOString(),
    publishedAt: challenge.publishedAt?.toISOString() ?? null,
    canManage: manages,
    url,
  };
}

export function presentChallengeSummary(challenge: ChallengeRecord, names: ReadonlyMap<string, string>): ChallengeSummary {
  return {
    id: challenge.id,
    organisation: { id: challenge.organisationId, name: names.get(challenge.organisationId) ?? '' },
    title: challenge.title,
    excerpt: markdownExcerpt(challenge.problem, CHALLENGE_EXCERPT_CHARS),
    fieldIds: [...challenge.fieldIds],
    deadline: presentDeadline(challenge),
    visibility: challenge.visibility,
    status: challenge.status,
    createdAt: challenge.createdAt.toISOString(),
  };
}

/** Characters of a problem statement a catalogue card shows. */
const CHALLENGE_EXCERPT_CHARS = 180;

function presentDeadline(challenge: ChallengeRecord): DeadlinePublic {
  return { at: challenge.deadline.at.toISOString(), timeZone: challenge.deadline.timeZone };
}
