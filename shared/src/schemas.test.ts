import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { boardSettingsPatchSchema, clusterCreateSchema, clusterRenameSchema, ideaEditSchema, ideaSubmitSchema } from './boardSchemas.js';
import { venueAddSchema, venueRenameSchema } from './ceremonySchemas.js';
import { commentReplyBodySchema, createProposalBodySchema, joinProposalBodySchema, versionCreateBodySchema } from './proposalSchemas.js';
import { PROTOCOL_VERSION } from './limits.js';
import {
  createSessionBodySchema,
  displayNameSchema,
  issuesToFields,
  reasonOfIssues,
  sessionUpdateRequestSchema,
  socketAuthSchema,
} from './schemas.js';

describe('display names', () => {
  it('trim, collapse spaces and normalise to NFC', () => {
    expect(displayNameSchema.parse('  Ann \t  Lee ')).toBe('Ann Lee');
    expect(displayNameSchema.parse('Cafe\u0301')).toBe('Café');
  });

  it('strip control characters and bidi overrides', () => {
    expect(displayNameSchema.parse('Ann\u202Egnp.exe')).toBe('Anngnp.exe');
    expect(displayNameSchema.parse('A\u0000B\u0007')).toBe('AB');
  });

  it('count characters, not UTF-16 units', () => {
    expect(displayNameSchema.safeParse('😀'.repeat(40)).success).toBe(true);
    expect(displayNameSchema.safeParse('😀'.repeat(41)).success).toBe(false);
  });

  it('refuse names that are empty after cleaning', () => {
    expect(displayNameSchema.safeParse(' \u200E ').success).toBe(false);
  });

  it('refuse invisible and over-long names with a reason of their own', () => {
    const invisible = displayNameSchema.safeParse('\u200b\u3164\u2800');
    expect(invisible.success).toBe(false);
    if (!invisible.success) expect(reasonOfIssues(invisible.error)).toBe('text_blank');
    const long = displayNameSchema.safeParse('👩‍💻'.repeat(41));
    expect(long.success).toBe(false);
    if (!long.success) expect(reasonOfIssues(long.error)).toBe('text_too_long');
  });
});

describe('every name and title field', () => {
  const blank = '\u200b\u200d\ufe0f';
  it.each([
    ['session title', createSessionBodySchema, { title: blank }],
    ['venue name at creation', createSessionBodySchema, { title: 'T', venues: [blank] }],
    ['session update', sessionUpdateRequestSchema, { title: blank }],
    ['idea title', ideaSubmitSchema, { clientId: 'client-0001', title: blank }],
    ['idea edit', ideaEditSchema, { ideaId: 'idea-00001', title: blank }],
    ['theme', boardSettingsPatchSchema, { categories: [blank] }],
    ['banned word', boardSettingsPatchSchema, { bannedWords: [blank] }],
    ['section heading', boardSettingsPatchSchema, { proposalTemplate: [{ key: 'why', heading: blank }] }],
    ['cluster name', clusterCreateSchema, { name: blank }],
    ['cluster rename', clusterRenameSchema, { clusterId: 'cluster-001', name: blank }],
    ['venue added', venueAddSchema, { name: blank }],
    ['venue renamed', venueRenameSchema, { venueId: 'venue-0001', name: blank }],
    ['proposal title', createProposalBodySchema, { ideaIds: ['idea-00001'], title: blank }],
    ['proposal member name', joinProposalBodySchema, { invite: 'a'.repeat(43), name: blank }],
    ['version name', versionCreateBodySchema, { name: blank }],
    ['comment', commentReplyBodySchema, { body: blank }],
  ] as const)('refuses an invisible %s with text_blank', (_name, schema, payload) => {
    const parsed = (schema as z.ZodType).safeParse(payload);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(reasonOfIssues(parsed.error)).toBe('text_blank');
  });

  it('keep an idea detail with nothing visible in it as no detail', () => {
    expect(ideaSubmitSchema.parse({ clientId: 'client-0001', title: 'Idea', detail: '\u200b\n\u3164' }).detail).toBe('');
  });
});

describe('session bodies', () => {
  it('default description and language', () => {
    expect(createSessionBodySchema.parse({ title: 'T' })).toEqual({ title: 'T', description: '', language: 'zh' });
  });

  it('keep line breaks in descriptions', () => {
    expect(createSessionBodySchema.parse({ title: 'T', description: 'a\r\nb' }).description).toBe('a\nb');
  });

  it('report problems per field', () => {
    const result = createSessionBodySchema.safeParse({ title: '', language: 'fr', x: 1 });
    expect(result.success).toBe(false);
    if (!result.success) expect(Object.keys(issuesToFields(result.error)).sort()).toEqual(['(root)', 'language', 'title']);
  });

  it('refuse an empty update', () => {
    expect(sessionUpdateRequestSchema.safeParse({}).success).toBe(false);
    expect(sessionUpdateRequestSchema.safeParse({ language: 'en' }).success).toBe(true);
  });
});

describe('socket handshake', () => {
  const valid = { protocolVersion: PROTOCOL_VERSION, role: 'participant', code: 'k7m2qx', token: 'a'.repeat(43) };

  it('accepts a well-formed handshake and normalises the code', () => {
    expect(socketAuthSchema.parse(valid).code).toBe('K7M2QX');
  });

  it("accepts socket.io-client's recovery fields (pid, offset)", () => {
    expect(socketAuthSchema.safeParse({ ...valid, pid: 'a1b2', offset: '1700000000000-0' }).success).toBe(true);
  });

  it.each([
    ['role', { ...valid, role: 'admin' }],
    ['token', { ...valid, token: 'has spaces in it, not base64url' }],
    ['protocolVersion', { ...valid, protocolVersion: PROTOCOL_VERSION + 1 }],
    ['code', { ...valid, code: 'nope' }],
  ])('refuses a bad %s', (_field, auth) => {
    expect(socketAuthSchema.safeParse(auth).success).toBe(false);
  });

  it('takes a join for a participant with a token of 43 base64url characters, and cleans its name', () => {
    const join = { ...valid, token: 'A_-9'.repeat(10) + 'abc', join: { name: '  Ann  ', venueId: 'abcDEF123_-x' } };
    expect(socketAuthSchema.parse(join).join).toEqual({ name: 'Ann', venueId: 'abcDEF123_-x' });
    expect(socketAuthSchema.safeParse({ ...join, role: 'facilitator' }).success).toBe(false);
    expect(socketAuthSchema.safeParse({ ...join, token: 'a'.repeat(42) }).success).toBe(false);
    expect(socketAuthSchema.safeParse({ ...join, join: { name: '\u200b' } }).success).toBe(false);
    expect(socketAuthSchema.safeParse({ ...join, join: { name: 'Ann', admin: true } }).success).toBe(false);
  });
});
