import { describe, expect, it } from 'vitest';
import { SEARCH_PAGE_MAX, SEARCH_QUERY_MAX_CHARS } from './searchLimits.js';
import { searchRequestSchema } from './searchSchemas.js';

describe('search request schema', () => {
  it('cuts a long query instead of refusing it, and fills in the page', () => {
    const parsed = searchRequestSchema.parse({ query: '材'.repeat(SEARCH_QUERY_MAX_CHARS * 2) });
    expect(parsed.query).toHaveLength(SEARCH_QUERY_MAX_CHARS);
    expect(parsed).toMatchObject({ limit: 20, offset: 0 });
  });

  it('refuses pages past the caps, unknown kinds and unknown keys', () => {
    expect(searchRequestSchema.safeParse({ query: 'x', limit: SEARCH_PAGE_MAX + 1 }).success).toBe(false);
    expect(searchRequestSchema.safeParse({ query: 'x', kinds: ['organisation'] }).success).toBe(false);
    expect(searchRequestSchema.safeParse({ query: 'x', viewer: { organisationIds: ['acme'] } }).success).toBe(false);
  });
});
