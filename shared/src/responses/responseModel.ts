/** A response's stage: a draft being written, submitted (the owner sees it), or withdrawn. */
export const RESPONSE_STATUSES = ['draft', 'submitted', 'withdrawn'] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

/** Characters of a team's name. */
export const RESPONSE_TEAM_NAME_MAX_CHARS = 80;
/** Accounts on one response team, the owner included. */
export const RESPONSE_TEAM_MAX = 10;
/** Submissions one response keeps (each freezes a named version of the proposal). */
export const RESPONSE_SUBMISSIONS_MAX = 20;

export interface AccountRef {
  id: string;
  name: string;
}

/** One submission: the frozen version of the proposal and the SHA-256 of its Markdown export. */
export interface SubmissionPublic {
  versionId: string;
  /** Lower-case hex SHA-256 of the UTF-8 Markdown export of the frozen version. */
  sha256: string;
  submittedAt: string;
  submittedBy: AccountRef;
}

/** A response as its team (or, once submitted, the challenge's organisation) sees it. */
export interface ResponsePublic {
  id: string;
  challenge: { id: string; title: string; deadline: string; status: string };
  teamName: string;
  owner: AccountRef;
  members: AccountRef[];
  status: ResponseStatus;
  /** Oldest first. */
  submissions: SubmissionPublic[];
  createdAt: string;
  updatedAt: string;
  /** The viewer is on the team: may open the editor, submit and withdraw. */
  onTeam: boolean;
  /** The viewer is the team's owner: may invite. */
  isOwner: boolean;
}

/** A response in a challenge page's lists. */
export interface ResponseSummary {
  id: string;
  teamName: string;
  status: ResponseStatus;
  latest: SubmissionPublic | null;
  updatedAt: string;
}

/** Responses listed on "My responses" (the newest). */
export const MY_RESPONSES_MAX = 100;

/** `GET /api/responses`: one team the viewer is on, with its challenge. */
export interface MyResponse extends ResponseSummary {
  challenge: { id: string; title: string; deadline: string; status: string };
  isOwner: boolean;
}

/** `GET /api/challenges/:id/responses`: the viewer's own teams, and (for the challenge's organisation) what was submitted. */
export interface ChallengeResponses {
  mine: ResponseSummary[];
  /** Null unless the viewer belongs to the challenge's organisation. */
  submissions: ResponseSummary[] | null;
}

/** A frozen submission: the version's Markdown export and its recorded hash. */
export interface FrozenSubmission {
  responseId: string;
  teamName: string;
  submission: SubmissionPublic;
  markdown: string;
}

/** `POST /api/responses/:id/editor-link`: a member token for the proposal editor (the previous one stops working). */
export interface EditorLink {
  proposalId: string;
  /** `/p/<proposalId>#token=<memberToken>` on this server. */
  url: string;
  memberToken: string;
}

/** Ideas one promotion carries into a response. */
export const PROMOTE_IDEAS_MAX = 20;
/** Ideas listed per live session for promotion (the newest). */
export const PROMOTABLE_IDEAS_PER_SESSION_MAX = 200;
/** Live sessions run for one challenge that the promotion list reads (the newest). */
export const CHALLENGE_LIVE_SESSIONS_READ_MAX = 20;

/** An idea of a live session run for a challenge that the viewer may promote into a response. */
export interface PromotableIdea {
  id: string;
  title: string;
  detail: string;
  /** Empty when the session is anonymous. */
  authorNames: string[];
  createdAt: string;
}

/** A live session run for the challenge, with the ideas the viewer may promote from it. */
export interface PromotableSession {
  code: string;
  title: string;
  /** The viewer organised it (and so may promote any of its ideas), rather than kept their own. */
  organiser: boolean;
  ideas: PromotableIdea[];
}

/** `GET /api/challenges/:id/promotable-ideas`: what the viewer may promote, and where to. */
export interface PromotableIdeas {
  /** Sessions with at least one idea for the viewer, newest first. */
  sessions: PromotableSession[];
  /** The viewer's own responses to the challenge that ideas may be added to. */
  responses: ResponseSummary[];
  /** Whether the viewer may start a new response (signed in, not of the challenge's organisation, open). */
  canStart: boolean;
}

/** Teams of an open challenge are reminded (once) when its deadline is this close. */
export const DEADLINE_REMINDER_HOURS = 48;
