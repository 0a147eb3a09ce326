/**
 * Profiles: how people, teams and organisations present themselves as sources of ideas — fields of the
 * platform taxonomy, skills, keywords, a short bio — so challenges can find them across fields.
 * Types and limits only (the platform page imports them without the schemas).
 */

/** A team is a challenge response's team: its profile's id is the response's id. */
export const PROFILE_KINDS = ['person', 'organisation', 'team'] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];

/** Who may see a profile: anyone (also search and matching for everyone), or signed-in accounts. */
export const PROFILE_VISIBILITIES = ['public', 'platform'] as const;
export type ProfileVisibility = (typeof PROFILE_VISIBILITIES)[number];

export const PROFILE_HEADLINE_MAX_CHARS = 120;
export const PROFILE_BIO_MAX_CHARS = 1_000;
/** Taxonomy fields one profile may name. */
export const PROFILE_FIELDS_MAX = 8;
/** Skills and keywords: each list at most this long, each entry at most PROFILE_TAG_MAX_CHARS. */
export const PROFILE_TAGS_MAX = 20;
export const PROFILE_TAG_MAX_CHARS = 40;
/** Profiles per page of the directory. */
export const PROFILE_PAGE_SIZE = 50;

/**
 * What a team's profile adds: its members and the challenge it answers, each only as far as the
 * viewer may see them (a member's person profile, the challenge itself). The response is never
 * linked: it is its team's and, once submitted, the challenge's organisation's.
 */
export interface TeamProfileFacts {
  /** Members whose person profile the viewer may see (the id is that profile's), owner first. */
  members: { id: string; name: string }[];
  /** Members left out because the viewer may not see their person profile. */
  otherMembers: number;
  /** The challenge the team answers, when the viewer may see it. */
  challenge: { id: string; title: string } | null;
  /** The team withdrew its submission: only its members see the profile until it submits again. */
  withdrawn: boolean;
}

export interface ProfilePublic {
  kind: ProfileKind;
  /** The account's, the organisation's or the team's (its response's) id. */
  id: string;
  /** The account's, organisation's or team's name (kept in step with it). */
  name: string;
  headline: string;
  bio: string;
  /** Field ids of the platform taxonomy. */
  fields: string[];
  skills: string[];
  keywords: string[];
  visibility: ProfileVisibility;
  updatedAt: string;
  /** Whether the caller may change it. */
  editable: boolean;
  /** A team's members and challenge; null for people and organisations. */
  team: TeamProfileFacts | null;
}
