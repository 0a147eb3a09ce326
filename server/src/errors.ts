import { type ApiError, type ErrorCode, REFUSAL_REASONS, type RefusalReason, issuesToFields, reasonOfIssues } from '@ideasphere/shared';
import type { ZodError } from 'zod';
import type { Log } from './logger.js';

/**
 * An error meant for the client: a stable reason (and the code that reason belongs to) and a
 * plain English message for logs and API users; the UI shows its own text for the reason.
 * Anything else thrown in a handler is logged and answered as `internal`, so no stack or store
 * detail ever leaks.
 */
export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(
    readonly reason: RefusalReason,
    message: string,
    readonly fields?: Record<string, string>,
    /** Seconds until the same request may succeed; also sent as `Retry-After`. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
    this.code = REFUSAL_REASONS[reason];
  }

  toApiError(): ApiError {
    return {
      code: this.code,
      reason: this.reason,
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: this.retryAfterSeconds }),
    };
  }
}

/** Every refusal the server makes, one factory per reason (or per wording of one). */
export const errors = {
  invalid: (what: string, zodError: ZodError) => new AppError(reasonOfIssues(zodError), `Invalid ${what}.`, issuesToFields(zodError)),
  unknownEvent: (event: string) => new AppError('unknown_event', `Unknown event "${event}".`),
  invalidJson: () => new AppError('invalid_json', 'The body is not valid JSON.'),
  requestAborted: () => new AppError('request_aborted', 'The request was aborted.'),
  malformedRequest: () => new AppError('malformed_request', 'The request could not be understood.'),
  photoEmpty: () => new AppError('photo_empty', 'The photo is empty.'),
  photoDimensions: (min: number, max: number) => new AppError('photo_dimensions', `The photo must be between ${min} and ${max} pixels on each side.`),
  voteBudgetExceeded: (budget: number) => new AppError('vote_budget_exceeded', `You have ${budget} votes in all; take one back first.`),
  votesPerIdeaExceeded: (max: number) => new AppError('votes_per_idea_exceeded', `At most ${max} votes may go to one idea.`),
  maxVotesAboveBudget: () => new AppError('max_votes_above_budget', 'The most votes per idea cannot be larger than the vote budget.'),
  venueLimit: (max: number) => new AppError('venue_limit', `A session has at most ${max} venues.`),
  unknownVenue: () => new AppError('unknown_venue', "That venue is not one of this session's venues.", { venueId: 'is not a venue of this session' }),
  unknownCategory: () => new AppError('unknown_category', "That theme is not one of this session's themes.", { category: 'is not a theme of this session' }),
  clusterLimit: (max: number) => new AppError('cluster_limit', `A board has at most ${max} clusters.`),
  hiddenWordLimit: (max: number) => new AppError('hidden_word_limit', `At most ${max} words may be hidden from the word cloud.`),
  noIdeasChosen: () => new AppError('no_ideas_chosen', 'Choose at least one idea.'),
  commentAnchorInvalid: (fields: Record<string, string>) => new AppError('comment_anchor_invalid', 'The comment’s anchor is not a position in the document.', fields),
  sectionNotInProposal: () =>
    new AppError('section_not_in_proposal', 'That section is not part of this proposal.', { 'anchor.section': 'is not a section of this proposal' }),
  versionDamaged: () => new AppError('version_damaged', 'This version is damaged and cannot be read.'),

  consentRequired: () =>
    new AppError('photo_consent_required', "Showing a photo on the big screen needs the participant's consent (?consent=yes)."),

  missingToken: () => new AppError('token_missing', 'A token is required.'),
  badToken: () => new AppError('token_invalid', 'This token is not valid for this session.'),
  adminTokenRequired: () => new AppError('admin_token_required', 'Creating sessions requires the admin token.'),
  inviteInvalid: () => new AppError('invite_invalid', 'This invite link is not valid (it may have been replaced).'),

  forbidden: (action: string) => new AppError('role_forbidden', `Your role may not ${action}.`),
  roleMayNotSend: (event: string) => new AppError('role_forbidden', `Your role may not send "${event}".`),
  phaseClosed: (what: string) => new AppError('phase_closed', `${what} is not open in this phase.`),
  ownIdeaVote: () => new AppError('own_idea_vote', 'Participants may not vote for their own ideas in this session.'),
  boardFull: (max: number) => new AppError('board_full', `This board has reached its limit of ${max} ideas.`),
  joiningClosed: () => new AppError('joining_closed', 'The facilitator has closed joining for this session.'),
  removedFromSession: () => new AppError('removed_from_session', 'The facilitator removed you from this session.'),
  proposalsClosed: () => new AppError('proposals_closed', 'Participants may not start proposals in this session.'),
  notOnYourself: (action: string) => new AppError('not_on_yourself', `You may not ${action} yourself.`),
  proposalMembersFull: (max: number) => new AppError('proposal_members_full', `This proposal has reached its limit of ${max} members.`),
  proposalCommentsFull: (max: number) => new AppError('proposal_comments_full', `This proposal has reached its limit of ${max} comments.`),
  commentRepliesFull: (max: number) => new AppError('comment_replies_full', `This comment has reached its limit of ${max} replies.`),
  proposalVersionsFull: (max: number) => new AppError('proposal_versions_full', `This proposal has reached its limit of ${max} saved versions.`),

  sessionNotFound: () => new AppError('session_not_found', 'No session has this join code.'),
  participantNotFound: () => new AppError('participant_not_found', 'No such participant in this session.'),
  photoNotFound: () => new AppError('photo_not_found', 'No photo.'),
  ideaNotFound: () => new AppError('idea_not_found', 'No such idea on this board.'),
  mergeTargetNotVisible: () => new AppError('merge_target_not_visible', 'Ideas can only be merged into an idea shown on the board (not hidden, held or pending).'),
  questionNotFound: () => new AppError('question_not_found', 'No such question in this Q&A.'),
  trackNotFound: () => new AppError('track_not_found', 'No such Q&A track in this session.'),
  questionNotVisible: () => new AppError('question_not_visible', 'Only a question shown to everyone can be highlighted or merged into.'),
  qaClosed: () => new AppError('qa_closed', 'Questions are closed in this session.'),
  qaFull: (max: number) => new AppError('qa_full', `This Q&A has reached its limit of ${max} questions.`),
  anonymousQuestionsOff: () => new AppError('anonymous_questions_off', 'This session does not take anonymous questions.'),
  trackLimit: (max: number) => new AppError('track_limit', `A session has at most ${max} Q&A tracks.`),
  pollNotFound: () => new AppError('poll_not_found', 'No such poll in this session.'),
  pollNotOpen: () => new AppError('poll_not_open', 'This poll is not taking answers.'),
  pollDeadlinePassed: () => new AppError('poll_deadline_passed', 'The answer arrived after the countdown ended.'),
  pollNotEditable: () => new AppError('poll_not_editable', 'Only a poll not yet launched can be edited, and a live poll cannot be deleted.'),
  pollsFull: (max: number) => new AppError('polls_full', `A session has at most ${max} polls.`),
  templatesFull: (max: number) => new AppError('templates_full', `An account keeps at most ${max} session templates.`),
  templateNotFound: () => new AppError('template_not_found', 'No such session template of yours.'),
  pollAnswerInvalid: () => new AppError('poll_answer_invalid', 'This answer does not fit the poll.', { answer: 'does not fit this poll' }),
  pollOrderInvalid: () => new AppError('poll_order_invalid', 'The order must list every poll of the session once.', { pollIds: 'must list every poll once' }),
  clusterNotFound: () => new AppError('cluster_not_found', 'No such cluster on this board.'),
  venueNotFound: () => new AppError('venue_not_found', 'No such venue in this session.', { venueId: 'is not a venue of this session' }),
  proposalNotFound: () => new AppError('proposal_not_found', 'Proposal not found.'),
  memberNotFound: () => new AppError('member_not_found', 'No such member of this proposal.'),
  commentNotFound: () => new AppError('comment_not_found', 'No such comment on this proposal.'),
  versionNotFound: () => new AppError('version_not_found', 'No such version of this proposal.'),
  routeNotFound: (what = 'API route') => new AppError('route_not_found', `${what} not found.`),

  venueNameTaken: () => new AppError('venue_name_taken', 'Another venue already has this name.', { name: 'is taken by another venue' }),
  tooLarge: (limitBytes: number) => new AppError('too_large', `The body exceeds ${limitBytes} bytes.`),
  unsupportedMedia: (allowed: readonly string[]) => new AppError('unsupported_type', `Expected one of: ${allowed.join(', ')}.`),
  notAnImage: (mime?: string) => new AppError('not_an_image', mime ? `The file is not a ${mime} image.` : 'The file is not a readable image.'),
  protocolMismatch: (expected: number) =>
    new AppError('protocol_mismatch', `This server speaks protocol version ${expected}; reload the page.`),
  rateLimited: (retryAfterSeconds?: number) =>
    new AppError('rate_limited', 'Too many requests; slow down and retry shortly.', undefined, retryAfterSeconds),
  internal: () => new AppError('internal', 'Internal error.'),
  unavailable: () => new AppError('unavailable', 'The server is shutting down or its store is unreachable.'),

  // Accounts and organisations
  signInRequired: () => new AppError('sign_in_required', 'Sign in first (no session, or it has ended).'),
  credentialsInvalid: () => new AppError('credentials_invalid', 'The email or password is not right.'),
  linkInvalid: () => new AppError('link_invalid', 'This link is not valid: it was used, replaced, revoked or has expired.'),
  csrfFailed: () => new AppError('csrf_failed', 'This change lacks the CSRF token of the signed-in page, or came from another site.'),
  accountDeactivated: () => new AppError('account_deactivated', 'This account has been deactivated.'),
  lastPlatformAdmin: () => new AppError('last_platform_admin', 'The platform must keep at least one active platform admin.'),
  organisationsFull: (max: number) => new AppError('organisations_full', `The platform has reached its limit of ${max} organisations.`),
  organisationMembersFull: (max: number) => new AppError('organisation_members_full', `This organisation has reached its limit of ${max} members.`),
  invitesFull: (max: number) => new AppError('invites_full', `There are already ${max} open invites.`),
  organisationParentInvalid: () =>
    new AppError('organisation_parent_invalid', 'The parent organisation does not exist.', { parentId: 'is not an organisation' }),
  accountNotFound: () => new AppError('account_not_found', 'No such account.'),
  organisationNotFound: () => new AppError('organisation_not_found', 'No such organisation.'),
  inviteNotFound: () => new AppError('invite_not_found', 'No such open invite.'),
  orgMemberNotFound: () => new AppError('org_member_not_found', 'No such member of this organisation.'),
  profileNotFound: () => new AppError('profile_not_found', 'No such profile, or it is not visible to you.'),
  signupClosed: () => new AppError('signup_closed', 'Accounts on this platform are made by invitation.'),
  liveSessionNotFound: () => new AppError('live_session_not_found', 'No such live session of this account.'),
  liveSessionsFull: (max: number) => new AppError('live_sessions_full', `This account has reached its limit of ${max} live sessions.`),
  claimsFull: (max: number) => new AppError('claims_full', `This account has reached its limit of ${max} kept sessions.`),
  publicationsFull: (max: number) => new AppError('publications_full', `This profile already shows ${max} ideas and proposals.`),
  keptItemNotFound: () => new AppError('kept_item_not_found', 'No such idea or proposal kept by this account, or it is no longer on its board.'),
  participantClaimed: () => new AppError('participant_claimed', 'Another account has already kept this participant’s ideas.'),
  emailTaken: () => new AppError('email_taken', 'An account with this email already exists.', { email: 'has an account already' }),
  // Agreements
  agreementNotFound: () => new AppError('agreement_not_found', 'No such agreement, or it is not yours to see.'),
  agreementSignerUnknown: (index: number) =>
    new AppError('agreement_signer_unknown', 'No account has this email.', { [`signers.${index}.email`]: 'has no account' }),
  signatureImageInvalid: (detail: string) => new AppError('signature_image_invalid', `The drawn signature is not usable: ${detail}.`, { 'signature.png': detail }),
  notYourTurn: () => new AppError('not_your_turn', 'Signers sign in order; it is not your turn yet.'),
  agreementNotSigner: () => new AppError('agreement_not_signer', 'You are not a signer of this agreement.'),
  agreementNotEditable: () => new AppError('agreement_not_editable', 'Only a draft may be changed or sent; void it and send a corrected version.'),
  agreementNotOpen: () => new AppError('agreement_not_open', 'This agreement is not open for signing.'),
  agreementDocumentChanged: () =>
    new AppError('agreement_document_changed', 'The document you saw is not the one sent (its SHA-256 differs).', { documentSha256: 'is not the sent document' }),
  agreementAlreadySigned: () => new AppError('agreement_already_signed', 'You have already signed or declined this agreement.'),
  agreementNotVoidable: () => new AppError('agreement_not_voidable', 'Only a draft or a sent agreement may be voided.'),
  agreementNotCompleted: () => new AppError('agreement_not_completed', 'The sealed document exists once every signer has signed.'),
  loginLocked: (retryAfterSeconds: number) =>
    new AppError('login_locked', `Too many failed sign-ins for this email; try again in ${retryAfterSeconds} s.`, undefined, retryAfterSeconds),

  // Challenges
  fieldsFull: (max: number) => new AppError('fields_full', `The taxonomy has reached its limit of ${max} fields.`),
  fieldNotFound: () => new AppError('field_not_found', 'No such field.'),
  challengeNotFound: () => new AppError('challenge_not_found', 'No such challenge.'),
  unknownField: () => new AppError('unknown_field', 'A field does not exist or is archived.', { fieldIds: 'names a field that does not exist or is archived' }),
  unknownOrganisation: () =>
    new AppError('unknown_organisation', 'An invited organisation does not exist.', { invitedOrganisationIds: 'names an organisation that does not exist' }),
  challengeTransitionInvalid: (from: string, to: string) => new AppError('challenge_transition_invalid', `A challenge cannot go from ${from} to ${to}.`),
  challengeNotEditable: (status: string, fields: readonly string[]) =>
    new AppError(
      'challenge_not_editable',
      `These cannot change while the challenge is ${status}: ${fields.join(', ')}.`,
      Object.fromEntries(fields.map((field) => [field, `cannot change while ${status}`])),
    ),
  challengeDeadlinePassed: () => new AppError('challenge_deadline_passed', 'The deadline has passed.', { deadline: 'is not in the future' }),
  responseNotFound: () => new AppError('response_not_found', 'No such response.'),
  notOnTeam: () => new AppError('not_on_team', "Only the team's members may change its profile."),
  responseTeamFull: (max: number) => new AppError('response_team_full', `A team has at most ${max} members.`),
  responseSubmissionsFull: (max: number) => new AppError('response_submissions_full', `A response may be submitted at most ${max} times.`),
  responseNotSubmitted: () => new AppError('response_not_submitted', 'This response is not submitted.'),
  responseAlreadyOnTeam: () => new AppError('response_already_on_team', 'That account is already on the team.'),
  pipelineItemNotFound: () => new AppError('pipeline_item_not_found', 'No such pipeline item.'),
  pipelineReasonRequired: () => new AppError('pipeline_reason_required', 'A move back needs a reason.', { reason: 'is required when moving back' }),
  pipelineStageUnchanged: () => new AppError('pipeline_stage_unchanged', 'The item is already in that stage.'),
  gateDecisionRequired: () => new AppError('gate_decision_required', 'The stage needs a decision to advance first.'),
  gateAgreementRequired: () => new AppError('gate_agreement_required', 'The stage needs a completed agreement first.'),
  pipelineItemTaken: () => new AppError('pipeline_item_taken', 'Another organisation follows this already.'),
  pipelineNotIncubating: () => new AppError('pipeline_not_incubating', 'Milestones belong to items in incubation.'),
  milestoneNotFound: () => new AppError('milestone_not_found', 'No such milestone.'),
  milestonesFull: (max: number) => new AppError('milestones_full', `An item has at most ${max} milestones.`),
  milestoneOwnerInvalid: () => new AppError('milestone_owner_invalid', "The owner must be a member of the item's organisation.", { ownerAccountId: 'is not a member of the organisation' }),
  teamMemberNotFound: () => new AppError('team_member_not_found', 'That account is not on this team.'),
  responseNotDecided: () => new AppError('response_not_decided', 'Agreements are made from submitted responses of challenges in review or decided.'),
  teamOwnerCannotLeave: () => new AppError('team_owner_cannot_leave', "The team's owner stays on the team."),
  challengeNotOpen: () => new AppError('challenge_not_open', 'Questions are taken only while the challenge is open.'),
  questionsFull: (max: number) => new AppError('questions_full', `This challenge has reached its limit of ${max} questions.`),
  challengeQuestionNotFound: () => new AppError('challenge_question_not_found', 'No such question.'),
  questionsRateLimited: (max: number, retryAfterSeconds: number) =>
    new AppError('questions_rate_limited', `At most ${max} questions an hour; try again in ${retryAfterSeconds} s.`, undefined, retryAfterSeconds),
  // Review
  reviewRoundNotFound: () => new AppError('review_round_not_found', 'No such review round.'),
  reviewSubjectNotFound: () => new AppError('review_subject_not_found', 'That submission is not part of this review.', { subjectId: 'is not a submission of this review' }),
  reviewNotAssigned: () => new AppError('review_not_assigned', 'This submission is not assigned to you.'),
  reviewRoundsFull: (max: number) => new AppError('review_rounds_full', `At most ${max} review rounds.`),
  reviewReviewersFull: (max: number) => new AppError('review_reviewers_full', `A round has at most ${max} reviewers.`),
  reviewRoundPastDue: (dueAt: Date) => new AppError('review_round_past_due', `The round was due at ${dueAt.toISOString()}; scorecards are closed unless its owner extends the due date.`, { dueAt: dueAt.toISOString() }),
  reviewRoundNotOpen: () => new AppError('review_round_not_open', 'The review round is not open.'),
  reviewRoundNotEditable: (fields: readonly string[]) =>
    new AppError('review_round_not_editable', `These change only while the round is a draft: ${fields.join(', ')}.`, Object.fromEntries(fields.map((f) => [f, 'changes only in a draft']))),
  reviewTransitionInvalid: (from: string, to: string) => new AppError('review_transition_invalid', `A round cannot go from ${from} to ${to}.`),
  reviewReviewerIneligible: (why: string) => new AppError('review_reviewer_ineligible', `That reviewer may not review this submission: ${why}.`, { reviewerId: why }),
  reviewScoresIncomplete: (missing: readonly string[]) =>
    new AppError('review_scores_incomplete', 'Score every criterion before submitting.', Object.fromEntries(missing.map((id) => [`scores.${id}`, 'is not scored']))),
  reviewScoreOutOfScale: (min: number, max: number) => new AppError('review_score_out_of_scale', `Scores go from ${min} to ${max}.`, { scores: `outside ${min}–${max}` }),
  deadlineNotLater: () => new AppError('deadline_not_later', 'The new deadline must be later than the current one.', { deadline: 'is not later than the current deadline' }),
  // Awards
  awardProgrammeNotFound: () => new AppError('award_programme_not_found', 'No such award programme.'),
  awardCategoryNotFound: () => new AppError('award_category_not_found', 'No such award category.', { categoryId: 'is not a category of this programme' }),
  nominationNotFound: () => new AppError('nomination_not_found', 'No such nomination.'),
  nomineeUnknown: () => new AppError('nominee_unknown', 'No such account, team or proposal.', { nominee: 'does not exist' }),
  nomineeNotEligible: (why: string) => new AppError('nominee_not_eligible', `That nominee may not be nominated in this programme: ${why}.`, { nominee: why }),
  awardProgrammesFull: (max: number) => new AppError('award_programmes_full', `An organisation keeps at most ${max} award programmes.`),
  awardCategoriesFull: (max: number) => new AppError('award_categories_full', `A programme has at most ${max} categories.`),
  awardNominationsFull: (max: number) => new AppError('award_nominations_full', `A programme holds at most ${max} nominations.`),
  nominationAlreadyDecided: () => new AppError('nomination_already_decided', 'This nomination has already been decided.'),
  awardSessionRequired: () => new AppError('award_session_required', 'The category is not linked to a live session.'),
  awardNoAcceptedNominations: () => new AppError('award_no_accepted_nominations', 'The category has no accepted nominations.'),
  audienceVoteStateInvalid: (why: string) => new AppError('audience_vote_state_invalid', `The audience vote ${why}.`),
  awardOverrideReasonRequired: () =>
    new AppError('award_override_reason_required', 'The winners differ from the ranking: a reason is required.', { overrideReason: 'is required when overriding the ranking' }),
  awardWinnerNotEligible: () =>
    new AppError('award_winner_not_eligible', 'Winners must be accepted nominations of the category, at most its number of winners.', { nominationIds: 'names a nomination that may not win here' }),
  awardWinnersRevealed: () => new AppError('award_winners_revealed', 'The winners have been revealed.'),
  awardRevealNotNext: () => new AppError('award_reveal_not_next', 'That category is not the next to reveal.'),
} as const;

/** Converts anything thrown into an ApiError, logging what is not an AppError. */
export function toApiError(error: unknown, log: Log): ApiError {
  if (error instanceof AppError) return error.toApiError();
  log.error({ err: error }, 'internal error');
  return errors.internal().toApiError();
}
