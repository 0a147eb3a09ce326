/**
 * Limits of search and matching, defined once: the server enforces them, a client may use them
 * for its form hints. They bound what one request can cost, whatever the index holds.
 */

/** Characters of a search query kept; the rest is cut before it is tokenized. */
export const SEARCH_QUERY_MAX_CHARS = 200;
/** Query terms kept after tokenizing (each one costs a walk of the index, fuzzy ones more). */
export const SEARCH_QUERY_MAX_TERMS = 16;
/** Hits one search page may return. */
export const SEARCH_PAGE_MAX = 50;
/** Hits a client may page through: beyond this a query should be narrowed, not paged. */
export const SEARCH_OFFSET_MAX = 500;
/** Taxonomy fields one search may filter by. */
export const SEARCH_FILTER_FIELDS_MAX = 20;
/** Ranked candidates one matching returns. */
export const MATCH_RESULTS_MAX = 50;
