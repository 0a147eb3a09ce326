/**
 * Challenges (demand docking): the model both sides share — types, constants and pure rules,
 * no zod, so the platform page imports it without the schemas. docs/protocol.md
 * ("Challenges") describes every route.
 */

/** A field of the platform-wide taxonomy a challenge is filed under (智能制造, New materials…). */
export interface FieldPublic {
  id: string;
  nameZh: string;
  nameEn: string;
  /** An archived field keeps its challenges but is offered for no new one. */
  archived: boolean;
  createdAt: string;
}

/**
 * A challenge's life: a draft only its organisation sees; open for questions (and later
 * responses) until closed; reviewed; decided. The server allows only these steps
 * (`CHALLENGE_TRANSITIONS`), and only for the owner organisation's members.
 */
export const CHALLENGE_STATUSES = ['draft', 'open', 'closed', 'in_review', 'decided'] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];

/** The legal steps of the lifecycle; a closed challenge reopens only by a later deadline. */
export const CHALLENGE_TRANSITIONS: Readonly<Record<ChallengeStatus, readonly ChallengeStatus[]>> = {
  draft: ['open'],
  open: ['closed'],
  closed: ['in_review'],
  in_review: ['decided'],
  decided: [],
};

/**
 * Who sees a challenge besides its own organisation: everyone (anonymous visitors too),
 * every signed-in account, or the members of the organisations it invites.
 */
export const CHALLENGE_VISIBILITIES = ['public', 'platform', 'invited'] as const;
export type ChallengeVisibility = (typeof CHALLENGE_VISIBILITIES)[number];

/**
 * What may change while a challenge is open: clarifications in its background. Everything
 * else (title, problem, fields, criteria, terms, visibility) is fixed once published, so a
 * solver's work is judged by the terms it started under; the deadline moves only later
 * (`POST …/deadline`). A draft changes freely; closed and later challenges not at all.
 */
export const OPEN_EDITABLE_FIELDS = ['background'] as const;

/** The catalogue's deadline filter: still open, closing within CHALLENGE_CLOSING_SOON_MS, or past. */
export const DEADLINE_FILTERS = ['open', 'closing_soon', 'past'] as const;
export type DeadlineFilter = (typeof DEADLINE_FILTERS)[number];

export const CHALLENGE_SORTS = ['deadline', 'newest'] as const;
export type ChallengeSort = (typeof CHALLENGE_SORTS)[number];

/** A deadline: the instant, and the IANA zone it was set in (and is shown in). */
export interface DeadlinePublic {
  at: string;
  timeZone: string;
}

export interface CriterionPublic {
  name: string;
  /** An integer; a challenge's weights add up to exactly 100. */
  weight: number;
}

export interface OrganisationRef {
  id: string;
  name: string;
}

/** A challenge as its page shows it. */
export interface ChallengePublic {
  id: string;
  organisation: OrganisationRef;
  title: string;
  /** Markdown (the subset of `markdown.ts`), as are the other long texts. */
  problem: string;
  background: string;
  desiredOutcomes: string;
  constraints: string;
  reward: string;
  ipTerms: string;
  fieldIds: string[];
  deadline: DeadlinePublic;
  visibility: ChallengeVisibility;
  /** The invited organisations; shown only to the owner organisation (empty for everyone else). */
  invitedOrganisations: OrganisationRef[];
  criteria: CriterionPublic[];
  status: ChallengeStatus;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  /** Whether the viewer belongs to the owner organisation (may edit, move and answer). */
  canManage: boolean;
  /** The page's address, which the QR code holds. */
  url: string;
}

/** A challenge in the catalogue. */
export interface ChallengeSummary {
  id: string;
  organisation: OrganisationRef;
  title: string;
  /** The problem statement's first words, without Markdown. */
  excerpt: string;
  fieldIds: string[];
  deadline: DeadlinePublic;
  visibility: ChallengeVisibility;
  status: ChallengeStatus;
  createdAt: string;
}

/** `GET /api/challenges`: one page of what the viewer may see, and how many match in all. */
export interface ChallengeList {
  items: ChallengeSummary[];
  total: number;
  offset: number;
  limit: number;
}
