/**
 * Every size and rate limit of IdeaSphere, defined once and used by both the server (to
 * enforce) and the client (to guide the user before the server has to refuse).
 */

/** Bumped when a change to the socket protocol is not backwards compatible. */
export const PROTOCOL_VERSION = 1;

/** Join codes: six characters from an alphabet without look-alikes (no 0/O, 1/I/L). */
export const JOIN_CODE_LENGTH = 6;
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * Every `*_MAX_CHARS` counts characters as a person does: grapheme clusters ('é', '汉', '👩‍💻'
 * are one each), measured by `graphemeCount` in text.ts on both sides.
 */
export const SESSION_TITLE_MAX_CHARS = 120;
export const SESSION_DESCRIPTION_MAX_CHARS = 2_000;
export const DISPLAY_NAME_MAX_CHARS = 40;

/**
 * UTF-16 units a text may hold per character allowed, on average. The longest emoji sequence
 * (a kiss with two skin tones) is 15 units and a letter with COMBINING_MARKS_RUN_MAX marks is 9;
 * beyond this, one "character" is an endless chain of joiners or tags, and the text is too long.
 */
export const TEXT_UNITS_PER_CHAR_MAX = 16;
/** Combining marks kept in a row on one letter; longer runs ("Zalgo") are cut to this. */
export const COMBINING_MARKS_RUN_MAX = 8;

/** Tokens are 32 random bytes, base64url: 43 characters. Anything longer is not ours. */
export const TOKEN_MAX_CHARS = 64;

/** Selfies: the phone downscales to PHOTO_TARGET_PX square before upload. */
export const PHOTO_TARGET_PX = 256;
export const PHOTO_MIN_PX = 32;
export const PHOTO_MAX_PX = 1_024;
export const PHOTO_MAX_BYTES = 200 * 1024;
export const PHOTO_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** Largest JSON body the HTTP API reads. */
export const JSON_BODY_MAX_BYTES = 16 * 1024;
/** Largest single Socket.IO message (engine.io maxHttpBufferSize). */
export const SOCKET_MAX_MESSAGE_BYTES = 64 * 1024;

/** Participants sent per page in snapshots and `participants:page`. */
export const PARTICIPANT_PAGE_SIZE = 500;

/**
 * Event budgets per principal — one phone, the facilitator's link, one big-screen link — shared
 * by all of its sockets, so opening more sockets buys no more: a token bucket refilled at
 * `perSecond` that holds at most `burst`. A phone's burst covers a full resync after a restart
 * (session and board snapshots plus three more pages of a 2,000-idea board).
 */
export const EVENT_BUDGETS = {
  participant: { perSecond: 10, burst: 40 },
  facilitator: { perSecond: 30, burst: 150 },
  screen: { perSecond: 40, burst: 400 },
  moderator: { perSecond: 30, burst: 150 },
} as const;
/**
 * Refusals for an empty budget a socket may collect (a bucket refilled at this rate, with this
 * burst) before it is closed: our clients back off after the first, so a socket that keeps
 * sending into an empty budget is a script, and refusing it event by event still costs CPU.
 */
export const RATE_LIMIT_STRIKES_PER_SECOND = 2;
export const RATE_LIMIT_STRIKES_BURST = 40;
/** What reads that present a page of the board, the roster or the results cost of a budget. */
export const HEAVY_READ_COST = 5;
/**
 * Sockets one principal may hold at once (a phone: two tabs and a reconnect overlapping). A
 * newer socket closes the oldest with `session:kicked` `too_many_connections`.
 */
export const SOCKETS_PER_PRINCIPAL = { participant: 3, facilitator: 12, screen: 24, moderator: 6 } as const;
/**
 * Disconnected sockets whose missed broadcasts are kept for recovery (about 6 KB each for the
 * recovery window); beyond it the oldest are forgotten and resync from a snapshot instead.
 */
export const RECOVERY_SESSIONS_MAX = 20_000;
/** Open TCP connections one client address may hold (a venue's NAT may hold a whole hall). */
export const CONNECTIONS_PER_IP_MAX = 1_500;
/** An HTTP request (headers and body) must arrive within this; slow bodies are cut off. */
export const HTTP_REQUEST_TIMEOUT_MS = 30_000;
export const HTTP_HEADERS_TIMEOUT_MS = 15_000;

/**
 * Joins per client IP per minute. A whole venue often shares one NAT address on the venue
 * Wi-Fi, so this is generous: it stops scripts, not a hall of 1,000 guests.
 */
export const JOINS_PER_IP_PER_MINUTE = 2_000;
export const SESSIONS_PER_IP_PER_HOUR = 120;
/**
 * Lookups of a join code that no session has, per client address per minute (HTTP and socket
 * handshakes together); beyond it the address gets `rate_limited` on every join-code lookup
 * until the minute is over. Guests who mistype a code miss a few times; a script walking the
 * 887 million codes misses thousands.
 */
export const CODE_MISSES_PER_IP_PER_MINUTE = 120;
/** ADMIN_TOKEN must be at least this long: with a wrong-token budget per IP, guessing stays out of reach. */
export const ADMIN_TOKEN_MIN_CHARS = 16;
/** Wrong admin tokens per client IP per 15 minutes, counted apart from the sessions budget. */
export const ADMIN_FAILURES_PER_IP = 20;
export const ADMIN_FAILURE_WINDOW_SECONDS = 15 * 60;

/**
 * Clients reconnect after a random 0 to 2 × RECONNECT_DELAY_MS (full jitter), doubling on each
 * failure up to RECONNECT_DELAY_MAX_MS: a thousand phones back after a restart arrive spread out.
 * The cap bounds how long the last phone waits once the server is back (the restart benchmark's
 * target is every phone whole within 5 s); while the server is down, a phone tries at most about
 * once per RECONNECT_DELAY_MAX_MS, which a refused TCP connection makes cheap.
 */
export const RECONNECT_DELAY_MS = 1_000;
export const RECONNECT_DELAY_MAX_MS = 3_000;

/** How long a socket may take to present its credentials before it is dropped. */
export const SOCKET_AUTH_TIMEOUT_MS = 10_000;

// ── Live idea board ────────────────────────────────────────────────────────────────────────

export const IDEA_TITLE_MAX_CHARS = 140;
export const IDEA_DETAIL_MAX_CHARS = 1_000;
/** Ideas one session may hold (all statuses); the big screen is built to stay smooth at 2,000. */
export const IDEAS_PER_SESSION_MAX = 10_000;
/** Ideas sent per `board:page`, newest first. */
export const IDEA_PAGE_SIZE = 500;
/**
 * Ideas in `board:snapshot`'s first page: the newest, which is what a phone's and a screen's
 * board shows first, so a phone joining a 2,000-idea board draws it at once and pages the rest.
 */
export const IDEA_FIRST_PAGE_SIZE = 100;

export const CATEGORIES_MAX = 12;
export const CATEGORY_NAME_MAX_CHARS = 30;
export const BANNED_WORDS_MAX = 200;
export const BANNED_WORD_MAX_CHARS = 40;
/** Words the facilitator may take out of the word cloud (`word:hide`), and their length. */
export const HIDDEN_WORDS_MAX = 200;
export const HIDDEN_WORD_MAX_CHARS = 40;
/** Words a word cloud holds, heaviest first. */
export const WORD_CLOUD_WORDS = 60;
export const CLUSTERS_MAX = 60;
export const CLUSTER_NAME_MAX_CHARS = 60;

export const VOTE_BUDGET_MAX = 50;
export const DEFAULT_VOTE_BUDGET = 5;
export const DEFAULT_MAX_VOTES_PER_IDEA = 3;

/** The emoji a participant may react with (one of each per idea). */
export const REACTIONS = ['👍', '❤️', '💡', '🎉', '🤔'] as const;

/** Longest phase countdown a facilitator may set. */
export const PHASE_TIMER_MAX_SECONDS = 4 * 60 * 60;

/** Ideas one participant may submit per minute (on top of the socket's event budget). */
export const IDEAS_PER_PARTICIPANT_PER_MINUTE = 12;

/**
 * Change-log entries kept per session (each change of an idea, tally, cluster, participant or the
 * session itself is one). A client further behind than this reloads the snapshots instead.
 */
export const CHANGE_LOG_KEPT = 20_000;
/**
 * Most changes a catch-up answers from the log; further behind, a snapshot costs about the same,
 * so the client is told to reload. Bounds what one `session:catchUp` reads.
 */
export const CATCH_UP_MAX_CHANGES = 5_000;
/** Most distinct ideas a catch-up sends; more, and a snapshot is as cheap (a phone reloads). */
export const CATCH_UP_MAX_IDEAS = 1_000;

/**
 * Board changes are broadcast at most this often per session: a lone change goes out at once,
 * a burst of votes shares one frame per interval instead of one frame per vote per phone.
 */
export const BOARD_BROADCAST_INTERVAL_MS = 25;

/**
 * Results (`results:get`) follow the board: a console or screen asks again when its board
 * changed, at most this often, and the server computes a session's results for an audience at
 * most this often however many ask (a later asker waits for the next computation, so what it
 * gets is never older than its request). A full pass costs about 180 ms at 2,000 ideas.
 */
export const RESULTS_REFRESH_MS = 1_000;

// ── Proposal co-authoring (Yjs) ─────────────────────────────────────────────────────────────

/** Largest single y-websocket message (sync update or awareness); bigger closes with 1009. */
export const YJS_MESSAGE_MAX_BYTES = 512 * 1024;
/** Largest encoded state of one proposal document (well below MongoDB's 16 MiB document cap). */
export const PROPOSAL_DOC_MAX_BYTES = 4 * 1024 * 1024;
/** Awareness (presence, carets) messages one connection may send: rate per second and burst. */
export const AWARENESS_UPDATES_PER_SECOND = 30;
export const AWARENESS_BURST = 60;
/** Largest awareness message (one client's presence and caret is a few hundred bytes); bigger closes with 4400. */
export const AWARENESS_MESSAGE_MAX_BYTES = 4 * 1024;
/**
 * Awareness client ids one connection may announce (its doc's, plus one if Yjs renews the
 * doc's client id). Entries for any other id, or another connection's, close with 4400.
 */
export const AWARENESS_CLIENT_IDS_PER_CONNECTION = 2;
/**
 * Sync requests (sync step 1, query-awareness) one connection may send: each makes the server
 * encode and send the whole document or presence, so they are budgeted on top of the message size.
 */
export const YJS_SYNC_REQUESTS_PER_SECOND = 2;
export const YJS_SYNC_REQUEST_BURST = 10;
/** Bytes queued for one /yjs socket (a reader that does not read) before it is closed with 1013. */
export const YJS_SEND_BUFFER_MAX_BYTES = 8 * 1024 * 1024;
/**
 * Messages one /yjs socket may send while its document loads (they wait for it), in count and
 * bytes; more closes it with 4529 load_queue_full and the provider reconnects. A provider sends
 * about three (sync step 1, awareness, maybe an edit); Hocuspocus caps its equivalent too.
 */
export const YJS_LOAD_QUEUE_MAX_MESSAGES = 100;
export const YJS_LOAD_QUEUE_MAX_BYTES = 1024 * 1024;
/** Connections one proposal document accepts at once (Outline caps at 100 too). */
export const PROPOSAL_CONNECTIONS_MAX = 100;
/** How long an upgraded /yjs socket may idle without a pong before it is dropped. */
export const YJS_PING_INTERVAL_MS = 30_000;

/**
 * XML nesting a proposal section may hold, in nodes from the section down: a list item's text
 * is 4 (bulletList → listItem → paragraph → text), and editors write 3–6. 64 keeps lists nested
 * 30 deep, and keeps everything that walks the tree once per level (export, restore, the editor's
 * own rendering) about 80× below the ~5,000 levels at which it overflowed the stack. Deeper
 * updates close with 4422 nesting_too_deep.
 */
export const PROPOSAL_NESTING_MAX = 64;
/**
 * Nesting of a JSON value in a node attribute or a text mark. TipTap's are flat (a number, a
 * string, a link's one object); 16 leaves room for richer extensions. Yjs encodes and decodes
 * these values recursively, and 5,000 levels (10 KB) overflowed the stack. Deeper closes with
 * 4422 nesting_too_deep.
 */
export const PROPOSAL_VALUE_DEPTH_MAX = 16;
export const PROPOSAL_TITLE_MAX_CHARS = 140;
export const PROPOSAL_SECTIONS_MAX = 12;
export const SECTION_HEADING_MAX_CHARS = 80;
export const PROPOSAL_SOURCE_IDEAS_MAX = 20;
export const PROPOSAL_MEMBERS_MAX = 200;
export const COMMENT_MAX_CHARS = 2_000;
export const COMMENT_QUOTE_MAX_CHARS = 500;
export const COMMENTS_PER_PROPOSAL_MAX = 2_000;
export const REPLIES_PER_COMMENT_MAX = 200;
export const VERSION_NAME_MAX_CHARS = 80;
/** Manual and restore versions one proposal may hold (automatic versions do not count). */
export const VERSIONS_PER_PROPOSAL_MAX = 500;

/**
 * Updates received are merged and written at most this often. Persistence window: an update the
 * server received more than this plus one store write before a `kill -9` is on disk.
 */
export const DOC_PERSIST_DEBOUNCE_MS = 50;
/** After this many stored updates the log is folded into the snapshot. */
export const DOC_COMPACT_AFTER_UPDATES = 500;
/** An automatic version is saved at most this often while a document changes. */
export const AUTO_VERSION_INTERVAL_MS = 10 * 60 * 1000;
/** Automatic versions kept per proposal: saving one more deletes the oldest automatic one. */
export const AUTO_VERSIONS_KEPT = 50;

// ── Join ceremony and venues ───────────────────────────────────────────────────────────────

export const VENUES_MAX = 12;
export const VENUE_NAME_MAX_CHARS = 40;
export const CEREMONY_MESSAGE_MAX_CHARS = 120;
/** The sphere shows at most this many faces (the newest are kept). */
export const CEREMONY_FACES_MAX = 5_000;
/** Client pacing of fly-ins: a burst of joins queues and drains, never one layout pass per join. */
export const CEREMONY_ARRIVALS_PER_SECOND = 12;

// ── Accounts and organisations (the platform) ──────────────────────────────────────────────

/**
 * Passwords, counted in graphemes (what a person sees as one character: an emoji, a 汉字).
 * 12 at least (NIST SP 800-63B asks for 8 with a second factor, 15 without; we have a lockout
 * and no second factor yet). The byte cap bounds what argon2 is handed, whatever the text.
 */
export const PASSWORD_MIN_GRAPHEMES = 12;
export const PASSWORD_MAX_GRAPHEMES = 128;
export const PASSWORD_MAX_BYTES = 1_024;
export const EMAIL_MAX_CHARS = 254;
export const ACCOUNT_NAME_MAX_CHARS = 80;
export const ORGANISATION_NAME_MAX_CHARS = 120;
/** Organisations on one platform, and members of one organisation (each list is read whole). */
export const ORGANISATIONS_MAX = 1_000;
export const ORGANISATION_MEMBERS_MAX = 2_000;
/** Invites not yet used, revoked or expired, on the whole platform. */
export const PENDING_INVITES_MAX = 2_000;
/** Accounts per page of the people list. */
export const ACCOUNT_PAGE_SIZE = 100;

/**
 * A signed-in browser's session ends after this long without a request (idle), and in any case
 * this long after sign-in (absolute); the OWASP session guidance, sized for staff who run a
 * day-long event from one laptop.
 */
export const ACCOUNT_SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const ACCOUNT_SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** A session's last-seen time is written at most this often (not once per request). */
export const ACCOUNT_SESSION_TOUCH_MS = 60 * 1000;

/** How long the links an admin passes on stay usable. */
export const SETUP_LINK_TTL_MS = 24 * 60 * 60 * 1000;
export const INVITE_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const RESET_LINK_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Sign-in failures in a row for one email before it is locked for LOGIN_LOCKOUT_SECONDS (the
 * same for an email no account has, so a lockout tells nobody whether the account exists); a
 * success clears the count.
 */
export const LOGIN_FAILURES_BEFORE_LOCKOUT = 5;
export const LOGIN_LOCKOUT_SECONDS = 15 * 60;
/** Sign-in attempts from one address per LOGIN_IP_WINDOW_SECONDS, whatever the email. */
export const LOGIN_ATTEMPTS_PER_IP = 50;
export const LOGIN_IP_WINDOW_SECONDS = 15 * 60;
/** Uses of setup, invite and reset links (and checks of them) per address per window. */
export const LINK_ATTEMPTS_PER_IP = 60;
export const LINK_ATTEMPTS_WINDOW_SECONDS = 15 * 60;

// ── Challenges (demand docking) ─────────────────────────────────────────────────────────────

/** A field of the platform's taxonomy: its name in each language, and how many fields there may be. */
export const FIELD_NAME_MAX_CHARS = 60;
export const FIELDS_MAX = 200;
/** A challenge's title, its problem statement (Markdown), and each of its other texts. */
export const CHALLENGE_TITLE_MAX_CHARS = 160;
export const CHALLENGE_PROBLEM_MAX_CHARS = 20_000;
export const CHALLENGE_SECTION_MAX_CHARS = 5_000;
export const CHALLENGE_REWARD_MAX_CHARS = 1_000;
/** Fields one challenge is filed under. */
export const CHALLENGE_FIELDS_MAX = 5;
/** Organisations one private challenge may invite. */
export const CHALLENGE_INVITED_ORGS_MAX = 50;
/** Evaluation criteria of one challenge; their integer weights add up to exactly 100. */
export const CHALLENGE_CRITERIA_MAX = 10;
export const CRITERION_NAME_MAX_CHARS = 80;
export const CRITERIA_WEIGHT_TOTAL = 100;
/** A challenge body (a long problem statement in Markdown and its sections) may exceed the usual JSON limit. */
export const CHALLENGE_BODY_MAX_BYTES = 160 * 1024;
/** The catalogue: challenges per page by default and at most, and the text filter's length. */
export const CHALLENGE_PAGE_SIZE = 20;
export const CHALLENGE_PAGE_SIZE_MAX = 50;
export const CHALLENGE_QUERY_MAX_CHARS = 100;
/** How far the catalogue pages at most (deeper pages need the search engine's cursor, later). */
export const CHALLENGE_OFFSET_MAX = 10_000;
/** "Closing soon" in the catalogue's deadline filter. */
export const CHALLENGE_CLOSING_SOON_MS = 7 * 24 * 60 * 60 * 1000;

// ── Challenge Q&A ────────────────────────────────────────────────────────────────────────────
/** A question on a challenge, and the owner's answer to it. */
export const QUESTION_MAX_CHARS = 1_000;
export const ANSWER_MAX_CHARS = 4_000;
/** Questions one account may ask in QUESTION_WINDOW_MS, over every challenge. */
export const QUESTIONS_PER_ACCOUNT_PER_HOUR = 10;
export const QUESTION_WINDOW_MS = 60 * 60 * 1000;
/** Questions one challenge takes in all (its page lists them on one read). */
export const QUESTIONS_PER_CHALLENGE_MAX = 500;

// ── Audience Q&A ────────────────────────────────────────────────────────────────────────────

/** A question's text, in grapheme clusters (as a tweet: a question, not an essay). */
export const QUESTION_TEXT_MAX_CHARS = 280;
/**
 * Questions a session may hold (every track, every status). A Q&A snapshot sends every live one
 * at once (no pages): 2,000 questions of 280 characters stay well under a megabyte.
 */
export const QUESTIONS_PER_SESSION_MAX = 2_000;
/** Questions one participant may ask per minute (on top of the socket's event budget). */
export const QUESTIONS_PER_PARTICIPANT_PER_MINUTE = 5;
/** Q&A tracks per session besides the main one (one per venue or talk). */
export const QA_TRACKS_MAX = 24;
export const QA_TRACK_NAME_MAX_CHARS = 60;
/** Most distinct questions a Q&A catch-up sends; more, and the phone reloads the snapshot. */
export const QA_CATCH_UP_MAX_QUESTIONS = 1_000;
