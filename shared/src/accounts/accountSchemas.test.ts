import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_GRAPHEMES, PASSWORD_MIN_GRAPHEMES } from '../limits.js';
import { utf8Length } from './accountModel.js';
import { graphemeCount } from '../text.js';
import { createInviteBodySchema, createOrganisationBodySchema, emailSchema, newPasswordSchema } from './accountSchemas.js';

describe('account schemas', () => {
  it('counts password length in graphemes: an emoji family or a 汉字 is one', () => {
    expect(graphemeCount('👨‍👩‍👧‍👦')).toBe(1);
    expect(graphemeCount('密码')).toBe(2);
    expect(newPasswordSchema.safeParse('密'.repeat(PASSWORD_MIN_GRAPHEMES)).success).toBe(true);
    expect(newPasswordSchema.safeParse('密'.repeat(PASSWORD_MIN_GRAPHEMES - 1)).success).toBe(false);
    expect(newPasswordSchema.safeParse('👨‍👩‍👧‍👦'.repeat(PASSWORD_MIN_GRAPHEMES - 1) + 'a').success).toBe(true);
    expect(newPasswordSchema.safeParse('a'.repeat(PASSWORD_MAX_GRAPHEMES + 1)).success).toBe(false);
    // Few graphemes, many bytes: refused by the byte bound before anything is hashed.
    expect(newPasswordSchema.safeParse('👨‍👩‍👧‍👦'.repeat(60)).success).toBe(false);
  });

  it('keeps spaces in passwords and normalises them to NFC', () => {
    const parsed = newPasswordSchema.parse('  cafe\u0301 au lait  ');
    expect(parsed).toBe('  café au lait  ');
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('👍')).toBe(4);
  });

  it('normalises emails to lower case and refuses what is not one', () => {
    expect(emailSchema.parse('  Wang.Fang@Tongji.EDU.cn ')).toBe('wang.fang@tongji.edu.cn');
    expect(emailSchema.safeParse('not-an-email').success).toBe(false);
    expect(emailSchema.safeParse('a@b').success).toBe(false);
  });

  it('gives an invite into an organisation the member role unless told, and none without one', () => {
    expect(createInviteBodySchema.parse({ email: 'a@b.cn', organisationId: '0000000000abcdefgh' })).toMatchObject({ orgRole: 'member', platformRole: 'user' });
    expect(createInviteBodySchema.parse({ email: 'a@b.cn', orgRole: 'org_admin' })).toMatchObject({ organisationId: null, orgRole: null });
  });

  it('needs a parent for a business unit and refuses one for any other kind', () => {
    expect(createOrganisationBodySchema.safeParse({ name: 'BU', kind: 'business_unit' }).success).toBe(false);
    expect(createOrganisationBodySchema.safeParse({ name: 'BU', kind: 'business_unit', parentId: '0000000000abcdefgh' }).success).toBe(true);
    expect(createOrganisationBodySchema.safeParse({ name: 'Co', kind: 'company', parentId: '0000000000abcdefgh' }).success).toBe(false);
  });
});
