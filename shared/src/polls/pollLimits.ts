/** Limits of live polls, used by the server's checks and the clients' form hints. */

/** Polls one session may hold (prepared, live and closed). */
export const POLLS_PER_SESSION_MAX = 50;
/** Options of a choice, ranking or quiz poll. */
export const POLL_OPTIONS_MIN = 2;
export const POLL_OPTIONS_MAX = 10;
export const POLL_QUESTION_MAX_CHARS = 200;
export const POLL_OPTION_MAX_CHARS = 80;
/** An open-text (word cloud) answer. */
export const POLL_WORDS_MAX_CHARS = 60;
/** Rating scales run from 1 to 3…10. */
export const POLL_SCALE_MIN = 3;
export const POLL_SCALE_MAX = 10;
/** A quiz question's countdown. */
export const QUIZ_DURATION_MIN_SECONDS = 5;
export const QUIZ_DURATION_MAX_SECONDS = 300;
export const QUIZ_DURATION_DEFAULT_SECONDS = 20;
/** Answers (first or changed) one participant may send a minute, over every poll. */
export const POLL_ANSWERS_PER_PARTICIPANT_PER_MINUTE = 30;
/** Places on a quiz leaderboard. */
export const LEADERBOARD_SIZE = 10;
/** Session templates one account may keep. */
export const TEMPLATES_PER_ACCOUNT_MAX = 50;
export const TEMPLATE_NAME_MAX_CHARS = 80;
