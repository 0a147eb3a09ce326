/**
 * What ties the live event to the platform: the live sessions an account runs, and the
 * participants (phones, no account) whose ideas an account later kept. Types and limits only,
 * so the platform page imports them without the schemas. docs/protocol.md ("Accounts and live
 * sessions") describes the routes.
 */
import type { Phase } from '../boardModel.js';
import type { Language } from '../languages.js';

/** Live sessions one account may create from the platform (each list is read whole). */
export const LIVE_SESSIONS_PER_ACCOUNT_MAX = 200;
/** Participants one account may keep (claim); each is one session's phone identity. */
export const CLAIMS_PER_ACCOUNT_MAX = 200;
/** Ideas listed per kept participant on the account page (the newest; the session has the rest). */
export const CLAIM_IDEAS_SHOWN_MAX = 20;
/** Accounts one address may create per SIGNUP_WINDOW_SECONDS. */
export const SIGNUPS_PER_IP = 10;
export const SIGNUP_WINDOW_SECONDS = 60 * 60;

/** `GET /api/account/live-sessions`: one session this account created. Never a secret. */
export interface LiveSessionSummary {
  code: string;
  title: string;
  language: Language;
  phase: Phase;
  participants: number;
  ideas: number;
  createdAt: string;
  joinUrl: string;
  /** The challenge it runs for, when it was created for one (and the challenge still exists). */
  challenge: { id: string; title: string } | null;
}

/** One idea of a kept participant, as the account page lists it. */
export interface KeptIdea {
  id: string;
  title: string;
  createdAt: string;
  /** Shown on the account's profile (see publicationModel.ts); false until the account says so. */
  shown: boolean;
}

/** `GET /api/account/claims`: one kept participant, with what they wrote. */
export interface KeptParticipation {
  code: string;
  sessionTitle: string;
  participantName: string;
  joinedAt: string;
  claimedAt: string;
  ideaCount: number;
  /** The newest ideas, at most CLAIM_IDEAS_SHOWN_MAX. */
  ideas: KeptIdea[];
  /** Proposals this participant started. */
  proposals: { id: string; title: string; shown: boolean }[];
}
