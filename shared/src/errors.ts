/** Stable error codes: the only ones a client ever sees. */
export const ERROR_CODES = [
  'bad_request',
  'consent_required',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'protocol_mismatch',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Every refusal's stable reason id, with the code (and so the HTTP status) it belongs to: a
 * closed phase and a full board are both `forbidden`, but a phone must tell its user which.
 * Clients show `reason.<id>` from the i18n catalogs (one text per reason and language); an
 * id they do not know falls back to the code's text. docs/protocol.md lists them.
 */
export const REFUSAL_REASONS = {
  // bad_request
  invalid_input: 'bad_request',
  text_blank: 'bad_request',
  text_too_long: 'bad_request',
  unknown_event: 'bad_request',
  invalid_json: 'bad_request',
  request_aborted: 'bad_request',
  malformed_request: 'bad_request',
  photo_empty: 'bad_request',
  photo_dimensions: 'bad_request',
  vote_budget_exceeded: 'bad_request',
  votes_per_idea_exceeded: 'bad_request',
  max_votes_above_budget: 'bad_request',
  venue_limit: 'bad_request',
  unknown_venue: 'bad_request',
  unknown_category: 'bad_request',
  cluster_limit: 'bad_request',
  track_limit: 'bad_request',
  hidden_word_limit: 'bad_request',
  no_ideas_chosen: 'bad_request',
  comment_anchor_invalid: 'bad_request',
  section_not_in_proposal: 'bad_request',
  version_damaged: 'bad_request',
  organisation_parent_invalid: 'bad_request',
  criteria_weights_invalid: 'bad_request',
  unknown_field: 'bad_request',
  unknown_organisation: 'bad_request',
  deadline_not_later: 'bad_request',
  agreement_signer_unknown: 'bad_request',
  signature_image_invalid: 'bad_request',
  pipeline_reason_required: 'bad_request',
  milestone_owner_invalid: 'bad_request',
  review_scores_incomplete: 'bad_request',
  review_score_out_of_scale: 'bad_request',
  nominee_unknown: 'bad_request',
  award_override_reason_required: 'bad_request',
  award_winner_not_eligible: 'bad_request',
  poll_answer_invalid: 'bad_request',
  poll_order_invalid: 'bad_request',
  // consent_required
  photo_consent_required: 'consent_required',
  // unauthorized
  token_missing: 'unauthorized',
  token_invalid: 'unauthorized',
  admin_token_required: 'unauthorized',
  invite_invalid: 'unauthorized',
  sign_in_required: 'unauthorized',
  credentials_invalid: 'unauthorized',
  link_invalid: 'unauthorized',
  // forbidden
  role_forbidden: 'forbidden',
  phase_closed: 'forbidden',
  own_idea_vote: 'forbidden',
  board_full: 'forbidden',
  qa_closed: 'forbidden',
  qa_full: 'forbidden',
  anonymous_questions_off: 'forbidden',
  joining_closed: 'forbidden',
  removed_from_session: 'forbidden',
  proposals_closed: 'forbidden',
  not_on_yourself: 'forbidden',
  proposal_members_full: 'forbidden',
  proposal_comments_full: 'forbidden',
  comment_replies_full: 'forbidden',
  proposal_versions_full: 'forbidden',
  csrf_failed: 'forbidden',
  account_deactivated: 'forbidden',
  last_platform_admin: 'forbidden',
  organisations_full: 'forbidden',
  organisation_members_full: 'forbidden',
  invites_full: 'forbidden',
  signup_closed: 'forbidden',
  live_sessions_full: 'forbidden',
  claims_full: 'forbidden',
  publications_full: 'forbidden',
  kept_item_not_found: 'not_found',
  fields_full: 'forbidden',
  challenge_deadline_passed: 'forbidden',
  not_your_turn: 'forbidden',
  agreement_not_signer: 'forbidden',
  response_team_full: 'forbidden',
  not_on_team: 'forbidden',
  response_submissions_full: 'forbidden',
  challenge_not_open: 'forbidden',
  questions_full: 'forbidden',
  milestones_full: 'forbidden',
  review_not_assigned: 'forbidden',
  review_round_past_due: 'forbidden',
  nominee_not_eligible: 'forbidden',
  review_rounds_full: 'forbidden',
  review_reviewers_full: 'forbidden',
  award_programmes_full: 'forbidden',
  award_categories_full: 'forbidden',
  award_nominations_full: 'forbidden',
  polls_full: 'forbidden',
  templates_full: 'forbidden',
  poll_not_open: 'forbidden',
  poll_deadline_passed: 'forbidden',
  // not_found
  session_not_found: 'not_found',
  participant_not_found: 'not_found',
  photo_not_found: 'not_found',
  idea_not_found: 'not_found',
  cluster_not_found: 'not_found',
  question_not_found: 'not_found',
  track_not_found: 'not_found',
  venue_not_found: 'not_found',
  proposal_not_found: 'not_found',
  member_not_found: 'not_found',
  comment_not_found: 'not_found',
  version_not_found: 'not_found',
  route_not_found: 'not_found',
  account_not_found: 'not_found',
  organisation_not_found: 'not_found',
  invite_not_found: 'not_found',
  org_member_not_found: 'not_found',
  live_session_not_found: 'not_found',
  profile_not_found: 'not_found',
  field_not_found: 'not_found',
  challenge_not_found: 'not_found',
  agreement_not_found: 'not_found',
  response_not_found: 'not_found',
  team_member_not_found: 'not_found',
  challenge_question_not_found: 'not_found',
  pipeline_item_not_found: 'not_found',
  milestone_not_found: 'not_found',
  review_round_not_found: 'not_found',
  review_subject_not_found: 'not_found',
  award_programme_not_found: 'not_found',
  award_category_not_found: 'not_found',
  nomination_not_found: 'not_found',
  poll_not_found: 'not_found',
  template_not_found: 'not_found',
  // the rest: one reason per code
  venue_name_taken: 'conflict',
  email_taken: 'conflict',
  participant_claimed: 'conflict',
  merge_target_not_visible: 'conflict',
  challenge_transition_invalid: 'conflict',
  challenge_not_editable: 'conflict',
  agreement_not_editable: 'conflict',
  agreement_not_open: 'conflict',
  agreement_document_changed: 'conflict',
  agreement_already_signed: 'conflict',
  agreement_not_voidable: 'conflict',
  agreement_not_completed: 'conflict',
  response_not_submitted: 'conflict',
  response_already_on_team: 'conflict',
  review_round_not_open: 'conflict',
  review_round_not_editable: 'conflict',
  review_transition_invalid: 'conflict',
  review_reviewer_ineligible: 'conflict',
  team_owner_cannot_leave: 'conflict',
  response_not_decided: 'conflict',
  question_not_visible: 'conflict',
  pipeline_stage_unchanged: 'conflict',
  gate_decision_required: 'conflict',
  gate_agreement_required: 'conflict',
  pipeline_item_taken: 'conflict',
  pipeline_not_incubating: 'conflict',
  nomination_already_decided: 'conflict',
  award_session_required: 'conflict',
  award_no_accepted_nominations: 'conflict',
  audience_vote_state_invalid: 'conflict',
  award_winners_revealed: 'conflict',
  award_reveal_not_next: 'conflict',
  poll_not_editable: 'conflict',
  too_large: 'payload_too_large',
  unsupported_type: 'unsupported_media_type',
  not_an_image: 'unsupported_media_type',
  protocol_mismatch: 'protocol_mismatch',
  rate_limited: 'rate_limited',
  login_locked: 'rate_limited',
  questions_rate_limited: 'rate_limited',
  internal: 'internal',
  unavailable: 'unavailable',
} as const satisfies Record<string, ErrorCode>;

export type RefusalReason = keyof typeof REFUSAL_REASONS;

export function isRefusalReason(value: unknown): value is RefusalReason {
  return typeof value === 'string' && Object.hasOwn(REFUSAL_REASONS, value);
}

/** The error body of every failed HTTP response and socket ack. */
export interface ApiError {
  code: ErrorCode;
  /** Which refusal it was (see REFUSAL_REASONS); the code is the reason's. */
  reason: RefusalReason;
  message: string;
  /** Field-level problems of a rejected payload, path → message. */
  fields?: Record<string, string>;
  /** Seconds until the same request may succeed (a lockout's end); also the `Retry-After` header. */
  retryAfterSeconds?: number;
}

/** A failure as a client sees it: a server refusal, or no answer at all (`network`). */
export type ClientErrorCode = ErrorCode | 'network';

/** What every client-side request returns on failure (HTTP, socket ack, or none at all). */
export interface ClientError {
  code: ClientErrorCode;
  /** Absent for `network`, and from a server that did not say. */
  reason?: RefusalReason;
  message: string;
  fields?: Record<string, string>;
  /** From the server's `retryAfterSeconds`: when a lockout ends. */
  retryAfterSeconds?: number;
}

/** Failures worth trying again later (the same request may then succeed); the rest are final. */
export const RETRYABLE_CODES: ReadonlySet<ClientErrorCode> = new Set<ClientErrorCode>(['network', 'rate_limited', 'unavailable', 'internal']);

/** Every socket ack: success with data, or a known error. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** HTTP status for each error code. */
export const ERROR_HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  consent_required: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  protocol_mismatch: 426,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
