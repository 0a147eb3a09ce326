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
