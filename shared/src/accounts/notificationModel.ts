/**
 * The in-app notification centre: what an account is told, and the limits that keep it bounded.
 * Texts are the client's (`platform.notify.<kind>` with the params); the server stores only the
 * kind, its params and where it leads. docs/protocol.md ("Notifications") has the routes.
 */

/** What happened. Each kind has a text per language with the params below. */
export const NOTIFICATION_KINDS = [
  /** params: challenge, question — the owner answered your question (publicly or to you). */
  'question_answered',
  /** params: challenge, team — you were invited to a response team. */
  'team_invite',
  /** params: challenge, team — a response to your organisation's challenge was submitted. */
  'submission_received',
  /** params: challenge, deadline (ISO) — a challenge you respond to closes within 48 hours. */
  'deadline_soon',
  /** params: challenge, team — the team's owner took you off the team. */
  'team_removed',
  /** params: challenge, team, name — a member left your team. */
  'team_member_left',
  /** params: title, sender — an agreement waits for your signature (it is your turn). */
  'agreement_to_sign',
  /** params: title — everyone signed; the sealed PDF can be downloaded. */
  'agreement_completed',
  /** params: title, name — a signer declined the agreement. */
  'agreement_declined',
  /** params: title — the sender voided an agreement you were asked to sign. */
  'agreement_voided',
  /** params: item, milestone, due (YYYY-MM-DD) — you own a milestone of a pipeline item in incubation. */
  'milestone_assigned',
  /** params: round, scope — you were assigned submissions to review. */
  'review_assigned',
  /** params: team, scope — the owner decided on your submission (feedback on the response page). */
  'review_decided',
  /** params: programme, nominee — the programme's owner accepted your nomination. */
  'nomination_accepted',
  /** params: programme, nominee — the programme's owner did not accept your nomination. */
  'nomination_rejected',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Notifications kept per account: adding one more drops the oldest. */
export const NOTIFICATIONS_KEPT_PER_ACCOUNT = 500;
/** Notifications per page of the centre. */
export const NOTIFICATION_PAGE_SIZE = 30;
/** Ids one "mark as read" request may name. */
export const NOTIFICATION_READ_IDS_MAX = 100;
/** How often an open platform page asks for the unread count. */
export const NOTIFICATION_POLL_MS = 60_000;

export interface NotificationPublic {
  id: string;
  kind: NotificationKind;
  /** The kind's text parameters (titles, names, times), already limited in size. */
  params: Record<string, string>;
  /** Where it leads: a path of the platform (`/platform/…`). */
  link: string;
  createdAt: string;
  readAt: string | null;
}

/** `GET /api/account/notifications` */
export interface NotificationPage {
  notifications: NotificationPublic[];
  unread: number;
  /** Pass as `before` for the next (older) page; null on the last. */
  next: string | null;
}
