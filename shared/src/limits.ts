/**
 * Every size and rate limit of IdeaSphere, defined once and used by both the server (to
 * enforce) and the client (to guide the user before the server has to refuse).
 */

/** Bumped when a change to the socket protocol is not backwards compatible. */
export const PROTOCOL_VERSION = 1;

/** Join codes: six characters from an alphabet without look-alikes (no 0/O, 1/I/L). */
export const JOIN_CODE_LENGTH = 6;
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export const SESSION_TITLE_MAX_CHARS = 120;
export const SESSION_DESCRIPTION_MAX_CHARS = 2_000;
export const DISPLAY_NAME_MAX_CHARS = 40;

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

/** Per-socket event budget: a token bucket refilled at this rate with this burst. */
export const SOCKET_EVENTS_PER_SECOND = 10;
export const SOCKET_EVENT_BURST = 30;

/**
 * Joins per client IP per minute. A whole venue often shares one NAT address on the venue
 * Wi-Fi, so this is generous: it stops scripts, not a hall of 1,000 guests.
 */
export const JOINS_PER_IP_PER_MINUTE = 2_000;
export const SESSIONS_PER_IP_PER_HOUR = 120;

/** How long a socket may take to present its credentials before it is dropped. */
export const SOCKET_AUTH_TIMEOUT_MS = 10_000;
