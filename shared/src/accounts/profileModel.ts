/**
 * Profiles: how people and organisations present themselves as sources of ideas — fields of the
 * platform taxonomy, skills, keywords, a short bio — so challenges can find them across fields.
 * Types and limits only (the platform page imports them without the schemas).
 */

export const PROFILE_KINDS = ['person', 'organisation'] as const;
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

export interface ProfilePublic {
  kind: ProfileKind;
  /** The account's or the organisation's id. */
  id: string;
  /** The account's or organisation's name (kept in step with it). */
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
}
